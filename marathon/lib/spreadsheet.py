"""CSV files that staff open in a spreadsheet, safely.

Cells come from what the public and volunteers typed (names, notes). A spreadsheet
runs a cell that starts with = + - @ (or a tab or carriage return before them) as a
formula, so such text is prefixed with an apostrophe, which shows it as plain text.
The files use a semicolon and a byte-order mark: what Excel in French expects, so
accents and columns come out right on a double-click.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(header: list[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell("" if cell is None else cell) for cell in row])


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable[object]]) -> StreamingHttpResponse:
    """Stream the file, so a big export starts at once and never sits whole in memory."""
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
