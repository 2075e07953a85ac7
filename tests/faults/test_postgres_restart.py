"""Postgres restarted under traffic: a clean French "try again" page during the restart,
recovery without help, and no success page for a row that was not committed."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from collections import Counter

import pytest

from tests.faults.stack import Browser, wait_until

pytestmark = pytest.mark.faults

CHECK_MAILBOX = "/fr/petitions/verifiez-votre-boite/"
TRY_AGAIN = "Réessayez dans quelques instants"


def test_postgres_restarted_under_traffic_fails_cleanly_recovers_and_loses_no_acknowledged_row(stack):
    site = stack.site()
    petitions = stack.seed["petitions"]
    stop = threading.Event()
    numbers = itertools.count()
    lock = threading.Lock()
    # (when, what, key, status, location, body) for every request made.
    log: list[tuple] = []

    def record(what: str, key: str, response) -> None:
        with lock:
            log.append((time.monotonic(), what, key, response.status, response.location, response.body))

    def signing() -> None:
        browser = Browser(site.port)
        csrf = browser.csrf_token("/fr/petitions/signer-tout/")
        while not stop.is_set():
            n = next(numbers)
            email = f"traffic{n}@example.org"
            data = {
                "first_name": "Anne",
                "last_name": "Dupont",
                "email": email,
                "postcode": "1050",
                "country": "BE",
                "csrfmiddlewaretoken": csrf,
            }
            petition = petitions[n % len(petitions)]
            record("sign", f"{email} {petition}", browser.post(f"/fr/petitions/{petition}/signer/", data))

    def ordering() -> None:
        browser = Browser(site.port)
        csrf = browser.csrf_token("/fr/kit/commander/")
        while not stop.is_set():
            token = str(uuid.uuid4())
            data = {
                "form_token": token,
                "kind": "family",
                "contact_name": "Léa Dupont",
                "email": f"kit-{token[:8]}@example.be",
                "street": "Rue Haute 1",
                "postcode": "1000",
                "city": "Bruxelles",
                "writers": "4",
                "consent": "on",
                "csrfmiddlewaretoken": csrf,
            }
            record("order", token, browser.post("/fr/kit/commander/", data))

    def reading() -> None:
        browser = Browser(site.port)
        for path in itertools.cycle(["/fr/", "/fr/cas/cas-1/", "/fr/resultats/", "/fr/kit/marathons/"]):
            if stop.is_set():
                return
            record("read", path, browser.get(path))

    threads = [threading.Thread(target=target) for target in (signing, signing, ordering, ordering, reading)]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: len(log) >= 20, timeout=30, what="traffic flowing")
        stack.postgres.stop("fast")
        down_at = time.monotonic()
        time.sleep(2)
        stack.postgres.start()
        up_at = time.monotonic()
        time.sleep(4)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    outcomes = Counter((what, status) for _when, what, _key, status, _loc, _body in log)
    expected = {("sign", 302), ("sign", 503), ("order", 302), ("order", 503), ("read", 200), ("read", 503)}
    assert set(outcomes) <= expected, outcomes
    # The restart hit the traffic, and every failure was the French "try again" page.
    failures = [entry for entry in log if entry[3] == 503]
    assert len(failures) >= 5, outcomes
    assert all(TRY_AGAIN in body for *_rest, body in failures)
    assert not [entry for entry in failures if entry[0] < down_at - 1]
    # It recovered by itself: the last second of traffic all succeeded, for everyone.
    last_second = [entry for entry in log if entry[0] > max(e[0] for e in log) - 1]
    assert {status for _w, _what, _k, status, _l, _b in last_second} <= {200, 302}
    assert {what for _w, what, *_rest in last_second} == {"sign", "order", "read"}
    assert any(entry[0] > up_at and entry[3] == 302 for entry in log)

    # No success page without its row.
    signed = {key for _w, what, key, status, location, _b in log if what == "sign" and status == 302}
    assert all(
        location == CHECK_MAILBOX
        for _w, what, _k, status, location, _b in log
        if what == "sign" and status == 302
    )
    stored = {
        f"{email} {petition}"
        for email, petition in stack.postgres.query(
            "SELECT s.email, g.petition_id FROM petitions_signature g JOIN petitions_signer s ON s.id = g.signer_id"
        )
    }
    assert signed and signed <= stored
    ordered = {key for _w, what, key, status, _l, _b in log if what == "order" and status == 302}
    assert ordered and ordered <= {
        row[0] for row in stack.postgres.query("SELECT form_token::text FROM kits_kitorder")
    }
    server_log = site.log()
    assert "Internal Server Error" not in server_log and "WORKER TIMEOUT" not in server_log
