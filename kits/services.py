"""Kit orders: ordering, the shipping workflow, organisers' reports, labels, printables."""

from __future__ import annotations

import datetime
import logging
import posixpath
import uuid
from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone, translation

from cases.models import Campaign, Case

# kits.tasks refers to this module's functions at call time only: safe either way round.
from kits import emails, printing, tasks
from kits.contents import kit_order_contents
from kits.models import (
    KitOrder,
    KitOrderStatusChange,
    LabelBatch,
    MarathonReport,
    OrganisedMarathon,
    PrintableDocument,
    new_reference,
)
from kits.printing import DocumentSpec
from marathon.lib.adminlog import scrub_admin_history
from marathon.lib.belgium import province_for_postcode
from marathon.lib.queue import enqueue_on_commit
from marathon.outbox.models import Email
from marathon.outbox.services import email_queue

logger = logging.getLogger(__name__)

# --- Ordering ---------------------------------------------------------------------------


@transaction.atomic
def kit_order_create(
    *,
    campaign: Campaign,
    form_token: uuid.UUID,
    kind: str,
    contact_name: str,
    email: str,
    phone: str,
    organisation_name: str,
    age_band: str,
    street: str,
    box: str,
    postcode: str,
    city: str,
    writers: int,
    note: str,
    marathon: dict | None,
) -> tuple[KitOrder, bool]:
    """Make the order of a submitted form, once: (order, created).

    The same form token posted again (double click, refresh, back and resend)
    returns the order it already made.
    """
    existing = KitOrder.objects.filter(form_token=form_token).first()
    if existing is not None:
        return existing, False
    for _attempt in range(8):
        try:
            with transaction.atomic():
                order = KitOrder.objects.create(
                    campaign=campaign,
                    reference=new_reference(),
                    form_token=form_token,
                    kind=kind,
                    contact_name=contact_name,
                    email=email,
                    phone=phone,
                    organisation_name=organisation_name,
                    age_band=age_band,
                    street=street,
                    box=box,
                    postcode=postcode,
                    city=city,
                    province=province_for_postcode(postcode),
                    writers=writers,
                    note=note,
                    consented_at=timezone.now(),
                )
                if marathon:
                    OrganisedMarathon.objects.create(order=order, **marathon)
        except IntegrityError:
            # Either a simultaneous post of the same form won the race, or the
            # random reference was taken: find the first, draw again for the second.
            existing = KitOrder.objects.filter(form_token=form_token).first()
            if existing is not None:
                return existing, False
            continue
        email_queue(kind=emails.ORDER_CONFIRMATION, object_ids=[order.pk])
        return order, True
    raise RuntimeError("Could not draw a free kit order reference")


# --- The shipping workflow ---------------------------------------------------------------


class StatusChangeRefused(ValueError):
    pass


def _kit_order_move(*, order_id: int, to_status: str, by, note: str = "") -> KitOrder:
    order = KitOrder.objects.select_for_update().get(pk=order_id)
    if not order.can_become(to_status):
        raise StatusChangeRefused(
            f"{order.reference}: {order.get_status_display()} → {KitOrder.Status(to_status).label}"
        )
    KitOrderStatusChange.objects.create(
        order=order, from_status=order.status, to_status=to_status, changed_by=by, note=note
    )
    order.status = to_status
    fields = ["status"]
    if to_status == KitOrder.Status.CANCELLED:
        order.cancel_reason = note
        fields.append("cancel_reason")
    order.save(update_fields=fields)
    return order


@transaction.atomic
def kit_order_pack(*, order_id: int, by) -> KitOrder:
    return _kit_order_move(order_id=order_id, to_status=KitOrder.Status.PACKED, by=by)


@transaction.atomic
def kit_order_ship(*, order_id: int, by) -> KitOrder:
    order = _kit_order_move(order_id=order_id, to_status=KitOrder.Status.SHIPPED, by=by)
    email_queue(kind=emails.ORDER_SHIPPED, object_ids=[order.pk])
    return order


@transaction.atomic
def kit_order_cancel(*, order_id: int, by, reason: str) -> KitOrder:
    if not reason.strip():
        raise StatusChangeRefused("A cancellation needs a reason")
    return _kit_order_move(order_id=order_id, to_status=KitOrder.Status.CANCELLED, by=by, note=reason.strip())


# --- Organisers' reports -------------------------------------------------------------------


@transaction.atomic
def marathon_report_requests_queue() -> int:
    """Periodic: ask the organisers of marathons that just took place for their figures.

    Once per marathon: a marathon whose request is in the outbox, waiting, sent (which
    also sets report_requested_at) or given up on, is not asked again.
    """
    asked = Email.objects.filter(kind=emails.REPORT_REQUEST, object_id=OuterRef("pk"))
    due = OrganisedMarathon.objects.report_request_due().exclude(Exists(asked))
    return email_queue(kind=emails.REPORT_REQUEST, object_ids=list(due.values_list("pk", flat=True)[:1000]))


@transaction.atomic
def marathon_report_save(
    *, marathon: OrganisedMarathon, writers: int | None, counts: dict[int, tuple[int, int]]
) -> None:
    """Record (or correct) what an organiser says their marathon wrote, per case id."""
    for case_id, (letters, cards) in counts.items():
        MarathonReport.objects.update_or_create(
            marathon=marathon, case_id=case_id, defaults={"letters": letters, "cards": cards}
        )
    marathon.reported_writers = writers
    marathon.reported_at = timezone.now()
    marathon.save(update_fields=["reported_writers", "reported_at"])


def reported_by_case(campaign: Campaign) -> dict[int, dict[str, int]]:
    """Letters and cards organisers reported, per case id: {case_id: {"letters", "cards"}}."""
    return MarathonReport.objects.totals_by_case(campaign)


def label_batches_requeue_lost(*, grace: datetime.timedelta = datetime.timedelta(minutes=5)) -> int:
    """Periodic: queue again the label sheets asked for while the broker was down."""
    ids = list(
        LabelBatch.objects.filter(
            status=LabelBatch.Status.PENDING, created_at__lt=timezone.now() - grace
        ).values_list("pk", flat=True)[:1000]
    )
    for pk in ids:
        tasks.make_label_pdf.delay(pk)
    return len(ids)


# --- Labels and packing slips ---------------------------------------------------------------

LABELS_PER_ROW, LABELS_PER_PAGE = 3, 24  # A4 sheets of 3 × 8 labels
LABELS_PREFIX = "labels-"


@transaction.atomic
def label_batch_create(*, orders: QuerySet[KitOrder], by) -> LabelBatch:
    batch = LabelBatch.objects.create(created_by=by)
    batch.orders.set(orders)
    enqueue_on_commit(tasks.make_label_pdf, batch.pk)
    return batch


def label_batch_render(*, batch_id: int) -> LabelBatch:
    """Make the batch's PDF, replacing any earlier one (safe to run twice)."""
    # WeasyPrint is heavy to import: only the processes that make PDFs pay for it.
    from marathon.lib.pdf import render_pdf

    batch = LabelBatch.objects.get(pk=batch_id)
    orders = list(batch.orders.select_related("campaign", "marathon").order_by("postcode", "reference"))
    case_counts: dict[int, int] = {}
    for order in orders:
        if order.campaign_id not in case_counts:
            case_counts[order.campaign_id] = (
                Case.objects.published().filter(campaign_id=order.campaign_id).count()
            )
    slips = [(order, kit_order_contents(order, cases=case_counts[order.campaign_id])) for order in orders]
    pages = [orders[i : i + LABELS_PER_PAGE] for i in range(0, len(orders), LABELS_PER_PAGE)]
    label_pages = [
        [page[i : i + LABELS_PER_ROW] for i in range(0, len(page), LABELS_PER_ROW)] for page in pages
    ]
    context = {
        "label_pages": label_pages,
        "slips": slips,
        "batch": batch,
        "generated_at": timezone.now(),
        "organisation_name": settings.ORGANISATION_NAME,
    }
    with translation.override("fr"):
        pdf = render_pdf("kits/pdf/labels.html", context)
    return _label_batch_store(batch_id=batch_id, pdf=pdf)


@transaction.atomic
def _label_batch_store(*, batch_id: int, pdf: bytes) -> LabelBatch:
    """Write the PDF and record it, one run of a batch at a time (the row lock).

    A worker killed between writing its file and committing leaves a file nothing
    points to: the next run removes such leftovers of the batch. The file it replaces
    goes once the new one is committed, so a failed commit keeps the old one.
    """
    batch = LabelBatch.objects.select_for_update().get(pk=batch_id)
    storage = batch.file.storage
    previous = batch.file.name
    batch.file.save(f"{LABELS_PREFIX}{batch.pk}-{uuid.uuid4().hex[:8]}.pdf", ContentFile(pdf), save=False)
    batch.status = LabelBatch.Status.READY
    batch.finished_at = timezone.now()
    batch.error = ""
    batch.save(update_fields=["file", "status", "finished_at", "error"])
    folder = posixpath.dirname(batch.file.name)
    for name in storage.listdir(folder)[1]:
        path = posixpath.join(folder, name)
        if name.startswith(f"{LABELS_PREFIX}{batch.pk}-") and path not in {batch.file.name, previous}:
            storage.delete(path)
    if previous and previous != batch.file.name:
        transaction.on_commit(lambda: storage.delete(previous))
    return batch


def label_batch_fail(*, batch_id: int, error: str) -> None:
    LabelBatch.objects.filter(pk=batch_id).update(
        status=LabelBatch.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )


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

    for pk in to_queue:
        # With Redis down the page still answers; the next view queues it again.
        enqueue_on_commit(tasks.render_printable_document, pk)
    return [existing[spec.content_hash] for spec in specs]


def printable_documents_of_campaign(*, campaign: Campaign) -> list[PrintableDocument]:
    """Every current document of the campaign (full kit first), queueing the missing ones."""
    return printable_documents_request(specs=printing.campaign_specs(campaign))


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


# --- Personal data: erasure on request and after the retention time ------------------------


@transaction.atomic
def kit_order_erase(*, order_id: int) -> None:
    """Remove what identifies the person who ordered; keep what counts (kind, writers, area, dates).

    Label sheets that printed the address lose this order and are made again without it.
    """
    order = KitOrder.objects.select_for_update().filter(pk=order_id, erased_at__isnull=True).first()
    if order is None:
        return
    KitOrder.objects.filter(pk=order.pk).update(
        contact_name="",
        email="",
        phone="",
        organisation_name="",
        street="",
        box="",
        city="",
        note="",
        cancel_reason="",
        erased_at=timezone.now(),
    )
    # Staff notes on the order's history may name the person.
    order.status_changes.update(note="")
    OrganisedMarathon.objects.filter(order=order).update(is_public=False)
    for batch in order.label_batches.all():
        batch.orders.remove(order)
        if batch.orders.exists():
            enqueue_on_commit(tasks.make_label_pdf, batch.pk)
        else:
            label_batch_delete(batch=batch)
    scrub_admin_history(KitOrder, [order.pk])


def label_batch_delete(*, batch: LabelBatch) -> None:
    if batch.file:
        batch.file.delete(save=False)
    batch.delete()


def kit_orders_erase_expired(*, now: datetime.datetime | None = None) -> int:
    """Periodic: forget the addresses of orders shipped or cancelled long enough ago,
    and label sheets once they have served."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.KIT_ORDER_RETENTION_DAYS)
    expired = (
        KitOrder.objects.not_erased()
        .filter(status__in=[KitOrder.Status.SHIPPED, KitOrder.Status.CANCELLED])
        .annotate(settled_at=Max("status_changes__changed_at"))
        .filter(Q(settled_at__lt=cutoff) | Q(settled_at__isnull=True, created_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    erased = 0
    for pk in list(expired):
        kit_order_erase(order_id=pk)
        erased += 1
    labels_cutoff = now - datetime.timedelta(days=settings.KIT_LABELS_RETENTION_DAYS)
    for batch in LabelBatch.objects.filter(created_at__lt=labels_cutoff):
        label_batch_delete(batch=batch)
    return erased
