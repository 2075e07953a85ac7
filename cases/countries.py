"""Countries in the site's French: the names staff set (CountryName), else the library's.

Names are read once per TTL_SECONDS per process: pages, labels and PDFs name countries
often, and staff rarely change a name.
"""

from __future__ import annotations

import time

from django.utils import translation
from django_countries import countries

from cases.models import CountryName

TTL_SECONDS = 10.0
# Before a vowel (or a mute h), « de » is elided: d’Irak, d’Haïti.
VOWELS = set("AEIOUYÉÈÊÀÂÎÔÛHaeiouyéèêàâîôûh")

_cache: tuple[float, dict[str, tuple[str, str]]] | None = None


def _names() -> dict[str, tuple[str, str]]:
    global _cache
    if _cache is None or _cache[0] <= time.monotonic():
        names = {row.country.code: (row.name, row.name_after_de) for row in CountryName.objects.all()}
        _cache = (time.monotonic() + TTL_SECONDS, names)
    return _cache[1]


def names_version() -> tuple:
    """What the staff's names are now, to key what is built from them and kept."""
    return tuple(sorted(_names().items()))


def forget() -> None:
    global _cache
    _cache = None


def _library_name(code: str) -> str:
    with translation.override("fr"):
        return str(countries.name(code))


def country_name(code: str) -> str:
    """ "Bélarus": the name staff set for the country, else the library's."""
    known = _names().get(code)
    return known[0] if known else _library_name(code)


def country_after_de(code: str) -> str:
    """ "du Guatemala", "d’Israël": as written after « les autorités »."""
    known = _names().get(code)
    if known:
        return known[1]
    name = _library_name(code)
    return f"d’{name}" if name[:1] in VOWELS else f"de {name}"
