from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from cases.current import current_campaign
from cases.models import Campaign, Case
from kits import printing
from kits.calendar import marathon_ics
from kits.contents import kit_order_contents
from kits.forms import KitOrderForm, MarathonEditForm, MarathonReportForm
from kits.links import (
    marathon_from_edit_token,
    marathon_from_report_token,
    order_from_not_me_token,
    order_from_reminders_stop_token,
)
from kits.models import KitOrder, OrganisedMarathon, PrintableDocument
from kits.printables import printable_documents_of_campaign, printable_documents_request
from kits.services import (
    kit_order_create,
    kit_order_disown,
    kit_order_duplicate,
    kit_reminders_stop,
    marathon_call_off,
    marathon_report_save,
)
from marathon.lib import proof
from marathon.lib.addresses import mailbox_key
from marathon.lib.belgium import PROVINCES
from marathon.lib.languages import reader_language
from marathon.lib.stencil import Stencil


@never_cache
@require_http_methods(["GET", "POST"])
def order(request: HttpRequest) -> HttpResponse:
    # As the navigation reads it, kept a few seconds per process (a fifth of a GET's CPU).
    campaign = current_campaign()
    if campaign is None or not campaign.state.kit_ordering_open:
        status = 200 if request.method == "GET" else 403
        return render(request, "kits/closed.html", {"campaign": campaign}, status=status)
    if not request.POST:
        # The empty form, laid out once per process: no form to make for it.
        context = {"campaign": campaign, "blank_form": _blank_order_form(request, campaign)}
        return render(request, "kits/order.html", context)
    form = KitOrderForm(request.POST, campaign=campaign)
    status = 400
    challenge = duplicate = None
    if form.is_valid():
        details = form.order_details()
        if not form.cleaned_data["another_order"]:
            duplicate = kit_order_duplicate(campaign=campaign, details=details)
        if duplicate is not None:
            context = {"form": form, "campaign": campaign, "duplicate": duplicate}
            return render(request, "kits/order.html", context, status=409)
        verdict = _order_verdict(request, email=details["email"], form_token=details["form_token"])
        if verdict is proof.Verdict.PASS:
            kit_order, _created = kit_order_create(campaign=campaign, **details)
            return redirect("kits:thanks", token=kit_order.form_token)
        if verdict is proof.Verdict.ASK:
            challenge = proof.challenge()
        else:
            form.add_error(
                None,
                _("Too many kit orders from your connection or for this address. Please try again tomorrow."),
            )
        status = 429
    context = {"form": form, "campaign": campaign, "proof": challenge}
    return render(request, "kits/order.html", context, status=status)


# The empty order form is the same for everyone but its two tokens, and crispy takes
# ~20 ms to lay out its twenty fields (a kit order's GET cost 33 ms of the web's CPU in
# make bench): it is laid out once per process and language (marathon.lib.stencil), and
# each visitor gets their own form and CSRF tokens in it.
_blank_forms = Stencil(kept=64)  # days and campaigns go by


def _blank_order_form(request: HttpRequest, campaign: Campaign) -> SafeString:
    # What the empty form shows besides its labels: the date picker's first and last day.
    key = (translation.get_language(), campaign.pk, campaign.letters_deadline, timezone.localdate())

    def render(holes: Mapping[str, str]) -> str:
        form = KitOrderForm(campaign=campaign, initial={"form_token": holes["form_token"]})
        return render_to_string("kits/order_form.html", {"form": form, "csrf_token": holes["csrf_token"]})

    tokens = {"form_token": str(uuid.uuid4()), "csrf_token": get_token(request)}
    # The template's own output, and two tokens of letters and digits.
    return mark_safe(_blank_forms.fill(key, render, tokens, html=True))  # noqa: S308


def _order_verdict(request: HttpRequest, *, email: str, form_token: uuid.UUID) -> proof.Verdict:
    """Within the limits per address (past the soft one, with a proof of a person) and
    per mailbox; the same form sent again always is (it finds the order it made)."""
    if KitOrder.objects.filter(form_token=form_token).exists():
        return proof.Verdict.PASS
    verdict = proof.check(
        request,
        "kit-order-ip",
        soft=settings.KIT_ORDERS_RATE_PER_IP,
        hard=settings.KIT_ORDERS_RATE_PER_IP_WITH_PROOF,
        mailbox=(f"kit-order-email:{mailbox_key(email)}", settings.KIT_ORDERS_RATE_PER_EMAIL),
    )
    return proof.Verdict.REFUSE if verdict is proof.Verdict.MAILBOX_FULL else verdict


@never_cache
@require_http_methods(["GET", "POST"])
def reminders_stop(request: HttpRequest, token: str) -> HttpResponse:
    """From a reminder e-mail: no more reminders. One button, for the same reason."""
    kit_order = order_from_reminders_stop_token(token)
    if kit_order is None:
        return render(request, "kits/reminders_stop.html", {"invalid": True}, status=404)
    if request.method == "POST":
        kit_reminders_stop(order_id=kit_order.pk)
        return render(request, "kits/reminders_stop.html", {"done": True})
    return render(request, "kits/reminders_stop.html", {"order": kit_order})


@never_cache
@require_http_methods(["GET", "POST"])
def not_me(request: HttpRequest, token: str) -> HttpResponse:
    """From the confirmation e-mail: "I did not order this kit". One button, as mail
    scanners follow links but do not press buttons."""
    kit_order = order_from_not_me_token(token)
    if kit_order is None:
        return render(request, "kits/not_me.html", {"invalid": True}, status=404)
    if request.method == "POST":
        kit_order_disown(order_id=kit_order.pk)
        return render(request, "kits/not_me.html", {"done": True})
    return render(request, "kits/not_me.html", {"order": kit_order})


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
    """Upcoming public marathons, by province, with a map of how many each has."""
    by_province: dict[str, list[OrganisedMarathon]] = {}
    for marathon in OrganisedMarathon.objects.upcoming_public():
        by_province.setdefault(marathon.province, []).append(marathon)
    provinces = sorted(
        ((code, str(PROVINCES.get(code, code)), items) for code, items in by_province.items()),
        key=lambda p: p[1],
    )
    tiles = [
        {
            "code": code,
            "name": str(PROVINCES[code]),
            "short": str(PROVINCE_SHORT_NAMES[code]),
            "count": len(by_province.get(code, [])),
            "x": x,
            "y": y,
        }
        for code, (x, y) in PROVINCE_TILES.items()
    ]
    return render(request, "kits/marathons.html", {"provinces": provinces, "tiles": tiles})


# Belgium's provinces and Brussels as a schematic tile map, roughly where they lie: north
# (Flanders) on top, the coast on the left, the Ardennes bottom right.
PROVINCE_TILES = {
    "VWV": (0, 0), "VOV": (1, 0), "VAN": (2, 0), "VLI": (3, 0),
    "WHT": (0, 1), "BRU": (1, 1), "VBR": (2, 1), "WLG": (3, 1),
    "WBR": (1, 2), "WNA": (2, 2), "WLX": (3, 2),
}  # fmt: skip
# What fits on a tile; the full name is the tile's title and its list's heading.
PROVINCE_SHORT_NAMES = {
    "VWV": pgettext_lazy("province, short", "W. Flanders"),
    "VOV": pgettext_lazy("province, short", "E. Flanders"),
    "VAN": pgettext_lazy("province, short", "Antwerp"),
    "VLI": pgettext_lazy("province, short", "Limburg"),
    "WHT": pgettext_lazy("province, short", "Hainaut"),
    "BRU": pgettext_lazy("province, short", "Brussels"),
    "VBR": pgettext_lazy("province, short", "Fl. Brabant"),
    "WLG": pgettext_lazy("province, short", "Liège"),
    "WBR": pgettext_lazy("province, short", "W. Brabant"),
    "WNA": pgettext_lazy("province, short", "Namur"),
    "WLX": pgettext_lazy("province, short", "Luxembourg"),
}


@never_cache
@require_http_methods(["GET", "POST"])
def marathon_edit(request: HttpRequest, token: str) -> HttpResponse:
    """From the order's e-mail: the organiser changes their marathon, or calls it off."""
    marathon = marathon_from_edit_token(token)
    if marathon is None:
        return render(request, "kits/report_invalid.html", status=404)
    if request.method == "POST" and "call_off" in request.POST:
        marathon_call_off(marathon_id=marathon.pk)
        return render(request, "kits/marathon_edit.html", {"called_off": True})
    form = MarathonEditForm(request.POST or None, instance=marathon)
    if form.is_bound and form.is_valid():
        form.save()
        return render(request, "kits/marathon_edit.html", {"saved": True, "marathon": marathon})
    context = {"form": form, "marathon": marathon}
    return render(request, "kits/marathon_edit.html", context, status=400 if form.is_bound else 200)


@require_GET
def marathon_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """A public marathon as an .ics file, to add it to one's calendar."""
    marathon = get_object_or_404(OrganisedMarathon.objects.upcoming_public(), pk=pk)
    response = HttpResponse(
        marathon_ics(marathon, site_url=request.build_absolute_uri("/")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="marathon-des-lettres-{marathon.pk}.ics"'
    return response


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


logger = logging.getLogger(__name__)

# --- Printable documents ---------------------------------------------------------------

Kind = PrintableDocument.Kind
# French words in the URLs of a case's documents.
CASE_KIND_SLUGS = {"fiche": Kind.FACT_SHEET, "lettre": Kind.MODEL_LETTER, "cartes": Kind.POSTCARDS}
# ... and of the campaign's documents (kits/urls.py).
CAMPAIGN_KIND_SLUGS = {
    "kit-complet": Kind.FULL_KIT,  # at its own, older address: imprimer/kit-complet/
    "guide-enseignant": Kind.TEACHER_GUIDE,
    "fiches-10-14-ans": Kind.YOUNG_SHEETS,
}
PENDING_REFRESH_SECONDS = 3
IMMUTABLE = "public, max-age=31536000, immutable"


def latest_url(kind: str, case_slug: str | None) -> str:
    """The stable address of a document: it always leads to the current version."""
    if kind == Kind.FULL_KIT:
        return reverse("kits:printable-kit")
    if case_slug is None:
        slug = next(word for word, value in CAMPAIGN_KIND_SLUGS.items() if value == kind)
        return reverse("kits:printable-campaign-document", kwargs={"kind_slug": slug})
    slug = next(word for word, value in CASE_KIND_SLUGS.items() if value == kind)
    return reverse("kits:printable-case-document", kwargs={"slug": case_slug, "kind_slug": slug})


@require_GET
def printable(request: HttpRequest) -> HttpResponse:
    """ "Imprimez votre kit": every document with its size and date, or news of its making."""
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("No current campaign")
    documents = printable_documents_of_campaign(campaign=campaign, language=reader_language())
    whole = [document for document in documents if document.case_id is None]
    cases = {case.pk: case for case in Case.objects.filter(pk__in={d.case_id for d in documents})}
    rows = []
    for document in documents[len(whole) :]:
        if not rows or rows[-1]["case"].pk != document.case_id:
            rows.append({"case": cases[document.case_id], "documents": []})
        rows[-1]["documents"].append(_entry(document, cases[document.case_id].slug))
    context = {
        "campaign": campaign,
        "kit": _entry(whole[0], None),
        # The teacher's guide and the fact sheets for pupils of 10 to 14.
        "school": [_entry(document, None) for document in whole[1:]],
        "rows": rows,
        "pending": any(not document.is_ready for document in documents),
        "refresh_seconds": PENDING_REFRESH_SECONDS * 2,
    }
    response = render(request, "kits/printable.html", context)
    add_never_cache_headers(response)
    return response


def _entry(document: PrintableDocument, case_slug: str | None) -> dict:
    url = document.get_absolute_url() if document.is_ready else latest_url(document.kind, case_slug)
    return {"document": document, "url": url}


@require_GET
def printable_latest(request: HttpRequest, kind_slug: str, slug: str | None = None) -> HttpResponse:
    """Send to the current file when it is ready; until then, a page that refreshes itself."""
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("No current campaign")
    if slug is None:
        kind, case_id = CAMPAIGN_KIND_SLUGS.get(kind_slug), None
        if kind is None:
            raise Http404("No such document")
    else:
        kind = CASE_KIND_SLUGS.get(kind_slug)
        case_id = (
            Case.objects.published().filter(campaign=campaign, slug=slug).values_list("pk", flat=True).first()
        )
        if kind is None or case_id is None:
            raise Http404("No such document")
    spec = printing.current_spec(
        kind=kind, campaign_id=campaign.pk, case_id=case_id, language=reader_language(), campaign=campaign
    )
    if spec is None:
        raise Http404("No such document")
    [document] = printable_documents_request(specs=[spec])
    if document.is_ready:
        response = redirect(document.get_absolute_url())
    else:
        context = {"document": document, "title": spec.title, "refresh_seconds": PENDING_REFRESH_SECONDS}
        response = render(request, "kits/printable_pending.html", context, status=202)
    add_never_cache_headers(response)
    return response


@require_safe
def printable_file(request: HttpRequest, content_hash: str, filename: str) -> HttpResponse:
    """A ready document, served from storage, but only while it is the current one."""
    document = get_object_or_404(
        PrintableDocument.objects.ready().select_related("campaign"),
        content_hash=content_hash,
        filename=filename,
    )
    current = printing.current_hash(
        kind=document.kind, campaign=document.campaign, case_id=document.case_id, language=document.language
    )
    if current is None:
        raise Http404("This document is no longer offered")
    if current != document.content_hash:
        response = redirect(latest_url(document.kind, document.case.slug if document.case else None))
        add_never_cache_headers(response)
        return response

    etag = f'"{document.content_hash}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        try:
            file = document.file.open("rb")
        except FileNotFoundError:
            logger.error("The file of printable document %s is missing: %s", document.pk, document.file.name)
            raise Http404("File missing") from None
        response = FileResponse(
            file, as_attachment=True, filename=document.filename, content_type="application/pdf"
        )
        response["Last-Modified"] = http_date(document.made_at.timestamp())
    response["ETag"] = etag
    response["Cache-Control"] = IMMUTABLE
    return response
