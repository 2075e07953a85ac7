"""Signing, confirming, erasing and invalidating signatures; the e-mail outbox.

The hot paths (signing, confirming) are a few single SQL statements each, because
they must hold thousands of requests a minute on the night of a TV appeal without a
duplicate, a lost signature or a hot row (see petitions.counts for the counts).
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import uuid
from collections.abc import Sequence
from typing import NamedTuple

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import Count, Exists, Min, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from cases.models import Campaign, Case
from marathon.celery import app as celery_app
from marathon.lib.adminlog import scrub_admin_history
from marathon.lib.belgium import province_for_postcode
from petitions import counts, portable
from petitions.addresses import canonical_email
from petitions.consent import CONSENT_VERSION, consent_text_fr
from petitions.emails import confirmation_email
from petitions.models import OUTBOX_MAX_ATTEMPTS, OutboxEmail, Petition, PetitionTally, Signature, Signer

logger = logging.getLogger(__name__)

# How long a sweep's claim on an e-mail lasts: a worker sends it well within this, and
# if the task is lost with the broker, the e-mail is handed out again after it.
OUTBOX_LEASE = datetime.timedelta(minutes=5)


def _on_commit_if_no_beat(periodic_work) -> None:
    # Without a broker (a laptop, the unit tests) no beat runs the roll-up or the outbox
    # sweep: the request that made the work does it once it commits.
    if celery_app.conf.task_always_eager:
        transaction.on_commit(periodic_work)


# --- Petitions -----------------------------------------------------------------------


@transaction.atomic
def petition_ensure(*, case: Case) -> Petition:
    """The case's petition, made from its ask if it has none yet. Safe to call again."""
    petition, _created = Petition.objects.get_or_create(case=case, defaults={"text": case.ask})
    PetitionTally.objects.get_or_create(petition=petition)
    return petition


@transaction.atomic
def petitions_ensure_for_campaign(*, campaign: Campaign) -> list[Petition]:
    return [petition_ensure(case=case) for case in campaign.cases.all()]


# --- Signing -------------------------------------------------------------------------

# On Postgres the signer, the signatures and the confirmation e-mail are written by one
# call of the function petitions_signature_request (migration petitions 0005): one
# round trip in a transaction of its own, its plans cached per connection.
# It returns the new outbox row's id, or NULL when no e-mail is to be sent.
_SIGNATURE_REQUEST = """
SELECT petitions_signature_request(
    p_key => %(key)s, p_email => %(email)s, p_canonical => %(canonical)s,
    p_email_domain => %(email_domain)s, p_first_name => %(first_name)s,
    p_last_name => %(last_name)s, p_postcode => %(postcode)s, p_country => %(country)s,
    p_province => %(province)s, p_news_opt_in => %(news_opt_in)s,
    p_news_opt_in_at => %(news_opt_in_at)s, p_now => %(now)s,
    p_petitions => %(petitions)s::bigint[], p_consent_version => %(consent_version)s,
    p_consent_text => %(consent_text)s, p_ip_range => %(ip_range)s,
    p_max_emails => %(max_emails)s)
"""


def signature_create(
    *,
    petitions: Sequence[Petition],
    first_name: str,
    last_name: str,
    email: str,
    postcode: str,
    country: str,
    news_opt_in: bool,
    ip_range: str = "",
) -> None:
    """Record pending signatures and queue the confirmation e-mail, all or nothing.

    Safe under concurrency: two requests for the same address and petition make one
    signer and one signature (the database's unique constraints, through
    INSERT ... ON CONFLICT), and the second waits on the first's signer row, so the
    e-mail cap cannot be overrun. All or nothing: one statement on Postgres, one
    transaction on SQLite. A confirmed signer's details are not changed by a form
    anyone can fill in with their address. Returns nothing: the caller answers the
    same whether the address was known or not.
    """
    now = timezone.now()
    canonical = canonical_email(email)
    country = str(country)
    details = {
        "email": email.strip(),
        "email_domain": canonical.rpartition("@")[2],
        "first_name": first_name,
        "last_name": last_name,
        "postcode": postcode,
        "country": country,
        "province": province_for_postcode(postcode) if country == "BE" else "",
        "news_opt_in": news_opt_in,
        "news_opt_in_at": now if news_opt_in else None,
    }
    fields = {"consent_version": CONSENT_VERSION, "consent_text": consent_text_fr(), "ip_range": ip_range}
    petition_ids = sorted({petition.pk for petition in petitions})
    write = _signature_write_sql if connection.vendor == "postgresql" else _signature_write_portable
    if write(canonical=canonical, details=details, fields=fields, petition_ids=petition_ids, now=now):
        _on_commit_if_no_beat(outbox_dispatch)


def _signature_write_sql(*, canonical, details, fields, petition_ids, now) -> int | None:
    """Signer, signatures and outbox row in one statement; the new outbox row's id, if any."""
    with connection.cursor() as cursor:
        cursor.execute(
            _SIGNATURE_REQUEST,
            {
                "key": uuid.uuid4(),
                "canonical": canonical,
                "now": now,
                "petitions": petition_ids,
                "max_emails": settings.PETITIONS_MAX_CONFIRMATION_EMAILS,
                **details,
                **fields,
            },
        )
        return cursor.fetchone()[0]


@transaction.atomic
def _signature_write_portable(*, canonical, details, fields, petition_ids, now) -> int | None:
    """The same on SQLite (make run with nothing configured), see petitions.portable."""
    signer_id, emails_queued = portable.signer_upsert(canonical=canonical, details=details, now=now)
    pending = portable.signatures_request(
        signer_id=signer_id, petition_ids=petition_ids, now=now, fields=fields
    )
    if not pending or emails_queued >= settings.PETITIONS_MAX_CONFIRMATION_EMAILS:
        return None
    return portable.outbox_queue(signer_id=signer_id, now=now, max_attempts=OUTBOX_MAX_ATTEMPTS)


# --- Confirming, erasing, invalidating --------------------------------------------------


@transaction.atomic
def signer_confirm(*, signer: Signer) -> list[int]:
    """Confirm all the signer's pending signatures; the ids of the petitions confirmed now."""
    if signer.erased_at:
        return []
    now = timezone.now()
    if connection.vendor != "postgresql":
        confirmed = portable.signatures_confirm(signer_id=signer.pk, now=now)
    else:
        confirmed = _signatures_confirm_sql(signer_id=signer.pk, now=now)
    Signer.objects.filter(pk=signer.pk).update(
        confirmed_at=Coalesce("confirmed_at", now), confirmation_emails=0, updated_at=now
    )
    if confirmed:
        _on_commit_if_no_beat(counts.rollup)
    return confirmed


def _signatures_confirm_sql(*, signer_id: int, now: datetime.datetime) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH confirmed AS (
                UPDATE petitions_signature SET confirmed_at = %(now)s
                WHERE signer_id = %(signer)s AND confirmed_at IS NULL AND invalidated_at IS NULL
                RETURNING petition_id
            ), deltas AS (
                INSERT INTO petitions_countdelta (petition_id, delta)
                SELECT petition_id, COUNT(*) FROM confirmed GROUP BY petition_id
            )
            SELECT petition_id FROM confirmed
            """,
            {"now": now, "signer": signer_id},
        )
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def signer_erase(*, signer: Signer) -> None:
    """Remove the signer's personal data. Confirmed signatures stay, anonymous, and count.

    Whoever asks (the link in every e-mail, the personal-data page, staff, the retention
    task), the embassies' packs that list the signer by name are made again without them.
    """
    # The tally builds on the petitions, not the other way round: imported when needed.
    from marathon.tally.services import handover_packs_refresh_for_signer

    now = timezone.now()
    signature_ids = list(Signature.objects.filter(signer=signer).values_list("pk", flat=True))
    Signature.objects.filter(signer=signer, confirmed_at__isnull=True).delete()
    Signature.objects.filter(signer=signer).update(ip_range="")
    OutboxEmail.objects.filter(signer=signer).delete()
    Signer.objects.filter(pk=signer.pk).update(
        key=uuid.uuid4(),
        email="",
        email_canonical=None,
        email_domain="",
        first_name="",
        last_name="",
        postcode="",
        news_opt_in=False,
        news_opt_in_at=None,
        confirmation_emails=0,
        erased_at=now,
        updated_at=now,
    )
    # The admin's history keeps each object's str(), which for a signer is its e-mail.
    scrub_admin_history(Signer, [signer.pk])
    scrub_admin_history(Signature, signature_ids)
    handover_packs_refresh_for_signer(signer_id=signer.pk)


@transaction.atomic
def signatures_invalidate(*, signatures: QuerySet[Signature], reason: str) -> int:
    """Invalidate signatures (staff, e.g. a flood from one network); they leave the counts.

    Returns how many were invalidated now (already invalidated ones are left as they are).
    """
    if connection.vendor != "postgresql":
        invalidated = portable.signatures_invalidate(
            signatures=signatures, now=timezone.now(), reason=reason[:200]
        )
    else:
        invalidated = _signatures_invalidate_sql(signatures=signatures, reason=reason)
    if invalidated:
        _on_commit_if_no_beat(counts.rollup)
    return invalidated


def _signatures_invalidate_sql(*, signatures: QuerySet[Signature], reason: str) -> int:
    ids_sql, ids_params = signatures.values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH hit AS (
                UPDATE petitions_signature SET invalidated_at = %s, invalidation_reason = %s
                WHERE id IN ({ids_sql}) AND invalidated_at IS NULL
                RETURNING petition_id, confirmed_at
            ), deltas AS (
                INSERT INTO petitions_countdelta (petition_id, delta)
                SELECT petition_id, -COUNT(*) FROM hit WHERE confirmed_at IS NOT NULL GROUP BY petition_id
            )
            SELECT COUNT(*) FROM hit
            """,  # noqa: S608 (the subquery is Django's own, its values are parameters)
            [timezone.now(), reason[:200], *ids_params],
        )
        return int(cursor.fetchone()[0])


# --- The outbox ------------------------------------------------------------------------


class OutboxBacklog(NamedTuple):
    waiting: int  # e-mails still to leave
    waited: datetime.timedelta  # by the oldest of them

    @property
    def stalled(self) -> bool:
        """Beat, the workers or the mail server are stuck: e-mails leave within seconds."""
        return self.waited.total_seconds() > settings.OUTBOX_ALERT_SECONDS


def outbox_backlog() -> OutboxBacklog:
    """E-mails still to leave (sent_at empty, attempts left), and how long the oldest has waited.

    Counted from when it was queued, not from due_at: a sweep's claim moves due_at ahead,
    so with the workers down every row would look freshly due.
    """
    found = OutboxEmail.objects.filter(sent_at__isnull=True, attempts__lt=OUTBOX_MAX_ATTEMPTS).aggregate(
        waiting=Count("pk"), oldest=Min("created_at")
    )
    waited = timezone.now() - found["oldest"] if found["oldest"] else datetime.timedelta(0)
    return OutboxBacklog(found["waiting"], waited)


def outbox_dispatch(*, limit: int = 5000, chunk: int = 25) -> int:
    """Hand the e-mails that are due to the workers, in chunks; how many were handed.

    Beat runs this every second. Signing does not publish a task itself: a publish per
    signature cost the web process more CPU than writing the signature, and on the
    night of a TV appeal the web processes are what is short. The rows are claimed by
    moving their due_at a lease ahead, so the next sweeps do not hand them out again
    while a worker has them; a task lost with the broker comes back when the lease ends.
    """
    now = timezone.now()
    with transaction.atomic():
        claimed = list(
            OutboxEmail.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, due_at__lte=now, attempts__lt=OUTBOX_MAX_ATTEMPTS)
            .order_by("due_at")
            .values_list("pk", flat=True)[:limit]
        )
        OutboxEmail.objects.filter(pk__in=claimed).update(due_at=now + OUTBOX_LEASE)
    from petitions.tasks import send_outbox_emails

    for start in range(0, len(claimed), chunk):
        ids = claimed[start : start + chunk]
        try:
            send_outbox_emails.apply_async((ids,), retry=False)
        except Exception as error:  # the broker went away: the next sweep hands them out
            OutboxEmail.objects.filter(pk__in=claimed[start:], sent_at__isnull=True).update(due_at=now)
            logger.warning("could not hand e-mails to the workers, the next sweep will: %s", error)
            return start
    return len(claimed)


def outbox_emails_send(*, outbox_ids: Sequence[int]) -> int:
    """Send a chunk of queued e-mails over one mail connection; how many were sent now."""
    mail = get_connection()
    # If the mail server cannot be reached, each send below fails and is retried later.
    with contextlib.suppress(Exception):
        mail.open()
    try:
        return sum(outbox_email_send(outbox_id=outbox_id, mail=mail) for outbox_id in outbox_ids)
    finally:
        mail.close()


def outbox_email_send(*, outbox_id: int, mail: BaseEmailBackend | None = None) -> bool:
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
        row = (
            OutboxEmail.objects.select_for_update(of=("self",))
            .select_related("signer")
            .filter(pk=outbox_id, sent_at__isnull=True)
            .first()
        )
        if row is None:
            return False
        now = timezone.now()
        pending = list(row.signer.signatures.pending().select_related("petition__case"))
        if row.signer.erased_at or not pending:
            row.sent_at = now
            row.last_error = "nothing left to confirm"
            row.save(update_fields=["sent_at", "last_error"])
            return False
        message = confirmation_email(signer=row.signer, signatures=pending, message_key=f"outbox-{row.pk}")
        message.connection = mail
        row.attempts += 1
        try:
            message.send()
        except Exception as error:  # any mail failure: retry later with back-off
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
    return True


# --- Retention --------------------------------------------------------------------------


@transaction.atomic
def signatures_purge_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Delete signatures left unconfirmed for 7 days, and signers left with nothing.

    A confirmed signer keeps their row: once nothing of theirs is pending and they have
    not asked for 7 days, their count of confirmation e-mails starts again. Otherwise five
    requests typed in by someone else and left to expire would keep that supporter from
    ever being sent a confirmation again. (Someone who types the address in at least
    once a week keeps it capped, at five e-mails.)
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.PETITIONS_UNCONFIRMED_DAYS)
    deleted, _detail = Signature.objects.filter(confirmed_at__isnull=True, requested_at__lt=cutoff).delete()
    Signer.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff, signatures__isnull=True).delete()
    pending = Signature.objects.filter(signer=OuterRef("pk"), confirmed_at__isnull=True)
    # updated_at: a request committed while this waits for the row lock sets it, and
    # Postgres checks it again on the new row (not the NOT EXISTS, whose snapshot is older).
    Signer.objects.filter(confirmation_emails__gt=0, updated_at__lt=cutoff).exclude(Exists(pending)).update(
        confirmation_emails=0
    )
    OutboxEmail.objects.filter(sent_at__lt=now - datetime.timedelta(days=30)).delete()
    return deleted
