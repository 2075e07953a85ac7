"""Building an e-mail from a template trio, in the recipient's language."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from marathon.lib.stencil import Stencil


def site_domain() -> str:
    """The host of SITE_URL, for Message-IDs."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


# E-mails written once for everyone they are the same for (see build_email), the most
# recently used kept: a campaign's confirmations are a few dozen (ten cases, or all ten
# at once, in three languages), each in three parts.
_written = Stencil(kept=3 * 256)


def build_email(
    *,
    template: str,
    to: str,
    context: dict,
    language: str,
    message_key: str,
    personal: Mapping[str, str] | None = None,
    same_for: Hashable = None,
) -> EmailMultiAlternatives:
    """The e-mail of `template` (<template>_subject.txt, .txt and .html) for one recipient.

    `personal` values (a first name, a link with its token) are printed as they are, with
    no filter. With `same_for`, a key of everything else the e-mail shows (which cases,
    their names), each part is rendered once per key and language for everyone
    (marathon.lib.stencil) and gets each recipient's values put in, escaped in the HTML:
    rendering was most of a worker's CPU for a confirmation. A .txt template must turn
    autoescaping off, as they all do, since its values are put in unescaped.

    message_key makes the Message-ID: the same for every attempt at one e-mail, so mail
    systems can drop a copy sent twice after a crash.
    """
    context = {
        "site_url": settings.SITE_URL,
        "organisation_name": settings.ORGANISATION_NAME,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
        **context,
    }
    personal = personal or {}

    def part(suffix: str, html: bool = False) -> str:
        name = f"{template}{suffix}"
        if same_for is None:
            return _render(name, {**context, **personal}, language)
        return _written.fill(
            (name, language, same_for),
            lambda holes: _render(name, {**context, **holes}, language),
            personal,
            html=html,
        )

    subject = " ".join(part("_subject.txt").split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=part(".txt"),
        to=[to],
        headers={"Message-ID": f"<{message_key}@{site_domain()}>"},
    )
    message.attach_alternative(part(".html", html=True), "text/html")
    return message


def _render(template_name: str, context: dict, language: str) -> str:
    # Workers have no request to take a language from: the row says the recipient's.
    with translation.override(language):
        return render_to_string(template_name, context)
