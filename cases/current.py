"""The current campaign, and the links to a campaign's cases, kept a few seconds in each
web process.

Every page's navigation says what one can still do (order a kit, print it, see the
results): that reads the current campaign and its calendar. The busiest pages (sign,
results) otherwise need no query once warm, so it is read once per TTL_SECONDS per
process; staff changing the campaign see it within that time. Each case page links to
the campaign's other cases: the same list for all ten, likewise kept.
"""

from __future__ import annotations

import time
from typing import NamedTuple

from django.utils import translation

from cases.models import Campaign, Case

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


class CaseLink(NamedTuple):
    pk: int
    url: str
    person_name: str


# {(campaign id, its addresses' form, language): (until, links)}
_links: dict[tuple[int, bool, str], tuple[float, tuple[CaseLink, ...]]] = {}


def case_links(campaign: Campaign) -> tuple[CaseLink, ...]:
    """The campaign's published cases, in their order, each with its address in the
    reader's language (a case page lists the others: a query and ten reverse() a page)."""
    key = (campaign.pk, campaign.is_current, translation.get_language() or "")
    kept = _links.get(key)
    if kept is None or kept[0] <= time.monotonic():
        cases = Case.objects.published().filter(campaign=campaign).only("slug", "person_name", "order")
        links = []
        for case in cases:
            case.campaign = campaign  # its address says whether it is the current campaign's
            links.append(CaseLink(case.pk, case.get_absolute_url(), case.person_name))
        kept = _links[key] = (time.monotonic() + TTL_SECONDS, tuple(links))
    return kept[1]


def forget() -> None:
    global _cache
    _cache = None
    _links.clear()
