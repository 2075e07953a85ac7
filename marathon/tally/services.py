"""Recording, undoing and correcting letter batches; the counts the public pages show."""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from functools import partial

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from cases.models import Campaign, Case, Embassy
from kits.models import KitOrder, OrganisedMarathon
from kits.services import reported_by_case, reported_totals
from marathon.lib import workerfiles
from marathon.lib.languages import CODES as LANGUAGES
from marathon.lib.languages import reader_language
from marathon.lib.queue import enqueue_on_commit

# marathon.tally.tasks refers to this module's functions at call time only.
from marathon.tally import handover as packs
from marathon.tally import tasks
from marathon.tally.models import (
    Handover,
    LetterBatch,
    LetterBatchChange,
    LetterBatchLine,
    LetterKind,
    PastResult,
)
from petitions.counts import online_counts
from petitions.models import Petition, Signer
from petitions.services import signer_erase

logger = logging.getLogger(__name__)

# v3: each case's counts by kind as a list in LetterKind's order.
# v4: the words of every language in it (v3 held French only).
RESULTS_CACHE_KEY = "tally:results:v4"
KINDS = [kind.value for kind in LetterKind]


class UndoRefused(Exception):
    """The batch cannot be undone (any more); the message tells the volunteer why."""


@transaction.atomic
def letter_batch_create(
    *,
    campaign: Campaign,
    recorded_by: User,
    received_on: datetime.date,
    sender_kind: str,
    counts: Mapping[tuple[int, str], int],
    kit_order_reference: str = "",
    note: str = "",
    submission_key: uuid.UUID | None = None,
) -> tuple[LetterBatch, bool]:
    """Record what one envelope held: `counts` maps (case id, kind) to a number.

    Returns (batch, created). `created` is False when the same desk form was already
    recorded (sent twice), in which case the batch returned is the first one.
    """
    lines = {key: count for key, count in counts.items() if count}
    if not lines:
        raise ValueError("an empty envelope is not a batch")
    if submission_key is not None:
        existing = LetterBatch.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            batch = LetterBatch.objects.create(
                campaign=campaign,
                received_on=received_on,
                sender_kind=sender_kind,
                kit_order_reference=kit_order_reference,
                kit_order=KitOrder.objects.filter(campaign=campaign, reference=kit_order_reference).first()
                if kit_order_reference
                else None,
                note=note,
                recorded_by=recorded_by,
                submission_key=submission_key,
            )
    except IntegrityError:
        if submission_key is None:
            raise
        # The same form sent twice at the same moment: the unique key made the
        # second insert wait for the first, which won.
        return LetterBatch.objects.get(submission_key=submission_key), False
    LetterBatchLine.objects.bulk_create(
        LetterBatchLine(batch=batch, case_id=case_id, kind=kind, count=count)
        for (case_id, kind), count in sorted(lines.items())
    )
    return batch, True


@transaction.atomic
def letter_batch_undo(*, batch_id: int, user: User) -> int:
    """Delete a batch its author just recorded (a typo, the wrong pile); return its number.

    Raises PermissionDenied for someone else's batch and UndoRefused when the batch
    is gone or the undo window is over (staff then correct it in the admin).
    """
    batch = (
        LetterBatch.objects.select_for_update(of=("self",))
        .select_related("campaign", "recorded_by")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None:
        raise UndoRefused(_("This batch was already cancelled."))
    if batch.recorded_by_id != user.pk:
        raise PermissionDenied("Only the volunteer who recorded a batch may undo it.")
    if not batch.can_be_undone_by(user):
        raise UndoRefused(_("It is too late to cancel this batch: ask a member of staff to correct it."))
    number = batch.pk
    LetterBatchChange.objects.create(
        batch=None,
        batch_number=number,
        action=LetterBatchChange.Action.UNDONE,
        changed_by=user,
        before=batch.audit_data(),
        after=None,
    )
    batch.delete()
    return number


@transaction.atomic
def letter_batch_change_record(
    *, batch: LetterBatch, user: User, before: dict | None
) -> LetterBatchChange | None:
    """Put a staff correction in the audit trail, once the batch and its lines are saved.

    `before` is the batch's `audit_data()` read before the change, or None for a batch
    created in the admin. Saving a form without changing anything records nothing.
    """
    after = batch.audit_data()
    if before == after:
        return None
    return LetterBatchChange.objects.create(
        batch=batch,
        batch_number=batch.pk,
        action=LetterBatchChange.Action.CREATED if before is None else LetterBatchChange.Action.CHANGED,
        changed_by=user,
        before=before,
        after=after,
    )


@transaction.atomic
def letter_batch_delete(*, batch: LetterBatch, user: User) -> None:
    """Delete a batch from the admin, keeping what it held in the audit trail."""
    LetterBatchChange.objects.create(
        batch=None,
        batch_number=batch.pk,
        action=LetterBatchChange.Action.DELETED,
        changed_by=user,
        before=batch.audit_data(),
        after=None,
    )
    batch.delete()


def paper_signatures_by_petition() -> dict[int, int]:
    """{petition id: signatures counted on paper}, for the petitions' pages (petitions.counts)."""
    return dict(
        LetterBatchLine.objects.filter(kind=LetterKind.SIGNATURE, case__petition__isnull=False)
        .order_by()  # the lines' default order would join their batches
        .values("case__petition")
        .annotate(n=Sum("count"))
        .values_list("case__petition", "n")
    )


def campaign_totals(*, campaign: Campaign, cases: list[Case]) -> dict:
    """Exact counts for the desk: a row per case with a number per kind, and per-kind totals."""
    totals = LetterBatchLine.objects.of_campaign(campaign).totals_by_case_and_kind()
    rows = [{"case": case, "counts": [totals.get((case.pk, kind), 0) for kind in KINDS]} for case in cases]
    by_kind = [sum(n for (_case, k), n in totals.items() if k == kind) for kind in KINDS]
    return {"rows": rows, "by_kind": by_kind, "total": sum(by_kind)}


def volunteer_day_totals(*, user: User, day: datetime.date) -> dict:
    """What this volunteer entered that day: envelopes and (kind, number) pairs."""
    batches = LetterBatch.objects.filter(recorded_by=user).recorded_on(day)
    totals = LetterBatchLine.objects.filter(batch__in=batches).totals_by_kind()
    return {
        "envelopes": batches.count(),
        "by_kind": [(kind, totals.get(kind.value, 0)) for kind in LetterKind],
    }


def results_build(campaign: Campaign | None = None) -> dict:
    """The public counts: the current campaign (or the one given) in total and per case,
    and earlier campaigns.

    Letters, cards and paper signatures are what the volunteers counted; online
    signatures are the petitions' confirmed counts (the tallies kept by petitions.counts,
    which equal the confirmed, non-invalidated signatures within a second or so).
    Plain data, no model instances, so that it keeps in the cache. Cases that are not
    published are counted in the totals but not listed.
    """
    data: dict = {
        "computed_at": timezone.now(),
        "campaign": None,
        "by_kind": dict.fromkeys(KINDS, 0),
        "online": 0,
        "signatures": 0,
        "letters": 0,
        "total": 0,
        "kits": 0,
        "marathons": 0,
        "cases": [],
        # What organisers reported: shown apart, never added to what was counted.
        "reported": {"letters": 0, "cards": 0, "marathons": 0},
        # The words of each language (notes, titles, places, addresses), chosen when read.
        "past": [
            {
                "year": result.year,
                "letters": result.letters,
                "signatures": result.signatures,
                "combined": result.combined,
                "note": _in_each_language(partial(getattr, result, "note")),
            }
            for result in PastResult.objects.all()
        ],
    }
    campaign = campaign or Campaign.objects.current()
    if campaign is None:
        return data
    totals = LetterBatchLine.objects.of_campaign(campaign).totals_by_case_and_kind()
    for (_case_id, kind), count in totals.items():
        data["by_kind"][kind] += count
    tallies = online_counts()
    online = {
        case_id: tallies.get(petition_id, 0)
        for petition_id, case_id in Petition.objects.filter(case__campaign=campaign).values_list(
            "pk", "case_id"
        )
    }
    data["online"] = sum(online.values())
    data["signatures"] = data["by_kind"][LetterKind.SIGNATURE.value] + data["online"]
    data["total"] = sum(data["by_kind"].values()) + data["online"]
    data["letters"] = sum(data["by_kind"][kind.value] for kind in LetterKind.of_letters())
    orders = KitOrder.objects.filter(campaign=campaign).active()
    data["kits"] = orders.count()
    data["marathons"] = OrganisedMarathon.objects.filter(order__in=orders).count()
    data["campaign"] = {
        "id": campaign.pk,
        "year": campaign.year,
        "title": _in_each_language(lambda: campaign.title),
    }
    data["reported"] = reported_totals(campaign)
    reported = reported_by_case(campaign)
    # Built once for every language: a place and a page's address are the reader's.
    cases = Case.objects.published().filter(campaign=campaign).select_related("campaign")
    for case in cases.order_by("order", "person_name"):
        counts = {kind: totals.get((case.pk, kind), 0) for kind in KINDS}
        case_online = online.get(case.pk, 0)
        data["cases"].append(
            {
                "name": case.person_name,
                "url": _in_each_language(case.get_absolute_url),
                "place": _in_each_language(partial(_place, case)),
                "counts": counts,
                # The kinds shown on their own (signatures show combined), for the table.
                "kind_counts": [counts[kind.value] for kind in LetterKind.of_letters()],
                "online": case_online,
                "signatures": counts[LetterKind.SIGNATURE.value] + case_online,
                "total": sum(counts.values()) + case_online,
                "reported": reported.get(case.pk, {"letters": 0, "cards": 0}),
            }
        )
    return data


def _results_cache_seconds() -> int:
    # Long enough to outlive a few missed refreshes, short enough that a stopped
    # beat makes the site rebuild now and then rather than show old counts forever.
    return max(10 * settings.TALLY_RESULTS_REFRESH_SECONDS, 300)


def _place(case: Case) -> str:
    return str(case.place)


def _in_each_language(read: Callable[[], str]) -> dict[str, str]:
    return {code: _read_in(code, read) for code in LANGUAGES}


def _read_in(language: str, read: Callable[[], str]) -> str:
    with translation.override(language):
        return read()


def _for_the_reader(data: dict) -> dict:
    """The counts with the words of the reader's language (kept in the cache for all)."""
    language = reader_language()
    campaign = data["campaign"]
    return {
        **data,
        "campaign": {**campaign, "title": campaign["title"][language]} if campaign else None,
        "cases": [
            {**case, "url": case["url"][language], "place": case["place"][language]} for case in data["cases"]
        ],
        "past": [{**past, "note": past["note"][language]} for past in data["past"]],
    }


def results_refresh() -> dict:
    """Rebuild the public counts and put them in the cache (run by Celery beat)."""
    data = results_build()
    cache.set(RESULTS_CACHE_KEY, data, timeout=_results_cache_seconds())
    return data


def campaign_results(campaign: Campaign) -> dict:
    """An earlier campaign's final counts, for its page under its year (kept a while:
    they no longer change, except for a late letter counted)."""
    key = f"{RESULTS_CACHE_KEY}:campaign:{campaign.pk}"
    data = cache.get(key)
    if data is None:
        data = results_build(campaign)
        cache.set(key, data, timeout=_results_cache_seconds())
    return _for_the_reader(data)


def results_snapshot() -> dict:
    """The public counts as of the last refresh, for the results and home pages."""
    try:
        data = cache.get(RESULTS_CACHE_KEY)
    except RedisError:
        logger.warning("cache unavailable: building the results for this request", exc_info=True)
        return _for_the_reader(results_build())
    if data is None:
        # A cold cache (first start, Redis emptied): build once here; beat keeps it warm.
        data = results_build()
        try:
            cache.set(RESULTS_CACHE_KEY, data, timeout=_results_cache_seconds())
        except RedisError:
            logger.warning("cache unavailable: results not stored", exc_info=True)
    return _for_the_reader(data)


# --- The embassy handover ---------------------------------------------------------------

PACK_PREFIX = "remise-"


@transaction.atomic
def handover_prepare(*, campaign: Campaign) -> list[Handover]:
    """Make sure every embassy with cases in the campaign has its handover, and queue its pack.

    Safe to call again: existing handovers are kept (delivery included) and their packs
    queued again, which rebuilds only those whose content changed since.
    """
    # The embassy of the state each case's authority belongs to (Case.handover_country).
    countries = set(Case.objects.filter(campaign=campaign).values_list("authority__country", flat=True))
    embassies = Embassy.objects.filter(country__in=countries)
    Handover.objects.bulk_create(
        [Handover(campaign=campaign, embassy=embassy) for embassy in embassies],
        # Two members of staff clicking at once: the unique pair decides.
        ignore_conflicts=True,
    )
    handovers = list(
        Handover.objects.filter(campaign=campaign, embassy__in=embassies).select_related(
            "embassy", "campaign"
        )
    )
    # A ready pack stays downloadable while the worker checks whether it changed.
    workerfiles.queue(handovers)
    return handovers


def _pack_content(handover: Handover) -> workerfiles.Content:
    """What the pack would hold now: its counts and names, keyed by their hash."""
    data = packs.pack_data(handover)
    return workerfiles.Content(
        hash=data.content_hash,
        write=lambda out: packs.render_pack(data, out),
        fields={"pack_signatures": data.counts.online},
    )


def pack_file_kind() -> workerfiles.FileKind:
    """The embassy pack as a worker-made file (registered by marathon.tally.apps)."""
    # A pack a worker is making is locked, so it is not queued again however long it takes.
    return workerfiles.FileKind.replaced_in_place(
        model=Handover,
        task=tasks.make_handover_pack,
        content=_pack_content,
        folder="tally/handover",
        stem=PACK_PREFIX,
    )


def handover_pack_render(*, handover_id: int) -> Handover | None:
    """Make the handover's PDF unless a current one is stored (marathon.lib.workerfiles)."""
    return workerfiles.make(Handover, handover_id)


def handover_packs_refresh_for_petitions(*, petition_ids: Iterable[int]) -> int:
    """Queue again the packs that list signatures of these petitions; returns how many.

    After an erasure, the packs that may list the signer are made without the name; one
    that did not list them keeps its hash and is not made again.
    """
    signed = Case.objects.filter(petition__in=list(petition_ids))
    ids = list(
        Handover.objects.filter(
            campaign_id__in=signed.values("campaign_id"),
            embassy__country__in=signed.values("authority__country"),
        )
        .exclude(status=Handover.Status.NOT_STARTED)
        .values_list("pk", flat=True)
    )
    for pk in ids:
        enqueue_on_commit(tasks.make_handover_pack, pk)
    return len(ids)


def on_signer_erased(*, petition_ids: list[int], **_kwargs: object) -> None:
    """petitions.signals.signer_erased: the packs that listed the signer are made again."""
    handover_packs_refresh_for_petitions(petition_ids=petition_ids)


@transaction.atomic
def handover_mark_delivered(
    *, handover: Handover, delivered_on: datetime.date, received_by: str, note: str, by: User | None
) -> Handover:
    """Record that the pack was handed to the embassy, and who on staff says so."""
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    handover.delivered_on = delivered_on
    handover.received_by = received_by
    handover.note = note
    handover.delivered_recorded_by = by
    handover.delivered_recorded_at = timezone.now()
    handover.save(
        update_fields=[
            "delivered_on",
            "received_by",
            "note",
            "delivered_recorded_by",
            "delivered_recorded_at",
        ]
    )
    return handover


# --- Retention: signers' names go SIGNATURE_RETENTION_DAYS after the handover ----------------


def campaigns_past_signature_retention(*, today: datetime.date | None = None) -> list[int]:
    """Campaigns whose every embassy got its pack more than SIGNATURE_RETENTION_DAYS ago.

    A campaign without handovers, or with one not yet delivered, is not done.
    """
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=settings.SIGNATURE_RETENTION_DAYS)
    rows = (
        Handover.objects.order_by()
        .values("campaign_id")
        .annotate(last=Max("delivered_on"), undelivered=Count("pk", filter=Q(delivered_on__isnull=True)))
    )
    return [row["campaign_id"] for row in rows if not row["undelivered"] and row["last"] < cutoff]


def signatures_erase_after_handover(*, today: datetime.date | None = None, limit: int = 5000) -> int:
    """Periodic: anonymise the signers of campaigns past their retention time; counts stay.

    A signer who also signed for a campaign still running keeps their name until that
    one is done too. A wish for news does not keep it: the news subscription is a row of
    its own (petitions.NewsSubscriber), and which petitions someone signed is not kept for
    it. The packs, which list names, are deleted (their delivery stays on record). At most `limit` signers per run, one transaction each: the next run goes on.
    Returns how many signers were anonymised.
    """
    done = campaigns_past_signature_retention(today=today)
    if not done:
        return 0
    for handover in Handover.objects.filter(campaign_id__in=done).exclude(file=""):
        with transaction.atomic():
            workerfiles.forget(handover)
    signers = (
        Signer.objects.filter(erased_at__isnull=True, signatures__petition__case__campaign_id__in=done)
        .exclude(signatures__petition__case__campaign__in=Campaign.objects.exclude(pk__in=done))
        .distinct()
        .order_by("pk")
    )
    erased = 0
    for signer in signers[:limit]:
        signer_erase(signer=signer)
        erased += 1
    if erased:
        logger.info("signature retention: %s signers anonymised", erased)
    return erased
