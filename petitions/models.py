"""Petitions: one per case, signers (one per canonical e-mail) and their signatures.

A signature counts once confirmed (double opt-in) and while not invalidated by staff.
The public counts are not computed from these rows on each page view: see
`petitions.counts` for how they are kept.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cases.models import Case
from marathon.lib.belgium import PROVINCE_CHOICES
from marathon.lib.languages import language_field


class PetitionQuerySet(models.QuerySet):
    def open(self) -> PetitionQuerySet:
        """Signable today: not closed by staff, and the campaign's petitions not closed yet."""
        return self.filter(
            is_open=True,
            case__is_published=True,
            case__campaign__petitions_close_on__gte=timezone.localdate(),
        )

    def of_current_campaign(self) -> PetitionQuerySet:
        return self.filter(case__campaign__is_current=True)

    def for_listing(self) -> PetitionQuerySet:
        return self.select_related("case").order_by("case__order", "case__person_name")


class Petition(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="petition", verbose_name=_("case")
    )
    text = models.TextField(
        _("petition text"),
        help_text=_("The ask addressed to the authority, printed above the signatures for the embassy."),
    )
    is_open = models.BooleanField(_("open for signing"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["case__campaign", "case__order"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def __str__(self) -> str:
        return str(_("Petition for %(name)s") % {"name": self.case.person_name})

    @property
    def accepts_signatures(self) -> bool:
        return self.is_open and self.case.campaign.state.petitions_open


class PetitionTally(models.Model):
    """The confirmed online signatures of a petition, as last rolled up (see petitions.counts)."""

    petition = models.OneToOneField(
        Petition, on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    confirmed = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.confirmed}"


class CountDelta(models.Model):
    """+1/-1 changes to a tally, written in the transaction that confirms or invalidates.

    Consumed (deleted) by the roll-up, so the table only holds the last second or so.
    """

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, db_index=False, related_name="+")
    delta = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.delta:+d}"


class Signer(models.Model):
    """One person, identified by a canonical e-mail (see marathon.lib.addresses)."""

    # The signed links carry this key, not the primary key; erasure changes it, so
    # links in old e-mails stop working.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    # NULL once erased (unique allows many NULLs), so an erased person can sign again.
    email_canonical = models.CharField(  # noqa: DJ001
        _("canonical e-mail"), max_length=254, unique=True, null=True
    )
    email_domain = models.CharField(_("e-mail domain"), max_length=254, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    country = CountryField(_("country"), default="BE")
    # Coarse enough to keep after erasure: staff count signatures by province.
    province = models.CharField(_("province"), max_length=3, blank=True, choices=PROVINCE_CHOICES)
    # The language of their latest request (until confirmed, like the rest): their e-mails.
    language = language_field()
    news_opt_in = models.BooleanField(_("wants news from the organisation"), default=False)
    news_opt_in_at = models.DateTimeField(_("news consent given at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    # Confirmation e-mails queued since the address was last confirmed (capped).
    confirmation_emails = models.PositiveSmallIntegerField(_("confirmation e-mails"), default=0)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signer")
        verbose_name_plural = _("signers")

    def __str__(self) -> str:
        return self.email or str(_("erased signer #%(pk)s") % {"pk": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class SignatureQuerySet(models.QuerySet):
    def counted(self) -> SignatureQuerySet:
        """The signatures that count: confirmed and not invalidated."""
        return self.filter(confirmed_at__isnull=False, invalidated_at__isnull=True)

    def pending(self) -> SignatureQuerySet:
        return self.filter(confirmed_at__isnull=True, invalidated_at__isnull=True)


class Signature(models.Model):
    # The unique constraint below starts with signer, so no separate index for it.
    signer = models.ForeignKey(
        Signer, on_delete=models.CASCADE, related_name="signatures", db_index=False, verbose_name=_("signer")
    )
    petition = models.ForeignKey(
        Petition, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("petition")
    )
    created_at = models.DateTimeField(_("signed at"))
    # Refreshed when someone signs again while it is pending: the 7-day retention starts here.
    requested_at = models.DateTimeField(_("last requested at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    consent_version = models.CharField(_("consent version"), max_length=20)
    consent_text = models.TextField(_("consent text"))
    # The language of the page signed on: consent_text is in it.
    language = language_field()
    # The /24 (IPv4) or /48 (IPv6) the request came from, never the full address.
    ip_range = models.CharField(_("IP range"), max_length=49, blank=True)
    invalidated_at = models.DateTimeField(_("invalidated at"), null=True, blank=True)
    invalidation_reason = models.CharField(_("invalidation reason"), max_length=200, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["signer", "petition"], name="one_signature_per_signer_and_petition"
            )
        ]
        indexes = [
            models.Index(fields=["created_at"], name="signature_created_at"),
            models.Index(
                fields=["requested_at"],
                condition=Q(confirmed_at__isnull=True),
                name="signature_pending_since",
            ),
            # The signatures that count, per petition: the handover's counts for every
            # embassy read them with an index-only scan instead of the whole table.
            models.Index(
                fields=["petition"],
                condition=Q(confirmed_at__isnull=False, invalidated_at__isnull=True),
                name="signature_counted_by_petition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signer} → {self.petition_id}"


class NewsSubscriber(models.Model):
    """Someone who asked, when signing, for the organisation's news by e-mail.

    Apart from the signatures on purpose: which petitions someone signed is a political
    opinion, kept only until the handover's retention ends, whatever their wish for news.
    This row holds only what news needs, and the consent as it was given.
    """

    # The signed unsubscribe links carry this key, never the address.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_canonical = models.CharField(_("canonical e-mail"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    consented_at = models.DateTimeField(_("consent given at"))
    consent_text = models.TextField(_("consent text"))
    # The news they asked for is to be written in it.
    language = language_field()

    class Meta:
        ordering = ["-consented_at"]
        verbose_name = _("news subscriber")
        verbose_name_plural = _("news subscribers")

    def __str__(self) -> str:
        return self.email
