"""An organiser on a phone registers a public marathon others can join, finds it on the
marathons page under its province, adds it to a calendar, reports the figures after the
day and sees them on the results page (issue 19's done-means)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar

from kits import links
from kits.models import KitOrder
from marathon.tally.services import results_refresh
from tests.e2e.conftest import screenshot
from tests.e2e.test_kit_order import field, fill_individual_order, kit_campaign  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_organiser_registers_a_public_marathon_people_find_join_and_whose_figures_count(
    page,
    kit_campaign,  # noqa: F811
):
    page.goto("/fr/kit/commander/")
    page.get_by_label("Une association ou un groupe").check()
    page.get_by_label("Nom de l’école ou de l’organisation").fill("Groupe Amnesty de Namur")
    fill_individual_order(page, **{"Code postal": "5000", "Localité": "Namur"})
    day = timezone.localdate() + datetime.timedelta(days=9)
    page.locator("summary", has_text="Vous organisez un marathon des lettres").click()
    page.get_by_label("Date de votre marathon").fill(day.isoformat())
    page.get_by_label("L’annoncer sur notre page des prochains marathons", exact=False).check()
    page.locator("summary", has_text="Vous voulez que d’autres vous rejoignent").click()
    page.get_by_label("Lieu (facultatif)", exact=True).fill("Maison de la culture")
    page.get_by_label("Début (facultatif)").fill("14:00")
    page.get_by_label("Fin (facultatif)").fill("17:00")
    page.get_by_label("Un contact pour qui veut vous rejoindre (facultatif)").fill("namur@groupe.example.be")
    page.get_by_label("Publier aussi le lieu", exact=False).check()
    page.get_by_label("J’accepte que mes coordonnées", exact=False).check()
    page.get_by_role("button", name="Je commande gratuitement mon kit").click()
    page.get_by_test_id("reference").wait_for()

    # Someone else finds it from the menu, under Namur, and adds it to their calendar.
    page.goto("/fr/")
    page.locator("summary", has_text="Menu").click()  # the phone menu (details and summary)
    page.get_by_role("link", name="Marathons près de chez vous").first.click()
    page.wait_for_url("**/fr/kit/marathons/")
    page.locator('a[href="#province-WNA"]').click()
    section = page.locator("#province-WNA")
    assert "Maison de la culture" in section.inner_text() and "14:00–17:00" in section.inner_text()
    screenshot(page, "marathons-with-map")
    with page.expect_download() as download:
        section.get_by_role("link", name="Ajouter à mon agenda").click()
    event = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart").hour == 14 and "Maison de la culture" in str(event["location"])

    # After the day, the organiser reports through their link; the figures show on the results.
    marathon = KitOrder.objects.get().marathon
    marathon.date = timezone.localdate() - datetime.timedelta(days=1)
    marathon.save()
    page.goto(f"/fr/kit/marathons/bilan/{links.marathon_report_token(marathon)}/")
    field(page, "Combien de personnes ont participé ?").fill("18")
    page.get_by_label("Lettres — Zhang Zhan").fill("25")
    page.get_by_role("button", name="Envoyer nos chiffres").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Merci pour vos chiffres"

    results_refresh()
    page.goto("/fr/resultats/")
    reported = page.locator('section[aria-labelledby="reported-title"]')
    assert "1 marathon organisé" in reported.inner_text() and "25" in reported.inner_text()
    screenshot(page, "results-reported")
