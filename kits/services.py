"""Kit orders: what goes in the box, ordering, the shipping workflow, organisers' reports."""

from __future__ import annotations

import datetime
import logging
import math
import posixpath
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cases.models import Campaign, Case
from kits import emails
from kits.models import (
    KitOrder,
    KitOrderStatusChange,
    LabelBatch,
    MarathonReport,
    OrganisedMarathon,
    new_reference,
)
from marathon.lib.belgium import province_for_postcode

logger = logging.getLogger(__name__)

# --- What goes in the box -------------------------------------------------------------

WRITERS_PER_FACT_SHEET_SET = 5
WRITERS_PER_HOW_TO_SHEET = 10
SHEETS_PER_RETURN_ENVELOPE = 50


@dataclass(frozen=True)
class KitContents:
    cases: int
    fact_sheet_sets: int
    youth_fact_sheets: bool
    letters_per_case: int
    postcards_per_case: int
    return_envelopes: int
    how_to_sheets: int
    teacher_guides: int

    @property
    def letters(self) -> int:
        return self.letters_per_case * self.cases

    @property
    def postcards(self) -> int:
        return self.postcards_per_case * self.cases

    def lines(self) -> list[tuple[str, int]]:
        """(what, how many) in packing order, for the confirmation page and the packing slip."""
        if self.youth_fact_sheets:
            sheets = _("Fact sheets for young readers (set of %(cases)s)") % {"cases": self.cases}
        else:
            sheets = _("Case fact sheets (set of %(cases)s)") % {"cases": self.cases}
        lines = [
            (sheets, self.fact_sheet_sets),
            (str(_("Model letters, for each case")), self.letters_per_case),
            (str(_("Solidarity postcards, for each case")), self.postcards_per_case),
            (str(_("Return envelopes for your letters")), self.return_envelopes),
            (str(_("How-to sheet")), self.how_to_sheets),
        ]
        if self.teacher_guides:
            lines.append((str(_("Teacher's guide")), self.teacher_guides))
        return lines


def kit_contents(*, kind: str, writers: int, age_band: str = "", cases: int) -> KitContents:
    """What goes in the box for this many writers. The one place these rules live.

    Everyone gets one model letter per case to copy or sign, and a postcard per case
    for every two writers (cards are shared around a table). Pupils of 10 to 14 get
    fact sheets written for their age, write letters in pairs and a card each. The
    letters and cards come back to the office in the return envelopes.
    """
    younger_pupils = kind == KitOrder.Kind.SCHOOL and age_band == KitOrder.AgeBand.YOUNGER
    if younger_pupils:
        letters_per_case, postcards_per_case = math.ceil(writers / 2), writers
    else:
        letters_per_case, postcards_per_case = writers, math.ceil(writers / 2)
    sheets_back = (letters_per_case + postcards_per_case) * cases
    return KitContents(
        cases=cases,
        fact_sheet_sets=math.ceil(writers / WRITERS_PER_FACT_SHEET_SET),
        youth_fact_sheets=younger_pupils,
        letters_per_case=letters_per_case,
        postcards_per_case=postcards_per_case,
        return_envelopes=max(1, math.ceil(sheets_back / SHEETS_PER_RETURN_ENVELOPE)),
        how_to_sheets=math.ceil(writers / WRITERS_PER_HOW_TO_SHEET),
        teacher_guides=1 if kind == KitOrder.Kind.SCHOOL else 0,
    )


def kit_order_contents(order: KitOrder, *, cases: int | None = None) -> KitContents:
    if cases is None:
        cases = Case.objects.published().filter(campaign_id=order.campaign_id).count()
    return kit_contents(kind=order.kind, writers=order.writers, age_band=order.age_band, cases=cases)


# --- Ordering ---------------------------------------------------------------------------


def _enqueue(task, *args) -> None:
    """Queue a task once the transaction has committed.

    robust: if the broker is down the order is already saved and acknowledged;
    the periodic sweep sends what is still due.
    """

    # A function rather than a partial: a robust hook that fails is logged by its __qualname__.
    def send() -> None:
        task.delay(*args)

    transaction.on_commit(send, robust=True)


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
    from kits.tasks import send_order_confirmation

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
        _enqueue(send_order_confirmation, order.pk)
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
    from kits.tasks import send_shipped_email

    order = _kit_order_move(order_id=order_id, to_status=KitOrder.Status.SHIPPED, by=by)
    _enqueue(send_shipped_email, order.pk)
    return order


@transaction.atomic
def kit_order_cancel(*, order_id: int, by, reason: str) -> KitOrder:
    if not reason.strip():
        raise StatusChangeRefused("A cancellation needs a reason")
    return _kit_order_move(order_id=order_id, to_status=KitOrder.Status.CANCELLED, by=by, note=reason.strip())


# --- E-mails, each sent at most once -------------------------------------------------------


@transaction.atomic
def kit_order_send_confirmation(*, order_id: int) -> bool:
    order = KitOrder.objects.select_for_update().filter(pk=order_id).first()
    if order is None or order.confirmation_sent_at or order.status == KitOrder.Status.CANCELLED:
        return False
    emails.order_confirmation(order, contents=kit_order_contents(order)).send()
    order.confirmation_sent_at = timezone.now()
    order.save(update_fields=["confirmation_sent_at"])
    return True


@transaction.atomic
def kit_order_send_shipped(*, order_id: int) -> bool:
    order = KitOrder.objects.select_for_update().filter(pk=order_id).first()
    if order is None or order.shipped_email_sent_at or order.status != KitOrder.Status.SHIPPED:
        return False
    emails.order_shipped(order).send()
    order.shipped_email_sent_at = timezone.now()
    order.save(update_fields=["shipped_email_sent_at"])
    return True


REPORT_LINK_SALT = "kits.marathon-report"
REPORT_LINK_MAX_AGE = datetime.timedelta(days=120)


def marathon_report_token(marathon: OrganisedMarathon) -> str:
    return signing.dumps({"marathon": marathon.pk}, salt=REPORT_LINK_SALT)


def marathon_from_report_token(token: str) -> OrganisedMarathon | None:
    """The marathon a signed report link is for, or None if it was altered or is too old."""
    try:
        payload = signing.loads(token, salt=REPORT_LINK_SALT, max_age=REPORT_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        OrganisedMarathon.objects.select_related("order__campaign")
        .exclude(order__status=KitOrder.Status.CANCELLED)
        .filter(pk=payload.get("marathon"))
        .first()
    )


@transaction.atomic
def marathon_send_report_request(*, marathon_id: int) -> bool:
    marathon = (
        OrganisedMarathon.objects.select_for_update(of=("self",))
        .select_related("order__campaign")
        .filter(pk=marathon_id)
        .first()
    )
    if marathon is None or marathon.report_requested_at or marathon.order.status == KitOrder.Status.CANCELLED:
        return False
    if marathon.date >= timezone.localdate():
        return False
    emails.marathon_report_request(marathon, token=marathon_report_token(marathon)).send()
    marathon.report_requested_at = timezone.now()
    marathon.save(update_fields=["report_requested_at"])
    return True


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


def kit_emails_sweep(*, grace: datetime.timedelta = datetime.timedelta(minutes=5)) -> dict[str, int]:
    """Queue every e-mail that is due and was not sent: the safety net for a broker outage.

    Orders younger than `grace` are left to the task queued when they were made.
    """
    from kits.tasks import send_marathon_report_request, send_order_confirmation, send_shipped_email

    cutoff = timezone.now() - grace
    due = {
        "confirmations": KitOrder.objects.active()
        .confirmation_due()
        .filter(created_at__lt=cutoff)
        .values_list("pk", flat=True),
        "shipped": KitOrder.objects.shipped_email_due().values_list("pk", flat=True),
        "reports": OrganisedMarathon.objects.report_request_due().values_list("pk", flat=True),
    }
    tasks = {
        "confirmations": send_order_confirmation,
        "shipped": send_shipped_email,
        "reports": send_marathon_report_request,
    }
    counts = {}
    for name, ids in due.items():
        ids = list(ids[:1000])
        for pk in ids:
            tasks[name].delay(pk)
        counts[name] = len(ids)
    return counts


# --- Labels and packing slips ---------------------------------------------------------------

LABELS_PER_ROW, LABELS_PER_PAGE = 3, 24  # A4 sheets of 3 × 8 labels
LABELS_PREFIX = "labels-"


@transaction.atomic
def label_batch_create(*, orders: QuerySet[KitOrder], by) -> LabelBatch:
    from kits.tasks import make_label_pdf

    batch = LabelBatch.objects.create(created_by=by)
    batch.orders.set(orders)
    _enqueue(make_label_pdf, batch.pk)
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
