"""Building an e-mail from a template trio, in the recipient's language."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape


def site_domain() -> str:
    """The host of SITE_URL, for Message-IDs."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


# E-mails written once for everyone they are the same for (see build_email), the most
# recently used kept: a campaign's confirmations are a few dozen (ten cases, or all ten
# at once, in three languages).
WRITTEN_KEPT = 256
_written: OrderedDict[Hashable, tuple[str, str, str]] = OrderedDict()
# Where a personal value goes: letters and digits only, so that autoescaping and the
# templates leave it as it is. Random per process, so no one can type it into a field.
_MARK = "personal" + secrets.token_hex(8)


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
    their names), the templates are rendered once per key and language for everyone, and
    each e-mail gets its personal values put in, escaped in the HTML: rendering was most of
    a worker's CPU for a confirmation. A .txt template must turn autoescaping off, as they
    all do, since its values are put in unescaped.

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
    if same_for is None:
        subject, text, html = _write(template, {**context, **personal}, language)
    else:
        # What every e-mail shows besides its context: settings, changed only by tests.
        key = (
            template,
            language,
            same_for,
            settings.SITE_URL,
            settings.ORGANISATION_NAME,
            settings.PRIVACY_CONTACT_EMAIL,
        )
        written = _written.get(key)
        if written is None:
            marks = {name: f"{_MARK}{name.replace('_', '')}end" for name in personal}
            written = _written[key] = _write(template, {**context, **marks}, language)
            if len(_written) > WRITTEN_KEPT:
                _written.popitem(last=False)
        else:
            _written.move_to_end(key)
        subject, text, html = written
        for name, value in personal.items():
            mark = f"{_MARK}{name.replace('_', '')}end"
            subject, text = subject.replace(mark, value), text.replace(mark, value)
            html = html.replace(mark, escape(value))
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[to], headers={"Message-ID": f"<{message_key}@{site_domain()}>"}
    )
    message.attach_alternative(html, "text/html")
    return message


def _write(template: str, context: dict, language: str) -> tuple[str, str, str]:
    # Workers have no request to take a language from: the row says the recipient's.
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return subject, text, html
