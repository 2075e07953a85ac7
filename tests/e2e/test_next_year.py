"""Staff prepare next year's campaign in the admin and make it current; a supporter on a
phone then reads last year's marathon under its year (issue 17, item 4)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Campaign, Case
from petitions.models import PetitionTally
from petitions.services import petition_ensure
from tests.e2e.conftest import PHONE, admin_login, screenshot
from tests.factories import make_campaign, make_case

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.timedelta(days=1)
PASSWORD = "a-long-password-42"


def test_staff_prepare_next_year_and_supporters_read_last_years_under_its_year(
    desktop_page, browser, live_server, django_user_model
):
    today = timezone.localdate()
    last = make_campaign(
        year=today.year,
        title="Écrivez, signez, changez des vies",
        letters_deadline=today - 20 * DAY,
        petitions_close_on=today - 20 * DAY,
        kit_ordering_closes_on=today - 40 * DAY,
        handover_on=today - 5 * DAY,
    )
    case = make_case(campaign=last, person_name="Zhang Zhan", slug="zhang-zhan", is_published=True)
    PetitionTally.objects.update_or_create(petition=petition_ensure(case=case), defaults={"confirmed": 1234})
    staff = django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)
    TOTPDevice.objects.create(user=staff, name="téléphone", confirmed=True)

    page = desktop_page
    admin_login(page, "chef", PASSWORD)
    page.goto("/admin/cases/campaign/")
    page.locator(f'input[name="_selected_action"][value="{last.pk}"]').check()
    page.locator('select[name="action"]').select_option("prepare_next_year")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text(f"La campagne {today.year + 1} est préparée").wait_for()
    screenshot(page, "admin-next-year-prepared")
    following = Campaign.objects.get(year=today.year + 1)
    assert not following.is_current and not following.cases.get().is_published

    # Staff publish the reworked cases and make the new campaign the current one.
    Case.objects.filter(campaign=following).update(is_published=True)
    page.goto("/admin/cases/campaign/")
    page.locator(f'input[name="_selected_action"][value="{following.pk}"]').check()
    page.locator('select[name="action"]').select_option("make_current")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text(f"Le site affiche maintenant la campagne {today.year + 1}").wait_for()

    phone = browser.new_context(base_url=live_server.url, locale="fr-BE", **PHONE).new_page()
    phone.goto("/fr/")
    phone.get_by_role("link", name="Marathons précédents").click()
    phone.get_by_role("link", name=f"Marathon des lettres {today.year}").click()
    phone.wait_for_url(f"**/fr/campagnes/{today.year}/")
    assert phone.get_by_text("Ce marathon est terminé").is_visible()
    screenshot(phone, "campaign-last-year")
    phone.locator(".case-card-link", has_text="Zhang Zhan").click()
    phone.wait_for_url(f"**/fr/campagnes/{today.year}/cas/zhang-zhan/")
    assert phone.get_by_text(f"faisait partie du marathon des lettres {today.year}").is_visible()
    assert phone.locator(".petition-box form").count() == 0
    screenshot(phone, "campaign-last-year-case")
    phone.context.close()
