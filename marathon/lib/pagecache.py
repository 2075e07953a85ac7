"""Whole public pages from the cache for visitors, dropped by any edit of their content.

On the night of a TV appeal nearly every request is an anonymous visitor reading the
home page, a case or the results. Rendering those costs 15-35 ms of Python (templates,
ten cards, thumbnails); reading them from Redis costs two round trips. Why whole pages,
and why that is safe:

- **Who gets a cached page.** Only a GET from a visitor who carries neither a session
  cookie nor a messages cookie: such a visitor is not signed in (staff previews of
  unpublished cases need a session) and has no flash message waiting, so the page is
  the same for every such visitor except for one thing, the CSRF token of its forms.
  Anyone else gets the page rendered for them, and it is not stored.
- **The CSRF token.** Some of these pages carry a form (the petition box of a case, sign
  all ten). The page is stored with every token replaced by a placeholder, and a hit
  puts in this visitor's own token (`get_token`, which also makes CsrfViewMiddleware
  send this visitor's csrftoken cookie). A stored page therefore never holds anyone's
  token, and only the body and content type are stored: never a header, so never a
  Set-Cookie. The middleware (security headers, CSP, request id, CSRF cookie) still runs
  around a hit as around any response.
- **Invalidation.** Every key carries a generation, itself in the cache; saving or
  deleting any model the public pages show (see `marathon.apps`) sets a new generation
  once the transaction commits, so the next request renders afresh. Each process keeps
  the pages it served last for a second without asking Redis (LOCAL_SECONDS): an edit in
  the admin shows at once from the process that saved it, within a second from the
  others. The generation is a timestamp, never a counter, so a lost
  generation key cannot bring back older pages. Pages of an old generation simply expire.
- **Counts.** Pages show live counts, so entries are fresh PAGE_CACHE_SECONDS (default
  2 s): a count shown is at most roll-up (1 s) + the counts' own cache (1 s) + this, and
  a stale copy while one request renders, behind (petitions/counts.py adds it up).
- **One render per page when it goes stale.** At a few hundred visitors a second, dozens
  of requests would find the page expired at once and all render it (15-35 ms each,
  fighting over the GIL: the bench saw GETs of a second). An entry is therefore kept a
  little past its freshness; the first request to see it stale takes a short lock in the
  cache and renders, the others are served the stale copy meanwhile (for the time of one
  render; at most RENEW_SECONDS if that request died).
- If Redis is down the page is rendered as usual, and the cache is not asked again for a
  few seconds (like the rate limiter), so the outage does not add a timeout to each page.

PAGE_CACHE_SECONDS=0 turns it off (the bench's "uncached" figures).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from marathon.lib.kept import Kept

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
PLACEHOLDER = "__csrf_token_placeholder__"
TOKEN_RE = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
MESSAGES_COOKIE = "messages"
# After a cache failure, pages are rendered without asking Redis for this long, so an
# outage costs one request a connection timeout, not every request.
RETRY_AFTER_FAILURE = 5.0
_down_until = 0.0
# How long an entry outlives its freshness, to be served while one request renews it,
# and how long that request may take before another one tries.
STALE_SECONDS = 30
RENEW_SECONDS = 1


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


# The generation this process saw last: a hit then costs one round trip (MGET of the
# generation and the page under it); when the generation moved, a second one.
_last_generation: int | None = None
# The pages this process read or made last, served again without asking Redis while they
# are fresh, each for at most LOCAL_SECONDS: the round trip was a quarter of a cached sign
# page's CPU. Another process's edit therefore shows within LOCAL_SECONDS (this one's at once).
LOCAL_SECONDS = 1.0
_local = Kept(LOCAL_SECONDS, maxsize=128)


def _lookup(request: HttpRequest, query: tuple[str, ...]) -> tuple[str, tuple | None]:
    global _last_generation
    if _last_generation is not None:
        guess = _key(request, _last_generation, query)
        stored = _local.get(guess)
        if stored is not None and time.time() < stored[3]:
            return guess, stored
        found = cache.get_many([GENERATION_KEY, guess])
        if found.get(GENERATION_KEY) == _last_generation:
            stored = found.get(guess)
            if stored is not None:
                _local.put(guess, stored)
            return guess, stored
    _last_generation = _generation()
    key = _key(request, _last_generation, query)
    return key, cache.get(key)


def _key(request: HttpRequest, generation: int, query: tuple[str, ...] = ()) -> str:
    # What the view reads, not the URL as sent: ?utm_source=... variants are one page (300
    # of them made 300 entries in the Redis that also carries the broker).
    read = urlencode([(name, value) for name in sorted(query) for value in request.GET.getlist(name)])
    # The language too: the path's prefix says it today, but a page is never to be served in
    # a language other than the one its request speaks.
    language = translation.get_language() or ""
    uri = f"{language}:{request.scheme}://{request.get_host()}{request.path}?{read}".encode()
    # v4: keyed on the language (v3's entries are never read).
    return f"pagecache:v4:{generation}:{hashlib.sha256(uri).hexdigest()}"


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def _cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def cached_for_visitors(
    view: Callable[..., HttpResponse] | None = None, *, query: tuple[str, ...] = ()
) -> Any:
    """Serve the view's page from the cache to visitors without a session (see above).

    The page is keyed on its host and path, and on the query parameters the view reads,
    named in `query` (@cached_for_visitors(query=("page",))); any other is ignored.
    """
    if view is None:
        return functools.partial(cached_for_visitors, query=query)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        global _down_until
        if time.monotonic() < _down_until:
            return view(request, *args, **kwargs)
        try:
            key, stored = _lookup(request, query)
        except Exception as error:  # Redis down: render as usual, and stop asking for a while
            _down_until = time.monotonic() + RETRY_AFTER_FAILURE
            logger.warning(
                "page cache unavailable, rendering pages for %.0f s: %s", RETRY_AFTER_FAILURE, error
            )
            return view(request, *args, **kwargs)
        if stored is not None:
            content_type, body, has_token, fresh_until = stored
            # Stale: one request renders it again, the others get it as it is meanwhile.
            if time.time() < fresh_until or not _renew(key):
                if has_token:
                    body = body.replace(PLACEHOLDER, get_token(request))
                return HttpResponse(body, content_type=content_type)
        response = view(request, *args, **kwargs)
        if _cacheable_response(response):
            _store(key, response)
        return response

    return wrapper


def _renew(key: str) -> bool:
    """True if this request is the one to render a stale page again."""
    try:
        return cache.add(f"{key}:renewing", 1, timeout=RENEW_SECONDS)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
        return False


def _store(key: str, response: HttpResponse) -> None:
    body = response.content.decode(response.charset)
    body, tokens = TOKEN_RE.subn(rf"\g<1>{PLACEHOLDER}\g<3>", body)
    fresh_until = time.time() + settings.PAGE_CACHE_SECONDS
    entry = (response["Content-Type"], body, bool(tokens), fresh_until)
    try:
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS + STALE_SECONDS)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
        return
    _local.put(key, entry)


def page_cache_clear() -> None:
    """Make every cached page stale, once the current transaction (if any) commits."""

    def clear() -> None:
        _local.clear()
        try:
            cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
        except Exception:
            logger.warning("page cache unavailable: pages may be stale for a moment", exc_info=True)

    transaction.on_commit(clear)


def _content_changed(sender: object, **kwargs: object) -> None:
    page_cache_clear()


def clear_on_changes_to(*models: type[Model]) -> None:
    """Make every cached page stale whenever one of these models is saved or deleted.

    Each app names, when it is ready, the models its public pages show. A signal, not a
    call in each admin's save_model, because inlines, actions, seed_demo and the shell
    must not be forgotten; it only drops a cache.
    """
    for model in models:
        label = model._meta.label
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"pagecache-delete-{label}")
        if not model._meta.auto_created:
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                assert through is not None  # set once the apps are ready
                m2m_changed.connect(
                    _content_changed, sender=through, dispatch_uid=f"pagecache-m2m-{through._meta.label}"
                )
