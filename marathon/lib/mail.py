"""Building an e-mail from a template trio, in the recipient's language."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def site_domain() -> str:
    """The host of SITE_URL, for Message-IDs."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def build_email(
    *, template: str, to: str, context: dict, language: str, message_key: str
) -> EmailMultiAlternatives:
    """The e-mail of `template` (<template>_subject.txt, .txt and .html) for one recipient.

    message_key makes the Message-ID: the same for every attempt at one e-mail, so mail
    systems can drop a copy sent twice after a crash.
    """
    context = {
        "site_url": settings.SITE_URL,
        "organisation_name": settings.ORGANISATION_NAME,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
        **context,
    }
    # Workers have no request to take a language from: the row says the recipient's.
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[to], headers={"Message-ID": f"<{message_key}@{site_domain()}>"}
    )
    message.attach_alternative(html, "text/html")
    return message
