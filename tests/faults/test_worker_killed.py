"""A Celery worker killed (SIGKILL) in the middle of a task: the task runs again, once.

Tasks are acknowledged late: the message of a task whose worker died stays in Redis,
unacknowledged, and goes back to the queue after CELERY_VISIBILITY_TIMEOUT (a few
seconds here, an hour in production).
"""

from __future__ import annotations

import time
import uuid

import pytest

from tests.faults.email_kinds import KINDS, Kind, outbox
from tests.faults.file_kinds import KINDS as FILE_KINDS
from tests.faults.file_kinds import FileKind
from tests.faults.stack import Browser, SMTPServer, StallingFonts, wait_until

pytestmark = pytest.mark.faults

VISIBILITY_SECONDS = 3


@pytest.fixture
def smtp():
    server = SMTPServer()
    yield server
    server.close()


def worker_env(smtp: SMTPServer) -> dict[str, str]:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
    }


def test_a_worker_killed_while_sending_an_email_leaves_it_to_run_again_and_it_is_sent_once(stack, smtp):
    site = stack.site()
    browser = Browser(site.port)
    csrf = browser.csrf_token("/fr/kit/commander/")
    pg = stack.postgres

    response = browser.post(
        f"/fr/petitions/{stack.seed['petitions'][0]}/signer/",
        {
            "first_name": "Anne",
            "last_name": "Dupont",
            "email": "anne.kill@example.org",
            "postcode": "1050",
            "country": "BE",
            "csrfmiddlewaretoken": csrf,
        },
    )
    assert response.status == 302
    response = browser.post(
        "/fr/kit/commander/",
        {
            "form_token": str(uuid.uuid4()),
            "kind": "individual",
            "contact_name": "Léa Dupont",
            "email": "lea.kill@example.be",
            "street": "Rue Haute 1",
            "postcode": "1000",
            "city": "Bruxelles",
            "writers": "2",
            "consent": "on",
            "csrfmiddlewaretoken": csrf,
        },
    )
    assert response.status == 302

    # Each e-mail is caught in the middle of its send (the mail server never answers DATA)
    # and its worker killed, until both have been cut off once. Both are outbox rows,
    # likely in one task: run again, it sends the first and is cut off on the second.
    kind_of = {"anne.kill@example.org": "petitions.confirm", "lea.kill@example.be": "kits.confirmation"}
    smtp.stall_once.set()
    for _attempt in range(4):
        smtp.stalled.clear()
        worker = stack.worker(beat=True, **worker_env(smtp))
        wait_until(smtp.stalled.is_set, timeout=30, what="a task in the middle of a send")
        worker.kill()
        # The e-mail cut off is neither sent nor marked sent, nor counted as an attempt.
        cut_off = smtp.stalled_for[-1]
        assert cut_off not in smtp.recipients()
        assert pg.query(
            "SELECT attempts, sent_at IS NOT NULL FROM outbox_email WHERE kind = %s", (kind_of[cut_off],)
        ) == [(0, False)]
        # The order says its confirmation left only if the mail server has it.
        assert pg.scalar("SELECT COUNT(*) FROM kits_kitorder WHERE confirmation_sent_at IS NOT NULL") == int(
            "lea.kill@example.be" in smtp.recipients()
        )
        if set(smtp.stalled_for) >= set(kind_of):
            break
    else:
        pytest.fail(f"only cut off {smtp.stalled_for}")

    smtp.stall_once.clear()
    stack.worker(beat=True, **worker_env(smtp))
    wait_until(lambda: len(smtp.messages) >= 2, timeout=30, what="both e-mails sent")
    # Long enough for any copy of either task to come back and run again.
    time.sleep(VISIBILITY_SECONDS + 2)

    assert smtp.recipients() == ["anne.kill@example.org", "lea.kill@example.be"]
    assert outbox(pg) == [("kits.confirmation", 1, True), ("petitions.confirm", 1, True)]
    assert pg.scalar("SELECT COUNT(*) FROM kits_kitorder WHERE confirmation_sent_at IS NOT NULL") == 1


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_kind_of_email_cut_off_by_a_killed_worker_is_sent_once_by_the_next(stack, smtp, kind: Kind):
    browser = Browser(stack.site().port) if kind.web else None
    pg = stack.postgres
    kind.cause(stack, browser, kind.to)

    smtp.stall.set()
    worker = stack.worker(beat=True, **worker_env(smtp))
    wait_until(smtp.stalled.is_set, timeout=30, what=f"the {kind.name} e-mail in the middle of its send")
    worker.kill()
    assert smtp.stalled_for == [kind.to]
    assert outbox(pg) == [(kind.name, 0, False)]
    assert pg.scalar(kind.stamped) == 0
    assert smtp.messages == []

    smtp.stall.clear()
    stack.worker(beat=True, **worker_env(smtp))
    wait_until(lambda: smtp.messages, timeout=30, what=f"the {kind.name} e-mail sent")
    # Long enough for any copy of the task to come back and run again.
    time.sleep(VISIBILITY_SECONDS + 2)

    assert smtp.recipients() == [kind.to]
    assert outbox(pg) == [(kind.name, 1, True)]
    assert pg.scalar(kind.stamped) == 1


@pytest.mark.parametrize("kind", FILE_KINDS, ids=lambda kind: kind.name)
def test_a_worker_killed_while_making_a_pdf_leaves_it_to_run_again_and_one_file_is_kept(
    stack, kind: FileKind
):
    """Killed in the middle of the render, then killed again after storing the file but
    before recording it: the third worker makes it, and only its file is left."""
    pg = stack.postgres
    env = stack.env()
    words = kind.request(env)
    assert kind.rows(pg) == [("pending", 0, "")]
    fonts = StallingFonts(stack.folder)  # a worker's render waits on its fonts until released

    # 1. Killed in the middle of the render: its attempt is committed, its lock goes.
    try:
        worker = stack.worker(CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_SECONDS), **fonts.env())
        wait_until(fonts.reached, timeout=60, what=f"the worker in the middle of the {kind.name} PDF")
        assert kind.rows(pg) == [("pending", 1, "")]
        assert kind.unlocked(pg) == []  # it holds the row while it renders
        worker.kill()
    finally:
        fonts.close()
    wait_until(lambda: kind.unlocked(pg), timeout=10, what="the dead worker's lock released")
    assert kind.rows(pg) == [("pending", 1, "")]
    assert kind.files(env) == []

    # 2. The task comes back (acknowledged late) to a new worker. Killed once it has
    # stored the file, while it waits (on the test's lock of the table) to record it.
    worker = stack.worker(CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_SECONDS), **fonts.env())
    wait_until(fonts.reached, timeout=60, what=f"the task of the {kind.name} PDF back to a new worker")
    assert kind.rows(pg) == [("pending", 2, "")]
    waiting = "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
    with pg.connect() as lock:
        lock.autocommit = False
        # Its UPDATE waits on this; the row it holds already.
        lock.execute(f"LOCK TABLE {kind.table} IN SHARE MODE")
        fonts.release()
        wait_until(lambda: pg.scalar(waiting), timeout=60, what="the worker waiting to record the file")
        worker.kill()
        wait_until(lambda: not pg.scalar(waiting), timeout=10, what="the worker's statement dropped")
        lock.rollback()
    left = kind.files(env)
    assert len(left) == 1, left
    assert kind.rows(pg) == [("pending", 2, "")]

    # 3. Back again to a third worker, which makes it: the file left behind is replaced.
    stack.worker(CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_SECONDS))
    wait_until(lambda: kind.rows(pg, "status") != [("pending",)], timeout=60, what="the PDF made")
    # Long enough for any copy of the task to come back and run again.
    time.sleep(VISIBILITY_SECONDS + 2)

    [(status, attempts, error, recorded)] = kind.rows(pg, "status, attempts, error, file")
    assert (status, attempts, error) == ("ready", 0, "")
    assert kind.files(env) == [recorded] == left
    text = kind.text(env, recorded)
    assert all(word in text for word in words), (words, text[:2000])
