from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.models import Campaign, Case, SuccessStory
from kits.services import reported_totals
from marathon.lib.pagecache import cached_for_visitors
from marathon.tally.forms import BatchForm
from marathon.tally.models import LetterBatch, LetterKind
from marathon.tally.services import (
    UndoRefused,
    campaign_results,
    campaign_totals,
    letter_batch_create,
    letter_batch_undo,
    results_snapshot,
    volunteer_day_totals,
)

DESK_PERMISSION = "tally.use_counting_desk"
# The date a volunteer chose is kept for the next envelopes of the same pile, that day only.
SESSION_DATE_KEY = "tally_received_on"


def _initial_received_on(request: HttpRequest) -> str:
    today = timezone.localdate().isoformat()
    saved_on, received_on = request.session.get(SESSION_DATE_KEY, (None, None))
    return received_on if saved_on == today else today


@login_required(login_url="tally:login")
@permission_required(DESK_PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    campaign = Campaign.objects.current()
    if campaign is None:
        return render(request, "tally/desk_no_campaign.html", status=404)
    cases = list(campaign.cases.order_by("order", "person_name"))
    initial = {"received_on": _initial_received_on(request), "submission_key": uuid.uuid4()}
    form = BatchForm(request.POST or None, cases=cases, initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        _batch, created = letter_batch_create(
            campaign=campaign,
            recorded_by=request.user,
            received_on=data["received_on"],
            sender_kind=data["sender_kind"],
            counts=form.counts(),
            kit_order_reference=data["kit_order_reference"],
            note=data["note"],
            submission_key=data["submission_key"],
        )
        if not created:
            messages.info(request, _("This envelope was already recorded; it was not counted twice."))
        request.session[SESSION_DATE_KEY] = (
            timezone.localdate().isoformat(),
            data["received_on"].isoformat(),
        )
        return redirect("tally:desk")
    status = 400 if form.errors else 200
    return render(request, "tally/desk.html", _desk_context(request, campaign, cases, form), status=status)


def _desk_context(request: HttpRequest, campaign: Campaign, cases: list, form: BatchForm) -> dict:
    today = timezone.localdate()
    last_batch = LetterBatch.objects.last_recorded_by(request.user, day=today)
    return {
        "campaign": campaign,
        "form": form,
        "kinds": LetterKind,
        "last_batch": last_batch,
        "can_undo": last_batch is not None and last_batch.can_be_undone_by(request.user),
        "totals": campaign_totals(campaign=campaign, cases=cases),
        "my_day": volunteer_day_totals(user=request.user, day=today),
        # What organisers reported: shown apart, never added to what was counted here.
        "organiser_reported": _organiser_reported(campaign),
    }


def _organiser_reported(campaign: Campaign) -> list[dict]:
    reported = reported_totals(campaign)
    if not reported["marathons"]:
        return []
    return [
        {"label": _("letters announced"), "count": reported["letters"]},
        {"label": _("cards announced"), "count": reported["cards"]},
        {"label": _("marathons that reported"), "count": reported["marathons"]},
    ]


@login_required(login_url="tally:login")
@permission_required(DESK_PERMISSION, raise_exception=True)
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        number = letter_batch_undo(batch_id=pk, user=request.user)
    except UndoRefused as refusal:
        # "warning", not "error": Bootstrap has an alert-warning style, no alert-error.
        messages.warning(request, str(refusal))
    else:
        messages.success(request, _("Batch no. %(number)s was cancelled.") % {"number": number})
    return redirect("tally:desk")


@require_GET
@cached_for_visitors
def results(request: HttpRequest) -> HttpResponse:
    results = results_snapshot()
    kind_totals = [(kind, results["by_kind"][kind.value]) for kind in LetterKind.of_letters()]
    return render(request, "tally/results.html", {"results": results, "kind_totals": kind_totals})


@require_GET
@cached_for_visitors
def campaigns(request: HttpRequest) -> HttpResponse:
    """Earlier marathons, each readable under its year."""
    campaigns = list(Campaign.objects.past())
    # Years before the site kept their marathon are known by their figures alone.
    years = {campaign.year for campaign in campaigns}
    figures = [past for past in results_snapshot()["past"] if past["year"] not in years]
    return render(request, "tally/campaigns.html", {"campaigns": campaigns, "figures": figures})


@require_GET
@cached_for_visitors
def campaign_year(request: HttpRequest, year: int) -> HttpResponse:
    """An earlier marathon as it ended: its cases, its final counts, its success stories.
    The current campaign's year is its home page."""
    campaign = Campaign.objects.filter(year=year).first()
    if campaign is not None and campaign.is_current:
        return redirect("home")
    if campaign is None or not Campaign.objects.past().filter(pk=campaign.pk).exists():
        raise Http404("No such earlier campaign")
    results = campaign_results(campaign)
    context = {
        "campaign": campaign,
        "results": results,
        "kind_totals": [(kind, results["by_kind"][kind.value]) for kind in LetterKind.of_letters()],
        "cases": Case.objects.published().filter(campaign=campaign).for_cards(),
        "stories": SuccessStory.objects.filter(campaign=campaign, is_published=True),
    }
    return render(request, "tally/campaign_year.html", context)
