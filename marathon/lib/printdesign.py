"""What shapes a PDF besides its data, as one digest: change any of it, and every
document made from it is made again (kits' printables, the embassies' packs).

Kept apart from marathon/lib/pdf.py so that web processes, which only compare
digests, never import WeasyPrint.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

# Every PDF's fonts, read before the document's own print CSS.
FONTS_STYLESHEET = "css/print-fonts.css"
FONTS_FILES = [
    settings.BASE_DIR / "static" / "css" / "print-fonts.css",
    settings.BASE_DIR / "static" / "fonts",
]


def design_digest(roots: Iterable[Path]) -> str:
    """A digest of WeasyPrint's version and of every file under `roots` (files or folders)."""
    digest = hashlib.sha256(importlib.metadata.version("weasyprint").encode())
    for root in roots:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if path.exists():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
