"""Belgian provinces from postcodes (bpost's ranges), for counts and the shipping desk."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext_lazy as _

# Codes as django-localflavor's BE_PROVINCES had them, plus Brussels-Capital.
PROVINCES = {
    "BRU": _("Brussels-Capital"),
    "WBR": _("Walloon Brabant"),
    "VBR": _("Flemish Brabant"),
    "VAN": _("Antwerp"),
    "VLI": _("Limburg"),
    "WLG": _("Liège"),
    "WNA": _("Namur"),
    "WHT": _("Hainaut"),
    "WLX": _("Luxembourg"),
    "VWV": _("West Flanders"),
    "VOV": _("East Flanders"),
}
PROVINCE_CHOICES = sorted(PROVINCES.items(), key=lambda item: str(item[1]))

# (first postcode, last postcode, province), in order.
_RANGES = [
    (1000, 1299, "BRU"),
    (1300, 1499, "WBR"),
    (1500, 1999, "VBR"),
    (2000, 2999, "VAN"),
    (3000, 3499, "VBR"),
    (3500, 3999, "VLI"),
    (4000, 4999, "WLG"),
    (5000, 5999, "WNA"),
    (6000, 6599, "WHT"),
    (6600, 6999, "WLX"),
    (7000, 7999, "WHT"),
    (8000, 8999, "VWV"),
    (9000, 9999, "VOV"),
]


def normalise_postcode(value: str) -> str:
    """A postcode as typed, made plain: no spaces or invisible characters anywhere, capitals,
    and ASCII digits for the digits of any script (a phone may type ١٠٥٠ for 1050)."""
    characters = []
    for character in value:
        if character.isspace() or unicodedata.category(character) == "Cf":
            continue
        characters.append(str(unicodedata.decimal(character)) if character.isdecimal() else character)
    return "".join(characters).upper()


def province_for_postcode(postcode: str) -> str:
    """The province code of a Belgian postcode, or "" when it is not one."""
    postcode = (postcode or "").strip()
    if not (len(postcode) == 4 and postcode.isdigit()):
        return ""
    number = int(postcode)
    for first, last, province in _RANGES:
        if first <= number <= last:
            return province
    return ""
