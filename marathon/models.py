from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marathon.lib.languages import language_field


class DataAccessLog(models.Model):
    """Who took personal data out of the site, what and when (exports, downloads)."""

    class Action(models.TextChoices):
        CSV_EXPORT = "csv_export", _("CSV export")
        PDF_DOWNLOAD = "pdf_download", _("PDF download")
        SUBJECT_EXPORT = "subject_export", _("export for the person concerned")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept as text too, so the log still says who once the account is deleted.
    username = models.CharField(_("username"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    what = models.CharField(_("what"), max_length=300)
    rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()} {self.what}"


class PersonalDataRequest(models.Model):
    """Someone asked, by e-mail address, to see or erase their data: the e-mail to send.

    The link we send carries `key`, never the address, so that no address ends up in
    access logs. Rows are deleted once their links have expired.
    """

    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail"), max_length=254)
    language = language_field()
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")

    def __str__(self) -> str:
        return f"#{self.pk}"
