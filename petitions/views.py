from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases.models import Campaign
from marathon.lib import proof, ratelimit
from marathon.lib.addresses import mailbox_key
from marathon.lib.pagecache import cached_for_visitors
from petitions import counts, lookup, services
from petitions.forms import SignAllForm, SignForm
from petitions.models import Petition
from petitions.tokens import LinkError, LinkExpired, Purpose, news_subscriber_from_token, signer_from_token

SESSION_SIGNED = "petitions_signed"


def _submit(request: HttpRequest, form: SignForm, petitions: Sequence[Petition]) -> bool:
    """Record a valid form; False when a limit stops it: with a form error, or with a
    challenge to answer (form.proof) past the connection's soft limit."""
    if form.is_bot:
        # Answer a bot as if it had worked, so it learns nothing.
        return True
    data = form.cleaned_data
    verdict = proof.check(
        request,
        "sign-ip",
        soft=settings.PETITIONS_RATE_PER_IP,
        hard=settings.PETITIONS_RATE_PER_IP_WITH_PROOF,
        mailbox=(f"sign-email:{mailbox_key(data['email'])}", settings.PETITIONS_RATE_PER_EMAIL),
    )
    if verdict is proof.Verdict.ASK:
        form.proof = proof.challenge()
        return False
    if verdict is not proof.Verdict.PASS:
        form.add_error(
            None, _("Too many signatures from your connection. Please try again in a few minutes.")
        )
        return False
    services.signature_create(
        petitions=petitions,
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data["email"],
        postcode=data["postcode"],
        country=data["country"],
        news_opt_in=data["news_opt_in"],
        ip_range=ratelimit.ip_range(ratelimit.client_ip(request)),
        consent=form.consent,
    )
    return True


def _form_status(form: SignForm) -> int:
    if not form.is_bound:
        return 200
    return 429 if form.non_field_errors() or form.proof else 400


@require_http_methods(["GET", "POST"])
@cached_for_visitors
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    petition = lookup.open_petition(pk)
    if petition is None:
        return _closed(request, Petition.objects.filter(pk=pk, case__is_published=True).first())
    form = SignForm(request.POST or None)
    if form.is_valid() and _submit(request, form, [petition]):
        return redirect("petitions:check-mailbox")
    context = {
        "petition": petition,
        "case": petition.case,
        "form": form,
        "count": counts.counts_for([pk])[pk],
        "proof": form.proof,
    }
    return render(request, "petitions/sign.html", context, status=_form_status(form))


@require_http_methods(["GET", "POST"])
@cached_for_visitors
def sign_all(request: HttpRequest) -> HttpResponse:
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("No current campaign")
    if not campaign.state.petitions_open:
        return _closed(request, None, campaign=campaign)
    petitions = Petition.objects.open().filter(case__campaign=campaign).for_listing()
    form = SignAllForm(request.POST or None, petitions=petitions)
    if form.is_valid() and _submit(request, form, form.cleaned_data["petitions"]):
        return redirect("petitions:check-mailbox")
    petitions = list(petitions)
    petition_counts = counts.counts_for([petition.pk for petition in petitions])
    checked = {str(pk) for pk in form["petitions"].value() or []}
    context = {
        "campaign": campaign,
        "form": form,
        "rows": [(p, petition_counts[p.pk], str(p.pk) in checked) for p in petitions],
        "total": counts.PetitionCount.combined(petition_counts.values()),
        "proof": form.proof,
    }
    return render(request, "petitions/sign_all.html", context, status=_form_status(form))


def _closed(
    request: HttpRequest, petition: Petition | None, campaign: Campaign | None = None
) -> HttpResponse:
    """A closed petition says so and why, with its final count and no form; a post to it
    is answered the same way (410: it is gone for good)."""
    if petition is None and campaign is None:
        raise Http404("No such petition")
    campaign = campaign or petition.case.campaign
    context = {
        "petition": petition,
        "campaign": campaign,
        "campaign_closed": not campaign.state.petitions_open,
        "count": counts.counts_for([petition.pk])[petition.pk] if petition else None,
    }
    return render(request, "petitions/closed.html", context, status=410 if request.method == "POST" else 200)


@require_GET
def check_mailbox(request: HttpRequest) -> HttpResponse:
    # The same page whether the address was new, pending or confirmed.
    return render(request, "petitions/check_mailbox.html", {"days": settings.PETITIONS_CONFIRM_LINK_DAYS})


def _bad_link(request: HttpRequest, *, expired: bool) -> HttpResponse:
    return render(request, "petitions/bad_link.html", {"expired": expired}, status=410 if expired else 400)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A page with one button: mail scanners follow links (GET) but do not press buttons."""
    try:
        signer = signer_from_token(token, purpose=Purpose.CONFIRM_SIGNATURES)
    except LinkError as error:
        return _bad_link(request, expired=isinstance(error, LinkExpired))
    if request.method == "POST":
        services.signer_confirm(signer=signer)
        request.session[SESSION_SIGNED] = list(
            signer.signatures.counted().values_list("petition_id", flat=True)
        )
        return redirect("petitions:thanks")
    pending = signer.signatures.pending().select_related("petition__case").order_by("petition__case__order")
    return render(request, "petitions/confirm.html", {"signer": signer, "pending": pending})


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    signed = set(request.session.get(SESSION_SIGNED, []))
    others = Petition.objects.open().of_current_campaign().exclude(pk__in=signed).for_listing()
    context = {
        "signed_count": len(signed),
        "others": others,
        "share_url": request.build_absolute_uri(reverse("home")),
    }
    return render(request, "petitions/thanks.html", context)


@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, token: str) -> HttpResponse:
    try:
        signer = signer_from_token(token, purpose=Purpose.ERASE_SIGNER)
    except LinkError as error:
        return _bad_link(request, expired=isinstance(error, LinkExpired))
    if request.method == "POST":
        # Asked by the person: their news subscription goes too (retention keeps it).
        services.news_unsubscribe(email=signer.email)
        services.signer_erase(signer=signer)
        return redirect("petitions:erased")
    return render(request, "petitions/erase.html", {"signer": signer})


@require_http_methods(["GET", "POST"])
def news_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every news e-mail: one button (mail scanners follow links)."""
    subscriber = news_subscriber_from_token(token)
    if request.method == "POST" and subscriber is not None:
        services.news_unsubscribe(email=subscriber.email)
        return render(request, "petitions/news_unsubscribe.html", {"done": True})
    if subscriber is None:
        return render(request, "petitions/news_unsubscribe.html", {"gone": True}, status=404)
    return render(request, "petitions/news_unsubscribe.html", {"subscriber": subscriber})


@require_GET
def erased(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/erased.html")
