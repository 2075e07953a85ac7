"""The kit e-mails, in French, as text and HTML. Sending is kits.services' job."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

if TYPE_CHECKING:
    from kits.models import KitOrder, OrganisedMarathon
    from kits.services import KitContents


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def _message(name: str, *, to: str, context: dict) -> EmailMultiAlternatives:
    context = {
        "site_url": settings.SITE_URL,
        "organisation_name": settings.ORGANISATION_NAME,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
        "personal_data_url": absolute_url(reverse("personal-data")),
        **context,
    }
    # Workers have no request to take a language from; the site speaks French.
    with translation.override("fr"):
        subject = " ".join(render_to_string(f"kits/email/{name}_subject.txt", context).split())
        text = render_to_string(f"kits/email/{name}.txt", context)
        html = render_to_string(f"kits/email/{name}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def order_confirmation(order: KitOrder, *, contents: KitContents) -> EmailMultiAlternatives:
    context = {
        "order": order,
        "campaign": order.campaign,
        "contents": contents,
        "marathon": getattr(order, "marathon", None),
        "order_url": absolute_url(reverse("kits:thanks", kwargs={"token": order.form_token})),
        "marathons_url": absolute_url(reverse("kits:marathons")),
        "advice_url": absolute_url(reverse("how-it-works")),
    }
    return _message("confirmation", to=order.email, context=context)


def order_shipped(order: KitOrder) -> EmailMultiAlternatives:
    context = {
        "order": order,
        "campaign": order.campaign,
        "advice_url": absolute_url(reverse("how-it-works")),
    }
    return _message("shipped", to=order.email, context=context)


def marathon_report_request(marathon: OrganisedMarathon, *, token: str) -> EmailMultiAlternatives:
    order = marathon.order
    context = {
        "order": order,
        "marathon": marathon,
        "campaign": order.campaign,
        "report_url": absolute_url(reverse("kits:marathon-report", kwargs={"token": token})),
    }
    return _message("report_request", to=order.email, context=context)
