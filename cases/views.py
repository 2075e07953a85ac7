from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases.current import campaigns, case_links
from cases.models import Campaign, Case, SuccessStory
from marathon.lib.pagecache import cached_for_visitors


@require_GET
@cached_for_visitors
def detail(request: HttpRequest, slug: str, year: int | None = None) -> HttpResponse:
    # The campaigns come from what this process keeps, not through a join; one filter():
    # each QuerySet step copies the query.
    known = campaigns()
    wanted = Q(slug=slug)
    if not request.user.is_staff:
        wanted &= Q(is_published=True, campaign_id__in=known.public)
    if year is not None:
        wanted &= Q(campaign__year=year)  # a join in the WHERE only, for an older case's address
    cases = list(Case.objects.select_related("authority", "petition").filter(wanted).order_by())
    for found in cases:
        # A campaign made in the last seconds (a staff preview) is read through the case.
        found.campaign = known.by_id.get(found.campaign_id) or found.campaign
    # A slug is unique within a campaign; a shared link to an older case still works. The
    # few cases of a slug are chosen among here, not by an ORDER BY (compiling it cost).
    case = max(cases, key=lambda case: (case.campaign.is_current, case.campaign.year), default=None)
    if case is None:
        raise Http404("No such case")
    others = [link for link in case_links(case.campaign) if link.pk != case.pk]
    return render(request, "cases/detail.html", {"case": case, "other_cases": others})


@require_GET
@cached_for_visitors
def index(request: HttpRequest) -> HttpResponse:
    """All the cases on one page, made to be printed too."""
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("No current campaign")
    cases = Case.objects.published().filter(campaign=campaign).for_cards()
    return render(request, "cases/index.html", {"campaign": campaign, "cases": cases})


@require_GET
@cached_for_visitors
def success_stories(request: HttpRequest) -> HttpResponse:
    stories = SuccessStory.objects.filter(is_published=True, campaign__is_current=True).select_related(
        "campaign"
    )
    return render(request, "cases/success_stories.html", {"stories": stories})
