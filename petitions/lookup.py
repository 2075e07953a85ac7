"""Open petitions by id, kept a few seconds in each web process.

The sign page is the page of the busiest night; with this and the cached counts its
GET needs no database round trip at all. Staff closing a petition takes effect within
TTL_SECONDS.
"""

from __future__ import annotations

import time

from petitions.models import Petition

TTL_SECONDS = 5.0

_cache: tuple[float, dict[int, Petition]] | None = None


def _load() -> dict[int, Petition]:
    global _cache
    petitions = {petition.pk: petition for petition in Petition.objects.open().select_related("case")}
    _cache = (time.monotonic() + TTL_SECONDS, petitions)
    return petitions


def open_petition(pk: int) -> Petition | None:
    cached = _cache
    if cached is None or cached[0] <= time.monotonic():
        return _load().get(pk)
    # An id not seen yet may be a petition opened since: look once more.
    return cached[1].get(pk) or _load().get(pk)


def forget() -> None:
    global _cache
    _cache = None
