"""Redis stopped while people sign and order: nothing lost, the site answers, e-mails catch up."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from tests.faults.email_kinds import KINDS, Kind, kit_order, outbox
from tests.faults.stack import Browser, SMTPServer, mails_in, recipients, wait_until

pytestmark = pytest.mark.faults

CHECK_MAILBOX = "/fr/petitions/verifiez-votre-boite/"


def signer(email: str) -> dict:
    return {"first_name": "Anne", "last_name": "Dupont", "email": email, "postcode": "1050", "country": "BE"}


def test_with_redis_stopped_people_sign_and_order_and_their_emails_catch_up(stack):
    site = stack.site()
    worker = stack.worker(beat=True)
    browser = Browser(site.port)
    petitions = stack.seed["petitions"]
    csrf = browser.csrf_token("/fr/petitions/signer-tout/")

    stack.redis.stop()

    # The site answers: every public page, each form.
    pages = [
        "/fr/",
        "/fr/cas/",
        "/fr/cas/cas-0/",
        "/fr/petitions/signer-tout/",
        f"/fr/petitions/{petitions[0]}/signer/",
        "/fr/kit/commander/",
        "/fr/kit/marathons/",
        "/fr/resultats/",
        "/fr/vie-privee/",
        "/fr/comment-ca-marche/",
    ]
    assert {page: browser.get(page).status for page in pages} == dict.fromkeys(pages, 200)
    health = browser.get("/healthz")
    assert health.status == 503 and '"redis": "error"' in health.body

    started = time.monotonic()
    signed = []
    for n in range(6):
        email = f"all{n}@example.org"
        response = browser.post(
            "/fr/petitions/signer-tout/",
            {**signer(email), "petitions": petitions, "csrfmiddlewaretoken": csrf},
        )
        assert (response.status, response.location) == (302, CHECK_MAILBOX), response.body[:300]
        signed.append(email)
    for n in range(4):
        email = f"one{n}@example.org"
        response = browser.post(
            f"/fr/petitions/{petitions[n % 3]}/signer/", {**signer(email), "csrfmiddlewaretoken": csrf}
        )
        assert (response.status, response.location) == (302, CHECK_MAILBOX), response.body[:300]
        signed.append(email)
    ordered = {}
    for n in range(4):
        token, email = str(uuid.uuid4()), f"kit{n}@example.be"
        response = browser.post(
            "/fr/kit/commander/", {**kit_order(token, email), "csrfmiddlewaretoken": csrf}
        )
        assert (response.status, response.location) == (302, f"/fr/kit/commande/{token}/"), response.body[
            :300
        ]
        assert browser.get(response.location).status == 200
        ordered[token] = email
    # A broker outage costs a request one failed connection, not a long wait.
    assert time.monotonic() - started < 20

    # Everything acknowledged is in Postgres, waiting for its e-mail.
    pg = stack.postgres
    assert sorted(row[0] for row in pg.query("SELECT email FROM petitions_signer")) == sorted(signed)
    assert pg.scalar("SELECT COUNT(*) FROM petitions_signature") == 6 * 3 + 4
    assert dict(pg.query("SELECT kind, COUNT(*) FROM outbox_email WHERE sent_at IS NULL GROUP BY 1")) == {
        "petitions.confirm": 10,
        "kits.confirmation": 4,
    }
    assert dict(pg.query("SELECT form_token::text, email FROM kits_kitorder")) == ordered
    assert pg.scalar("SELECT COUNT(*) FROM kits_kitorder WHERE confirmation_sent_at IS NOT NULL") == 0
    assert mails_in(stack.mail_dir) == []

    stack.redis.start()
    # The worker that lived through the outage takes work again; beat's outbox sweep
    # sends what the outage held back, confirmations and orders alike, by itself.

    expected = sorted(signed + list(ordered.values()))
    wait_until(
        lambda: len(mails_in(stack.mail_dir)) >= len(expected), timeout=60, what="the held e-mails sent"
    )
    assert pg.scalar("SELECT COUNT(*) FROM outbox_email WHERE sent_at IS NULL") == 0
    assert pg.scalar("SELECT COUNT(*) FROM kits_kitorder WHERE confirmation_sent_at IS NULL") == 0

    # The site is itself again: a new signature's e-mail goes out by beat's next sweep.
    response = browser.post(
        f"/fr/petitions/{petitions[0]}/signer/", {**signer("after@example.org"), "csrfmiddlewaretoken": csrf}
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


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_kind_of_email_asked_for_with_redis_stopped_is_sent_once_when_it_is_back(stack, kind: Kind):
    browser = Browser(stack.site().port) if kind.web else None
    worker = stack.worker(beat=True)
    pg = stack.postgres

    stack.redis.stop()
    kind.cause(stack, browser, kind.to)

    # In Postgres, waiting for the broker: one e-mail, not tried, not marked sent.
    time.sleep(1.5)  # beat's sweep would have handed it out by now
    assert outbox(pg) == [(kind.name, 0, False)]
    assert pg.scalar(kind.stamped) == 0
    assert mails_in(stack.mail_dir) == []

    stack.redis.start()
    wait_until(lambda: mails_in(stack.mail_dir), timeout=60, what=f"the held {kind.name} e-mail sent")
    # Long enough for another sweep, or a second copy of the task, to send it again.
    time.sleep(2)

    assert recipients(mails_in(stack.mail_dir)) == [kind.to]
    # The e-mail of that row (its Message-ID is the row's, the same for every attempt).
    row = pg.scalar("SELECT id FROM outbox_email")
    assert mails_in(stack.mail_dir)[0]["Message-ID"].startswith(f"<outbox-{row}@")
    assert outbox(pg) == [(kind.name, 1, True)]
    assert pg.scalar(kind.stamped) == 1
    assert "ready." in worker.log()


def test_a_busy_worker_lives_through_repeated_redis_outages_and_sends_every_email_once(stack):
    """Found from outside: in one of four outages with traffic, a prefork worker exited on
    an unrecoverable error in kombu's Redis transport and e-mails stopped until a restart.

    The worker runs as production runs it (prefork, beat beside it), the relay is slow
    enough that e-mails are in hand, in flight or unacknowledged when Redis goes, and
    Redis keeps its queues across the restart, as a persistent production Redis does.
    """
    smtp = SMTPServer(delay=0.15)
    try:
        site = stack.site()
        mail = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            # Unacknowledged messages come back soon after the outage, as they can in production.
            "CELERY_VISIBILITY_TIMEOUT": "6",
        }
        worker = stack.worker(beat=True, prefork=True, **mail)
        petitions = stack.seed["petitions"]
        acknowledged: list[str] = []
        stop = threading.Event()

        def people() -> None:
            browser = Browser(site.port)
            csrf = browser.csrf_token("/fr/kit/commander/")
            n = 0
            while not stop.is_set():
                n += 1
                if n % 2:
                    email = f"busy{n}@example.org"
                    path = f"/fr/petitions/{petitions[n % len(petitions)]}/signer/"
                    response = browser.post(path, {**signer(email), "csrfmiddlewaretoken": csrf})
                    done = (response.status, response.location) == (302, CHECK_MAILBOX)
                else:
                    email, token = f"kit{n}@example.be", str(uuid.uuid4())
                    response = browser.post(
                        "/fr/kit/commander/", {**kit_order(token, email), "csrfmiddlewaretoken": csrf}
                    )
                    done = (response.status, response.location) == (302, f"/fr/kit/commande/{token}/")
                assert done, (response.status, response.body[:300])
                acknowledged.append(email)
                time.sleep(0.4)

        traffic = threading.Thread(target=people)
        traffic.start()
        try:
            for _outage in range(4):
                time.sleep(5)
                stack.redis.stop(keep_data=True)
                time.sleep(10)
                stack.redis.start()
                assert worker.process.poll() is None, "the worker exited:\n" + worker.log()[-4000:]
        finally:
            stop.set()
            traffic.join(timeout=60)
        assert len(acknowledged) > 60

        wait_until(
            lambda: set(smtp.recipients()) >= set(acknowledged),
            timeout=120,
            interval=0.5,
            what="every acknowledged e-mail sent",
        )
        time.sleep(8)  # past the visibility timeout: a restored task would have sent again by now
        assert worker.process.poll() is None, worker.log()[-4000:]
        assert "Unrecoverable error" not in worker.log()
        assert smtp.recipients() == sorted(acknowledged)
        assert stack.postgres.scalar("SELECT COUNT(*) FROM outbox_email WHERE sent_at IS NULL") == 0
    finally:
        smtp.close()
