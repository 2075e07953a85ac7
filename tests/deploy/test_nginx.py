"""The shipped nginx site (deploy/nginx/marathon.conf) in front of the production server:
a signature, a kit order, static files, the body cap, and the client's real address
reaching the rate limits and the login lockout however the header is forged."""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings

from kits.models import KitOrder
from petitions.models import Signature
from petitions.services import petition_ensure
from tests.faults.stack import free_port, wait_until
from tests.kits.helpers import order_form_data
from tests.petitions.conftest import form_data


@pytest.fixture(scope="module", autouse=True)
def _nginx_installed():
    # .ci/run installs Debian's nginx-light; without it this must fail, not pass silently.
    assert shutil.which("nginx"), "install Debian's nginx (apt-get install nginx-light)"


SHIPPED = Path(settings.BASE_DIR) / "deploy" / "nginx" / "marathon.conf"


class Client:
    """A browser through nginx: cookies, and any header it likes (a forged one included)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, **headers: str):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def token(self, path: str) -> str:
        _status, _headers, page = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def nginx(production_web, tmp_path):
    """nginx with the shipped site, its ports and folders pointed at this test's."""
    web = production_web(
        TRUSTED_PROXIES="1", PETITIONS_RATE_PER_IP="3/600", KIT_ORDERS_RATE_PER_IP="100/600", SERVE_MEDIA="0"
    )
    port = free_port()
    static = Path(settings.BASE_DIR) / "static"
    site = SHIPPED.read_text()
    for shipped, here in [
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{web.port};"),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/srv/marathon/var/staticfiles/", f"{static}/"),
        ("/srv/marathon/var/media/", f"{settings.MEDIA_ROOT}/"),
    ]:
        assert shipped in site, f"the shipped config no longer has {shipped!r}"
        site = site.replace(shipped, here)
    for folder in ("body", "proxy", "logs"):
        (tmp_path / folder).mkdir()
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"""
        worker_processes 1;
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/logs/error.log;
        daemon off;
        events {{ worker_connections 256; }}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {tmp_path}/body;
            proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/body;
            uwsgi_temp_path {tmp_path}/body;
            scgi_temp_path {tmp_path}/body;
            {site}
        }}
        """
    )
    process = subprocess.Popen(["nginx", "-p", str(tmp_path), "-c", str(main)], stderr=subprocess.PIPE)

    def answers() -> bool:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode())
        try:
            return Client(port).request("GET", "/robots.txt")[0] == 200
        except OSError:
            return False

    wait_until(answers, timeout=20, interval=0.2, what="nginx answering")
    yield port
    process.terminate()
    process.wait(10)


def test_a_supporter_signs_and_orders_through_nginx_and_static_files_come_from_disk(nginx, case):
    petition = petition_ensure(case=case)
    browser = Client(nginx)
    path = f"/fr/petitions/{petition.pk}/signer/"
    status, headers, _page = browser.request(
        "POST", path, {**form_data(), "csrfmiddlewaretoken": browser.token(path)}
    )
    assert status == 302
    assert Signature.objects.get(petition=petition).ip_range == "127.0.0.0/24"  # the client, not the proxy
    assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])  # nginx's request id, kept

    status, _headers, _page = browser.request(
        "POST",
        "/fr/kit/commander/",
        {**order_form_data(), "csrfmiddlewaretoken": browser.token("/fr/kit/commander/")},
    )
    assert status == 302 and KitOrder.objects.count() == 1

    status, headers, css = browser.request("GET", "/static/css/site.css")
    assert status == 200 and "immutable" in headers["cache-control"] and "{" in css


def test_a_forged_forwarded_header_does_not_escape_the_limit_per_address(nginx, case):
    petition = petition_ensure(case=case)
    path = f"/fr/petitions/{petition.pk}/signer/"
    statuses = []
    for n in range(5):
        browser = Client(nginx)
        token = browser.token(path)
        forged = {"X-Forwarded-For": f"198.51.100.{n}"}
        data = {**form_data(email=f"person{n}@example.org"), "csrfmiddlewaretoken": token}
        statuses.append(browser.request("POST", path, data, **forged)[0])
    assert statuses == [302, 302, 302, 429, 429]


def test_a_forged_forwarded_header_does_not_escape_the_login_lockout(nginx, django_user_model):
    django_user_model.objects.create_superuser("coord", "c@example.org", "le-bon-mot-de-passe-42")
    login = f"/{settings.ADMIN_URL}login/"
    browser = Client(nginx)
    for n in range(settings.AXES_FAILURE_LIMIT):
        token = browser.token(login)
        browser.request(
            "POST",
            login,
            {"username": "coord", "password": "mauvais", "csrfmiddlewaretoken": token},
            **{"X-Forwarded-For": f"203.0.113.{n}"},
        )
    token = browser.token(login)
    status, _headers, page = browser.request(
        "POST",
        login,
        {"username": "coord", "password": "le-bon-mot-de-passe-42", "csrfmiddlewaretoken": token},
        **{"X-Forwarded-For": "192.0.2.77"},
    )
    assert status in {403, 429} and "Trop de tentatives" in page


def test_a_body_past_the_cap_is_refused_by_nginx(nginx):
    connection = http.client.HTTPConnection("127.0.0.1", nginx, timeout=30)
    connection.request(
        "POST", "/fr/mes-donnees/", body=b"x" * (9 * 1024 * 1024), headers={"Host": "127.0.0.1"}
    )
    assert connection.getresponse().status == 413
