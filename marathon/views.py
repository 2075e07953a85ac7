from __future__ import annotations

import sys

import redis
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from cases.models import Campaign, Case


def _current_campaign_or_404() -> Campaign:
    campaign = Campaign.objects.current()
    if campaign is None:
        raise Http404("No current campaign")
    return campaign


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    campaign = Campaign.objects.current()
    if campaign is None:
        return render(request, "marathon/no_campaign.html")
    cases = Case.objects.published().filter(campaign=campaign).for_cards()
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
def how_it_works(request: HttpRequest) -> HttpResponse:
    return render(request, "marathon/how_it_works.html", {"campaign": _current_campaign_or_404()})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "marathon/privacy.html")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: can this process reach Postgres and Redis?"""
    checks = {"postgres": _check_postgres(), "redis": _check_redis()}
    healthy = all(value in {"ok", "not configured"} for value in checks.values())
    response = JsonResponse(checks, status=200 if healthy else 503)
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
