"""Redis stopped while people sign and order: nothing lost, the site answers, e-mails catch up."""

from __future__ import annotations

import time
import uuid

import pytest

from tests.faults.stack import Browser, mails_in, recipients, send_task, wait_until

pytestmark = pytest.mark.faults

CHECK_MAILBOX = "/petitions/verifiez-votre-boite/"


def signer(email: str) -> dict:
    return {"first_name": "Anne", "last_name": "Dupont", "email": email, "postcode": "1050", "country": "BE"}


def kit_order(token: str, email: str) -> dict:
    return {
        "form_token": token,
        "kind": "school",
        "organisation_name": "Athénée royal",
        "age_band": "10-14",
        "contact_name": "Léa Dupont",
        "email": email,
        "street": "Rue de l'Été 12",
        "postcode": "5000",
        "city": "Namur",
        "writers": "24",
        "consent": "on",
    }


def test_with_redis_stopped_people_sign_and_order_and_their_emails_catch_up(stack):
    site = stack.site()
    worker = stack.worker(beat=True)
    browser = Browser(site.port)
    petitions = stack.seed["petitions"]
    csrf = browser.csrf_token("/petitions/signer-tout/")

    stack.redis.stop()

    # The site answers: every public page, each form.
    pages = [
        "/",
        "/cas/",
        "/cas/cas-0/",
        "/petitions/signer-tout/",
        f"/petitions/{petitions[0]}/signer/",
        "/kit/commander/",
        "/kit/marathons/",
        "/resultats/",
        "/vie-privee/",
        "/comment-ca-marche/",
    ]
    assert {page: browser.get(page).status for page in pages} == dict.fromkeys(pages, 200)
    health = browser.get("/healthz")
    assert health.status == 503 and '"redis": "error"' in health.body

    started = time.monotonic()
    signed = []
    for n in range(6):
        email = f"all{n}@example.org"
        response = browser.post(
            "/petitions/signer-tout/", {**signer(email), "petitions": petitions, "csrfmiddlewaretoken": csrf}
        )
        assert (response.status, response.location) == (302, CHECK_MAILBOX), response.body[:300]
        signed.append(email)
    for n in range(4):
        email = f"one{n}@example.org"
        response = browser.post(
            f"/petitions/{petitions[n % 3]}/signer/", {**signer(email), "csrfmiddlewaretoken": csrf}
        )
        assert (response.status, response.location) == (302, CHECK_MAILBOX), response.body[:300]
        signed.append(email)
    ordered = {}
    for n in range(4):
        token, email = str(uuid.uuid4()), f"kit{n}@example.be"
        response = browser.post("/kit/commander/", {**kit_order(token, email), "csrfmiddlewaretoken": csrf})
        assert (response.status, response.location) == (302, f"/kit/commande/{token}/"), response.body[:300]
        assert browser.get(response.location).status == 200
        ordered[token] = email
    # A broker outage costs a request one failed connection, not a long wait.
    assert time.monotonic() - started < 20

    # Everything acknowledged is in Postgres, waiting for its e-mail.
    pg = stack.postgres
    assert sorted(row[0] for row in pg.query("SELECT email FROM petitions_signer")) == sorted(signed)
    assert pg.scalar("SELECT COUNT(*) FROM petitions_signature") == 6 * 3 + 4
    assert pg.scalar("SELECT COUNT(*) FROM petitions_outboxemail WHERE sent_at IS NULL") == 10
    assert dict(pg.query("SELECT form_token::text, email FROM kits_kitorder")) == ordered
    assert pg.scalar("SELECT COUNT(*) FROM kits_kitorder WHERE confirmation_sent_at IS NOT NULL") == 0
    assert mails_in(stack.mail_dir) == []

    stack.redis.start()
    # The worker that lived through the outage takes work again; beat's sweeps send
    # what the outage held back: the outbox's by itself within a second, the kits' every
    # 15 minutes, sent here now. It leaves orders of the last five minutes to their own
    # task: these are made older, as if its next run came later.
    pg.query("UPDATE kits_kitorder SET created_at = created_at - interval '10 minutes' RETURNING 1")
    send_task(stack.redis.url, "kits.tasks.sweep_kit_emails")

    expected = sorted(signed + list(ordered.values()))
    wait_until(
        lambda: len(mails_in(stack.mail_dir)) >= len(expected), timeout=60, what="the held e-mails sent"
    )
    assert pg.scalar("SELECT COUNT(*) FROM petitions_outboxemail WHERE sent_at IS NULL") == 0
    assert pg.scalar("SELECT COUNT(*) FROM kits_kitorder WHERE confirmation_sent_at IS NULL") == 0

    # The site is itself again: a new signature's e-mail goes out by beat's next sweep.
    response = browser.post(
        f"/petitions/{petitions[0]}/signer/", {**signer("after@example.org"), "csrfmiddlewaretoken": csrf}
    )
    assert response.status == 302
    wait_until(
        lambda: "after@example.org" in recipients(mails_in(stack.mail_dir)), timeout=30, what="queued again"
    )
    assert browser.get("/healthz").status == 200

    # One e-mail each, none twice.
    time.sleep(1)
    assert recipients(mails_in(stack.mail_dir)) == sorted([*expected, "after@example.org"])
    assert "ready." in worker.log()
