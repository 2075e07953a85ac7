"""An edit in the admin queues, after commit, the documents whose content it changed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cases.models import Authority, Campaign
from kits import printing
from kits.models import PrintableDocument
from kits.tasks import render_printable_document
from tests.factories import in_admin_form, make_case
from tests.kits.conftest import case_admin_post

Kind = PrintableDocument.Kind


@pytest.fixture
def queued(monkeypatch):
    ids: list[int] = []
    monkeypatch.setattr(render_printable_document, "delay", ids.append)
    return ids


def current_hash(case, kind) -> str:
    return printing.current_spec(
        language="fr", kind=kind, campaign_id=case.campaign_id, case_id=case.pk
    ).content_hash


def test_editing_a_case_queues_its_documents_and_the_full_kit(
    staff_client, campaign, queued, django_capture_on_commit_callbacks
):
    case = make_case(campaign=campaign)
    other = make_case(campaign=campaign)
    url = reverse("admin:cases_case_change", args=[case.pk])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = staff_client.post(url, case_admin_post(case, ask="Une demande toute neuve."))
        # Nothing is queued before the edit is committed.
        assert queued == []

    assert response.status_code == 302
    assert callbacks
    case.refresh_from_db()
    assert case.ask == "Une demande toute neuve."
    new_kit = PrintableDocument.objects.get(content_hash=current_hash(other, Kind.FULL_KIT))
    new_letter = PrintableDocument.objects.get(content_hash=current_hash(case, Kind.MODEL_LETTER))
    assert {new_kit.pk, new_letter.pk} <= set(queued)


def test_an_edit_that_changes_nothing_printed_queues_nothing_new(
    staff_client, campaign, queued, django_capture_on_commit_callbacks
):
    case = make_case(campaign=campaign)
    url = reverse("admin:cases_case_change", args=[case.pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, case_admin_post(case))
    first = len(queued)

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, case_admin_post(case))

    # The full kit, the teacher’s guide, the young readers’ sheets, 3 for the case; in each language.
    assert first == 6 * 3
    assert len(queued) == first


def test_editing_an_authority_queues_the_documents_of_its_cases(
    staff_client, campaign, queued, django_capture_on_commit_callbacks
):
    case = make_case(campaign=campaign)
    authority = case.authority
    data = {
        "country": str(authority.country),
        "name": authority.name,
        "title": authority.title,
        "postal_address": "Palais neuf\nGuatemala",
        "salutation": authority.salutation,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:cases_authority_change", args=[authority.pk]), in_admin_form(Authority, data)
        )

    assert response.status_code == 302
    letter = PrintableDocument.objects.get(content_hash=current_hash(case, Kind.MODEL_LETTER))
    assert letter.pk in queued


def test_moving_the_deadline_queues_every_document_of_the_campaign(
    staff_client, campaign, queued, django_capture_on_commit_callbacks
):
    case = make_case(campaign=campaign)
    data = {
        "year": campaign.year,
        "title": campaign.title,
        "intro": campaign.intro,
        "letters_deadline": datetime.date(2022, 1, 20).isoformat(),
        "kit_ordering_closes_on": datetime.date(2021, 12, 20).isoformat(),
        "petitions_close_on": datetime.date(2022, 1, 20).isoformat(),
        "return_address": campaign.return_address,
        "is_current": "on",
        "impact_figures-TOTAL_FORMS": "0",
        "impact_figures-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:cases_campaign_change", args=[campaign.pk]), in_admin_form(Campaign, data)
        )

    assert response.status_code == 302
    assert len(queued) == 6 * 3  # two documents of the campaign and three of its case, in each language
    assert PrintableDocument.objects.get(content_hash=current_hash(case, Kind.FACT_SHEET)).pk in queued


def test_staff_can_see_the_documents_and_why_one_failed(staff_client, campaign, queued):
    from kits.printables import printable_documents_of_campaign

    make_case(campaign=campaign)
    document = printable_documents_of_campaign(campaign=campaign, language="fr")[0]
    PrintableDocument.objects.filter(pk=document.pk).update(status="failed", error="RuntimeError: boom")

    listing = staff_client.get(reverse("admin:kits_printabledocument_changelist"))
    detail = staff_client.get(reverse("admin:kits_printabledocument_change", args=[document.pk]))

    assert listing.status_code == 200
    assert document.filename in listing.content.decode()
    assert "RuntimeError: boom" in detail.content.decode()
