"""Private file storage: files with personal data that only staff download through a view.

MEDIA_ROOT is served publicly (portraits, printable kits), so shipping labels, which
carry home addresses, are kept beside it, in a folder no URL maps to.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_root() -> Path:
    """PRIVATE_MEDIA_ROOT, or a `private` folder beside MEDIA_ROOT when it is not set."""
    configured = getattr(settings, "PRIVATE_MEDIA_ROOT", "")
    return Path(configured) if configured else Path(settings.MEDIA_ROOT).parent / "private"


class PrivateStorage(FileSystemStorage):
    # Read on every use rather than cached, so tests and workers that move
    # MEDIA_ROOT move this folder too.
    @property
    def base_location(self) -> str:
        return str(private_root())

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; staff download them through a view.")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage
