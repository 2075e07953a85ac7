"""A supporter asks what the site holds about them, downloads it and erases it, on a phone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core import mail

from kits.models import KitOrder
from petitions.models import Signer
from tests.e2e.conftest import screenshot
from tests.kits.helpers import make_kit_order
from tests.tally.handover_data import add_signature

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "lea.martin@example.org"


def test_a_supporter_sees_downloads_and_erases_their_data_from_a_link_by_email(page, case):
    add_signature(case, first="Léa", last="Martin", email=EMAIL)
    order = make_kit_order(campaign=case.campaign, contact_name="Léa Martin", email=EMAIL)

    page.goto("/fr/")
    page.get_by_role("link", name="Vie privée").click()
    page.get_by_role("link", name="Voir, télécharger ou effacer mes données").click()
    page.get_by_label("Votre adresse e-mail").fill(EMAIL)
    screenshot(page, "personal-data-ask")
    page.get_by_role("button", name="Envoyez-moi le lien").click()
    page.wait_for_url("**/fr/mes-donnees/envoye/")
    screenshot(page, "personal-data-sent")

    [message] = mail.outbox
    path = re.search(r"https?://[^/\s]+(/fr/mes-donnees/[^\s]+/)", message.body).group(1)
    page.goto(path)
    assert page.get_by_text(order.reference).is_visible()
    assert page.get_by_text("Martin").first.is_visible()
    screenshot(page, "personal-data-manage")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tout télécharger (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["signer"]["last_name"] == "Martin"
    assert data["kit_orders"][0]["reference"] == order.reference

    page.get_by_role("button", name="Effacer mes données").click()
    page.wait_for_url("**/fr/mes-donnees/efface/")
    screenshot(page, "personal-data-erased")
    assert not Signer.objects.filter(last_name="Martin").exists()
    assert KitOrder.objects.get(pk=order.pk).email == ""
