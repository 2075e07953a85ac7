"""Countries in the reader's language: the names staff set (CountryName), else the library's.

Names are read once per TTL_SECONDS per process: pages, labels and PDFs name countries
often, and staff rarely change a name. A name staff left empty in Dutch or English is the
library's in that language (django-countries knows them), not the French one.
"""

from __future__ import annotations

from django_countries import countries
from modeltranslation.utils import build_localized_fieldname

from cases.models import CountryName
from marathon.lib.kept import kept
from marathon.lib.languages import CODES, reader_language

TTL_SECONDS = 10.0
# Before a vowel (or a mute h), « de » is elided: d’Irak, d’Haïti.
VOWELS = set("AEIOUYÉÈÊÀÂÎÔÛHaeiouyéèêàâîôûh")


@kept(TTL_SECONDS)
def _all_names() -> dict[str, dict[str, tuple[str, str]]]:
    """{language: {code: (name, name after « de »)}}, only the names staff wrote."""
    names: dict[str, dict[str, tuple[str, str]]] = {code: {} for code in CODES}
    for row in CountryName.objects.all():
        for code in CODES:
            name = getattr(row, build_localized_fieldname("name", code))
            if name:
                names[code][row.country.code] = (name, row.name_after_de)
    return names


def _names() -> dict[str, tuple[str, str]]:
    return _all_names()[reader_language()]


def names_version() -> tuple:
    """What the staff's names are now in the reader's language, to key what is built from
    them and kept."""
    return (reader_language(), *sorted(_names().items()))


def forget() -> None:
    _all_names.cache_clear()


def _library_name(code: str) -> str:
    return str(countries.name(code))


def country_name(code: str) -> str:
    """ "Bélarus": the name staff set for the country, else the library's."""
    known = _names().get(code)
    return known[0] if known else _library_name(code)


def country_after_de(code: str) -> str:
    """ "du Guatemala", "d’Israël": as written after « les autorités ». In another language
    the name alone: its catalogue writes "van", "of" before it."""
    if reader_language() != "fr":
        return country_name(code)
    known = _names().get(code)
    if known:
        return known[1]
    name = _library_name(code)
    return f"d’{name}" if name[:1] in VOWELS else f"de {name}"
