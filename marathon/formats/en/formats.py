# English for Brussels' residents: day before month, 24-hour clock, as in Europe.
from django.conf.locale.en_GB.formats import *  # noqa: F403
