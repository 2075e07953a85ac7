from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from cases.current import current_campaign
from marathon.lib.languages import language_of_path

# Each language named in itself, for the switcher: a reader who does not read the page's
# language still finds their own.
AUTONYMS = {"fr": "Français", "nl": "Nederlands", "en": "English"}


def languages(request: HttpRequest) -> dict:
    """The same page in each language (switcher and hreflang), from the path alone.

    Paths are the same in the three languages but for their prefix, so no URL is resolved
    or reversed here. An unprefixed page (an error page, the admin) offers each home page.
    """
    current = translation.get_language() or settings.LANGUAGE_CODE
    prefixed = language_of_path(request.path) is not None
    return {
        "html_lang": current,
        "language_links": language_links(current, path_after_language(request.path)),
        "page_is_prefixed": prefixed,
    }


def path_after_language(path: str) -> str:
    """What follows a path's language prefix ("/fr/cas/" → "/cas/"); "/" for an unprefixed
    path, whose page in each language is that language's home page."""
    return (path[3:] or "/") if language_of_path(path) is not None else "/"


def language_links(current: str, rest: str) -> list[dict]:
    base = settings.SITE_URL
    return [
        {
            "code": code,
            "name": AUTONYMS[code],
            "href": f"/{code}{rest}",
            "absolute": f"{base}/{code}{rest}",
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def site(request: HttpRequest) -> dict:
    return {
        # Lazy, and kept a few seconds per process (cases/current.py): every page's
        # navigation follows the campaign's calendar.
        "current_campaign": SimpleLazyObject(current_campaign),
        "organisation_name": settings.ORGANISATION_NAME,
        "privacy_contact_email": settings.PRIVACY_CONTACT_EMAIL,
        "organisation_company_number": settings.ORGANISATION_COMPANY_NUMBER,
    }
