"""Kit orders: ordering, the shipping workflow, organisers' reports, label sheets, erasure.

Printable kits are kits.printables; what goes in a box, kits.contents.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import uuid
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth.models import User
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
    new_reference,
)
from marathon.lib import workerfiles
from marathon.lib.adminlog import scrub_admin_history
from marathon.lib.belgium import province_for_postcode
from marathon.lib.languages import reader_language
from marathon.outbox.models import Email
from marathon.outbox.services import email_queue, emails_cancel

logger = logging.getLogger(__name__)

# --- Ordering ---------------------------------------------------------------------------


@transaction.atomic
def kit_order_duplicate(*, campaign: Campaign, details: dict) -> KitOrder | None:
    """An order of the last day that this form repeats (same e-mail, address, kind and
    number of writers), made from another form; None if there is none."""
    # Never the order this very form made: a double click's second post, committed by the
    # first between two queries here, once made this answer "you already ordered" (409).
    duplicate = (
        KitOrder.objects.same_as(
            campaign=campaign,
            email=details["email"],
            kind=details["kind"],
            street=details["street"],
            postcode=details["postcode"],
            writers=details["writers"],
        )
        .exclude(form_token=details["form_token"])
        .order_by("-created_at")
        # What the notice shows: compiling the whole row was a tenth of an order's CPU.
        .only("reference", "created_at")
        .first()
    )
    if duplicate is None or KitOrder.objects.filter(form_token=details["form_token"]).exists():
        return None  # nothing repeated, or the same form sent again: kit_order_create returns its order
    return duplicate


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
    returns the order it already made: the token is unique, so its INSERT fails and the
    order is found then, not looked for first at every order (a double click's second
    post found nothing anyway while the first was being made).
    """
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
                    language=reader_language(),
                    consented_at=timezone.now(),
                )
                if marathon:
                    OrganisedMarathon.objects.create(order=order, **marathon)
                # In the order's transaction: an order is never saved without its e-mail.
                email_queue(kind=emails.ORDER_CONFIRMATION, object_ids=[order.pk], language=order.language)
        except IntegrityError:
            # Either a simultaneous post of the same form won the race, or the
            # random reference was taken: find the first, draw again for the second.
            existing = KitOrder.objects.filter(form_token=form_token).first()
            if existing is not None:
                return existing, False
            continue
        return order, True
    raise RuntimeError("Could not draw a free kit order reference")


# --- The shipping workflow ---------------------------------------------------------------


class StatusChangeRefused(ValueError):
    pass


def _kit_order_move(*, order_id: int, to_status: str, by: User | None, note: str = "") -> KitOrder:
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
def kit_order_pack(*, order_id: int, by: User | None) -> KitOrder:
    return _kit_order_move(order_id=order_id, to_status=KitOrder.Status.PACKED, by=by)


@transaction.atomic
def kit_order_ship(*, order_id: int, by: User | None) -> KitOrder:
    order = _kit_order_move(order_id=order_id, to_status=KitOrder.Status.SHIPPED, by=by)
    email_queue(kind=emails.ORDER_SHIPPED, object_ids=[order.pk], language=order.language)
    return order


@transaction.atomic
def kit_order_cancel(*, order_id: int, by: User | None, reason: str) -> KitOrder:
    if not reason.strip():
        raise StatusChangeRefused("A cancellation needs a reason")
    return _kit_order_move(order_id=order_id, to_status=KitOrder.Status.CANCELLED, by=by, note=reason.strip())


@transaction.atomic
def kit_order_disown(*, order_id: int) -> KitOrder | None:
    """The person an order e-mailed says they never made it: cancel it if it has not left,
    and erase what it holds about them (someone else typed their address)."""
    order = KitOrder.objects.select_for_update().filter(pk=order_id, erased_at__isnull=True).first()
    if order is None:
        return None
    if order.can_become(KitOrder.Status.CANCELLED):
        _kit_order_move(
            order_id=order.pk,
            to_status=KitOrder.Status.CANCELLED,
            by=None,
            note="Annulée par la personne dont l’adresse e-mail a été saisie : « ce n’était pas moi ».",
        )
    kit_order_erase(order_id=order.pk)
    return KitOrder.objects.get(pk=order.pk)


# --- Organisers' reports -------------------------------------------------------------------


@transaction.atomic
def kit_reminders_queue() -> int:
    """Periodic: a week before the letters deadline, one reminder to each order (organisers
    included), unless they stopped reminders. Once per order, like the report requests."""
    reminded = Email.objects.filter(kind=emails.REMINDER, object_id=OuterRef("pk"))
    due = KitOrder.objects.reminder_due().exclude(Exists(reminded))
    languages = dict(due.values_list("pk", "language")[:1000])
    email_queue(kind=emails.REMINDER, object_ids=list(languages), languages=languages)
    return len(languages)


@transaction.atomic
def kit_reminders_stop(*, order_id: int) -> None:
    """From the reminder's link: no further reminder for this order (one waiting is dropped
    when it is sent: its envelope reads this)."""
    KitOrder.objects.filter(pk=order_id, reminders_stopped_at__isnull=True).update(
        reminders_stopped_at=timezone.now()
    )


@transaction.atomic
def marathon_call_off(*, marathon_id: int) -> None:
    """The organiser calls their marathon off: it leaves the public list, and they are not
    asked for figures afterwards. The kit order stands."""
    OrganisedMarathon.objects.filter(pk=marathon_id, cancelled_at__isnull=True).update(
        cancelled_at=timezone.now()
    )


@transaction.atomic
def marathon_report_requests_queue() -> int:
    """Periodic: ask the organisers of marathons that just took place for their figures.

    Once per marathon: a marathon whose request is in the outbox, waiting, sent (which
    also sets report_requested_at) or given up on, is not asked again.
    """
    asked = Email.objects.filter(kind=emails.REPORT_REQUEST, object_id=OuterRef("pk"))
    due = OrganisedMarathon.objects.report_request_due().exclude(Exists(asked))
    languages = dict(due.values_list("pk", "order__language")[:1000])
    email_queue(kind=emails.REPORT_REQUEST, object_ids=list(languages), languages=languages)
    return len(languages)


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


def reported_totals(campaign: Campaign) -> dict[str, int]:
    """Letters and cards organisers reported in all, and how many marathons reported."""
    return MarathonReport.objects.totals(campaign)


# --- Labels and packing slips ---------------------------------------------------------------

LABELS_PER_ROW, LABELS_PER_PAGE = 3, 24  # A4 sheets of 3 × 8 labels
LABELS_PREFIX = "labels-"


@transaction.atomic
def label_batch_create(*, orders: QuerySet[KitOrder], by: User | None) -> LabelBatch:
    batch = LabelBatch.objects.create(created_by=by)
    batch.orders.set(orders)
    workerfiles.queue([batch])
    return batch


def _label_sheet_content(batch: LabelBatch) -> workerfiles.Content:
    """The labels and packing slips of the batch's orders as they are now."""
    orders = list(batch.orders.select_related("campaign", "marathon").order_by("postcode", "reference"))
    case_counts: dict[int, int] = {}
    for order in orders:
        if order.campaign_id not in case_counts:
            case_counts[order.campaign_id] = (
                Case.objects.published().filter(campaign_id=order.campaign_id).count()
            )
    slips = [(order, kit_order_contents(order, cases=case_counts[order.campaign_id])) for order in orders]
    # What the sheet prints, and the templates and fonts it is printed with.
    key = json.dumps(
        [
            [order.pk, order.reference, order.language, order.address_lines, contents.lines()]
            for order, contents in slips
        ]
        + [printing.design_version()],
        default=str,
    )

    def write(out: BinaryIO) -> None:
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
        # WeasyPrint is heavy to import: only the processes that make PDFs pay for it.
        from marathon.lib.pdf import render_pdf

        with translation.override(settings.LANGUAGE_CODE):
            out.write(render_pdf("kits/pdf/labels.html", context))

    return workerfiles.Content(hash=hashlib.sha256(key.encode()).hexdigest(), write=write)


def label_file_kind() -> workerfiles.FileKind:
    """Label sheets as worker-made files (registered by kits.apps): replaced in place when
    their orders change, an erased order leaving the sheet."""
    return workerfiles.FileKind.replaced_in_place(
        model=LabelBatch,
        task=tasks.make_label_pdf,
        content=_label_sheet_content,
        folder="kits/labels",
        stem=LABELS_PREFIX,
        requeue_after=datetime.timedelta(minutes=5),
    )


def label_batch_render(*, batch_id: int) -> LabelBatch | None:
    """Make the batch's PDF, replacing any earlier one (marathon.lib.workerfiles)."""
    return workerfiles.make(LabelBatch, batch_id)


# --- Personal data: erasure on request and after the retention time ------------------------


@transaction.atomic
def kit_order_erase(*, order_id: int) -> None:
    """Remove what identifies the person who ordered; keep what counts (kind, writers, area, dates).

    Label sheets that printed the address lose this order and are made again without it.
    """
    order = KitOrder.objects.select_for_update().filter(pk=order_id, erased_at__isnull=True).first()
    if order is None:
        return
    # A kit not sent yet is not sent at all: the shipping desk never sees a blank label.
    if order.status in (KitOrder.Status.RECEIVED, KitOrder.Status.PACKED):
        _kit_order_move(
            order_id=order.pk,
            to_status=KitOrder.Status.CANCELLED,
            by=None,
            note="Annulée : la personne a demandé l’effacement de ses données.",
        )
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
    # E-mails not sent yet are not sent at all, even from a chunk a worker is making now.
    for kind in (emails.ORDER_CONFIRMATION, emails.ORDER_SHIPPED, emails.REMINDER):
        emails_cancel(kind=kind, object_ids=[order.pk])
    emails_cancel(
        kind=emails.REPORT_REQUEST,
        object_ids=OrganisedMarathon.objects.filter(order=order).values_list("pk", flat=True),
    )
    OrganisedMarathon.objects.filter(order=order).update(is_public=False)
    for batch in order.label_batches.all():
        batch.orders.remove(order)
        if batch.orders.exists():
            workerfiles.queue([batch])
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
