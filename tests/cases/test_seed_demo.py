from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.calendar import next_deadline
from cases.models import Campaign, Case, Embassy, ImpactFigure, SuccessStory
from marathon.tally.models import PastResult

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_the_2021_content_open_today_and_is_safe_to_run_twice(settings):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)

    campaign = Campaign.objects.get()
    today = timezone.localdate()
    # Placed in the coming season: a newcomer can do everything today.
    assert campaign.is_current and campaign.letters_deadline == next_deadline(today)
    assert campaign.year == campaign.letters_deadline.year - 1
    state = campaign.state
    assert state.kit_ordering_open and state.petitions_open and state.letters_welcome
    cases = Case.objects.published().filter(campaign=campaign)
    assert cases.count() == 10
    names = set(cases.values_list("person_name", flat=True))
    assert {"Bernardo Caal Xol", "Zhang Zhan", "Mikita Zalatarou", "Wendy Galarza"} <= names
    assert SuccessStory.objects.count() == 3
    assert ImpactFigure.objects.count() == 3
    # No photo in the demo: each person is drawn by the site, and labelled as drawn.
    assert all(case.portrait_is_drawn and "illustration" in case.portrait_alt for case in cases)
    # One drawing per case, not one per run.
    assert len(list((settings.MEDIA_ROOT / "cases" / "drawn").iterdir())) == 10


def test_with_seed_dates_the_demo_keeps_the_seeds_own_calendar(db):
    call_command("seed_demo", "--seed-dates", verbosity=0)

    campaign = Campaign.objects.get(is_current=True)
    assert (campaign.year, campaign.letters_deadline) == (2021, datetime.date(2022, 1, 11))
    assert campaign.kit_ordering_closes_on == datetime.date(2021, 12, 20)


def test_the_demo_loads_2020_as_one_combined_figure_on_the_results_page(client, db):
    call_command("seed_demo", verbosity=0)

    past = PastResult.objects.get(year=2020)
    assert (past.letters, past.signatures, past.combined) == (None, None, 240_000)
    html = client.get("/fr/resultats/").content.decode()
    assert "240" in html and "lettres et signatures au total" in html


def test_demo_addresses_are_marked_as_demo_data(db):
    call_command("seed_demo", verbosity=0)
    assert all("DÉMO" in embassy.address for embassy in Embassy.objects.all())
    assert all("DÉMO" in case.authority.postal_address for case in Case.objects.select_related("authority"))


def test_the_demo_sends_every_cases_letters_to_an_embassy_named_in_french(db):
    from marathon.tally.handover import countries_without_embassy

    call_command("seed_demo", verbosity=0)
    campaign = Campaign.objects.get(is_current=True)

    assert Case.objects.get(slug="janna-jihad").handover_country == "IL"
    assert countries_without_embassy(campaign=campaign) == []
    assert {case.place for case in Case.objects.filter(campaign=campaign)} >= {"Bélarus", "Guatemala"}


def test_each_demo_petition_says_what_its_signers_demand_of_whom(db):
    from petitions.models import Petition

    call_command("seed_demo", verbosity=0)

    for petition in Petition.objects.select_related("case__authority"):
        assert petition.text != petition.case.ask  # not the call to supporters
        assert petition.text.startswith("Monsieur le ") and "nous vous demandons" in petition.text
        assert petition.case.authority.name.split(" ")[0] in petition.text
