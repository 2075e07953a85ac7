"""Files made by Celery workers: printable kits, label sheets, embassy packs.

One lifecycle for all of them. A row asks for a file (queued, "being made"); a worker
makes it under the row's lock, so a second worker on the same row skips it and a
worker that dies lets the lock go with its connection; its attempts are counted in a
commit of their own, so a render that kills its worker (out of memory on a huge pack)
is not tried for ever; a file left by a worker that died after writing it is replaced;
the files a row no longer points to are deleted once the new one is committed; a row
whose task was lost (the broker was down) is queued again by a periodic sweep.

Each kind is a model inheriting WorkerFile, registered with a FileKind that says only
what it renders and how its content is keyed (content), where its file goes
(file_name), and whether a new content replaces the file (label sheets, packs: one row,
the file replaced in place) or is a new row and file (printable kits: a file never
changes once made, so its URL can be cached for ever, and a row whose content moved on
is OUTDATED).
"""

from __future__ import annotations

import datetime
import logging
import posixpath
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TypeVar

from django.core.files import File
from django.core.files.storage import Storage
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marathon.lib.queue import enqueue_on_commit

logger = logging.getLogger(__name__)


@dataclass
class Content:
    """What a row's file would hold if made now: its key, how to write it, what to record."""

    hash: str
    write: Callable[[BinaryIO], None]
    # Recorded on the row with the file (a pack's count of signatures, say).
    fields: dict[str, Any] = field(default_factory=dict)


class WorkerFile(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not-started", _("not started")
        PENDING = "pending", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")
        # The content changed before a worker got to it; a newer row replaces it.
        OUTDATED = "outdated", _("outdated")

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    # A hash of everything the file shows (data, templates, fonts): a run that finds the
    # same hash beside a stored file has nothing to do.
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    made_at = models.DateTimeField(_("made at"), null=True, blank=True)

    # Each kind declares its own `file`, a FileField with the storage it needs.
    file: models.FileField

    class Meta:
        abstract = True

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    def is_current(self, content_hash: str) -> bool:
        return (
            self.status == self.Status.READY
            and self.content_hash == content_hash
            and bool(self.file)
            and self.file.storage.exists(self.file.name)
        )


@dataclass(frozen=True)
class FileKind:
    model: type[WorkerFile]
    # The Celery task that makes a row's file; it takes the row's id and calls make().
    task: Any
    # What a row's file would hold if made now; None when there is nothing to make.
    content: Callable[[Any], Content | None]
    # The file's name for a row and a content hash, in the file field's storage.
    file_name: Callable[[Any, str], str]
    # One row whose file is replaced by each new content (and then what every name the
    # row's files ever had starts with, to find leftovers), or a new row per content.
    replaces_file: bool
    file_prefix: Callable[[Any], str] | None = None
    max_attempts: int = 3
    # A row still being made this long after it was queued lost its task.
    requeue_after: datetime.timedelta = datetime.timedelta(minutes=10)

    @classmethod
    def replaced_in_place(
        cls,
        *,
        model: type[WorkerFile],
        task: Any,
        content: Callable[[Any], Content | None],
        folder: str,
        stem: str,
        requeue_after: datetime.timedelta = datetime.timedelta(minutes=10),
    ) -> FileKind:
        """A kind with one row whose file, <folder>/<stem><id>-<hash>.pdf, each new content replaces."""
        return cls(
            model=model,
            task=task,
            content=content,
            file_name=lambda row, content_hash: f"{folder}/{stem}{row.pk}-{content_hash[:16]}.pdf",
            file_prefix=lambda row: f"{folder}/{stem}{row.pk}-",
            replaces_file=True,
            requeue_after=requeue_after,
        )


_kinds: dict[type[WorkerFile], FileKind] = {}

F = TypeVar("F", bound=WorkerFile)


def register(kind: FileKind) -> FileKind:
    _kinds[kind.model] = kind
    return kind


def kind_of(model: type[WorkerFile]) -> FileKind:
    return _kinds[model]


def queue(rows: Iterable[WorkerFile], *, now: datetime.datetime | None = None) -> list[int]:
    """Queue these rows' files to be made once the transaction commits; their ids.

    A ready file stays ready (and downloadable) while the worker checks whether its
    content changed; the others are marked as being made.
    """
    rows = list(rows)
    if not rows:
        return []
    model = type(rows[0])
    now = now or timezone.now()
    with transaction.atomic():
        # A row a worker is making is locked: its new task waits its turn (Busy) instead of
        # this request waiting for the render.
        waiting = list(
            model._default_manager.select_for_update(skip_locked=True)
            .filter(pk__in=[row.pk for row in rows])
            .exclude(status=WorkerFile.Status.READY)
            .values_list("pk", flat=True)
        )
        model._default_manager.filter(pk__in=waiting).update(
            status=WorkerFile.Status.PENDING, queued_at=now, attempts=0
        )
    for row in rows:
        if row.pk in waiting:
            row.status, row.queued_at, row.attempts = WorkerFile.Status.PENDING, now, 0
        enqueue_on_commit(_kinds[model].task, row.pk)
    return [row.pk for row in rows]


@transaction.atomic
def requeue_lost(queryset: models.QuerySet, *, now: datetime.datetime | None = None) -> list[int]:
    """Queue again the rows of this queryset whose task seems lost, or whose last try
    failed, a while ago and that have attempts left; their ids.

    Rows a worker is making right now are locked: skipped rather than waited for.
    """
    model = queryset.model
    kind = _kinds[model]
    now = now or timezone.now()
    ids = list(
        queryset.select_for_update(skip_locked=True)
        .filter(
            models.Q(queued_at__isnull=True) | models.Q(queued_at__lt=now - kind.requeue_after),
            status__in=[WorkerFile.Status.PENDING, WorkerFile.Status.FAILED],
            attempts__lt=kind.max_attempts,
        )
        .values_list("pk", flat=True)
    )
    model._default_manager.filter(pk__in=ids).update(status=WorkerFile.Status.PENDING, queued_at=now)
    for pk in ids:
        enqueue_on_commit(kind.task, pk)
    return ids


def requeue_all_lost(*, now: datetime.datetime | None = None) -> int:
    """Periodic: requeue_lost over every registered kind; how many were queued."""
    return sum(len(requeue_lost(model._default_manager.all(), now=now)) for model in _kinds)


class Busy(Exception):
    """Another worker is making the row's file: this task must come back later.

    Returning would lose a request made while the other worker renders content read
    before it (an order erased meanwhile would stay on the label sheet): when this task
    comes back, it finds the content changed since and makes the file again.
    """


# How long a task that found its row busy waits before it tries again, and how often.
BUSY_RETRY_SECONDS = 60
BUSY_RETRIES = 60


def _locked(model: type[F], pk: int) -> F | None:
    """The row, locked for this transaction; None if gone; Busy if another worker holds it."""
    row = model._default_manager.select_for_update(skip_locked=True, of=("self",)).filter(pk=pk).first()
    if row is None and model._default_manager.filter(pk=pk).exists():
        raise Busy(f"{model._meta.label} {pk} is being made by another worker")
    return row


def make_in_task(task: Any, model: type[F], pk: int) -> F | None:
    """make(), from a bound Celery task: a busy row sends the task back to the queue."""
    try:
        return make(model, pk)
    except Busy as busy:
        raise task.retry(exc=busy, countdown=BUSY_RETRY_SECONDS, max_retries=BUSY_RETRIES) from busy


def make(model: type[F], pk: int) -> F | None:
    """Make the row's file unless a current one is stored. Safe to run twice, or twice at once.

    A failure is recorded on the row for staff (FAILED, with the error) and tried again
    by the sweep while attempts are left; a database error is raised for the task to retry.
    """
    try:
        return _make(_kinds[model], pk)
    except (DatabaseError, Busy):
        raise
    except Exception as error:
        logger.exception("Could not make %s %s", model._meta.label, pk)
        model._default_manager.filter(pk=pk).update(
            status=WorkerFile.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        return model._default_manager.filter(pk=pk).first()


def _make(kind: FileKind, pk: int) -> Any:
    model = kind.model
    with transaction.atomic():
        row = _locked(model, pk)
        if row is None or (row.is_ready and not kind.replaces_file):
            return row  # a file that is never replaced is final once made
        content = kind.content(row)
        if content is None or (not kind.replaces_file and content.hash != row.content_hash):
            # Edited again since it was queued: the edit queued the row of the new content.
            row.status = WorkerFile.Status.OUTDATED
            row.save(update_fields=["status"])
            return row
        if row.is_current(content.hash):
            return row
        if row.attempts >= kind.max_attempts:
            row.status = WorkerFile.Status.FAILED
            row.error = row.error or f"Gave up after {row.attempts} attempts that did not finish."
            row.save(update_fields=["status", "error"])
            return row
        # Committed before the work: a worker killed while making it still counts.
        row.attempts += 1
        row.save(update_fields=["attempts"])

    with transaction.atomic():
        row = _locked(model, pk)
        if row is None or row.is_current(content.hash):
            return row
        storage: Storage = row.file.storage
        previous = row.file.name
        name = kind.file_name(row, content.hash)
        # Large files (a pack of 200 000 names) are written to disk, then stored.
        with tempfile.TemporaryFile() as out:
            content.write(out)
            out.seek(0)
            # Left by a worker that died after writing it: same content, replace it.
            if storage.exists(name):
                storage.delete(name)
            row.file.name = storage.save(name, File(out, name=posixpath.basename(name)))
        row.content_hash = content.hash
        row.status = WorkerFile.Status.READY
        row.made_at = timezone.now()
        row.error = ""
        row.attempts = 0
        for attribute, value in content.fields.items():
            setattr(row, attribute, value)
        row.save(
            update_fields=["file", "content_hash", "status", "made_at", "error", "attempts", *content.fields]
        )
        if kind.replaces_file:
            stale = _leftovers(storage, kind.file_prefix(row), keep=row.file.name) if kind.file_prefix else []
            if previous and previous != row.file.name and previous not in stale:
                stale.append(previous)
            delete_files_on_commit(storage, stale)
        return row


def _leftovers(storage: Storage, prefix: str, *, keep: str) -> list[str]:
    """Files of this row left by earlier versions or by workers that died after writing."""
    folder, start = posixpath.split(prefix)
    try:
        names = storage.listdir(folder)[1]
    except FileNotFoundError:
        return []
    return [
        posixpath.join(folder, name)
        for name in names
        if name.startswith(start) and posixpath.join(folder, name) != keep
    ]


def forget(row: WorkerFile) -> None:
    """Drop the row's file (its personal data has served): it can be made again later."""
    name = row.file.name
    type(row)._default_manager.filter(pk=row.pk).update(
        file="", content_hash="", status=WorkerFile.Status.NOT_STARTED, made_at=None, attempts=0
    )
    if name:
        delete_files_on_commit(row.file.storage, [name])


def delete_files_on_commit(storage: Storage, names: list[str]) -> None:
    """Delete these files once the transaction commits (a rollback keeps them)."""
    if names:

        def delete() -> None:
            for name in names:
                storage.delete(name)

        transaction.on_commit(delete)
