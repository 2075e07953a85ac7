"""The signed links of kit orders and organisers' marathons (marathon.lib.links).

Each names one order or marathon by its id; a link altered, too old, made for another
purpose or naming something gone reads as None, and the page says the link no longer works.
"""

from __future__ import annotations

from kits.models import KitOrder, OrganisedMarathon, OrganisedMarathonQuerySet
from marathon.lib.links import LinkError, Purpose, make_token, read_token


def _named_id(token: str, *, purpose: Purpose, key: str) -> object | None:
    """The id a link of this purpose carries under key, or None whatever went wrong."""
    try:
        payload = read_token(token, purpose=purpose)
    except LinkError:
        return None
    return payload.get(key) if isinstance(payload, dict) else None


def _order(token: str, purpose: Purpose) -> KitOrder | None:
    pk = _named_id(token, purpose=purpose, key="order")
    return KitOrder.objects.not_erased().filter(pk=pk).first() if pk is not None else None


def _standing_marathons() -> OrganisedMarathonQuerySet:
    """Marathons whose order was not cancelled, with what their pages show."""
    return OrganisedMarathon.objects.select_related("order__campaign").exclude(
        order__status=KitOrder.Status.CANCELLED
    )


def order_not_me_token(order: KitOrder) -> str:
    return make_token({"order": order.pk}, purpose=Purpose.KIT_ORDER_NOT_ME)


def order_from_not_me_token(token: str) -> KitOrder | None:
    """The order a "not me" link is for, or None if altered, too old or already erased."""
    return _order(token, Purpose.KIT_ORDER_NOT_ME)


def reminders_stop_token(order: KitOrder) -> str:
    return make_token({"order": order.pk}, purpose=Purpose.KIT_REMINDERS_STOP)


def order_from_reminders_stop_token(token: str) -> KitOrder | None:
    """The order a "stop reminders" link is for, or None if altered, too old or erased."""
    return _order(token, Purpose.KIT_REMINDERS_STOP)


def marathon_edit_token(marathon: OrganisedMarathon) -> str:
    return make_token({"marathon": marathon.pk}, purpose=Purpose.MARATHON_EDIT)


def marathon_from_edit_token(token: str) -> OrganisedMarathon | None:
    """The marathon an "edit or cancel" link is for, while its order stands, its data is
    not erased and it was not called off; None otherwise."""
    pk = _named_id(token, purpose=Purpose.MARATHON_EDIT, key="marathon")
    if pk is None:
        return None
    return (
        _standing_marathons().filter(pk=pk, order__erased_at__isnull=True, cancelled_at__isnull=True).first()
    )


def marathon_report_token(marathon: OrganisedMarathon) -> str:
    return make_token({"marathon": marathon.pk}, purpose=Purpose.MARATHON_REPORT)


def marathon_from_report_token(token: str) -> OrganisedMarathon | None:
    """The marathon a report link is for, or None if it was altered, is too old or names
    a marathon whose order was cancelled."""
    pk = _named_id(token, purpose=Purpose.MARATHON_REPORT, key="marathon")
    return _standing_marathons().filter(pk=pk).first() if pk is not None else None
