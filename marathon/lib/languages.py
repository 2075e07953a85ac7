"""The language a person reads in, and the column that keeps it with what they did.

Every public request speaks the language of its URL's prefix (LanguageMiddleware), so the
active language in a request is the reader's; a worker has none active and speaks French.
What a person starts in a language (a signature, a kit order, a request for their data)
keeps it, and everything sent to them afterwards (e-mails, printables, the packing slip)
comes in it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

CODES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT = settings.LANGUAGE_CODE.split("-")[0]


def language_of_path(path: str) -> str | None:
    """The language of a path's prefix ("/nl/cas/" → "nl"), or None for an unprefixed path."""
    prefix = path[1:3]
    return prefix if prefix in CODES and path[3:4] in ("/", "") else None


def reader_language() -> str:
    """The request's language (a supported code), or French outside any request."""
    language = (translation.get_language() or DEFAULT).split("-")[0]
    return language if language in CODES else DEFAULT


def language_field() -> models.CharField:
    """The language column of what a person started: theirs, French for older rows."""
    return models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=DEFAULT, db_default=DEFAULT
    )


def all_languages(model: type[models.Model], names: list[str]) -> list[str]:
    """These field names, each translated one (django-modeltranslation) as its columns in
    every language: what a key of content shown in any language must be made from.

    "headline" becomes "headline_fr", "headline_nl", "headline_en"; a name through a
    relation ("authority__title") likewise; the others stay as they are.
    """
    from modeltranslation.translator import NotRegistered, translator

    expanded = []
    for name in names:
        *path, field = name.split("__")
        target: Any = model
        for step in path:
            target = target._meta.get_field(step).related_model
        try:
            translated = field in translator.get_options_for_model(target).all_fields
        except NotRegistered:
            translated = False
        prefix = "".join(f"{step}__" for step in path)
        expanded += [f"{prefix}{field}_{code}" for code in CODES] if translated else [name]
    return expanded
