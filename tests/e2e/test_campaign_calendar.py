"""A supporter on a phone after kit ordering closed and after the petitions closed: each
closed thing says so and why, with no form, and says what one can still do (issue 17)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from petitions.services import petition_ensure
from tests.e2e.conftest import screenshot
from tests.factories import make_campaign, make_case

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.timedelta(days=1)


def campaign_with(deadline_in_days: int, kits_closed_days_ago: int):
    today = timezone.localdate()
    deadline = today + deadline_in_days * DAY
    campaign = make_campaign(
        year=today.year,
        letters_deadline=deadline,
        petitions_close_on=deadline,
        kit_ordering_opens_on=today - 60 * DAY,
        kit_ordering_closes_on=today - kits_closed_days_ago * DAY,
    )
    case = make_case(campaign=campaign, person_name="Zhang Zhan", slug="zhang-zhan")
    petition_ensure(case=case)
    return campaign


def test_after_kit_ordering_closed_a_supporter_is_told_to_print_and_write(page):
    campaign_with(deadline_in_days=10, kits_closed_days_ago=2)

    page.goto("/fr/")
    assert page.get_by_text("Il est encore temps d’imprimer le kit").is_visible()
    assert page.get_by_role("link", name="Je commande gratuitement mon kit").count() == 0
    screenshot(page, "calendar-home-kits-closed")
    page.get_by_role("link", name="Imprimer le kit moi-même").first.click()
    page.wait_for_url("**/fr/kit/imprimer/")

    page.goto("/fr/kit/commander/")
    assert page.get_by_role("heading", level=1).inner_text() == "La commande de kits est fermée"
    assert page.locator("form#kit-order-form").count() == 0
    screenshot(page, "calendar-kit-order-closed")


def test_after_the_petitions_closed_a_supporter_sees_the_counts_and_the_results(page):
    campaign_with(deadline_in_days=-3, kits_closed_days_ago=20)

    page.goto("/fr/")
    assert page.get_by_text("Nous comptons vos lettres et vos signatures").is_visible()
    assert page.get_by_role("link", name="Je signe les 10 pétitions").count() == 0
    screenshot(page, "calendar-home-counting")

    page.get_by_role("link", name="Zhang Zhan").first.click()
    page.wait_for_url("**/fr/cas/zhang-zhan/")
    closed = page.locator(".petition-box .closed-note")
    assert "clôturées le" in closed.inner_text()
    assert page.locator(".petition-box form").count() == 0
    screenshot(page, "calendar-case-petition-closed")

    page.goto("/fr/")
    page.get_by_role("link", name="Voir les résultats").first.click()
    page.wait_for_url("**/fr/resultats/")


def test_while_open_home_shows_the_goals_and_a_thanks_page_offers_to_go_further(page):
    campaign = campaign_with(deadline_in_days=30, kits_closed_days_ago=-20)
    campaign.signatures_goal, campaign.letters_goal = 150_000, 100_000
    campaign.membership_url = campaign.donation_url = "https://www.example.org/"
    campaign.save()

    page.goto("/fr/")
    assert page.get_by_text("Plus que 30 jours").is_visible()
    assert page.locator(".goals progress").count() == 2
    screenshot(page, "calendar-home-open-goals")

    page.goto("/fr/petitions/merci/")
    assert page.get_by_role("link", name="Devenir membre").first.is_visible()
    screenshot(page, "after-acting-thanks")
