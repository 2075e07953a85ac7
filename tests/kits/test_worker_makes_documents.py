"""With a real Celery worker on Redis: an admin edit reaches the downloaded PDF, never a stale one."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kits import printables, printing
from kits.models import PrintableDocument
from kits.tasks import render_printable_document
from tests.conftest import login_with_second_factor, wait_for
from tests.factories import make_campaign
from tests.kits.conftest import case_admin_post, make_cases, pdf_text

Kind = PrintableDocument.Kind


def try_download(client: Client, url: str) -> tuple[bytes, str] | None:
    """The PDF behind a stable link and the file URL it came from, or None while it is being made."""
    response = client.get(url)
    if response.status_code == 202:
        return None
    assert response.status_code == 302, response.status_code
    file = client.get(response["Location"])
    assert file.status_code == 200
    return b"".join(file.streaming_content), response["Location"]


def test_after_an_admin_edit_the_full_kit_has_the_new_ask_and_the_old_file_is_never_served(
    worker_process, django_user_model
):
    campaign = make_campaign()
    edited = make_cases(campaign, 3)[1]
    old_ask = edited.ask
    visitor = Client()
    staff = login_with_second_factor(
        Client(), django_user_model.objects.create_superuser("staff", "s@example.org", "a-long-password-42")
    )
    kit_url = reverse("kits:printable-kit")

    old_pdf, old_file_url = wait_for(lambda: try_download(visitor, kit_url), timeout=60)
    assert old_ask in pdf_text(old_pdf)

    response = staff.post(
        reverse("admin:cases_case_change", args=[edited.pk]),
        case_admin_post(edited, ask="Exigez la libération de Prénom2 Nom2 avant Noël."),
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:cases_case_changelist")

    # From the moment the edit is committed, the old file is out of reach.
    assert old_file_url not in visitor.get(reverse("kits:printable")).content.decode()
    stale = visitor.get(old_file_url)
    assert stale.status_code == 302
    assert stale["Location"] == kit_url

    def new_kit():
        result = try_download(visitor, kit_url)
        assert result is None or result[1] != old_file_url, "the old file was handed out"
        return result

    new_pdf, _ = wait_for(new_kit, timeout=60)
    text = pdf_text(new_pdf)
    assert "Exigez la libération de Prénom2 Nom2 avant Noël." in text
    assert old_ask not in text


def test_a_worker_asked_three_times_for_the_same_document_makes_one_file(worker_process, settings):
    campaign = make_campaign()
    [case] = make_cases(campaign, 1)
    spec = printing.current_spec(
        language="fr", kind=Kind.FACT_SHEET, campaign_id=campaign.pk, case_id=case.pk
    )

    [document] = printables.printable_documents_request(specs=[spec])
    render_printable_document.delay(document.pk)
    render_printable_document.delay(document.pk)

    def done() -> bool:
        log = worker_process.log_path.read_text()
        return log.count("kits.tasks.render_printable_document[") >= 6 and log.count(" succeeded in ") >= 3

    wait_for(done, timeout=60)
    document.refresh_from_db()
    assert document.status == PrintableDocument.Status.READY
    assert PrintableDocument.objects.count() == 1
    assert len(list((settings.MEDIA_ROOT / "printables").rglob("*.pdf"))) == 1
