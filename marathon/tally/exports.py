"""The batches as a spreadsheet: one row per line, with its batch's details repeated."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from marathon.tally.models import LetterBatchLine, LetterBatchQuerySet, LetterKind


def batches_csv_header() -> list[str]:
    return [
        _("batch"),
        _("campaign"),
        _("received on"),
        _("late"),
        _("kind of sender"),
        _("kit order reference"),
        _("recorded by"),
        _("recorded at"),
        _("note"),
        _("case"),
        _("kind"),
        _("count"),
    ]


def batches_csv_rows(batches: LetterBatchQuerySet) -> Iterator[list[object]]:
    lines = (
        LetterBatchLine.objects.filter(batch__in=batches.order_by().values("pk"))
        .select_related("batch__campaign", "batch__recorded_by", "case")
        .order_by("batch_id", "case__order", "case_id", "kind")
    )
    yes, no = _("yes"), _("no")
    for line in lines.iterator(chunk_size=2000):
        batch = line.batch
        yield [
            batch.pk,
            batch.campaign.year,
            batch.received_on.isoformat(),
            yes if batch.is_late else no,
            batch.get_sender_kind_display(),
            batch.kit_order_reference,
            batch.recorded_by.get_username(),
            timezone.localtime(batch.created_at).strftime("%Y-%m-%d %H:%M"),
            batch.note,
            line.case.person_name,
            line.get_kind_display(),
            line.count,
        ]


def handover_counts_csv_header() -> list[str]:
    return [
        _("campaign"),
        _("embassy"),
        _("country"),
        _("case"),
        *(str(kind.label) for kind in LetterKind),
        _("online signatures"),
        _("delivered on"),
        _("received by"),
    ]


def handover_counts_csv_rows(handovers, counts: dict) -> Iterator[list[object]]:
    """One row per case of each handover's embassy; `counts` is handover_counts() per campaign id."""
    for handover in handovers:
        embassy_counts = counts.get(handover.campaign_id, {}).get(handover.embassy_id)
        for case in embassy_counts.cases if embassy_counts else []:
            yield [
                handover.campaign.year,
                handover.embassy.name,
                handover.embassy.country.code,
                case.person_name,
                *(n for _kind, n in case.kinds),
                case.online,
                handover.delivered_on.isoformat() if handover.delivered_on else "",
                handover.received_by,
            ]
