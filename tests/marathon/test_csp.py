"""marathon.middleware.CSPMiddleware: django-csp's headers, the site-wide one built once."""

from __future__ import annotations

from unittest import mock

import csp.middleware
import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_exempt, csp_update
from django.http import HttpResponse, HttpResponseNotFound
from django.test import RequestFactory, override_settings

from marathon import middleware
from marathon.middleware import CSPMiddleware

HEADER = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"


def plain_view(request):
    return HttpResponse("ok")


@csp_update({"img-src": "https://maps.example.org"})
def updated_view(request):
    return HttpResponse("ok")


@csp_exempt()
def exempt_view(request):
    return HttpResponse("ok")


def nonce_view(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')


def not_found_view(request):
    return HttpResponseNotFound("no")


def respond(view, middleware_class=CSPMiddleware, instance=None, path="/"):
    handler = instance or middleware_class(view)
    return handler(RequestFactory().get(path))


@pytest.mark.parametrize("view", [plain_view, updated_view, exempt_view, nonce_view])
def test_the_headers_are_django_csps(view):
    ours, theirs = respond(view), respond(view, csp.middleware.CSPMiddleware)

    assert ours.get(HEADER) == theirs.get(HEADER)
    assert ours.get(REPORT_ONLY) == theirs.get(REPORT_ONLY)


def test_a_views_changes_and_nonces_still_apply():
    assert "https://maps.example.org" in respond(updated_view)[HEADER]
    assert HEADER not in respond(exempt_view)
    response = respond(nonce_view)
    nonce = response.content.decode().split('"')[1]
    assert f"'nonce-{nonce}'" not in response[HEADER]  # no directive of ours asks for one
    assert "script-src 'self'" in response[HEADER]


def test_the_site_wide_policy_is_built_once_not_per_response():
    instance = CSPMiddleware(plain_view)
    with (
        mock.patch.object(middleware, "build_policy", wraps=middleware.build_policy) as ours,
        mock.patch.object(csp.middleware, "build_policy", wraps=csp.middleware.build_policy) as theirs,
    ):
        headers = {respond(plain_view, instance=instance)[HEADER] for _ in range(20)}

    assert len(headers) == 1 and "default-src 'self'" in headers.pop()
    assert ours.call_count == 2  # the policy and the (empty) report-only one
    assert theirs.call_count == 0


def test_a_policy_asking_for_a_nonce_gets_the_pages_nonce(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [SELF, NONCE]}}
    response = respond(nonce_view)

    nonce = response.content.decode().split('"')[1]
    assert f"script-src 'self' 'nonce-{nonce}'" in response[HEADER].split("; ")
    # A page that asks for no nonce gets the policy without one, from the kept header.
    assert "script-src 'self'" in respond(plain_view)[HEADER].split("; ")


def test_excluded_prefixes_and_debug_error_pages_are_django_csps(settings):
    settings.CONTENT_SECURITY_POLICY = {
        "EXCLUDE_URL_PREFIXES": ["/outside/"],
        "DIRECTIVES": {"default-src": [SELF]},
    }
    assert HEADER not in respond(plain_view, path="/outside/page")
    assert respond(plain_view, path="/inside/")[HEADER] == "default-src 'self'"

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": [SELF]}}
    settings.DEBUG = True
    assert HEADER not in respond(not_found_view)  # Django's debug 404 page has inline styles
    assert respond(plain_view)[HEADER] == "default-src 'self'"


def test_new_settings_are_never_served_an_older_header():
    # Each policy is a new dict, often at the address of the one freed just before.
    instance = CSPMiddleware(plain_view)
    for n in range(200):
        with override_settings(
            CONTENT_SECURITY_POLICY={"DIRECTIVES": {"img-src": [f"https://{n}.example.org"]}}
        ):
            header = respond(plain_view, instance=instance)[HEADER]
        assert f"img-src https://{n}.example.org" in header.split("; ")


def test_changed_settings_are_followed(settings):
    instance = CSPMiddleware(plain_view)
    assert "object-src 'none'" in respond(plain_view, instance=instance)[HEADER]

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}
    response = respond(plain_view, instance=instance)

    assert response[HEADER] == "default-src 'none'"
    assert "img-src 'self'" in response[REPORT_ONLY]
    assert response[REPORT_ONLY] == respond(plain_view, csp.middleware.CSPMiddleware)[REPORT_ONLY]


def test_a_nonce_asked_for_after_the_header_is_refused():
    request = RequestFactory().get("/")
    CSPMiddleware(plain_view)(request)

    with pytest.raises(csp.middleware.CSPNonceError):
        str(request.csp_nonce)
