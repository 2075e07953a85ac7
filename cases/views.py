from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases.models import Campaign, Case, SuccessStory
from marathon.lib.pagecache import cached_for_visitors


@require_GET
@cached_for_visitors
def detail(request: HttpRequest, slug: str, year: int | None = None) -> HttpResponse:
    cases = Case.objects.for_cards().filter(slug=slug)
    if not request.user.is_staff:
        cases = cases.published().filter(
            Q(campaign__is_current=True) | Q(campaign__in=Campaign.objects.past())
        )
    if year is not None:
        cases = cases.filter(campaign__year=year)
    # A slug is unique within a campaign; a shared link to an older case still works.
    case = cases.order_by("-campaign__is_current", "-campaign__year").first()
    if case is None:
        raise Http404("No such case")
    others = (
        Case.objects.published()
        .filter(campaign_id=case.campaign_id)
        .exclude(pk=case.pk)
        .only("slug", "person_name", "order", "campaign_id")
    )
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
