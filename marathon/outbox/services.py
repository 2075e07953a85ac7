"""The outbox: queue an e-mail with what causes it, hand it to a worker, send it once.

Every e-mail the site sends goes through here, with the same guarantees: the row is
committed in the transaction that makes the e-mail necessary (nothing is published to
the broker inside a request); beat's sweep hands due rows to the workers in chunks,
leased so that a lost task comes back; each chunk goes over one mail connection; a
failed send is tried again with back-off; one e-mail per cause even when two workers
race.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone, translation

from marathon.lib.languages import reader_language
from marathon.lib.mail import build_email
from marathon.lib.queue import on_commit_if_no_beat

# Each module refers to the other's functions at call time only: safe either way round.
from marathon.outbox import kinds, tasks
from marathon.outbox.models import MAX_ATTEMPTS, Email

logger = logging.getLogger(__name__)

# How long a sweep's claim on an e-mail lasts: a worker sends it well within this, and
# if the task is lost with the broker, the e-mail is handed out again after it.
LEASE = datetime.timedelta(minutes=5)


def email_queue(
    *,
    kind: str,
    object_ids: Iterable[int],
    language: str | None = None,
    languages: Mapping[int, str] | None = None,
) -> int:
    """Queue one e-mail of this kind about each object, unless one is waiting already.

    Each e-mail is written in its recipient's language: `languages` (by object id), else
    `language`, else the language of the request that queues it (the person's own).
    Call it inside the transaction that makes the e-mails necessary: they are sent only
    if it commits. Returns how many e-mails about these objects are now waiting.
    """
    kinds.get(kind)  # a typo fails here, in the request, not later in a worker
    now = timezone.now()
    ids = list(dict.fromkeys(object_ids))
    if not ids:
        return 0
    rows = [
        Email(
            kind=kind,
            object_id=pk,
            language=(languages or {}).get(pk) or language or reader_language(),
            created_at=now,
            due_at=now,
        )
        for pk in ids
    ]
    with transaction.atomic():
        # The partial unique index decides: a waiting e-mail of the same cause wins.
        Email.objects.bulk_create(rows, ignore_conflicts=True)
        waiting = Email.objects.filter(
            kind=kind, object_id__in=ids, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS
        ).count()
    on_commit_if_no_beat(outbox_dispatch)
    return waiting


def emails_cancel(*, kind: str, object_ids: Iterable[int]) -> int:
    """Forget the e-mails of this kind not sent yet about these objects (an erasure)."""
    deleted, _detail = Email.objects.filter(
        kind=kind, object_id__in=list(object_ids), sent_at__isnull=True
    ).delete()
    return deleted


class Backlog(NamedTuple):
    waiting: int  # e-mails still to leave
    waited: datetime.timedelta  # by the oldest of them

    @property
    def stalled(self) -> bool:
        """Beat, the workers or the mail server are stuck: e-mails leave within seconds."""
        return self.waited.total_seconds() > settings.OUTBOX_ALERT_SECONDS


def outbox_backlog() -> Backlog:
    """E-mails of every kind still to leave, and how long the oldest has waited.

    Counted from when it was queued, not from due_at: a sweep's claim moves due_at ahead,
    so with the workers down every row would look freshly due.
    """
    found = Email.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS).aggregate(
        waiting=Count("pk"), oldest=Min("created_at")
    )
    waited = timezone.now() - found["oldest"] if found["oldest"] else datetime.timedelta(0)
    return Backlog(found["waiting"], waited)


def outbox_dispatch(*, limit: int = 5000, chunk: int = 25) -> int:
    """Hand the e-mails that are due to the workers, in chunks; how many were handed.

    Beat runs this every second. A request does not publish a task itself: a publish per
    signature cost the web process more CPU than writing the signature, and on the night
    of a TV appeal the web processes are what is short. The rows are claimed by moving
    their due_at a lease ahead, so the next sweeps do not hand them out again while a
    worker has them; a task lost with the broker comes back when the lease ends.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = list(
            Email.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, due_at__lte=now, attempts__lt=MAX_ATTEMPTS)
            .order_by("due_at")
            .values_list("pk", flat=True)[:limit]
        )
        Email.objects.filter(pk__in=claimed).update(due_at=now + LEASE)
    for start in range(0, len(claimed), chunk):
        ids = claimed[start : start + chunk]
        try:
            tasks.send_emails.apply_async((ids,), retry=False)
        except Exception as error:  # the broker went away: the next sweep hands them out
            Email.objects.filter(pk__in=claimed[start:], sent_at__isnull=True).update(due_at=now)
            logger.warning("could not hand e-mails to the workers, the next sweep will: %s", error)
            return start
    return len(claimed)


def outbox_emails_send(*, email_ids: Sequence[int]) -> int:
    """Send a chunk of queued e-mails over one mail connection; how many were sent now."""
    mail = get_connection()
    # If the mail server cannot be reached, each send below fails and is retried later.
    with contextlib.suppress(Exception):
        mail.open()
    try:
        return sum(outbox_email_send(email_id=email_id, mail=mail) for email_id in email_ids)
    finally:
        mail.close()


def outbox_email_send(*, email_id: int, mail: BaseEmailBackend | None = None) -> bool:
    """Send one queued e-mail unless it was sent already; True if it was sent now.

    The row stays locked (FOR UPDATE) while the mail server is talking, and is marked
    sent in the same transaction. A second delivery of the task waits for that lock and
    then finds sent_at set. It waits rather than skips because a lock does not mean
    "being sent": a sweep claiming rows holds them for a moment too, and an e-mail
    skipped then would wait for the end of its lease. A worker killed before the commit
    leaves it unsent, for the task's redelivery or the sweep. Only a kill between the
    mail server's "OK" and the commit could send it twice; the Message-ID is the same
    both times so mail systems can drop the copy.
    """
    with transaction.atomic():
        row = Email.objects.select_for_update().filter(pk=email_id, sent_at__isnull=True).first()
        if row is None:
            return False
        now = timezone.now()
        row.attempts += 1
        try:
            kind = kinds.get(row.kind)
            # In the recipient's language from the start: the envelope's links (a URL's
            # language prefix) and staff texts are read in it, not only the templates.
            with translation.override(row.language):
                envelope = kind.envelope(row.object_id)
            if envelope is None:
                row.sent_at = now
                row.last_error = "nothing to send any more"
                row.save(update_fields=["sent_at", "last_error"])
                return False
            message = build_email(
                template=kind.template,
                to=envelope.to,
                context=envelope.context,
                language=row.language,
                message_key=f"outbox-{row.pk}",
            )
            message.connection = mail
            message.send()
        except Exception as error:
            # A mail failure, or a fault of this kind of e-mail (its context, a template):
            # this row is tried again with back-off, the rest of the chunk goes on.
            logger.warning("e-mail %s failed (attempt %s): %s", row.pk, row.attempts, error)
            if mail is not None:
                mail.close()  # the next message opens a fresh one
            row.last_error = repr(error)[:2000]
            row.due_at = now + datetime.timedelta(minutes=2**row.attempts)
            row.save(update_fields=["attempts", "last_error", "due_at"])
            return False
        row.sent_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["attempts", "sent_at", "last_error"])
        if kind.sent is not None:
            try:
                # A savepoint: a failed stamp must not undo "sent", or it would go again.
                with transaction.atomic():
                    kind.sent(row.object_id, row.sent_at)
            except Exception:
                logger.exception("e-mail %s was sent but its %s stamp failed", row.pk, row.kind)
    return True


def outbox_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget e-mails sent more than 30 days ago (the rows say to whom only by reference)."""
    now = now or timezone.now()
    deleted, _detail = Email.objects.filter(sent_at__lt=now - datetime.timedelta(days=30)).delete()
    return deleted
