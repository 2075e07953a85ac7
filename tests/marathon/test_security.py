from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_check_deploy_reports_nothing_with_production_settings():
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "x7#kQ2!vP9$mZ4&rT6*wY1@bN8^cL3(eH5)jF0-gD2+sA7=uK9~oI4",
        "ALLOWED_HOSTS": "marathon.example.org",
        "STATIC_MANIFEST": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("url", ["/", "/cas/", "/comment-ca-marche/", "/vie-privee/"])
def test_public_pages_send_the_security_headers(client, campaign, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Request-ID"]


def test_https_settings_add_hsts_and_secure_cookies(client, settings, campaign):
    settings.SECURE_HSTS_SECONDS = 63_072_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=63072000")


def test_no_template_has_inline_script():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if "<script>" in path.read_text()
        or "<script >" in path.read_text()
        or " on" + "click=" in path.read_text()
    ]
    assert offenders == []


def test_a_request_id_is_kept_from_the_proxy_or_made_up(client, db):
    assert client.get("/robots.txt", HTTP_X_REQUEST_ID="abc12345-lb")["X-Request-ID"] == "abc12345-lb"
    made_up = client.get("/robots.txt", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert len(made_up) == 32 and made_up.isalnum()


def test_staff_are_locked_out_after_repeated_failed_logins(client, django_user_model, settings):
    django_user_model.objects.create_superuser("coord", "c@example.org", "le-bon-mot-de-passe-42")
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "coord", "password": "mauvais"})
    response = client.post(url, {"username": "coord", "password": "le-bon-mot-de-passe-42"})
    assert response.status_code in {403, 429}
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_healthz_reports_postgres_and_redis(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"postgres": "ok", "redis": "ok"}


def test_healthz_is_503_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6390/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"] == "error"
