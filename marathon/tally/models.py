"""The returned-letter tally: what each envelope held, who counted it, and every correction.

One envelope is one `LetterBatch`; what it held is one `LetterBatchLine` per case and
kind (letters to the authorities, solidarity cards, paper petition signatures), so a
mixed envelope is a single entry and totals are exact sums of integers.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Campaign, Case, Embassy
from kits.models import KitOrder, SenderKind
from kits.models import reference_validator as kit_order_reference_validator
from marathon.lib.storage import private_storage
from marathon.lib.workerfiles import WorkerFile


class LetterKind(models.TextChoices):
    LETTER = "letter", _("letters to the authorities")
    CARD = "card", _("solidarity cards")
    SIGNATURE = "signature", _("paper petition signatures")

    @property
    def short_label(self) -> str:
        """For column headings, where the full label does not fit."""
        return KIND_SHORT_LABELS[self.value]

    @property
    def is_signature(self) -> bool:
        """Signatures on paper add up with the petitions' online ones wherever both show."""
        return self is LetterKind.SIGNATURE

    @classmethod
    def of_letters(cls) -> list[LetterKind]:
        """The kinds shown on their own, beside the combined signatures."""
        return [kind for kind in cls if not kind.is_signature]


KIND_SHORT_LABELS = {
    LetterKind.LETTER.value: _("Letters"),
    LetterKind.CARD.value: _("Cards"),
    LetterKind.SIGNATURE.value: _("Paper signatures"),
}


class LetterBatchQuerySet(models.QuerySet):
    def late(self) -> LetterBatchQuerySet:
        return self.filter(received_on__gt=F("campaign__letters_deadline"))

    def on_time(self) -> LetterBatchQuerySet:
        return self.filter(received_on__lte=F("campaign__letters_deadline"))

    def recorded_on(self, day: datetime.date) -> LetterBatchQuerySet:
        """Batches entered on that (local) day, whatever day the post brought them."""
        # A range rather than created_at__date, so the (recorded_by, created_at) index serves it.
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        end = timezone.make_aware(
            datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
        )
        return self.filter(created_at__gte=start, created_at__lt=end)

    def last_recorded_by(self, user, *, day: datetime.date) -> LetterBatch | None:
        """The batch this volunteer entered last that day, with what it held."""
        return (
            self.filter(recorded_by=user)
            .recorded_on(day)
            .select_related("campaign")
            .prefetch_related("lines__case")
            .order_by("-created_at", "-id")
            .first()
        )

    def with_total(self) -> LetterBatchQuerySet:
        return self.annotate(total=Sum("lines__count"))


class LetterBatch(models.Model):
    """What one envelope (or parcel) held when it was opened."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="letter_batches", verbose_name=_("campaign")
    )
    received_on = models.DateField(_("received on"))
    sender_kind = models.CharField(
        _("kind of sender"), max_length=16, choices=SenderKind.choices, default=SenderKind.UNKNOWN
    )
    kit_order_reference = models.CharField(
        _("kit order reference"),
        max_length=24,
        blank=True,
        validators=[kit_order_reference_validator],
        help_text=_("The reference printed on the kit the letters came from, if any."),
    )
    # The order that reference names (the desk looks it up): which kits came back.
    kit_order = models.ForeignKey(
        KitOrder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letter_batches",
        verbose_name=_("kit order"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Volunteers' accounts are deactivated, never deleted, so counts never lose their author.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="letter_batches",
        verbose_name=_("recorded by"),
    )
    # One per desk form shown: a form sent twice (double Enter, a retried request)
    # finds its batch instead of making a second one.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = LetterBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("letter batch")
        verbose_name_plural = _("letter batches")
        permissions = [("use_counting_desk", _("Can record batches at the counting desk"))]
        indexes = [
            models.Index(fields=["campaign", "received_on"]),
            models.Index(fields=["recorded_by", "created_at"]),
        ]

    def __str__(self) -> str:
        return _("Batch no. %(number)s") % {"number": self.pk}

    @property
    def is_late(self) -> bool:
        """Received after the campaign's deadline: still counted, flagged for staff.

        Computed, never stored, so that moving the deadline flags the right batches.
        """
        return self.received_on > self.campaign.letters_deadline

    @property
    def undo_until(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(seconds=settings.TALLY_UNDO_SECONDS)

    def can_be_undone_by(self, user, *, now: datetime.datetime | None = None) -> bool:
        return self.recorded_by_id == user.pk and (now or timezone.now()) < self.undo_until

    def audit_data(self) -> dict:
        """The batch as the audit trail keeps it: plain JSON, readable after the batch is gone."""
        lines = sorted(
            (
                {
                    "case": line.case_id,
                    "case_name": line.case.person_name,
                    "kind": line.kind,
                    "count": line.count,
                }
                for line in self.lines.select_related("case")
            ),
            key=lambda line: (line["case"], line["kind"]),
        )
        return {
            "campaign": self.campaign.year,
            "received_on": self.received_on.isoformat(),
            "sender_kind": self.sender_kind,
            "kit_order_reference": self.kit_order_reference,
            "note": self.note,
            "recorded_by": self.recorded_by.get_username(),
            "lines": lines,
        }


class LetterBatchLineQuerySet(models.QuerySet):
    def of_campaign(self, campaign: Campaign) -> LetterBatchLineQuerySet:
        # Through the case, not the batch: joining ten cases is cheaper than thousands of batches.
        return self.filter(case__campaign=campaign)

    def totals_by_case_and_kind(self) -> dict[tuple[int, str], int]:
        """{(case id, kind): count}; filter first (by campaign, by the cases of a country...)."""
        rows = self.order_by().values_list("case_id", "kind").annotate(total=Sum("count"))
        return {(case_id, kind): total for case_id, kind, total in rows}

    def totals_by_kind(self) -> dict[str, int]:
        rows = self.order_by().values_list("kind").annotate(total=Sum("count"))
        return dict(rows)


class LetterBatchLine(models.Model):
    """How many items of one kind, for one case, one envelope held."""

    batch = models.ForeignKey(
        LetterBatch, on_delete=models.CASCADE, related_name="lines", verbose_name=_("batch")
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="letter_batch_lines", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=LetterKind.choices)
    count = models.PositiveIntegerField(_("count"))

    objects = LetterBatchLineQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "case__order", "kind"]
        verbose_name = _("line")
        verbose_name_plural = _("lines")
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "case", "kind"],
                name="one_line_per_case_and_kind",
                violation_error_message=_("This batch already has a line for this case and kind."),
            ),
            # An empty line says nothing; the desk does not store zeros.
            models.CheckConstraint(condition=Q(count__gt=0), name="line_count_positive"),
        ]
        indexes = [models.Index(fields=["case", "kind"], include=["count"], name="tally_line_case_kind")]

    def __str__(self) -> str:
        return f"{self.case} · {self.get_kind_display()} · {self.count}"


class LetterBatchChange(models.Model):
    """One entry of the audit trail: a batch created, corrected or deleted by staff, or undone."""

    class Action(models.TextChoices):
        CREATED = "created", _("created in the admin")
        CHANGED = "changed", _("corrected")
        DELETED = "deleted", _("deleted")
        UNDONE = "undone", _("undone at the desk")

    # The entry outlives the batch it describes; batch_number says which it was.
    batch = models.ForeignKey(
        LetterBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("batch"),
    )
    batch_number = models.PositiveBigIntegerField(_("batch number"), db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("batch change")
        verbose_name_plural = _("batch changes")

    def __str__(self) -> str:
        return f"{self.batch_number} · {self.get_action_display()}"


class PastResult(models.Model):
    """An earlier campaign's results, entered by hand by staff for the results page."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    letters = models.PositiveIntegerField(_("letters and cards"), null=True, blank=True)
    signatures = models.PositiveIntegerField(_("signatures"), null=True, blank=True)
    # Some years were only ever published as one figure ("more than 240 000 letters and
    # signatures"): it is kept as such rather than split by guesswork.
    combined = models.PositiveIntegerField(
        _("letters and signatures together"),
        null=True,
        blank=True,
        help_text=_("When only the combined figure is known; leave the two above empty."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("Shown on the results page."))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("earlier campaign's result")
        verbose_name_plural = _("earlier campaigns' results")

    def __str__(self) -> str:
        return str(self.year)

    def clean(self) -> None:
        separate = self.letters is not None or self.signatures is not None
        if separate and self.combined is not None:
            raise ValidationError(
                _("Give either the letters and signatures, or the combined figure, not both.")
            )
        if not separate and self.combined is None:
            raise ValidationError(_("Give the letters and signatures, or the combined figure."))

    @property
    def total(self) -> int:
        if self.combined is not None:
            return self.combined
        return (self.letters or 0) + (self.signatures or 0)


class Handover(WorkerFile):
    """What one embassy receives for one campaign: the PDF pack, and when it was delivered.

    The pack lists the names and postcodes of the people who signed online: it lives in
    private storage and only staff download it, each download logged.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="handovers", verbose_name=_("campaign")
    )
    embassy = models.ForeignKey(
        Embassy, on_delete=models.PROTECT, related_name="handovers", verbose_name=_("embassy")
    )
    # The pack (WorkerFile's file and status): made by a worker, replaced when what it
    # shows changes.
    file = models.FileField(
        _("pack (PDF)"), storage=private_storage, upload_to="tally/handover/", max_length=300, blank=True
    )
    status = models.CharField(
        _("pack status"),
        max_length=12,
        choices=WorkerFile.Status.choices,
        default=WorkerFile.Status.NOT_STARTED,
    )
    # Recorded with the pack, so a download logs how many signatures it holds without
    # counting them again over the whole campaign in the request.
    pack_signatures = models.PositiveIntegerField(_("online signatures in the pack"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    received_by = models.CharField(
        _("received by"), max_length=200, blank=True, help_text=_("Who took the pack at the embassy.")
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    delivered_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delivery recorded by"),
    )
    delivered_recorded_at = models.DateTimeField(_("delivery recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "embassy__name"]
        verbose_name = _("embassy handover")
        verbose_name_plural = _("embassy handovers")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "embassy"],
                name="one_handover_per_campaign_and_embassy",
                violation_error_message=_("This embassy already has a handover for this campaign."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.embassy} · {self.campaign.year}"

    @property
    def is_delivered(self) -> bool:
        return self.delivered_on is not None

    @property
    def pack_filename(self) -> str:
        return f"remise-{self.campaign.year}-{self.embassy.country.code.lower()}.pdf"
