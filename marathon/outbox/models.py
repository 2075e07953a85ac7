"""Every e-mail the site sends, recorded in the transaction that makes it necessary.

One table for every kind (a signature's confirmation, a kit order's, a shipping notice,
an organiser's report request, a personal-data link): beat's sweep hands the due rows to
the workers, a worker renders and sends each one, and a failed or lost one is tried
again (marathon.outbox.services). The outbox knows no app: a row names its kind and the
id of what caused it, and the app that registered the kind (marathon.outbox.kinds) says
to whom and with what.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# After this many failed attempts an e-mail is given up (and a new one may be queued).
# Repeated in the function petitions_signature_request (migration petitions 0006): change both.
MAX_ATTEMPTS = 8


class Email(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    # The primary key of what the e-mail is about (a signer, an order, a request...), read
    # by the kind when the e-mail is sent: an edit or an erasure made meanwhile counts.
    object_id = models.BigIntegerField(_("about"))
    # The recipient's language, in which the e-mail is rendered.
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("queued at"))
    due_at = models.DateTimeField(_("due at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Handed to the workers in this order: 0 for an e-mail someone is waiting for (its
    # kind is urgent), 1 for the rest. 0 is the database's default because a signature's
    # confirmation is queued by the signing function in SQL (petitions 0009), not here.
    priority = models.PositiveSmallIntegerField(_("priority"), db_default=0)

    class Meta:
        verbose_name = _("queued e-mail")
        verbose_name_plural = _("queued e-mails")
        indexes = [
            models.Index(
                fields=["priority", "due_at"],
                condition=Q(sent_at__isnull=True),
                name="outbox_email_due_first",
            )
        ]
        constraints = [
            # One e-mail of a kind waiting per cause, however many requests or workers
            # race: queueing inserts with ON CONFLICT DO NOTHING against this index.
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                condition=Q(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS),
                name="one_waiting_email_per_cause",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
