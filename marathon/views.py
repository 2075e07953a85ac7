from __future__ import annotations

import sys

import redis
from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import is_valid_path, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe
from django.views.static import serve as static_serve

from cases.models import Campaign, Case
from marathon import services, share
from marathon.accesslog import Action, data_access_record
from marathon.forms import PersonalDataRequestForm
from marathon.lib import proof
from marathon.lib.addresses import mailbox_key
from marathon.lib.pagecache import cached_for_visitors
from marathon.outbox.services import outbox_backlog
from petitions.services import news_unsubscribe


def _current_campaign_or_404() -> Campaign:
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("No current campaign")
    return campaign


@require_safe
def choose_language(request: HttpRequest) -> HttpResponse:
    """The bare address: the language last read in (its cookie), else the browser's first."""
    language = translation.get_language_from_request(request)
    response = redirect(f"/{language}/")
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def unprefixed(request: HttpRequest, path: str) -> HttpResponse:
    """A path without a language, from before there were three: its French page.

    Confirmation and erasure links last up to two years and the printed kits carry URLs,
    so none of those may break. A form posted to an old address is sent on as posted (308).
    """
    for candidate in (f"/fr/{path}", f"/fr/{path}/"):
        if is_valid_path(candidate):
            query = request.META.get("QUERY_STRING", "")
            target = f"{candidate}?{query}" if query else candidate
            if request.method == "POST":
                return HttpResponsePermanentRedirect(target, status=308)
            return HttpResponsePermanentRedirect(target)
    raise Http404(path)


def sitemap_index(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: one sitemap per language (/fr/sitemap.xml, ...)."""
    sitemaps = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            sitemaps.append(SitemapIndexItem(request.build_absolute_uri(reverse("sitemap")), None))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": sitemaps}, content_type="application/xml"
    )


def _share_response(card: share.ShareCard, key: str) -> HttpResponse:
    """The card under its key for a year; an older key is sent on to the current card."""
    if card.key != key:
        response = redirect(card.url)
        add_never_cache_headers(response)
        return response
    response = HttpResponse(share.card_image(card), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_safe
def share_case(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    case = (
        Case.objects.published()
        .filter(campaign=_current_campaign_or_404(), slug=slug)
        .only("slug", "person_name", "country", "country_label", "headline", "photo", "illustration")
        .first()
    )
    if case is None:
        raise Http404("No such case")
    return _share_response(share.case_card(case), key)


@require_safe
def share_campaign(request: HttpRequest, key: str) -> HttpResponse:
    return _share_response(share.campaign_card(Campaign.objects.current()), key)


@require_safe
def share_results(request: HttpRequest, key: str) -> HttpResponse:
    return _share_response(share.results_card(Campaign.objects.current()), key)


@require_GET
@cached_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    campaign = Campaign.objects.current()
    if campaign is None:
        return render(request, "marathon/no_campaign.html")
    # A list: the hero's mosaic and the cards both show them, from one query.
    cases = list(Case.objects.published().filter(campaign=campaign).for_cards())
    return render(
        request,
        "marathon/home.html",
        {
            "campaign": campaign,
            "current_campaign": campaign,  # saves the context processor its own query
            "cases": cases,
            "figures": campaign.impact_figures.all(),
            "stories": campaign.success_stories.filter(is_published=True),
        },
    )


@require_GET
@cached_for_visitors
def how_it_works(request: HttpRequest) -> HttpResponse:
    return render(request, "marathon/how_it_works.html", {"campaign": _current_campaign_or_404()})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "marathon/privacy.html",
        {
            "unconfirmed_days": settings.PETITIONS_UNCONFIRMED_DAYS,
            "signature_days": settings.SIGNATURE_RETENTION_DAYS,
            "kit_days": settings.KIT_ORDER_RETENTION_DAYS,
        },
    )


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded files, for a single-box install (SERVE_MEDIA=1).

    Thumbnails (under cache/) are named after their source file and size, and an upload
    never overwrites a file, so a thumbnail's address never changes content: browsers
    keep them a year. Other uploads an hour.
    """
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    immutable = path.startswith("cache/") and response.status_code in (200, 304)
    response["Cache-Control"] = "public, max-age=31536000, immutable" if immutable else "public, max-age=3600"
    return response


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: a phone's "add to home screen" gets the site's name and icons."""
    icons = [
        {
            "src": static(f"img/icons/{name}"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for name, size, purpose in (
            ("icon-192.png", 192, "any"),
            ("icon-512.png", 512, "any"),
            ("icon-maskable-512.png", 512, "maskable"),
        )
    ]
    data = {
        "name": str(_("Letter-writing marathon")),
        "short_name": str(_("Letter marathon")),
        "lang": translation.get_language() or settings.LANGUAGE_CODE,
        "start_url": reverse("choose-language"),
        "display": "standalone",
        "theme_color": "#ffe600",
        "background_color": "#ffffff",
        "icons": icons,
    }
    return JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemaps'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def bench_floor(request: HttpRequest) -> HttpResponse:
    """The benchmark's floor: the whole middleware stack, no database, no cache, no template.

    Mounted only when BENCH_FLOOR=1 (see marathon/urls.py); every figure of `python -m
    bench` is also given as a ratio to this view's rate on the same web server.
    """
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: can this process reach Postgres and Redis?"""
    checks = {"postgres": _check_postgres(), "redis": _check_redis()}
    healthy = all(value in {"ok", "not configured"} for value in checks.values())
    response = JsonResponse(checks, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def healthz_emails(request: HttpRequest) -> JsonResponse:
    """For monitoring, not the load balancer: are e-mails (of every kind) leaving?

    503 once an e-mail has waited more than OUTBOX_ALERT_SECONDS: beat (which hands them
    out), the workers or the mail server are stuck. Signing goes on meanwhile; nothing is
    lost, but supporters are waiting for their link. Counts only, no address.
    """
    backlog = outbox_backlog()
    response = JsonResponse(
        {"emails_waiting": backlog.waiting, "oldest_waiting_seconds": int(backlog.waited.total_seconds())},
        status=503 if backlog.stalled else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


def _check_postgres() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError:
        return "error"


def _check_redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return "ok"
    except redis.RedisError:
        return "error"


# --- A person's own data ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def personal_data(request: HttpRequest) -> HttpResponse:
    """Ask, by e-mail address, for a link to see, download or erase one's data."""
    form = PersonalDataRequestForm(request.POST if request.method == "POST" else None)
    challenge = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        verdict = proof.check(
            request,
            "personal-data-ip",
            soft=settings.PERSONAL_DATA_RATE_PER_IP,
            hard=settings.PERSONAL_DATA_RATE_PER_IP_WITH_PROOF,
            mailbox=(f"personal-data-email:{mailbox_key(email)}", settings.PERSONAL_DATA_RATE_PER_EMAIL),
        )
        if verdict in (proof.Verdict.PASS, proof.Verdict.MAILBOX_FULL):
            # A mailbox gets a few link e-mails an hour, however many addresses ask: past
            # that, the answer is the same and nothing is sent (no mail bombing).
            if verdict is proof.Verdict.PASS:
                services.personal_data_request_create(email=email)
            # The same answer whether or not we hold anything under that address.
            return redirect("personal-data-sent")
        if verdict is proof.Verdict.ASK:
            challenge = proof.challenge()
        else:
            form.add_error(None, _("Too many requests from your connection. Please try again later."))
    status = 429 if form.non_field_errors() or challenge else 400 if form.errors else 200
    context = {"form": form, "proof": challenge}
    return render(request, "marathon/personal_data.html", context, status=status)


@require_GET
def personal_data_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "marathon/personal_data_sent.html", {"days": settings.PERSONAL_DATA_LINK_DAYS})


@require_GET
def personal_data_manage(request: HttpRequest, token: str) -> HttpResponse:
    data_request = services.personal_data_request_from_token(token)
    if data_request is None:
        return render(request, "marathon/personal_data_bad_link.html", status=400)
    data = services.personal_data_collect(email=data_request.email)
    response = render(request, "marathon/personal_data_manage.html", {"data": data, "token": token})
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def personal_data_download(request: HttpRequest, token: str) -> HttpResponse:
    data_request = services.personal_data_request_from_token(token)
    if data_request is None:
        return render(request, "marathon/personal_data_bad_link.html", status=400)
    data = services.personal_data_collect(email=data_request.email)
    data_access_record(user=None, action=Action.SUBJECT_EXPORT, what=f"own data, request #{data_request.pk}")
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-marathon-des-lettres.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def personal_data_erase(request: HttpRequest, token: str) -> HttpResponse:
    data_request = services.personal_data_request_from_token(token)
    if data_request is None:
        return render(request, "marathon/personal_data_bad_link.html", status=400)
    services.personal_data_erase(email=data_request.email)
    return redirect("personal-data-erased")


@require_POST
def personal_data_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """From the personal-data page: no more news, the rest kept."""
    data_request = services.personal_data_request_from_token(token)
    if data_request is None:
        return render(request, "marathon/personal_data_bad_link.html", status=400)
    news_unsubscribe(email=data_request.email)
    return redirect("personal-data-manage", token=token)


@require_GET
def personal_data_erased(request: HttpRequest) -> HttpResponse:
    return render(request, "marathon/personal_data_erased.html")


DATABASE_DOWN_RETRY_SECONDS = 10


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler; a database that cannot answer (restarting, failing over) gets a 503.

    It is called for an exception raised anywhere in the middleware or the view, so it
    sees failures a view's own try/except would miss. An acknowledged signature or
    order is only ever shown after its transaction committed: any database error before
    that lands here, and the page says nothing was recorded.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_DOWN_RETRY_SECONDS)
        add_never_cache_headers(response)
        return response
    return defaults.server_error(request)
