"""Rendering: once per content, once even when asked twice at the same moment."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection

from kits import printables, printing
from kits.models import PrintableDocument
from kits.tasks import render_printable_document
from marathon.lib import workerfiles
from tests.factories import make_case

Kind = PrintableDocument.Kind
Status = PrintableDocument.Status


def fact_sheet_spec(case):
    return printing.current_spec(
        language="fr", kind=Kind.FACT_SHEET, campaign_id=case.campaign_id, case_id=case.pk
    )


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT / "printables"
    return sorted(p for p in root.rglob("*.pdf")) if root.exists() else []


def test_a_document_is_rendered_once_and_stored_under_its_hash(case, settings):
    [document] = printables.printable_documents_request(specs=[fact_sheet_spec(case)])
    assert document.status == Status.PENDING

    printables.printable_document_render(document_id=document.pk)
    document.refresh_from_db()

    assert document.status == Status.READY
    assert document.content_hash in document.file.name
    assert document.file.name.endswith(document.filename)
    assert document.size == document.file.size > 1000
    assert document.made_at is not None


def test_rendering_the_same_content_twice_makes_one_file(case, settings, monkeypatch):
    renders = []
    real_render = printing.render_document
    monkeypatch.setattr(printing, "render_document", lambda spec: renders.append(spec) or real_render(spec))

    [first] = printables.printable_documents_request(specs=[fact_sheet_spec(case)])
    printables.printable_document_render(document_id=first.pk)
    [second] = printables.printable_documents_request(specs=[fact_sheet_spec(case)])
    printables.printable_document_render(document_id=second.pk)

    assert first.pk == second.pk
    assert PrintableDocument.objects.count() == 1
    assert len(renders) == 1
    assert len(stored_files(settings)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_asked_for_the_same_document_at_once_render_it_once(campaign, monkeypatch):
    case = make_case(campaign=campaign)
    # Committed for real here: keep the eager queue from rendering it before the two workers.
    monkeypatch.setattr(render_printable_document, "delay", lambda pk: None)
    [document] = printables.printable_documents_request(specs=[fact_sheet_spec(case)])
    renders = []

    def slow_render(spec):
        renders.append(spec)
        time.sleep(1)
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(printing, "render_document", slow_render)

    busy = []

    def worker():
        try:
            printables.printable_document_render(document_id=document.pk)
        except workerfiles.Busy:
            # The second worker finds the first one making it (the task retries later).
            busy.append(True)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
        time.sleep(0.2)
    for thread in threads:
        thread.join()

    document.refresh_from_db()
    assert len(renders) == 1
    assert busy == [True]
    assert document.status == Status.READY


def test_a_document_whose_content_changed_before_its_turn_is_not_rendered(case, monkeypatch):
    [document] = printables.printable_documents_request(specs=[fact_sheet_spec(case)])
    case.ask = "Autre chose."
    case.save()
    monkeypatch.setattr(printing, "render_document", lambda spec: pytest.fail("rendered stale content"))

    printables.printable_document_render(document_id=document.pk)

    document.refresh_from_db()
    assert document.status == Status.OUTDATED
    assert not document.file


def test_a_rendering_error_is_recorded_and_the_document_queued_again_later(case, monkeypatch, caplog):
    [document] = printables.printable_documents_request(specs=[fact_sheet_spec(case)])

    def broken(spec):
        raise RuntimeError("no more fonts")

    monkeypatch.setattr(printing, "render_document", broken)
    printables.printable_document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "no more fonts" in document.error

    PrintableDocument.objects.filter(pk=document.pk).update(
        queued_at=document.queued_at - printables.printable_file_kind().requeue_after * 2
    )
    [again] = printables.printable_documents_request(specs=[fact_sheet_spec(case)])
    assert again.status == Status.PENDING


def test_asking_for_pending_documents_queues_them_after_commit(campaign, django_capture_on_commit_callbacks):
    make_case(campaign=campaign)
    with django_capture_on_commit_callbacks() as callbacks:
        documents = printables.printable_documents_of_campaign(campaign=campaign, language="fr")
    assert len(documents) == 6  # 3 for the whole campaign, 3 for the case
    assert len(callbacks) == 6

    # Asked again at once: nothing new to queue, the tasks are on their way.
    with django_capture_on_commit_callbacks() as callbacks:
        printables.printable_documents_of_campaign(campaign=campaign, language="fr")
    assert callbacks == []


def test_outdated_documents_and_their_files_are_pruned_the_current_ones_kept(
    case, settings, django_capture_on_commit_callbacks
):
    [old] = printables.printable_documents_request(specs=[fact_sheet_spec(case)])
    printables.printable_document_render(document_id=old.pk)
    case.ask = "Une autre demande."
    case.save()
    [new] = printables.printable_documents_request(specs=[fact_sheet_spec(case)])
    printables.printable_document_render(document_id=new.pk)
    assert len(stored_files(settings)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert printables.printable_documents_prune(keep_for=timedelta(0)) == 1

    assert list(PrintableDocument.objects.values_list("pk", flat=True)) == [new.pk]
    assert [path.name for path in stored_files(settings)] == [new.filename]
    assert new.content_hash in str(stored_files(settings)[0])
