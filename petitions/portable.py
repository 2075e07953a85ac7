"""The petitions' writes in plain ORM, for SQLite: `make run` with nothing configured.

Production runs on Postgres, where petitions.services and petitions.counts do each of
these in one SQL statement or function call (INSERT ... ON CONFLICT, data-modifying
CTEs, advisory locks) so that thousands of people can sign at once without a lost or
doubled row. On SQLite those do not exist, but neither does the crowd: SQLite lets one
transaction write at a time, so the same steps taken one query after another, inside
one transaction, give the same rows. Each function here has the same contract as its
Postgres twin (named in its docstring); tests/newcomer runs them.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db.models import Count, F, QuerySet

from marathon.outbox.models import Email
from petitions.emails import CONFIRM
from petitions.models import CountDelta, Petition, PetitionTally, Signature, Signer


def signer_upsert(*, canonical: str, details: dict, now: datetime.datetime) -> tuple[int, int]:
    """The signer step of petitions_signature_request (migration 0005).

    Returns (signer id, confirmation e-mails queued so far).

    A confirmed signer's details are not changed by a form anyone can fill in.
    """
    signer, created = Signer.objects.get_or_create(email_canonical=canonical, defaults=details)
    if not created:
        if signer.confirmed_at is None:
            for name, value in details.items():
                setattr(signer, name, value)
        signer.updated_at = now
        signer.save()
    return signer.pk, signer.confirmation_emails


def signatures_request(
    *, signer_id: int, petition_ids: Iterable[int], now: datetime.datetime, fields: dict
) -> int:
    """Its signatures step: how many of these signatures are pending (new or asked again)."""
    pending = 0
    for petition_id in petition_ids:
        signature, created = Signature.objects.get_or_create(
            signer_id=signer_id,
            petition_id=petition_id,
            defaults={"created_at": now, "requested_at": now, **fields},
        )
        if created:
            pending += 1
        elif signature.confirmed_at is None and signature.invalidated_at is None:
            Signature.objects.filter(pk=signature.pk).update(requested_at=now)
            pending += 1
    return pending


def confirmation_queue(
    *, signer_id: int, now: datetime.datetime, max_attempts: int, language: str
) -> int | None:
    """Its e-mail step: the new confirmation e-mail's id, or None if one is waiting."""
    waiting = Email.objects.filter(
        kind=CONFIRM, object_id=signer_id, sent_at__isnull=True, attempts__lt=max_attempts
    )
    if waiting.exists():
        return None
    outbox = Email.objects.create(
        kind=CONFIRM, object_id=signer_id, language=language, created_at=now, due_at=now
    )
    Signer.objects.filter(pk=signer_id).update(confirmation_emails=F("confirmation_emails") + 1)
    return outbox.pk


def _add_deltas(petition_ids: Iterable[int], sign: int) -> None:
    CountDelta.objects.bulk_create(
        CountDelta(petition_id=petition_id, delta=sign * n)
        for petition_id, n in Counter(petition_ids).items()
    )


def signatures_confirm(*, signer_id: int, now: datetime.datetime) -> list[int]:
    """services.signer_confirm's statement: the petitions whose signature was confirmed now."""
    pending = Signature.objects.filter(
        signer_id=signer_id, confirmed_at__isnull=True, invalidated_at__isnull=True
    )
    rows = list(pending.values_list("pk", "petition_id"))
    Signature.objects.filter(pk__in=[pk for pk, _petition in rows]).update(confirmed_at=now)
    confirmed = [petition_id for _pk, petition_id in rows]
    _add_deltas(confirmed, +1)
    return confirmed


def signatures_invalidate(*, signatures: QuerySet[Signature], now: datetime.datetime, reason: str) -> int:
    """services.signatures_invalidate's statement: how many were invalidated now."""
    rows = list(
        signatures.filter(invalidated_at__isnull=True).values_list("pk", "petition_id", "confirmed_at")
    )
    Signature.objects.filter(pk__in=[pk for pk, _petition, _confirmed in rows]).update(
        invalidated_at=now, invalidation_reason=reason
    )
    _add_deltas([petition_id for _pk, petition_id, confirmed in rows if confirmed], -1)
    return len(rows)


def rollup() -> int:
    """counts.rollup: move the pending deltas into the tallies; how many were consumed."""
    deltas = list(CountDelta.objects.values_list("pk", "petition_id", "delta"))
    if not deltas:
        return 0
    CountDelta.objects.filter(pk__in=[pk for pk, _petition, _delta in deltas]).delete()
    sums: Counter[int] = Counter()
    for _pk, petition_id, delta in deltas:
        sums[petition_id] += delta
    for petition_id, n in sums.items():
        PetitionTally.objects.get_or_create(petition_id=petition_id)
        PetitionTally.objects.filter(petition_id=petition_id).update(confirmed=F("confirmed") + n)
    return len(deltas)


def reconcile() -> None:
    """counts.reconcile: every tally replaced by a fresh count of the counted signatures."""
    CountDelta.objects.all().delete()
    counted = dict(Signature.objects.counted().order_by().values_list("petition_id").annotate(n=Count("pk")))
    for petition_id in Petition.objects.values_list("pk", flat=True):
        PetitionTally.objects.update_or_create(
            petition_id=petition_id, defaults={"confirmed": counted.get(petition_id, 0)}
        )
