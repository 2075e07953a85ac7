"""What each web process keeps for a few seconds instead of asking again: one way to do it.

The busiest pages read things that change rarely (the current campaign, the open
petitions, the counts, the countries' names, a page from the cache): each is read once
per few seconds per process, not once per request. `kept` is cachetools' TTL cache
behind a lock (web processes serve requests in threads), registered here so that a
change of settings (the tests) drops every copy at once.

    @kept(5)
    def campaigns(): ...                 # campaigns.cache_clear() forgets them

A copy is at most `seconds` old; what shows it says so to the reader where it matters
(a count, a closed petition). The loader runs outside the lock: two threads missing at
once may both load, which is cheaper than making one wait on the other's query.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from cachetools import TTLCache, cached
from cachetools.keys import hashkey
from django.core.signals import setting_changed

F = TypeVar("F", bound=Callable[..., Any])

_all: list[Kept] = []


class Kept:
    """A TTL cache and its lock, for values kept by key rather than by a function's
    arguments (marathon.lib.pagecache)."""

    def __init__(self, seconds: float, maxsize: int) -> None:
        self._cache: TTLCache = TTLCache(maxsize=maxsize, ttl=seconds)
        self._lock = threading.Lock()
        _all.append(self)

    def get(self, key: Hashable) -> Any:
        with self._lock:
            return self._cache.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._cache[key] = value

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


def kept(seconds: float, *, maxsize: int = 1, key: Callable[..., Hashable] = hashkey) -> Callable[[F], F]:
    """Keep the function's result `seconds` in this process, per `key` of its arguments
    (the `maxsize` most recent)."""
    store = Kept(seconds, maxsize)

    def decorate(function: F) -> F:
        return cached(store._cache, key=key, lock=store._lock)(function)  # type: ignore[return-value]

    return decorate


def forget_all(**_kwargs: object) -> None:
    """Drop every copy this process keeps (the settings they were read under changed)."""
    for store in _all:
        store.clear()


setting_changed.connect(forget_all)
