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


PUBLIC_PAGES = {
    "home": lambda objects: "/fr/",
    "cases": lambda objects: "/fr/cas/",
    "case": lambda objects: f"/fr/cas/{objects['case'].slug}/",
    "how it works": lambda objects: "/fr/comment-ca-marche/",
    "privacy": lambda objects: "/fr/vie-privee/",
    "sign one": lambda objects: f"/fr/petitions/{objects['petition'].pk}/signer/",
    "sign all": lambda objects: "/fr/petitions/signer-tout/",
    "check your mailbox": lambda objects: "/fr/petitions/verifiez-votre-boite/",
    "confirm": lambda objects: f"/fr/petitions/confirmer/{objects['confirm']}/",
    "confirm, bad link": lambda objects: "/fr/petitions/confirmer/abc/",
    "thanks for signing": lambda objects: "/fr/petitions/merci/",
    "erase": lambda objects: f"/fr/petitions/effacer/{objects['erase']}/",
    "erased": lambda objects: "/fr/petitions/donnees-effacees/",
    "kit order": lambda objects: "/fr/kit/commander/",
    "kit ordered": lambda objects: f"/fr/kit/commande/{objects['order'].form_token}/",
    "marathons": lambda objects: "/fr/kit/marathons/",
    "marathon report": lambda objects: f"/fr/kit/marathons/bilan/{objects['report']}/",
    "marathon report, bad link": lambda objects: "/fr/kit/marathons/bilan/abc/",
    "marathon reported": lambda objects: "/fr/kit/marathons/bilan/merci/",
    "results": lambda objects: "/fr/resultats/",
    "not found": lambda objects: "/pas-de-page-ici/",
}


@pytest.fixture
def public_objects(campaign):
    import datetime

    from django.utils import timezone

    from kits.links import marathon_report_token
    from petitions.models import Signer
    from petitions.services import petition_ensure, signature_create
    from petitions.tokens import Purpose, signer_token
    from tests.factories import make_case
    from tests.kits.helpers import make_kit_order

    case = make_case(campaign=campaign)
    petition = petition_ensure(case=case)
    signature_create(
        petitions=[petition],
        first_name="Anne",
        last_name="Dupont",
        email="anne@example.org",
        postcode="1050",
        country="BE",
        news_opt_in=False,
    )
    signer = Signer.objects.get()
    order = make_kit_order(
        campaign=campaign, marathon={"date": timezone.localdate() - datetime.timedelta(days=1)}
    )
    return {
        "case": case,
        "petition": petition,
        "confirm": signer_token(signer=signer, purpose=Purpose.CONFIRM_SIGNATURES),
        "erase": signer_token(signer=signer, purpose=Purpose.ERASE_SIGNER),
        "order": order,
        "report": marathon_report_token(order.marathon),
    }


@pytest.mark.parametrize("page", list(PUBLIC_PAGES))
def test_public_pages_send_the_security_headers(client, public_objects, page):
    response = client.get(PUBLIC_PAGES[page](public_objects))
    assert response.status_code in {200, 400, 404}
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
    response = client.get("/fr/", secure=True)
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


def test_behind_the_proxy_a_lockout_holds_only_the_address_that_failed(client, django_user_model, settings):
    settings.TRUSTED_PROXIES = 1
    django_user_model.objects.create_superuser("coord", "c@example.org", "le-bon-mot-de-passe-42")
    url = reverse("admin:login")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}  # every request reaches the site from the proxy
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            url, {"username": "coord", "password": "mauvais"}, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy
        )
    locked = client.post(
        url,
        {"username": "coord", "password": "le-bon-mot-de-passe-42"},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **proxy,
    )
    assert locked.status_code in {403, 429}

    # Another supporter's forged header cannot choose whom the proxy says they are.
    response = client.post(
        url,
        {"username": "coord", "password": "le-bon-mot-de-passe-42"},
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
        **proxy,
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_healthz_reports_postgres_and_redis(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"postgres": "ok", "redis": "ok"}


def test_healthz_is_503_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6390/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"] == "error"
