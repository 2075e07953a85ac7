from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_campaign, make_case


@pytest.fixture
def campaign(db):
    # Marathon dates must fall between today and the letters deadline.
    return make_campaign(letters_deadline=timezone.localdate() + datetime.timedelta(days=45))


@pytest.fixture
def cases(campaign):
    return [make_case(campaign=campaign, person_name=f"Cas {n}", slug=f"cas-{n}") for n in range(10)]
