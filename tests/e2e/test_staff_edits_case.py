from __future__ import annotations

import pytest

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
    page.get_by_label("Accroche").fill("Blessée par balles pour avoir défendu les droits des femmes.")
    screenshot(page, "admin-case-change")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_url("**/admin/cases/case/")

    page.goto(case.get_absolute_url())
    assert (
        page.locator(".case-headline").inner_text()
        == "Blessée par balles pour avoir défendu les droits des femmes."
    )
