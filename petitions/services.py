"""Signing, confirming, erasing and invalidating signatures.

The hot paths (signing, confirming) are a few single SQL statements each, because
they must hold thousands of requests a minute on the night of a TV appeal without a
duplicate, a lost signature or a hot row (see petitions.counts for the counts).
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from cases.models import Case
from marathon.lib.addresses import canonical_email
from marathon.lib.adminlog import scrub_admin_history
from marathon.lib.belgium import province_for_postcode
from marathon.lib.languages import reader_language
from marathon.lib.queue import on_commit_if_no_beat
from marathon.outbox.models import MAX_ATTEMPTS as OUTBOX_MAX_ATTEMPTS
from marathon.outbox.services import emails_cancel, outbox_dispatch
from petitions import counts, portable
from petitions.consent import ONE_PETITION, Consent, news_consent_text
from petitions.emails import CONFIRM
from petitions.models import NewsSubscriber, Petition, PetitionTally, Signature, Signer
from petitions.signals import signer_erased

logger = logging.getLogger(__name__)


# --- Petitions -----------------------------------------------------------------------


@transaction.atomic
def petition_ensure(*, case: Case) -> Petition:
    """The case's petition, made from its ask if it has none yet. Safe to call again."""
    petition, _created = Petition.objects.get_or_create(case=case, defaults={"text": case.ask})
    PetitionTally.objects.get_or_create(petition=petition)
    return petition


def on_case_saved(*, case: Case, **_kwargs: object) -> None:
    """cases.signals.case_saved: every case has its petition from the start."""
    petition_ensure(case=case)


# --- Signing -------------------------------------------------------------------------

# On Postgres the signer, the signatures and the confirmation e-mail are written by one
# call of the function petitions_signature_request (migration petitions 0006): one
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
    p_max_emails => %(max_emails)s, p_language => %(language)s)
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
    consent: Consent = ONE_PETITION,
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
    language = reader_language()
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
        "language": language,
    }
    # The words they read, in the language they read them in (the consent's version names
    # the wording, the same in the three languages).
    fields = {
        "consent_version": consent.version,
        "consent_text": consent.text_in(language),
        "ip_range": ip_range,
        "language": language,
    }
    petition_ids = sorted({petition.pk for petition in petitions})
    write = _signature_write_sql if connection.vendor == "postgresql" else _signature_write_portable
    if write(canonical=canonical, details=details, fields=fields, petition_ids=petition_ids, now=now):
        on_commit_if_no_beat(outbox_dispatch)


def _signature_write_sql(
    *, canonical: str, details: dict, fields: dict, petition_ids: list[int], now: datetime.datetime
) -> int | None:
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
def _signature_write_portable(
    *, canonical: str, details: dict, fields: dict, petition_ids: list[int], now: datetime.datetime
) -> int | None:
    """The same on SQLite (make run with nothing configured), see petitions.portable."""
    signer_id, emails_queued = portable.signer_upsert(canonical=canonical, details=details, now=now)
    pending = portable.signatures_request(
        signer_id=signer_id, petition_ids=petition_ids, now=now, fields=fields
    )
    if not pending or emails_queued >= settings.PETITIONS_MAX_CONFIRMATION_EMAILS:
        return None
    return portable.confirmation_queue(
        signer_id=signer_id, now=now, max_attempts=OUTBOX_MAX_ATTEMPTS, language=details["language"]
    )


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
    if signer.news_opt_in:
        news_subscribe(signer=signer, now=now)
    if confirmed:
        on_commit_if_no_beat(counts.rollup)
    return confirmed


# --- News: a subscription of its own, apart from the signatures ---------------------------


def news_subscribe(*, signer: Signer, now: datetime.datetime) -> NewsSubscriber:
    """The signer confirmed their address and asked for news: they are subscribed, with the
    words of the box they ticked. Their signatures stay apart, anonymised on schedule."""
    subscriber, _created = NewsSubscriber.objects.update_or_create(
        email_canonical=signer.email_canonical,
        defaults={"email": signer.email, "first_name": signer.first_name, "last_name": signer.last_name},
        create_defaults={
            "email": signer.email,
            "first_name": signer.first_name,
            "last_name": signer.last_name,
            "consented_at": signer.news_opt_in_at or now,
            "consent_text": news_consent_text(signer.language),
            "language": signer.language,
        },
    )
    return subscriber


def news_unsubscribe(*, email: str) -> int:
    """Forget the news subscription of this address (a link in a news e-mail, the
    personal-data page, an erasure on request); how many were removed."""
    deleted, _detail = NewsSubscriber.objects.filter(email_canonical=canonical_email(email)).delete()
    return deleted


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
    task), it is announced (petitions.signals.signer_erased): the embassies' packs that
    list the signer by name are made again without them.
    """
    now = timezone.now()
    signature_ids = list(Signature.objects.filter(signer=signer).values_list("pk", flat=True))
    Signature.objects.filter(signer=signer, confirmed_at__isnull=True).delete()
    Signature.objects.filter(signer=signer).update(ip_range="")
    petition_ids = sorted(set(Signature.objects.filter(signer=signer).values_list("petition_id", flat=True)))
    emails_cancel(kind=CONFIRM, object_ids=[signer.pk])
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
    signer_erased.send(sender=Signer, signer_id=signer.pk, petition_ids=petition_ids)


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
        on_commit_if_no_beat(counts.rollup)
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
    return deleted
