from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cases.models import Campaign, Case
from kits.forms import KitOrderForm, MarathonReportForm
from kits.models import KitOrder, OrganisedMarathon
from kits.services import (
    kit_order_contents,
    kit_order_create,
    marathon_from_report_token,
    marathon_report_save,
)
from marathon.lib.belgium import PROVINCES


@never_cache
@require_http_methods(["GET", "POST"])
def order(request: HttpRequest) -> HttpResponse:
    campaign = Campaign.objects.current()
    if campaign is None or not campaign.kit_ordering_open:
        status = 200 if request.method == "GET" else 403
        return render(request, "kits/closed.html", {"campaign": campaign}, status=status)
    form = KitOrderForm(request.POST or None, campaign=campaign)
    if form.is_bound and form.is_valid():
        kit_order, _created = kit_order_create(campaign=campaign, **form.order_details())
        return redirect("kits:thanks", token=kit_order.form_token)
    return render(
        request, "kits/order.html", {"form": form, "campaign": campaign}, status=400 if form.is_bound else 200
    )


@never_cache
@require_GET
def thanks(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    kit_order = get_object_or_404(KitOrder.objects.select_related("campaign", "marathon"), form_token=token)
    return render(
        request,
        "kits/thanks.html",
        {"order": kit_order, "campaign": kit_order.campaign, "contents": kit_order_contents(kit_order)},
    )


@require_GET
def marathons(request: HttpRequest) -> HttpResponse:
    """Upcoming public marathons, by province."""
    by_province: dict[str, list[OrganisedMarathon]] = {}
    for marathon in OrganisedMarathon.objects.upcoming_public():
        by_province.setdefault(marathon.province, []).append(marathon)
    provinces = sorted(
        ((str(PROVINCES.get(code, code)), items) for code, items in by_province.items()), key=lambda p: p[0]
    )
    return render(request, "kits/marathons.html", {"provinces": provinces})


@never_cache
@require_http_methods(["GET", "POST"])
def marathon_report(request: HttpRequest, token: str) -> HttpResponse:
    marathon = marathon_from_report_token(token)
    if marathon is None:
        return render(request, "kits/report_invalid.html", status=404)
    cases = Case.objects.published().filter(campaign_id=marathon.order.campaign_id)
    if not cases:
        raise Http404("The campaign has no cases")
    form = MarathonReportForm(request.POST or None, marathon=marathon, cases=cases)
    if form.is_bound and form.is_valid():
        marathon_report_save(marathon=marathon, writers=form.cleaned_data["writers"], counts=form.counts())
        return redirect("kits:marathon-report-thanks")
    context = {"form": form, "marathon": marathon, "order": marathon.order}
    return render(request, "kits/marathon_report.html", context, status=400 if form.is_bound else 200)


@require_GET
def marathon_report_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "kits/marathon_report_thanks.html")
