# French as written in Belgium (short dates 04.12.2026).
from django.conf.locale.fr_BE.formats import *  # noqa: F403
