from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Campaign, Case

# --- Printable documents (PDFs made by Celery) ---------------------------------------


class PrintableDocumentQuerySet(models.QuerySet):
    def ready(self) -> PrintableDocumentQuerySet:
        return self.filter(status=PrintableDocument.Status.READY)


class PrintableDocument(models.Model):
    """A generated PDF, keyed by a hash of everything it was made from.

    An edit to what a document shows gives it a new hash, hence a new row and a new
    file; a row never changes content, which is what lets its URL be cached forever.
    """

    class Kind(models.TextChoices):
        FULL_KIT = "full-kit", _("full kit")
        FACT_SHEET = "fact-sheet", _("fact sheet")
        MODEL_LETTER = "model-letter", _("model letter")
        POSTCARDS = "postcards", _("postcards sheet")

    class Status(models.TextChoices):
        PENDING = "pending", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")
        # The content changed before a worker got to it; a newer row replaces it.
        OUTDATED = "outdated", _("outdated")

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
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    filename = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to="printables/", max_length=300, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    rendered_at = models.DateTimeField(_("made at"), null=True, blank=True)
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

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY


# --- end of printable documents -------------------------------------------------------
