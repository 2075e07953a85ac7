from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from cases.models import Campaign
from kits import printing
from kits.models import PrintableDocument
from kits.printing import DocumentSpec

logger = logging.getLogger(__name__)

# --- Printable documents ---------------------------------------------------------------

# A document still pending this long after it was queued is queued again (a lost task).
REQUEUE_AFTER = timedelta(minutes=2)
MAX_ATTEMPTS = 3

Status = PrintableDocument.Status


@transaction.atomic
def printable_documents_request(*, specs: list[DocumentSpec]) -> list[PrintableDocument]:
    """The documents for these specs, in their order; those not made yet are queued.

    Safe to call on every page view: a document is created once (its hash is unique)
    and queued again only when its task seems lost.
    """
    hashes = [spec.content_hash for spec in specs]
    existing = PrintableDocument.objects.in_bulk(hashes, field_name="content_hash")
    now = timezone.now()
    missing = [spec for spec in specs if spec.content_hash not in existing]
    if missing:
        PrintableDocument.objects.bulk_create(
            [
                PrintableDocument(
                    kind=spec.kind,
                    campaign_id=spec.campaign.pk,
                    case_id=spec.case_id,
                    content_hash=spec.content_hash,
                    filename=spec.filename,
                    queued_at=now,
                )
                for spec in missing
            ],
            # Another request may create the same rows at the same moment; the hash decides.
            ignore_conflicts=True,
        )
        existing = PrintableDocument.objects.in_bulk(hashes, field_name="content_hash")
        to_queue = [existing[spec.content_hash].pk for spec in missing]
    else:
        to_queue = []

    lost = [
        document.pk
        for document in existing.values()
        if document.status != Status.READY
        and document.pk not in to_queue
        and not (document.status == Status.FAILED and document.attempts >= MAX_ATTEMPTS)
        and (document.queued_at is None or now - document.queued_at > REQUEUE_AFTER)
    ]
    if lost:
        # Rows a worker is rendering right now are locked: skip them rather than wait.
        lost = list(
            PrintableDocument.objects.select_for_update(skip_locked=True)
            .filter(pk__in=lost)
            .values_list("pk", flat=True)
        )
        PrintableDocument.objects.filter(pk__in=lost).update(status=Status.PENDING, queued_at=now)
        for document in existing.values():
            if document.pk in lost:
                document.status, document.queued_at = Status.PENDING, now
        to_queue += lost

    from kits.tasks import render_printable_document

    for pk in to_queue:
        # robust: with Redis down the page still answers; the next view queues it again.
        transaction.on_commit(partial(render_printable_document.delay, pk), robust=True)
    return [existing[spec.content_hash] for spec in specs]


def printable_documents_of_campaign(*, campaign: Campaign) -> list[PrintableDocument]:
    """Every current document of the campaign (full kit first), queueing the missing ones."""
    return printable_documents_request(specs=printing.campaign_specs(campaign))


def printable_documents_refresh_on_commit(*, campaign_ids: Iterable[int]) -> None:
    """For the admin: once the edit is committed, queue the documents it changed."""
    ids = {pk for pk in campaign_ids if pk}
    transaction.on_commit(partial(printable_documents_refresh, campaign_ids=ids), robust=True)


@transaction.atomic
def printable_documents_refresh(*, campaign_ids: Iterable[int]) -> None:
    """After an edit: make the documents whose content changed (the others keep their hash)."""
    for campaign in Campaign.objects.filter(pk__in=set(campaign_ids), is_current=True):
        printable_documents_of_campaign(campaign=campaign)


@transaction.atomic
def printable_document_render(*, document_id: int) -> PrintableDocument | None:
    """Render one document if nobody did or is doing it. Safe to run twice, or twice at once.

    The row stays locked while WeasyPrint works, so a second worker skips it; if this
    worker dies, the lock goes with its connection and the redelivered task renders it.
    """
    document = PrintableDocument.objects.select_for_update(skip_locked=True).filter(pk=document_id).first()
    if document is None or document.is_ready:
        return document
    spec = printing.current_spec(
        kind=document.kind, campaign_id=document.campaign_id, case_id=document.case_id
    )
    if spec is None or spec.content_hash != document.content_hash:
        # Edited again since it was queued: the edit queued the document of the new content.
        document.status = Status.OUTDATED
        document.save(update_fields=["status"])
        return document

    document.attempts += 1
    try:
        with transaction.atomic():
            pdf = printing.render_document(spec)
    except Exception as exc:
        logger.exception("Could not render printable document %s (%s)", document.pk, document.filename)
        document.status = Status.FAILED
        document.error = f"{type(exc).__name__}: {exc}"[:2000]
        document.save(update_fields=["status", "error", "attempts"])
        return document

    name = f"printables/{document.content_hash[:2]}/{document.content_hash}/{document.filename}"
    # Left over by a worker that died after writing the file: same content, replace it.
    if default_storage.exists(name):
        default_storage.delete(name)
    document.file.name = default_storage.save(name, ContentFile(pdf))
    document.size = len(pdf)
    document.status = Status.READY
    document.error = ""
    document.rendered_at = timezone.now()
    document.save(update_fields=["file", "size", "status", "error", "attempts", "rendered_at"])
    return document


@transaction.atomic
def printable_documents_prune(*, keep_for: timedelta = timedelta(days=1)) -> int:
    """Delete the documents no longer current, and their files. Those made within
    `keep_for` stay: this may read the content as it was just before the edit that made them."""
    current: set[str] = set()
    for campaign in Campaign.objects.filter(is_current=True):
        current |= {spec.content_hash for spec in printing.campaign_specs(campaign)}
    stale = PrintableDocument.objects.exclude(content_hash__in=current).filter(
        created_at__lt=timezone.now() - keep_for
    )
    names = [name for name in stale.values_list("file", flat=True) if name]
    count, _ = stale.delete()
    transaction.on_commit(partial(_delete_files, names))
    return count


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


# --- end of printable documents --------------------------------------------------------
