"""Printable kits: the PDFs supporters download, made by the workers from the campaign's content.

Each document is keyed by a hash of everything it shows (kits.printing); an edit makes a
new document and file, and the old ones are pruned.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import BinaryIO

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from cases.models import Campaign
from kits import printing, tasks
from kits.models import PrintableDocument
from kits.printing import DocumentSpec
from marathon.lib import workerfiles
from marathon.lib.languages import CODES as LANGUAGES
from marathon.lib.queue import enqueue_on_commit


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
                    language=spec.language,
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

    # Queued again when its task seems lost or its last try failed (attempts left).
    rows = [existing[spec.content_hash] for spec in specs]
    lost = workerfiles.requeue_lost(
        PrintableDocument.objects.filter(pk__in=[row.pk for row in rows if row.pk not in to_queue]), now=now
    )
    for row in rows:
        if row.pk in lost:
            row.status, row.queued_at = PrintableDocument.Status.PENDING, now
    for pk in to_queue:
        # With Redis down the page still answers; the next view queues it again.
        enqueue_on_commit(tasks.render_printable_document, pk)
    return rows


def printable_documents_of_campaign(*, campaign: Campaign, language: str) -> list[PrintableDocument]:
    """Every current document of the campaign in a language (full kit first), queueing the
    missing ones."""
    return printable_documents_request(specs=printing.campaign_specs(campaign, language))


def on_campaign_content_changed(*, campaign_ids: Iterable[int], **_kwargs: object) -> None:
    """cases.signals.campaign_content_changed: the kits whose content changed are made again."""
    printable_documents_refresh_on_commit(campaign_ids=campaign_ids)


def printable_documents_refresh_on_commit(*, campaign_ids: Iterable[int]) -> None:
    """For the admin: once the edit is committed, queue the documents it changed."""
    ids = {pk for pk in campaign_ids if pk}
    transaction.on_commit(partial(printable_documents_refresh, campaign_ids=ids), robust=True)


@transaction.atomic
def printable_documents_refresh(*, campaign_ids: Iterable[int]) -> None:
    """After an edit: make the documents whose content changed (the others keep their hash)."""
    for campaign in Campaign.objects.filter(pk__in=set(campaign_ids), is_current=True):
        for language in LANGUAGES:
            printable_documents_of_campaign(campaign=campaign, language=language)


def _printable_content(document: PrintableDocument) -> workerfiles.Content | None:
    """What the document shows now; None when its case or campaign is gone."""
    spec = printing.current_spec(
        kind=document.kind,
        campaign_id=document.campaign_id,
        case_id=document.case_id,
        language=document.language,
    )
    if spec is None:
        return None
    content = workerfiles.Content(hash=spec.content_hash, write=lambda out: None)

    def write(out: BinaryIO) -> None:
        pdf = printing.render_document(spec)
        out.write(pdf)
        content.fields["size"] = len(pdf)

    content.write = write
    return content


def printable_file_kind() -> workerfiles.FileKind:
    """Printable kits as worker-made files (registered by kits.apps): one row and one file
    per content, never replaced, so a download URL can be cached for ever."""
    return workerfiles.FileKind(
        model=PrintableDocument,
        task=tasks.render_printable_document,
        content=_printable_content,
        file_name=lambda document, content_hash: (
            f"printables/{content_hash[:2]}/{content_hash}/{document.filename}"
        ),
        replaces_file=False,
        # A page view asks for it again after this long; a render takes seconds.
        requeue_after=datetime.timedelta(minutes=2),
    )


def printable_document_render(*, document_id: int) -> PrintableDocument | None:
    """Render one document if nobody did or is doing it (marathon.lib.workerfiles)."""
    return workerfiles.make(PrintableDocument, document_id)


@transaction.atomic
def printable_documents_prune(*, keep_for: timedelta = timedelta(days=1)) -> int:
    """Delete the documents no longer current, and their files. Those made within
    `keep_for` stay: this may read the content as it was just before the edit that made them."""
    current: set[str] = set()
    for campaign in Campaign.objects.filter(is_current=True):
        for language in LANGUAGES:
            current |= {spec.content_hash for spec in printing.campaign_specs(campaign, language)}
    stale = PrintableDocument.objects.exclude(content_hash__in=current).filter(
        created_at__lt=timezone.now() - keep_for
    )
    names = [name for name in stale.values_list("file", flat=True) if name]
    count, _ = stale.delete()
    workerfiles.delete_files_on_commit(default_storage, names)
    return count
