"""Find a person's name or e-mail anywhere we store things: every table, every file."""

from __future__ import annotations

import io
from pathlib import Path

from django.db import connection
from pypdf import PdfReader


def rows_mentioning(text: str) -> list[str]:
    """Every table whose rows contain `text` anywhere, case-insensitively."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(
                f"SELECT count(*) FROM {connection.ops.quote_name(table)} AS t WHERE t::text ILIKE %s",  # noqa: S608
                [f"%{text}%"],
            )
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def files_mentioning(text: str, *folders: Path) -> list[str]:
    """Every stored file whose content (the text of a PDF) contains `text`."""
    needle = text.casefold()
    found = []
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if not path.is_file():
                continue
            data = path.read_bytes()
            if data.startswith(b"%PDF"):
                content = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
            else:
                content = data.decode("utf-8", errors="ignore")
            if needle in " ".join(content.split()).casefold():
                found.append(str(path))
    return found
