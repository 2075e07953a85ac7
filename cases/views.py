from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases.current import case_links
from cases.models import Campaign, Case, SuccessStory, past_campaigns
from marathon.lib.pagecache import cached_for_visitors


@require_GET
@cached_for_visitors
def detail(request: HttpRequest, slug: str, year: int | None = None) -> HttpResponse:
    # One filter() through the join: each QuerySet step copies the query, and a subquery of
    # the past campaigns cost a fifth of the lookup's CPU.
    wanted = Q(slug=slug)
    if not request.user.is_staff:
        wanted &= Q(is_published=True) & (Q(campaign__is_current=True) | past_campaigns("campaign__"))
    if year is not None:
        wanted &= Q(campaign__year=year)
    # A slug is unique within a campaign; a shared link to an older case still works. The
    # few cases of a slug are chosen among here, not by an ORDER BY through the join (a
    # fifth of the query's CPU to compile).
    cases = Case.objects.for_cards().filter(wanted).order_by()
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
