"""The signed link an organiser gets after their marathon, to report what it wrote."""

from __future__ import annotations

from kits.models import KitOrder, OrganisedMarathon
from marathon.lib.links import LinkError, Purpose, make_token, read_token


def order_not_me_token(order: KitOrder) -> str:
    return make_token({"order": order.pk}, purpose=Purpose.KIT_ORDER_NOT_ME)


def order_from_not_me_token(token: str) -> KitOrder | None:
    """The order a "not me" link is for, or None if altered, too old or already erased."""
    try:
        payload = read_token(token, purpose=Purpose.KIT_ORDER_NOT_ME)
    except LinkError:
        return None
    if not isinstance(payload, dict):
        return None
    return KitOrder.objects.not_erased().filter(pk=payload.get("order")).first()


def reminders_stop_token(order: KitOrder) -> str:
    return make_token({"order": order.pk}, purpose=Purpose.KIT_REMINDERS_STOP)


def order_from_reminders_stop_token(token: str) -> KitOrder | None:
    """The order a "stop reminders" link is for, or None if altered, too old or erased."""
    try:
        payload = read_token(token, purpose=Purpose.KIT_REMINDERS_STOP)
    except LinkError:
        return None
    if not isinstance(payload, dict):
        return None
    return KitOrder.objects.not_erased().filter(pk=payload.get("order")).first()


def marathon_edit_token(marathon: OrganisedMarathon) -> str:
    return make_token({"marathon": marathon.pk}, purpose=Purpose.MARATHON_EDIT)


def marathon_from_edit_token(token: str) -> OrganisedMarathon | None:
    """The marathon an "edit or cancel" link is for, while it is still ahead and its order
    stands; None otherwise."""
    try:
        payload = read_token(token, purpose=Purpose.MARATHON_EDIT)
    except LinkError:
        return None
    if not isinstance(payload, dict):
        return None
    return (
        OrganisedMarathon.objects.select_related("order__campaign")
        .exclude(order__status=KitOrder.Status.CANCELLED)
        .filter(pk=payload.get("marathon"), order__erased_at__isnull=True, cancelled_at__isnull=True)
        .first()
    )


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
