from __future__ import annotations

import subprocess
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES"


def test_every_string_has_a_french_translation():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_is_up_to_date(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(LOCALE / "django.po")], check=True)

    def entries(path: Path) -> dict:
        return {(e.msgid, e.msgid_plural): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(path))}

    assert entries(compiled) == entries(LOCALE / "django.mo"), "run `make messages`"


def test_french_uses_typographic_apostrophes():
    """« l’ambassade », never « l'ambassade » (issue 19: both were mixed)."""
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    straight = [
        entry.msgid
        for entry in catalogue
        if any("'" in text for text in [entry.msgstr, *entry.msgstr_plural.values()])
    ]
    assert straight == []
