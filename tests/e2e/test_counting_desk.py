from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.factories import make_campaign, make_case
from tests.tally.conftest import PASSWORD, make_batch, make_counter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desk_setup():
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    campaign = make_campaign(year=today.year, letters_deadline=today + datetime.timedelta(days=30))
    cases = [
        make_case(campaign=campaign, person_name=name, slug=slug)
        for name, slug in [
            ("Zhang Zhan", "zhang-zhan"),
            ("Bernardo Caal Xol", "bernardo-caal-xol"),
            ("Idris Khattak", "idris-khattak"),
        ]
    ]
    return campaign, cases, make_counter()


def log_in_with_the_keyboard(page, username: str) -> None:
    page.goto("/fr/comptage/")
    # The desk's own sign-in page: the volunteer has no staff account.
    page.wait_for_url("**/fr/comptage/connexion/?next=/fr/comptage/")
    wait_for_focus(page)
    page.keyboard.type(username)  # the login page puts the cursor in the user name
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    save_with_enter(page)
    assert page.url.endswith("/fr/comptage/")


def focused_name(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('name') || document.activeElement.textContent")


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def save_with_enter(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    wait_for_focus(page)


def wait_for_focus(page) -> None:
    # Chromium applies autofocus in a rendering step after the page loads: on a busy
    # machine, keys typed before it land nowhere.
    page.wait_for_function("document.activeElement && document.activeElement !== document.body")


def test_a_volunteer_records_three_envelopes_with_the_keyboard_undoes_one_and_sees_the_totals(
    page, desk_setup
):
    _campaign, (zhang, bernardo, _idris), _counter = desk_setup
    log_in_with_the_keyboard(page, "benevole")
    assert focused_name(page) == f"n_{zhang.pk}_letter"

    # 1: twelve letters and three cards for Zhang Zhan.
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    save_with_enter(page)
    assert focused_name(page) == f"n_{zhang.pk}_letter"

    # 2: forty letters for Bernardo Caal Xol, three fields further.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert focused_name(page) == f"n_{bernardo.pk}_letter"
    page.keyboard.type("40")
    save_with_enter(page)

    # 3: five letters for Zhang Zhan, then undone: the undo button is just before the first field.
    page.keyboard.type("5")
    save_with_enter(page)
    assert page.get_by_text("Votre dernière enveloppe").is_visible()
    page.keyboard.press("Shift+Tab")
    assert focused_name(page).strip().startswith("Annuler l’enveloppe n°")
    save_with_enter(page)

    assert page.get_by_role("status").filter(has_text="a été annulé").is_visible()
    assert focused_name(page) == f"n_{zhang.pk}_letter"
    totals = page.locator("#campaign-totals")
    assert totals.locator("tr", has_text="Zhang Zhan").inner_text().split("\t")[1:] == ["12", "3", "0"]
    assert totals.locator("tr", has_text="Bernardo Caal Xol").inner_text().split("\t")[1:] == ["40", "0", "0"]
    assert totals.locator("tfoot tr").inner_text().split("\t")[1:] == ["52", "3", "0"]
    assert " ".join(page.locator(".my-day li").first.inner_text().split()) == "2 enveloppes"
    assert fits_the_screen(page)
    screenshot(page, "tally-desk-phone")

    # The volunteer (no staff account: tests/tally/conftest.make_counter) signs out.
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/fr/comptage/connexion/")
    assert page.get_by_role("heading", level=1).inner_text() == "Poste de comptage"


def test_the_desk_on_a_laptop_shows_a_bad_number_next_to_its_field(desktop_page, desk_setup):
    campaign, (zhang, bernardo, _idris), counter = desk_setup
    make_batch(campaign=campaign, recorded_by=counter, counts={(zhang, "letter"): 120, (bernardo, "card"): 7})
    page = desktop_page
    log_in_with_the_keyboard(page, "benevole")
    screenshot(page, "tally-desk-laptop")

    page.keyboard.type("-4")
    save_with_enter(page)

    field = page.locator(f"[name=n_{zhang.pk}_letter]")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.get_by_text("Un nombre ne peut pas être négatif.").is_visible()
    assert focused_name(page) == f"n_{zhang.pk}_letter"
    screenshot(page, "tally-desk-laptop-error")


def test_a_visitor_on_a_phone_sees_the_results(page, desk_setup):
    from marathon.tally.models import PastResult

    campaign, (zhang, bernardo, _idris), counter = desk_setup
    make_batch(campaign=campaign, recorded_by=counter, counts={(zhang, "letter"): 1520, (zhang, "card"): 310})
    make_batch(
        campaign=campaign,
        recorded_by=counter,
        counts={(bernardo, "letter"): 980, (bernardo, "signature"): 75},
    )
    PastResult.objects.create(
        year=campaign.year - 1, letters=243_512, signatures=51_200, note="Dix cas, 41 écoles"
    )

    page.goto("/fr/")
    assert page.get_by_text("lettres, cartes et signatures déjà reçues et comptées").is_visible()
    screenshot(page, "tally-home-live-total")
    page.get_by_role("link", name="Voir les résultats").click()
    page.wait_for_url("**/fr/resultats/")

    assert page.get_by_role("heading", level=1).inner_text() == "Vos lettres, comptées"
    assert page.locator(".results-total-value").inner_text() == "2\u202f885".replace("\u202f", "\xa0")
    assert page.get_by_role("row", name="Zhang Zhan").is_visible()
    assert page.get_by_text("243\xa0512").is_visible()
    assert fits_the_screen(page)
    screenshot(page, "tally-results-phone")
