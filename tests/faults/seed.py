"""The campaign the fault tests use, made in the throwaway database by `manage.py shell`."""

from __future__ import annotations

import datetime
import json

from django.utils import timezone

from petitions.services import petition_ensure
from tests.factories import make_campaign, make_case


def seed() -> None:
    today = timezone.localdate()
    campaign = make_campaign(year=today.year, letters_deadline=today + datetime.timedelta(days=60))
    cases = [make_case(campaign=campaign, slug=f"cas-{n}", person_name=f"Cas {n}") for n in range(3)]
    petitions = [petition_ensure(case=case).pk for case in cases]
    print(json.dumps({"campaign": campaign.pk, "cases": [c.slug for c in cases], "petitions": petitions}))
