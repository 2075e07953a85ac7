from __future__ import annotations

import pytest
from django.core.management import call_command

from cases.models import Campaign, Case, Embassy, ImpactFigure, SuccessStory

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_the_2021_campaign_and_is_safe_to_run_twice(settings):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)

    campaign = Campaign.objects.get()
    assert campaign.year == 2021 and campaign.is_current
    cases = Case.objects.published().filter(campaign=campaign)
    assert cases.count() == 10
    names = set(cases.values_list("person_name", flat=True))
    assert {"Bernardo Caal Xol", "Zhang Zhan", "Mikita Zalatarou", "Wendy Galarza"} <= names
    assert SuccessStory.objects.count() == 3
    assert ImpactFigure.objects.count() == 3
    assert all(case.photo and case.photo_alt for case in cases)
    # One portrait file per case, not one per run.
    assert len(list((settings.MEDIA_ROOT / "cases").iterdir())) == 10


def test_demo_addresses_are_marked_as_demo_data(db):
    call_command("seed_demo", verbosity=0)
    assert all("DÉMO" in embassy.address for embassy in Embassy.objects.all())
    assert all("DÉMO" in case.authority.postal_address for case in Case.objects.select_related("authority"))
