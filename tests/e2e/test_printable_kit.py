from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kits.printables import printable_documents_of_campaign
from tests.e2e.conftest import screenshot
from tests.factories import make_case
from tests.kits.conftest import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_on_a_phone_downloads_the_full_kit_and_gets_a_pdf(page, campaign):
    case = make_case(campaign=campaign, person_name="Bernardo Caal Xol", slug="bernardo-caal-xol")
    make_case(campaign=campaign, person_name="Zhang Zhan", slug="zhang-zhan")
    # Tasks run in-process in tests: asking for the documents makes them.
    printable_documents_of_campaign(campaign=campaign, language="fr")

    page.goto("/fr/")
    page.get_by_role("link", name="Imprimer le kit moi-même").click()
    page.wait_for_url("**/fr/kit/imprimer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Imprimez votre kit")
    screenshot(page, "printable-kit")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger le kit complet").click()
    download = download_info.value

    assert download.suggested_filename == "marathon-des-lettres-2021-kit-complet.pdf"
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert "Bernardo Caal Xol" in pdf_text(pdf)

    # Staff edit the case: the page says the kit is being made again, then offers the new one.
    case.ask = "Une demande toute neuve pour Bernardo."
    case.save()

    # The stable link of a document being made waits on a page that refreshes itself (no JavaScript)
    # and the download starts once the document is ready.
    with page.expect_download(timeout=20_000) as download_info:
        page.goto("/fr/kit/imprimer/bernardo-caal-xol/fiche/")
        expect(page.get_by_role("status")).to_contain_text("en cours de préparation")
        screenshot(page, "printable-document-pending")
    assert "Une demande toute neuve pour Bernardo." in pdf_text(Path(download_info.value.path()).read_bytes())

    page.goto("/fr/kit/imprimer/")
    expect(page.get_by_role("status")).to_contain_text("en cours de préparation")
    screenshot(page, "printable-kit-pending")
    link = page.get_by_role("link", name="Télécharger le kit complet")
    expect(link).to_have_attribute("href", re.compile(r"/fichiers/"), timeout=20_000)

    with page.expect_download() as download_info:
        link.click()
    assert "Une demande toute neuve pour Bernardo." in pdf_text(Path(download_info.value.path()).read_bytes())
