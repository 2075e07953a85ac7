from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kits.models import KitOrder
from marathon.models import DataAccessLog
from marathon.tally.models import Handover
from petitions import counts
from tests.e2e.conftest import admin_login, screenshot
from tests.kits.helpers import make_kit_order
from tests.tally.handover_data import handover_world

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "un-mot-de-passe-solide-42"


def test_staff_prepare_the_packs_download_one_and_mark_it_delivered(
    desktop_page, django_user_model, tmp_path
):
    page = desktop_page
    handover_world()
    staff = django_user_model.objects.create_superuser("chef", "chef@example.org", PASSWORD)
    TOTPDevice.objects.create(user=staff, name="téléphone", confirmed=True)
    admin_login(page, "chef", PASSWORD)

    page.goto("/admin/tally/handover/")
    page.get_by_role("button", name=f"Préparer les dossiers de {timezone.localdate().year}").click()
    # The letters deadline is still ahead in handover_world: staff are asked to confirm.
    page.get_by_role("heading", name="Préparer les dossiers avant la date limite des lettres ?").wait_for()
    screenshot(page, "admin-handover-prepare-early")
    page.get_by_role("button", name="Préparer les dossiers quand même").click()
    page.wait_for_load_state()
    # The packs are made after the click's transaction commits; reload until they show.
    for _ in range(20):
        if page.get_by_role("link", name="Télécharger le dossier").count() == 2:
            break
        page.wait_for_timeout(500)
        page.reload()
    row = page.locator("tr", has_text="Ambassade du Guatemala")
    assert "132" in row.inner_text() and "prêt" in row.inner_text().lower()
    screenshot(page, "admin-handover-list")

    with page.expect_download() as download_info:
        row.get_by_role("link", name="Télécharger le dossier").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-gt.pdf")
    path = tmp_path / "pack.pdf"
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert DataAccessLog.objects.filter(what__contains="Ambassade du Guatemala").count() == 1

    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Marquer comme remis…")
    page.get_by_role("button", name="Envoyer").click()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_label("Remis le").fill(yesterday.strftime("%d/%m/%Y"))
    page.get_by_label("Reçu par").fill("")
    page.get_by_role("button", name="Enregistrer la remise").click()
    assert page.get_by_text("Indiquez qui a reçu le dossier").is_visible()
    page.get_by_label("Reçu par").fill("Mme la Première secrétaire")
    screenshot(page, "admin-handover-deliver")
    page.get_by_role("button", name="Enregistrer la remise").click()
    page.wait_for_url("**/admin/tally/handover/")
    assert page.get_by_text("1 remise marquée comme faite.").is_visible()

    gt = Handover.objects.get(embassy__country="GT")
    assert (gt.delivered_on, gt.received_by, gt.delivered_recorded_by) == (
        yesterday,
        "Mme la Première secrétaire",
        staff,
    )


def test_a_visitor_on_a_phone_sees_letters_signatures_kits_and_marathons(page):
    world = handover_world()
    counts.reconcile()
    soon = timezone.localdate() + datetime.timedelta(days=5)
    make_kit_order(campaign=world["campaign"], kind=KitOrder.Kind.SCHOOL, marathon={"date": soon})
    make_kit_order(campaign=world["campaign"])

    page.goto("/fr/resultats/")

    hero = page.locator(".hero").inner_text()
    # 132 + 900 letters, 35 cards, 44 paper signatures, 5 online ones (Guatemala and China).
    assert "1 116" in hero.replace("\u202f", " ").replace("\xa0", " ")
    assert "5 en ligne, 44 sur papier" in hero
    assert "kits d’écriture commandés" in hero or "kits d'écriture commandés" in hero
    assert "1\nmarathon organisé" in hero or "1 marathon organisé" in hero.replace("\n", " ")
    table = page.locator("#per-case-title + .table-responsive").inner_text()
    assert "Bernardo Caal Xol" in table and "3 en ligne" in table
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    screenshot(page, "results-phone")
