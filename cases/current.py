"""The campaigns, the current one, and the links to a campaign's cases, kept a few seconds
in each web process.

Every page's navigation says what one can still do (order a kit, print it, see the
results): that reads the current campaign and its calendar. The busiest pages (sign,
results) otherwise need no query once warm, so it is read once per TTL_SECONDS per
process; staff changing the campaign see it within that time. Each case page links to
the campaign's other cases: the same list for all ten, likewise kept.
"""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import translation

from cases.models import Campaign, Case, past_campaigns
from marathon.lib.kept import kept

TTL_SECONDS = 5.0


class Campaigns(NamedTuple):
    by_id: dict[int, Campaign]
    public: frozenset[int]  # what visitors may read: the current campaign and those over
    current: Campaign | None  # one at most (a constraint)


@kept(TTL_SECONDS)
def campaigns() -> Campaigns:
    """Every campaign (one a year), which are public, and the current one, in one query.

    A case page takes its campaign from here rather than through a join: the join's twenty
    translated columns were a quarter of the page's query to compile.
    """
    rows = Campaign.objects.annotate(
        public=ExpressionWrapper(Q(is_current=True) | past_campaigns(), output_field=BooleanField())
    )
    by_id = {campaign.pk: campaign for campaign in rows}
    return Campaigns(
        by_id,
        frozenset(pk for pk, campaign in by_id.items() if campaign.public),
        next((campaign for campaign in by_id.values() if campaign.is_current), None),
    )


def current_campaign() -> Campaign | None:
    """The campaign every public page shows, from the same copy as the case pages'."""
    return campaigns().current


class CaseLink(NamedTuple):
    pk: int
    url: str
    person_name: str


def _links_key(campaign: Campaign) -> tuple[int, bool, str]:
    # The campaign's addresses' form, and the reader's language, make the links.
    return (campaign.pk, campaign.is_current, translation.get_language() or "")


@kept(TTL_SECONDS, maxsize=64, key=_links_key)
def case_links(campaign: Campaign) -> tuple[CaseLink, ...]:
    """The campaign's published cases, in their order, each with its address in the
    reader's language (a case page lists the others: a query and ten reverse() a page)."""
    cases = Case.objects.published().filter(campaign=campaign).only("slug", "person_name", "order")
    links = []
    for case in cases:
        case.campaign = campaign  # its address says whether it is the current campaign's
        links.append(CaseLink(case.pk, case.get_absolute_url(), case.person_name))
    return tuple(links)


def forget() -> None:
    campaigns.cache_clear()
    case_links.cache_clear()
