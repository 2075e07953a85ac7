"""The web process as production runs it (`python -m marathon.serve`, granian): what the
site relies on from its server, which Django's test client cannot show."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from petitions.models import Signature
from petitions.services import petition_ensure
from tests.faults.stack import Browser
from tests.petitions.conftest import form_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def web(production_web):
    return production_web(PETITIONS_RATE_PER_IP="3/600")


def test_pages_come_with_the_site_headers_and_static_files_with_a_long_cache(web, case):
    browser = Browser(web.port)
    home = browser.get("/fr/")
    assert home.status == 200
    assert "Marathon des lettres" in home.body
    assert home.headers["x-request-id"]
    assert "default-src 'self'" in home.headers["content-security-policy"]
    assert home.headers["x-content-type-options"] == "nosniff"

    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.body).group(1)
    css = browser.get(stylesheet)
    assert css.status == 200
    assert css.headers["content-type"].startswith("text/css")
    assert "max-age=" in css.headers["cache-control"]


def test_a_supporter_signs_and_the_signature_records_their_network(web, case):
    petition = petition_ensure(case=case)
    browser = Browser(web.port)
    path = f"/fr/petitions/{petition.pk}/signer/"
    token = browser.csrf_token(path)

    response = browser.post(path, {**form_data(), "csrfmiddlewaretoken": token})

    assert response.status == 302, response.body[:500]
    signature = Signature.objects.get(petition=petition)
    # REMOTE_ADDR is the bare address (no port): the per-address limits and the staff's
    # "busiest networks" depend on it.
    assert signature.ip_range == "127.0.0.0/24"


def test_the_limit_per_address_holds_across_connections(web, case):
    # Every request is a new connection from a new port: the limit is per address.
    petition = petition_ensure(case=case)
    browser = Browser(web.port)
    path = f"/fr/petitions/{petition.pk}/signer/"
    token = browser.csrf_token(path)
    statuses = [
        browser.post(path, {**form_data(email=f"person{n}@example.org"), "csrfmiddlewaretoken": token}).status
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert Signature.objects.filter(petition=petition).count() == 3


def test_a_large_form_body_is_read_whole_and_refused_with_a_french_message(web, case):
    petition = petition_ensure(case=case)
    browser = Browser(web.port)
    path = f"/fr/petitions/{petition.pk}/signer/"
    token = browser.csrf_token(path)
    # 1.5 MB: many TCP segments, more than granian's HTTP/1 buffer; the token comes last.
    response = browser.post(path, {**form_data(first_name="é" * 750_000), "csrfmiddlewaretoken": token})
    assert response.status == 400, response.body[:500]
    assert "caractères au maximum, s’il vous plaît." in response.body
    assert not Signature.objects.exists()


def test_connections_do_not_pile_up_when_the_server_ends_idle_threads(production_web, case):
    # granian ends a thread idle for this long; a persistent connection left in it was
    # never closed, one more each time (marathon/settings.py: DB_POOL_SIZE).
    before = other_connections()  # earlier tests' processes may still be leaving
    server = production_web(GRANIAN_BLOCKING_THREADS_IDLE_TIMEOUT="5", PAGE_CACHE_SECONDS="0")
    for _ in range(2):
        with ThreadPoolExecutor(max_workers=6) as pool:
            statuses = list(pool.map(lambda _n: Browser(server.port).get("/fr/").status, range(12)))
        assert statuses == [200] * 12
        time.sleep(6.5)  # the threads end
    assert other_connections() - before <= 2  # the pool's connections (two threads), none left behind


def other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]
