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
import itertools
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
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
) -> None:
    """Queue one e-mail of this kind about each object, unless one is waiting already.

    Each e-mail is written in its recipient's language: `languages` (by object id), else
    `language`, else the language of the request that queues it (the person's own).
    Call it inside the transaction that makes the e-mails necessary: they are sent only
    if it commits.
    """
    priority = 0 if kinds.get(kind).urgent else 1  # a typo fails here, not later in a worker
    now = timezone.now()
    ids = list(dict.fromkeys(object_ids))
    if not ids:
        return
    rows = [
        Email(
            kind=kind,
            object_id=pk,
            language=(languages or {}).get(pk) or language or reader_language(),
            created_at=now,
            due_at=now,
            priority=priority,
        )
        for pk in ids
    ]
    # The partial unique index decides: a waiting e-mail of the same cause wins. One
    # statement, and no count after it: that and its savepoint were a tenth of a kit
    # order's CPU.
    Email.objects.bulk_create(rows, ignore_conflicts=True)
    on_commit_if_no_beat(outbox_dispatch)


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


# Celery's Redis transport hands out priority 0 first, from every queue, then 3, 6, 9: an
# e-mail nobody is waiting for goes after every other task, not only after confirmations.
BROKER_PRIORITY = {0: 0, 1: 9}


# E-mails per task. A task's own costs (the broker, Celery's bookkeeping, the chunk's three
# queries) are spread over its e-mails: at 100 rather than 25 a confirmation cost the worker
# a fifth less CPU (bench/email_path.py), and a chunk still takes a tenth of a second, so
# an e-mail queued behind one hardly waits longer.
CHUNK = 100


def outbox_dispatch(*, limit: int = 5000, chunk: int = CHUNK) -> int:
    """Hand the e-mails that are due to the workers, in chunks; how many were handed.

    Beat runs this every second. A request does not publish a task itself: a publish per
    signature cost the web process more CPU than writing the signature, and on the night
    of a TV appeal the web processes are what is short. The rows are claimed by moving
    their due_at a lease ahead, so the next sweeps do not hand them out again while a
    worker has them; a task lost with the broker comes back when the lease ends.

    E-mails someone is waiting for (priority 0) are claimed and published first, and the
    broker hands their chunks out before any other: a wave of reminders queued a minute
    earlier does not hold up a confirmation link. A sweep hands out up to `limit`, more than
    a worker sends in a second, so a backlog drains at the workers' full speed.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = list(
            Email.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, due_at__lte=now, attempts__lt=MAX_ATTEMPTS)
            .order_by("priority", "due_at")
            .values_list("pk", "priority")[:limit]
        )
        Email.objects.filter(pk__in=[pk for pk, _priority in claimed]).update(due_at=now + LEASE)
    handed = 0
    for ids, priority in _chunks(claimed, chunk):
        try:
            tasks.send_emails.apply_async((ids,), retry=False, priority=BROKER_PRIORITY.get(priority, 9))
        except Exception as error:  # the broker went away: the next sweep hands them out
            rest = [pk for pk, _priority in claimed[handed:]]
            Email.objects.filter(pk__in=rest, sent_at__isnull=True).update(due_at=now)
            logger.warning("could not hand e-mails to the workers, the next sweep will: %s", error)
            return handed
        handed += len(ids)
    return handed


def _chunks(claimed: Sequence[tuple[int, int]], size: int) -> Iterator[tuple[list[int], int]]:
    """(ids, priority) of at most `size` e-mails of one priority, in the claim's order."""
    for priority, group in itertools.groupby(claimed, key=lambda row: row[1]):
        ids = [pk for pk, _priority in group]
        for start in range(0, len(ids), size):
            yield ids[start : start + size], priority


class Queued(NamedTuple):
    """What sending needs of a row (a model instance per e-mail cost more than its SQL)."""

    pk: int
    kind: str
    language: str
    object_id: int
    attempts: int


def outbox_emails_send(*, email_ids: Sequence[int]) -> int:
    """Send a chunk of queued e-mails over one mail connection; how many were sent now.

    The chunk's messages are made first: its rows in one query, each kind's envelopes for
    all of its rows at once, the templates rendered. Then each e-mail is sent in its own
    transaction (_send: its row marked sent, and so locked, until the mail server took it),
    so a worker killed halfway leaves only the e-mail it was sending in doubt.
    """
    wanted = {pk: n for n, pk in enumerate(email_ids)}
    rows = sorted(
        map(
            Queued._make,
            Email.objects.filter(pk__in=wanted, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS).values_list(
                *Queued._fields
            ),
        ),
        key=lambda row: wanted[row.pk],
    )
    if not rows:
        return 0
    messages = _messages(rows)
    mail = get_connection()
    # If the mail server cannot be reached, each send below fails and is retried later.
    with contextlib.suppress(Exception):
        mail.open()
    try:
        return sum(_send(row, messages[row.pk], mail) for row in rows)
    finally:
        mail.close()


def outbox_email_send(*, email_id: int) -> bool:
    """Send one queued e-mail unless it was sent already; True if it was sent now."""
    return outbox_emails_send(email_ids=[email_id]) == 1


# What a row is to send: its message, None when there is nothing to send any more, or
# the error that kept it from being made (a kind renamed, a template that fails).
Made = EmailMultiAlternatives | None | Exception


def _messages(rows: Sequence[Queued]) -> dict[int, Made]:
    """Each row's message, its kind's envelopes read once per kind and language."""
    groups: dict[tuple[str, str], list[Queued]] = defaultdict(list)
    for row in rows:
        groups[row.kind, row.language].append(row)
    made: dict[int, Made] = {}
    for (name, language), group in groups.items():
        try:
            kind = kinds.get(name)
            # In the recipient's language from the start: the envelope's links (a URL's
            # language prefix) and staff texts are read in it, not only the templates.
            with translation.override(language):
                envelopes = kind.envelopes([row.object_id for row in group])
        except Exception as error:  # a fault of this kind: the rest of the chunk goes on
            made.update((row.pk, error) for row in group)
            continue
        for row in group:
            envelope = envelopes.get(row.object_id)
            if envelope is None:
                made[row.pk] = None
                continue
            try:
                made[row.pk] = build_email(
                    template=kind.template,
                    to=envelope.to,
                    context=envelope.context,
                    language=language,
                    message_key=f"outbox-{row.pk}",
                    personal=envelope.personal,
                    same_for=envelope.same_for,
                )
            except Exception as error:
                made[row.pk] = error
    return made


def _send(row: Queued, message: Made, mail: BaseEmailBackend) -> bool:
    """Send one made e-mail unless it was sent already; True if it was sent now.

    The row is marked sent first, which locks it, and the mail server is called inside
    that transaction: it commits only once the server took the message, and a failure
    rolls the mark back. A second delivery of the task waits for that lock and then finds
    sent_at set. It waits rather than skips because a lock does not mean "being sent": a
    sweep claiming rows holds them for a moment too, and an e-mail skipped then would wait
    for the end of its lease. An erasure deletes the row: then there is nothing to mark and
    nothing is sent. A worker killed before the commit leaves it unsent, for the task's
    redelivery or the sweep. Only a kill between the mail server's "OK" and the commit
    could send it twice; the Message-ID is the same both times so mail systems can drop
    the copy. sent_at is when the message was handed to the mail server.
    """
    # One statement per e-mail, written out, in its transaction: compiling it with the ORM,
    # and a SELECT ... FOR UPDATE before it, cost more CPU than the rest of sending (a
    # profile of a chunk of confirmations, bench/README.md).
    if message is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE outbox_email SET sent_at = %s, last_error = %s WHERE id = %s AND sent_at IS NULL",
                [timezone.now(), "nothing to send any more", row.pk],
            )
        return False
    error: Exception | None = None
    if isinstance(message, Exception):
        error = message
    else:
        with transaction.atomic(), connection.cursor() as cursor:
            sent_at = timezone.now()
            cursor.execute(
                "UPDATE outbox_email SET attempts = attempts + 1, sent_at = %s, last_error = ''"
                " WHERE id = %s AND sent_at IS NULL AND attempts < %s",
                [sent_at, row.pk, MAX_ATTEMPTS],
            )
            if cursor.rowcount == 0:  # sent by another delivery of the task, or erased
                return False
            try:
                message.connection = mail
                message.send()
            except Exception as failure:
                error = failure
                transaction.set_rollback(True)  # not sent: the mark is undone
            else:
                _stamp(row, sent_at)
        if error is None:
            return True
        mail.close()  # the next message opens a fresh one
    # A mail failure, or a fault of this kind of e-mail (its context, a template): this
    # row is tried again with back-off, the rest of the chunk goes on.
    attempts = row.attempts + 1
    logger.warning("e-mail %s failed (attempt %s): %s", row.pk, attempts, error)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE outbox_email SET attempts = attempts + 1, last_error = %s, due_at = %s"
            " WHERE id = %s AND sent_at IS NULL",
            [repr(error)[:2000], timezone.now() + datetime.timedelta(minutes=2**attempts), row.pk],
        )
    return False


def _stamp(row: Queued, sent_at: datetime.datetime) -> None:
    """The kind's own record that its e-mail left (an order's "confirmation sent at")."""
    kind = kinds.get(row.kind)
    if kind.sent is None:
        return
    try:
        # A savepoint: a failed stamp must not undo "sent", or it would go again.
        with transaction.atomic():
            kind.sent(row.object_id, sent_at)
    except Exception:
        logger.exception("e-mail %s was sent but its %s stamp failed", row.pk, row.kind)


def outbox_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget e-mails sent more than 30 days ago (the rows say to whom only by reference)."""
    now = now or timezone.now()
    deleted, _detail = Email.objects.filter(sent_at__lt=now - datetime.timedelta(days=30)).delete()
    return deleted
