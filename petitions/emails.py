"""The e-mails signers receive, in French, as text and HTML."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from petitions.models import Signature, Signer
from petitions.tokens import Purpose, make_token


def signer_links(signer: Signer) -> dict[str, str]:
    return {
        "confirm_url": settings.SITE_URL
        + reverse("petitions:confirm", args=[make_token(signer=signer, purpose=Purpose.CONFIRM)]),
        "erase_url": settings.SITE_URL
        + reverse("petitions:erase", args=[make_token(signer=signer, purpose=Purpose.ERASE)]),
    }


def confirmation_email(
    *, signer: Signer, signatures: Sequence[Signature], message_key: str
) -> EmailMultiAlternatives:
    """The double opt-in e-mail listing the petitions waiting for confirmation.

    message_key makes the Message-ID, the same for every attempt at one outbox row.
    """
    context = {
        "signer": signer,
        "cases": [signature.petition.case for signature in signatures],
        "days": settings.PETITIONS_CONFIRM_LINK_DAYS,
        "site_url": settings.SITE_URL,
        **signer_links(signer),
    }
    with translation.override("fr"):
        subject = render_to_string("petitions/email/confirm_subject.txt", context).strip()
        text = render_to_string("petitions/email/confirm.txt", context)
        html = render_to_string("petitions/email/confirm.html", context)
    domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[signer.email],
        headers={
            "Message-ID": f"<{message_key}@{domain}>",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
