"""The current campaign, kept a few seconds in each web process.

Every page's navigation says what one can still do (order a kit, print it, see the
results): that reads the current campaign and its calendar. The busiest pages (sign,
results) otherwise need no query once warm, so it is read once per TTL_SECONDS per
process; staff changing the campaign see it within that time.
"""

from __future__ import annotations

import time

from cases.models import Campaign

TTL_SECONDS = 5.0

_cache: tuple[float, Campaign | None] | None = None


def current_campaign() -> Campaign | None:
    global _cache
    cached = _cache
    if cached is None or cached[0] <= time.monotonic():
        campaign = Campaign.objects.current()
        _cache = (time.monotonic() + TTL_SECONDS, campaign)
        return campaign
    return cached[1]


def forget() -> None:
    global _cache
    _cache = None
