from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models import Campaign, Case
from marathon.lib.belgium import PROVINCE_CHOICES
from marathon.lib.languages import language_field
from marathon.lib.storage import private_storage
from marathon.lib.workerfiles import WorkerFile

REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_PREFIX = "MDL-"
REFERENCE_LENGTH = 4


def new_reference() -> str:
    return REFERENCE_PREFIX + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


# What a reference looks like, for those who type one in (the counting desk).
reference_validator = RegexValidator(
    rf"^{REFERENCE_PREFIX}[{REFERENCE_ALPHABET}]{{{REFERENCE_LENGTH}}}$",
    _("A kit order reference looks like MDL-7KQ4: MDL-, then four letters or digits."),
    code="invalid_reference",
)


def normalise_reference(value: str) -> str:
    """As typed from an envelope: spaces dropped, capitals."""
    return "".join(value.split()).upper()


class SenderKind(models.TextChoices):
    """Who orders a kit or sends letters back: one vocabulary for the kit form, the orders,
    the counting desk and the batches."""

    INDIVIDUAL = "individual", _("An individual")
    FAMILY = "family", _("Family or friends")
    SCHOOL = "school", _("A school class")
    GROUP = "group", _("An association or group")
    # Only for the post whose sender the volunteers cannot tell (most of it), never an order.
    UNKNOWN = "unknown", _("Not known")

    @classmethod
    def who_order(cls) -> list[tuple[str, str]]:
        return [(value, label) for value, label in cls.choices if value != cls.UNKNOWN]


class KitOrderQuerySet(models.QuerySet):
    def of_current_campaign(self) -> KitOrderQuerySet:
        return self.filter(campaign__is_current=True)

    def active(self) -> KitOrderQuerySet:
        return self.exclude(status=KitOrder.Status.CANCELLED)

    def to_ship(self) -> KitOrderQuerySet:
        return self.filter(status__in=[KitOrder.Status.RECEIVED, KitOrder.Status.PACKED])

    def not_erased(self) -> KitOrderQuerySet:
        return self.filter(erased_at__isnull=True)

    def confirmation_due(self) -> KitOrderQuerySet:
        return self.not_erased().filter(confirmation_sent_at__isnull=True)

    def shipped_email_due(self) -> KitOrderQuerySet:
        return self.not_erased().filter(status=KitOrder.Status.SHIPPED, shipped_email_sent_at__isnull=True)

    def reminder_due(self, *, today: datetime.date | None = None) -> KitOrderQuerySet:
        """Orders to remind: their campaign's letters deadline is at most
        KIT_REMINDER_DAYS_BEFORE days ahead (and not passed), not reminded yet, not stopped."""
        today = today or timezone.localdate()
        ahead = datetime.timedelta(days=settings.KIT_REMINDER_DAYS_BEFORE)
        return (
            self.not_erased()
            .active()
            .filter(
                campaign__letters_deadline__gt=today,
                campaign__letters_deadline__lte=today + ahead,
                reminder_sent_at__isnull=True,
                reminders_stopped_at__isnull=True,
            )
        )

    def same_as(
        self, *, campaign: Campaign, email: str, kind: str, street: str, postcode: str, writers: int
    ) -> KitOrderQuerySet:
        """Orders of the last day that look like this one: the same form sent again from
        a second tab, or after Back (a new form, so a new token)."""
        return (
            self.not_erased()
            .active()
            .filter(
                campaign=campaign,
                email__iexact=email,
                kind=kind,
                street__iexact=street,
                postcode=postcode,
                writers=writers,
                created_at__gte=timezone.now() - datetime.timedelta(days=1),
            )
        )

    def created_since(self, moment: datetime.datetime) -> KitOrderQuerySet:
        return self.filter(created_at__gte=moment)

    def totals_by(self, field: str) -> list[dict]:
        """Orders and writers grouped by one field (kind, province, status), largest first."""
        return list(
            self.order_by()
            .values(field)
            .annotate(orders=Count("pk"), writers=Sum("writers"))
            .order_by("-orders", field)
        )


class KitOrder(models.Model):
    Kind = SenderKind

    class AgeBand(models.TextChoices):
        YOUNGER = "10-14", _("10 to 14 years old")
        OLDER = "14-18", _("14 to 18 years old")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PACKED = "packed", _("Packed")
        SHIPPED = "shipped", _("Shipped")
        CANCELLED = "cancelled", _("Cancelled")

    # Which status may follow which: an order only moves forward, or is cancelled
    # before it leaves the building.
    TRANSITIONS = {
        Status.RECEIVED: {Status.PACKED, Status.SHIPPED, Status.CANCELLED},
        Status.PACKED: {Status.SHIPPED, Status.CANCELLED},
        Status.SHIPPED: set(),
        Status.CANCELLED: set(),
    }

    MAX_WRITERS = 500

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="kit_orders", verbose_name=_("campaign")
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    # The hidden one-time token of the form that made the order: posting the same
    # form twice finds the order instead of making a second one.
    form_token = models.UUIDField(_("form token"), unique=True, editable=False)
    kind = models.CharField(_("who orders"), max_length=12, choices=SenderKind.who_order())
    contact_name = models.CharField(_("contact name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation_name = models.CharField(_("school or organisation"), max_length=150, blank=True)
    age_band = models.CharField(_("pupils' age"), max_length=5, choices=AgeBand.choices, blank=True)
    street = models.CharField(_("street and number"), max_length=150)
    box = models.CharField(_("box"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, db_index=True)
    city = models.CharField(_("city"), max_length=80)
    province = models.CharField(_("province"), max_length=3, choices=PROVINCE_CHOICES, db_index=True)
    writers = models.PositiveSmallIntegerField(_("number of writers"))
    note = models.TextField(pgettext_lazy("kit order", "note"), max_length=1000, blank=True)
    # The language it was ordered in: its e-mails, printables and packing slip.
    language = language_field()
    consented_at = models.DateTimeField(_("consent given at"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_at = models.DateTimeField(_("ordered at"), default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation e-mail sent at"), null=True, blank=True)
    shipped_email_sent_at = models.DateTimeField(_("shipping e-mail sent at"), null=True, blank=True)
    # One reminder a week before the letters deadline (kits/emails.py), unless stopped.
    reminder_sent_at = models.DateTimeField(_("deadline reminder sent at"), null=True, blank=True)
    reminders_stopped_at = models.DateTimeField(_("reminders stopped at"), null=True, blank=True)
    # Set when the contact details were removed (on request, or after the retention time).
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = KitOrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kit order")
        verbose_name_plural = _("kit orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(writers__gte=1) & Q(writers__lte=500), name="kit_order_writers_1_to_500"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.contact_name}"

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]

    @property
    def street_line(self) -> str:
        return f"{self.street}, bte {self.box}" if self.box else self.street

    @property
    def address_lines(self) -> list[str]:
        """The lines of the postal label, in Belgian order."""
        lines = [self.contact_name]
        if self.organisation_name:
            lines.append(self.organisation_name)
        lines += [self.street_line, f"{self.postcode} {self.city}"]
        return lines

    @property
    def has_marathon(self) -> bool:
        return hasattr(self, "marathon")


class KitOrderStatusChange(models.Model):
    """One step of an order's history: nothing about an order is ever overwritten silently."""

    order = models.ForeignKey(
        KitOrder, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("order")
    )
    from_status = models.CharField(_("previous status"), max_length=10, choices=KitOrder.Status.choices)
    to_status = models.CharField(_("new status"), max_length=10, choices=KitOrder.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.order.reference}: {self.from_status} → {self.to_status}"


REPORT_REQUEST_WINDOW = datetime.timedelta(days=30)


class OrganisedMarathonQuerySet(models.QuerySet):
    def upcoming_public(self, *, today: datetime.date | None = None) -> OrganisedMarathonQuerySet:
        today = today or timezone.localdate()
        return (
            self.filter(
                is_public=True, date__gte=today, order__campaign__is_current=True, cancelled_at__isnull=True
            )
            .exclude(order__status=KitOrder.Status.CANCELLED)
            .select_related("order")
            .order_by("province", "date", "town")
        )

    def report_request_due(self, *, today: datetime.date | None = None) -> OrganisedMarathonQuerySet:
        """Marathons whose day is over and whose organiser was not yet asked for a report.

        Only recent ones: an organiser is not asked about a marathon of months ago
        (after an outage, or for orders made before this feature existed).
        """
        today = today or timezone.localdate()
        return self.filter(
            date__lt=today,
            date__gte=today - REPORT_REQUEST_WINDOW,
            report_requested_at__isnull=True,
            cancelled_at__isnull=True,
            order__erased_at__isnull=True,
        ).exclude(order__status=KitOrder.Status.CANCELLED)


class OrganisedMarathon(models.Model):
    """A letter-writing event an order declared: a class, a group or a family writing together."""

    order = models.OneToOneField(
        KitOrder, on_delete=models.CASCADE, related_name="marathon", verbose_name=_("kit order")
    )
    date = models.DateField(_("date"))
    is_public = models.BooleanField(_("shown on the public list"), default=False)
    town = models.CharField(_("town"), max_length=80)
    province = models.CharField(_("province"), max_length=3, choices=PROVINCE_CHOICES)
    expected_writers = models.PositiveSmallIntegerField(_("expected writers"))
    # What an organiser may choose to publish so that others can join (a consent of its
    # own: marathons registered before it show only date, town and group, as agreed).
    details_public = models.BooleanField(_("venue, times and contact shown"), default=False)
    venue = models.CharField(_("venue"), max_length=150, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=200, blank=True)
    public_contact = models.CharField(_("public contact"), max_length=150, blank=True)
    # The organiser called it off (their e-mailed link): off the public list, no report asked.
    cancelled_at = models.DateTimeField(_("called off at"), null=True, blank=True)
    report_requested_at = models.DateTimeField(_("report e-mail sent at"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reported_writers = models.PositiveIntegerField(_("writers who took part"), null=True, blank=True)

    objects = OrganisedMarathonQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("organised marathon")
        verbose_name_plural = _("organised marathons")

    def __str__(self) -> str:
        return f"{self.town}, {self.date:%d/%m/%Y}"

    @property
    def public_name(self) -> str:
        """What the public list shows: a school or group's name, never a private person's."""
        if self.order.kind in (KitOrder.Kind.SCHOOL, KitOrder.Kind.GROUP) and self.order.organisation_name:
            return self.order.organisation_name
        return str(self.order.get_kind_display())


class MarathonReportQuerySet(models.QuerySet):
    def totals_by_case(self, campaign: Campaign) -> dict[int, dict[str, int]]:
        """Letters and cards organisers reported, per case id of the campaign.

        These are what organisers say they wrote; the letters actually received are
        counted separately by the tally.
        """
        rows = (
            self.filter(case__campaign=campaign)
            .exclude(marathon__order__status=KitOrder.Status.CANCELLED)
            .order_by()
            .values("case_id")
            .annotate(letters=Sum("letters"), cards=Sum("cards"))
        )
        return {row["case_id"]: {"letters": row["letters"], "cards": row["cards"]} for row in rows}

    def totals(self, campaign: Campaign) -> dict[str, int]:
        """What organisers reported in all, and how many marathons reported."""
        row = (
            self.filter(case__campaign=campaign)
            .exclude(marathon__order__status=KitOrder.Status.CANCELLED)
            .aggregate(letters=Sum("letters"), cards=Sum("cards"), marathons=Count("marathon", distinct=True))
        )
        return {key: row[key] or 0 for key in ("letters", "cards", "marathons")}


class MarathonReport(models.Model):
    marathon = models.ForeignKey(
        OrganisedMarathon, on_delete=models.CASCADE, related_name="reports", verbose_name=_("marathon")
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+", verbose_name=_("case"))
    letters = models.PositiveIntegerField(_("letters written"), default=0)
    cards = models.PositiveIntegerField(_("cards written"), default=0)

    objects = MarathonReportQuerySet.as_manager()

    class Meta:
        ordering = ["marathon", "case"]
        verbose_name = _("marathon report")
        verbose_name_plural = _("marathon reports")
        constraints = [models.UniqueConstraint(fields=["marathon", "case"], name="one_report_per_case")]

    def __str__(self) -> str:
        return f"{self.marathon}: {self.case}"


class LabelBatch(WorkerFile):
    """Address labels and packing slips for a selection of orders, as one PDF made by a worker.

    Made again in place when its orders change (an order erased leaves the sheet).
    """

    orders = models.ManyToManyField(KitOrder, related_name="label_batches", verbose_name=_("orders"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    # Labels carry home addresses: the file lives in private storage and only staff
    # download it, through an admin view.
    file = models.FileField(_("PDF"), storage=private_storage, upload_to="kits/labels/", blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("labels and packing slips")
        verbose_name_plural = _("labels and packing slips")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {timezone.localtime(self.created_at):%d/%m/%Y %H:%M}"


# --- Printable documents (PDFs made by Celery) ---------------------------------------


class PrintableDocumentQuerySet(models.QuerySet):
    def ready(self) -> PrintableDocumentQuerySet:
        return self.filter(status=PrintableDocument.Status.READY)


class PrintableDocument(WorkerFile):
    """A generated PDF, keyed by a hash of everything it was made from.

    An edit to what a document shows gives it a new hash, hence a new row and a new
    file; a row never changes content, which is what lets its URL be cached forever.
    """

    class Kind(models.TextChoices):
        FULL_KIT = "full-kit", _("full kit")
        FACT_SHEET = "fact-sheet", _("fact sheet")
        MODEL_LETTER = "model-letter", _("model letter")
        POSTCARDS = "postcards", _("postcards sheet")
        TEACHER_GUIDE = "teacher-guide", _("teacher's guide")
        YOUNG_SHEETS = "young-sheets", _("fact sheets for young readers")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="printable_documents", verbose_name=_("campaign")
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="printable_documents",
        verbose_name=_("case"),
    )
    # The key of a printable: one row, one file per content, never changed once made.
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    filename = models.CharField(_("file name"), max_length=200)
    language = language_field()
    file = models.FileField(_("file"), upload_to="printables/", max_length=300, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PrintableDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("printable document")
        verbose_name_plural = _("printable documents")
        indexes = [models.Index(fields=["campaign", "kind", "case"], name="printable_lookup")]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse(
            "kits:printable-file", kwargs={"content_hash": self.content_hash, "filename": self.filename}
        )
