"""The signed link an organiser gets after their marathon, to report what it wrote."""

from __future__ import annotations

from kits.models import KitOrder, OrganisedMarathon
from marathon.lib.links import LinkError, Purpose, make_token, read_token


def marathon_report_token(marathon: OrganisedMarathon) -> str:
    return make_token({"marathon": marathon.pk}, purpose=Purpose.MARATHON_REPORT)


def marathon_from_report_token(token: str) -> OrganisedMarathon | None:
    """The marathon a report link is for, or None if it was altered, is too old or names
    a marathon whose order was cancelled."""
    try:
        payload = read_token(token, purpose=Purpose.MARATHON_REPORT)
    except LinkError:
        return None
    if not isinstance(payload, dict):
        return None
    return (
        OrganisedMarathon.objects.select_related("order__campaign")
        .exclude(order__status=KitOrder.Status.CANCELLED)
        .filter(pk=payload.get("marathon"))
        .first()
    )
