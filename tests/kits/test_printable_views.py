"""The download page, the stable links and the files themselves."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kits import printables, printing
from kits.models import PrintableDocument
from tests.factories import make_case

Kind = PrintableDocument.Kind
Status = PrintableDocument.Status
PAGE = "/fr/kit/imprimer/"


@pytest.fixture(autouse=True)
def quick_render(monkeypatch):
    """These tests are about the web side; what the PDFs say is tested in test_documents.py."""
    monkeypatch.setattr(
        printing, "render_document", lambda spec: b"%PDF-1.7 " + spec.content_hash.encode() * 40
    )


def make_ready(campaign) -> list[PrintableDocument]:
    documents = printables.printable_documents_of_campaign(campaign=campaign, language="fr")
    for document in documents:
        printables.printable_document_render(document_id=document.pk)
    return list(PrintableDocument.objects.filter(pk__in=[d.pk for d in documents]))


def full_kit(campaign) -> PrintableDocument:
    spec = printing.current_spec(language="fr", kind=Kind.FULL_KIT, campaign_id=campaign.pk, case_id=None)
    return PrintableDocument.objects.get(content_hash=spec.content_hash)


def test_the_page_is_named_printable_and_lives_under_kit():
    assert reverse("kits:printable") == PAGE


def test_the_page_lists_every_ready_document_with_its_size_and_date(client, campaign):
    case = make_case(campaign=campaign, person_name="Bernardo Caal Xol")
    documents = make_ready(campaign)

    response = client.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Imprimez votre kit" in html
    assert case.person_name in html
    assert 'http-equiv="refresh"' not in html
    for document in documents:
        assert document.get_absolute_url() in html
    assert "Télécharger le kit complet" in html
    assert len(re.findall(r"PDF, [\d,]+ [KM]o, mis à jour le \d+ \w+ \d{4}", html)) == len(documents)
    assert "no-cache" in response["Cache-Control"]


def test_while_documents_are_made_the_page_says_so_refreshes_itself_and_queues_them(
    client, campaign, django_capture_on_commit_callbacks
):
    make_case(campaign=campaign)

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.get(PAGE)

    html = response.content.decode()
    assert '<meta http-equiv="refresh"' in html
    assert "en cours de préparation" in html
    assert reverse("kits:printable-kit") in html
    assert len(callbacks) == 6
    assert PrintableDocument.objects.filter(status=Status.PENDING).count() == 6


def test_the_stable_link_waits_on_a_refreshing_page_then_sends_to_the_file(client, campaign):
    make_case(campaign=campaign)
    url = reverse("kits:printable-kit")

    waiting = client.get(url)
    assert waiting.status_code == 202
    assert '<meta http-equiv="refresh" content="3">' in waiting.content.decode()

    make_ready(campaign)
    ready = client.get(url)
    assert ready.status_code == 302
    assert ready["Location"] == full_kit(campaign).get_absolute_url()
    assert "no-cache" in ready["Cache-Control"]


def test_a_case_document_has_a_stable_link_too(client, campaign):
    case = make_case(campaign=campaign, slug="bernardo")
    url = reverse("kits:printable-case-document", kwargs={"slug": "bernardo", "kind_slug": "lettre"})
    assert client.get(url).status_code == 202
    assert client.get(url.replace("lettre", "affiche")).status_code == 404
    case.is_published = False
    case.save()
    assert client.get(url).status_code == 404


def test_a_ready_file_is_served_from_storage_with_cache_headers(client, campaign):
    make_case(campaign=campaign)
    make_ready(campaign)
    document = full_kit(campaign)

    response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{document.filename}"'
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["ETag"] == f'"{document.content_hash}"'
    assert "Last-Modified" in response
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF") and len(body) == document.size

    again = client.get(document.get_absolute_url(), HTTP_IF_NONE_MATCH=f'"{document.content_hash}"')
    assert again.status_code == 304


def test_a_download_costs_two_queries(client, campaign, django_assert_num_queries):
    for _ in range(3):
        make_case(campaign=campaign)
    make_ready(campaign)
    document = full_kit(campaign)
    b"".join(client.get(document.get_absolute_url()).streaming_content)
    # The document with its campaign, then what the cases say now: nothing per case.
    with django_assert_num_queries(2):
        response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    b"".join(response.streaming_content)


def test_an_outdated_hash_never_gets_the_old_file(client, campaign):
    case = make_case(campaign=campaign, ask="L'ancienne demande.")
    make_ready(campaign)
    old = full_kit(campaign)

    case.ask = "La nouvelle demande."
    case.save()
    response = client.get(old.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == reverse("kits:printable-kit")
    assert "max-age=0" in response["Cache-Control"]
    assert not hasattr(response, "streaming_content")


@pytest.mark.parametrize("suffix", ["", "x"])
def test_an_unknown_file_is_not_found(client, campaign, suffix):
    make_case(campaign=campaign)
    make_ready(campaign)
    document = full_kit(campaign)
    url = reverse("kits:printable-file", kwargs={"content_hash": "0" * 64, "filename": document.filename})
    assert client.get(url).status_code == 404
    assert client.get(document.get_absolute_url() + suffix).status_code == (404 if suffix else 200)


def test_the_file_of_an_old_campaign_is_no_longer_offered(client, campaign):
    make_case(campaign=campaign)
    make_ready(campaign)
    document = full_kit(campaign)
    campaign.is_current = False
    campaign.save()
    assert client.get(document.get_absolute_url()).status_code == 404


def test_no_current_campaign_means_no_page(client, db):
    assert client.get(PAGE).status_code == 404


def test_the_case_page_links_to_its_model_letter(client, campaign):
    case = make_case(campaign=campaign, slug="bernardo")
    response = client.get(case.get_absolute_url())
    assert reverse("kits:printable-case-document", kwargs={"slug": "bernardo", "kind_slug": "lettre"}) in (
        response.content.decode()
    )


def test_the_home_page_links_to_the_printable_kit(client, campaign):
    make_case(campaign=campaign)
    assert PAGE in client.get("/fr/").content.decode()
