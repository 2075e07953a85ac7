"""Open petitions by id, kept a few seconds in each web process.

The sign page is the page of the busiest night; with this and the cached counts its
GET needs no database round trip at all. Staff closing a petition takes effect within
TTL_SECONDS.
"""

from __future__ import annotations

from marathon.lib.kept import kept
from petitions.models import Petition

TTL_SECONDS = 5.0


@kept(TTL_SECONDS)
def _open_petitions() -> dict[int, Petition]:
    return {petition.pk: petition for petition in Petition.objects.open().select_related("case")}


def open_petition(pk: int) -> Petition | None:
    found = _open_petitions().get(pk)
    if found is None:
        # An id not seen yet may be a petition opened since: look once more.
        _open_petitions.cache_clear()
        found = _open_petitions().get(pk)
    return found


def forget() -> None:
    _open_petitions.cache_clear()
