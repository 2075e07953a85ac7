from __future__ import annotations

import pytest

from petitions.services import petition_ensure
from tests.e2e.conftest import admin_login, screenshot
from tests.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_change_a_headline_in_the_admin_and_the_public_page_shows_it(page, campaign, django_user_model):
    django_user_model.objects.create_superuser(
        "editrice", "editrice@example.org", "un-mot-de-passe-solide-42"
    )
    case = make_case(campaign=campaign, person_name="Wendy Galarza", headline="Attaquée pour ses droits.")

    admin_login(page, "editrice", "un-mot-de-passe-solide-42")

    page.goto(f"/admin/cases/case/{case.pk}/change/")
    page.get_by_label("Accroche [fr]").fill("Blessée par balles pour avoir défendu les droits des femmes.")
    screenshot(page, "admin-case-change")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_url("**/admin/cases/case/")

    page.goto(case.get_absolute_url())
    assert (
        page.locator(".case-headline").inner_text()
        == "Blessée par balles pour avoir défendu les droits des femmes."
    )


def test_staff_write_the_dutch_headline_and_the_dutch_page_shows_it_at_once(
    page, campaign, django_user_model, settings
):
    # Pages come from the page cache, as in production: the edit must reach the Dutch one.
    settings.PAGE_CACHE_SECONDS = 60
    django_user_model.objects.create_superuser(
        "editrice", "editrice@example.org", "un-mot-de-passe-solide-42"
    )
    case = make_case(campaign=campaign, person_name="Wendy Galarza", headline="Attaquée pour ses droits.")
    petition_ensure(case=case)
    dutch_page = f"/nl/cas/{case.slug}/"
    page.goto(dutch_page)
    assert page.locator(".case-headline").inner_text() == "Attaquée pour ses droits."  # no Dutch yet

    admin_login(page, "editrice", "un-mot-de-passe-solide-42")
    page.goto(f"/admin/cases/case/{case.pk}/change/")
    assert "NL:" in page.locator(".field-translations_missing").inner_text()
    page.get_by_label("Accroche [nl]").fill("Beschoten omdat ze opkwam voor vrouwenrechten.")
    screenshot(page, "admin-case-change-dutch")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_url("**/admin/cases/case/")

    page.context.clear_cookies()  # a visitor, served from the page cache
    page.goto(dutch_page)
    assert page.locator(".case-headline").inner_text() == "Beschoten omdat ze opkwam voor vrouwenrechten."
    page.goto(f"/fr/cas/{case.slug}/")
    assert page.locator(".case-headline").inner_text() == "Attaquée pour ses droits."
