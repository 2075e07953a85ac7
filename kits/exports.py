"""CSV export of kit orders for the shipping desk and mail merges."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kits.models import KitOrder

# A cell starting with one of these is read as a formula by spreadsheet software:
# a name typed as "=HYPERLINK(...)" must stay text when staff open the file.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _columns() -> list[tuple[str, object]]:
    return [
        (_("reference"), lambda o: o.reference),
        (_("ordered at"), lambda o: timezone.localtime(o.created_at).strftime("%Y-%m-%d %H:%M")),
        (_("status"), lambda o: o.get_status_display()),
        (_("who orders"), lambda o: o.get_kind_display()),
        (_("contact name"), lambda o: o.contact_name),
        (_("school or organisation"), lambda o: o.organisation_name),
        (_("pupils' age"), lambda o: o.get_age_band_display() if o.age_band else ""),
        (_("e-mail"), lambda o: o.email),
        (_("phone"), lambda o: o.phone),
        (_("street and number"), lambda o: o.street),
        (_("box"), lambda o: o.box),
        (_("postcode"), lambda o: o.postcode),
        (_("city"), lambda o: o.city),
        (_("province"), lambda o: o.get_province_display()),
        (_("number of writers"), lambda o: o.writers),
        (_("marathon date"), lambda o: o.marathon.date.isoformat() if o.has_marathon else ""),
        (
            _("public marathon"),
            lambda o: (_("yes") if o.marathon.is_public else _("no")) if o.has_marathon else "",
        ),
        (pgettext("kit order", "note"), lambda o: o.note),
        (_("reason for cancelling"), lambda o: o.cancel_reason),
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def kit_orders_csv_rows(orders: Iterable[KitOrder]) -> Iterator[str]:
    """The CSV file, line by line, so a long export streams instead of filling memory."""
    columns = _columns()
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet software reads the accents as UTF-8
    yield writer.writerow([title for title, _get in columns])
    for order in orders:
        yield writer.writerow([neutralise(get(order)) for _title, get in columns])
