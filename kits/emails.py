"""The e-mails about kit orders, registered with the outbox (marathon.outbox.kinds).

What each one says is read when it is sent: an order cancelled or erased meanwhile gets
no e-mail, a shipping notice goes only to an order that was shipped.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from kits.contents import kit_order_contents
from kits.links import marathon_edit_token, marathon_report_token, order_not_me_token, reminders_stop_token
from kits.models import KitOrder, OrganisedMarathon
from marathon.lib.mail import absolute_url
from marathon.outbox import kinds

ORDER_CONFIRMATION = "kits.confirmation"
ORDER_SHIPPED = "kits.shipped"
REPORT_REQUEST = "kits.report-request"
REMINDER = "kits.reminder"


def _order(order_id: int) -> KitOrder | None:
    return (
        KitOrder.objects.not_erased()
        .active()
        .select_related("campaign", "marathon")
        .filter(pk=order_id)
        .first()
    )


def _common(order: KitOrder) -> dict:
    return {
        "order": order,
        "campaign": order.campaign,
        "personal_data_url": absolute_url(reverse("personal-data")),
        "advice_url": absolute_url(reverse("how-it-works")),
    }


def _confirmation(order_id: int) -> kinds.Envelope | None:
    order = _order(order_id)
    if order is None:
        return None
    context = {
        **_common(order),
        "contents": kit_order_contents(order),
        "marathon": getattr(order, "marathon", None),
        "order_url": absolute_url(reverse("kits:thanks", kwargs={"token": order.form_token})),
        "not_me_url": absolute_url(reverse("kits:not-me", args=[order_not_me_token(order)])),
        "marathons_url": absolute_url(reverse("kits:marathons")),
        "marathon_edit_url": absolute_url(
            reverse("kits:marathon-edit", args=[marathon_edit_token(order.marathon)])
        )
        if getattr(order, "marathon", None)
        else "",
    }
    return kinds.Envelope(to=order.email, context=context)


def _confirmation_sent(order_id: int, at: datetime.datetime) -> None:
    KitOrder.objects.filter(pk=order_id).update(confirmation_sent_at=at)


def _shipped(order_id: int) -> kinds.Envelope | None:
    order = _order(order_id)
    if order is None or order.status != KitOrder.Status.SHIPPED:
        return None
    return kinds.Envelope(to=order.email, context=_common(order))


def _shipped_sent(order_id: int, at: datetime.datetime) -> None:
    KitOrder.objects.filter(pk=order_id).update(shipped_email_sent_at=at)


def _report_request(marathon_id: int) -> kinds.Envelope | None:
    marathon = (
        OrganisedMarathon.objects.select_related("order__campaign")
        .filter(pk=marathon_id, order__erased_at__isnull=True)
        .exclude(order__status=KitOrder.Status.CANCELLED)
        .first()
    )
    if marathon is None or marathon.date >= timezone.localdate():
        return None
    context = {
        **_common(marathon.order),
        "marathon": marathon,
        "report_url": absolute_url(
            reverse("kits:marathon-report", kwargs={"token": marathon_report_token(marathon)})
        ),
    }
    return kinds.Envelope(to=marathon.order.email, context=context)


def _report_request_sent(marathon_id: int, at: datetime.datetime) -> None:
    OrganisedMarathon.objects.filter(pk=marathon_id).update(report_requested_at=at)


def _reminder(order_id: int) -> kinds.Envelope | None:
    order = _order(order_id)
    # Stopped, or the deadline passed while the e-mail waited: nothing to remind.
    if order is None or order.reminders_stopped_at or not order.campaign.state.letters_welcome:
        return None
    context = {
        **_common(order),
        "marathon": getattr(order, "marathon", None),
        "printable_url": absolute_url(reverse("kits:printable")),
        "stop_url": absolute_url(reverse("kits:reminders-stop", args=[reminders_stop_token(order)])),
    }
    return kinds.Envelope(to=order.email, context=context)


def _reminder_sent(order_id: int, at: datetime.datetime) -> None:
    KitOrder.objects.filter(pk=order_id).update(reminder_sent_at=at)


kinds.register(
    kinds.EmailKind(
        name=ORDER_CONFIRMATION,
        template="kits/email/confirmation",
        envelopes=kinds.OneAtATime(_confirmation),
        sent=_confirmation_sent,
        urgent=True,  # the thanks page said "check your mailbox"
    )
)
kinds.register(
    kinds.EmailKind(
        name=ORDER_SHIPPED,
        template="kits/email/shipped",
        envelopes=kinds.OneAtATime(_shipped),
        sent=_shipped_sent,
    )
)
kinds.register(
    kinds.EmailKind(
        name=REPORT_REQUEST,
        template="kits/email/report_request",
        envelopes=kinds.OneAtATime(_report_request),
        sent=_report_request_sent,
    )
)
kinds.register(
    kinds.EmailKind(
        name=REMINDER,
        template="kits/email/reminder",
        envelopes=kinds.OneAtATime(_reminder),
        sent=_reminder_sent,
    )
)
