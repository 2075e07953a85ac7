from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

LOCALES = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ("fr", "nl", "en")
each_language = pytest.mark.parametrize("language", LANGUAGES)


def catalogue_path(language: str, suffix: str = "po") -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"django.{suffix}"


@each_language
def test_every_string_is_translated(language):
    catalogue = polib.pofile(str(catalogue_path(language)))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@each_language
def test_the_compiled_catalogue_is_up_to_date(tmp_path, language):
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(compiled), str(catalogue_path(language))], check=True
    )

    def entries(path: Path) -> dict:
        return {(e.msgid, e.msgid_plural): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(path))}

    assert entries(compiled) == entries(catalogue_path(language, "mo")), "run `make messages`"


def test_the_three_catalogues_translate_the_same_strings():
    """A string added to the code is translated in every language, not only in French."""
    ids = [
        {(e.msgctxt, e.msgid) for e in polib.pofile(str(catalogue_path(language)))} for language in LANGUAGES
    ]
    assert ids[0] == ids[1] == ids[2], "run `make messages` and translate what it adds"


@each_language
def test_typographic_apostrophes(language):
    """« l’ambassade », never « l'ambassade » (issue 19: both were mixed); "don’t" likewise."""
    catalogue = polib.pofile(str(catalogue_path(language)))
    straight = [
        entry.msgid
        for entry in catalogue
        if any("'" in text for text in [entry.msgstr, *entry.msgstr_plural.values()])
    ]
    assert straight == []
