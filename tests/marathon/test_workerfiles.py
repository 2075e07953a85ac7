"""Every kind of worker-made file (printable kits, label sheets, embassy packs) lives
through marathon.lib.workerfiles: a worker killed after writing its file, before
recording it, leaves one file in the end, made by the next run."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from kits import printing
from kits.models import LabelBatch, PrintableDocument
from kits.printables import printable_documents_request
from marathon.lib import workerfiles
from marathon.lib.storage import private_root
from marathon.tally.models import Handover
from tests.factories import make_campaign, make_case
from tests.kits.helpers import make_kit_order
from tests.tally.handover_data import handover_world

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """What a process sees of SIGKILL or an out-of-memory kill: nothing catches it."""


def printable() -> PrintableDocument:
    campaign = make_campaign()
    case = make_case(campaign=campaign)
    spec = printing.current_spec(
        language="fr", kind=PrintableDocument.Kind.FACT_SHEET, campaign_id=campaign.pk, case_id=case.pk
    )
    [document] = printable_documents_request(specs=[spec])
    return document


def label_batch() -> LabelBatch:
    make_campaign()
    batch = LabelBatch.objects.create()
    batch.orders.set([make_kit_order(), make_kit_order()])
    return batch


def handover() -> Handover:
    world = handover_world()
    return Handover.objects.create(campaign=world["campaign"], embassy=world["gt"])


KINDS = {"printable kit": printable, "label sheet": label_batch, "embassy pack": handover}


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.pdf")) if root.exists() else []


@pytest.mark.parametrize("kind", KINDS)
def test_a_worker_killed_before_recording_its_file_leaves_one_file_in_the_end(
    kind, monkeypatch, django_capture_on_commit_callbacks
):
    row = KINDS[kind]()
    model = type(row)
    root = private_root() if model is not PrintableDocument else Path(settings.MEDIA_ROOT)
    original_save = FileSystemStorage.save

    def save_then_die(storage, name, content, *args, **kwargs):
        original_save(storage, name, content, *args, **kwargs)
        raise WorkerKilled

    monkeypatch.setattr(FileSystemStorage, "save", save_then_die)
    with pytest.raises(WorkerKilled):
        workerfiles.make(model, row.pk)
    monkeypatch.undo()
    # The file is on disk, the row knows nothing of it; the attempt was counted.
    assert len(files_under(root)) == 1
    row.refresh_from_db()
    assert row.attempts == 1 and not row.file

    with django_capture_on_commit_callbacks(execute=True):
        made = workerfiles.make(model, row.pk)

    assert made.status == model.Status.READY
    [stored] = files_under(root)
    assert stored.name == Path(made.file.name).name
    assert stored.read_bytes().startswith(b"%PDF")

    # Run again, as a redelivered task would: nothing to do, still one file.
    with django_capture_on_commit_callbacks(execute=True):
        again = workerfiles.make(model, row.pk)
    assert again.file.name == made.file.name and again.made_at == made.made_at
    assert files_under(root) == [stored]


@pytest.mark.parametrize("kind", KINDS)
def test_a_render_that_fails_is_marked_failed_with_its_error_and_tried_again_later(
    kind, monkeypatch, django_capture_on_commit_callbacks
):
    row = KINDS[kind]()
    model = type(row)

    def broken(*args, **kwargs):
        raise OSError("font missing")

    monkeypatch.setattr("marathon.lib.pdf.render_pdf", broken)
    monkeypatch.setattr("kits.printing.render_document", broken)
    monkeypatch.setattr("marathon.tally.handover.render_pack", broken)
    failed = workerfiles.make(model, row.pk)
    assert failed.status == model.Status.FAILED and "font missing" in failed.error
    monkeypatch.undo()

    # The sweep queues it again once it has waited; it is made then.
    later = timezone.now() + workerfiles.kind_of(model).requeue_after * 2
    with django_capture_on_commit_callbacks(execute=True):
        queued = workerfiles.requeue_lost(model.objects.filter(pk=row.pk), now=later)
    assert queued == [row.pk]
    assert model.objects.get(pk=row.pk).status == model.Status.READY


@pytest.fixture
def held():
    """Hold a row's lock from another connection, as a worker making its file does."""
    import psycopg
    from django.db import connection

    others = []

    def hold(row) -> None:
        other = psycopg.connect(**connection.get_connection_params(), autocommit=False)
        other.execute(f"SELECT id FROM {type(row)._meta.db_table} WHERE id = %s FOR UPDATE", [row.pk])  # noqa: S608
        others.append(other)

    yield hold
    for other in others:
        other.rollback()
        other.close()


@pytest.mark.django_db(transaction=True)
def test_a_task_for_a_row_another_worker_is_making_comes_back_later_instead_of_being_lost(held):
    batch = label_batch()
    held(batch)

    with pytest.raises(workerfiles.Busy):
        workerfiles.make(LabelBatch, batch.pk)

    class Task:
        def retry(self, **options):
            self.options = options
            return RuntimeError("sent back to the queue")

    task = Task()
    with pytest.raises(RuntimeError, match="sent back"):
        workerfiles.make_in_task(task, LabelBatch, batch.pk)
    assert task.options["countdown"] == workerfiles.BUSY_RETRY_SECONDS
    assert isinstance(task.options["exc"], workerfiles.Busy)


@pytest.mark.django_db(transaction=True)
def test_queueing_a_row_another_worker_is_making_does_not_wait_for_it(
    held, django_capture_on_commit_callbacks
):
    from django.db import connection, transaction

    batch = label_batch()
    LabelBatch.objects.filter(pk=batch.pk).update(status=LabelBatch.Status.PENDING)
    batch.refresh_from_db()
    held(batch)

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '1s'")  # waiting would raise
        assert workerfiles.queue([batch]) == [batch.pk]


def test_every_render_task_has_time_limits_and_a_render_past_them_is_marked_failed(monkeypatch):
    from billiard.exceptions import SoftTimeLimitExceeded

    for model in (PrintableDocument, LabelBatch, Handover):
        task = workerfiles.kind_of(model).task
        assert 0 < task.soft_time_limit < task.time_limit

    batch = label_batch()

    def too_long(*args, **kwargs):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("marathon.lib.pdf.render_pdf", too_long)
    failed = workerfiles.make(LabelBatch, batch.pk)
    assert failed.status == LabelBatch.Status.FAILED and "SoftTimeLimitExceeded" in failed.error
