from __future__ import annotations

import datetime
import threading
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.utils import timezone

from petitions.models import OutboxEmail
from petitions.services import outbox_email_send, outbox_sweep, signature_create
from petitions.tasks import send_outbox_email


def queue_one(petition, email="anne@example.org") -> OutboxEmail:
    # Without running on_commit: the row is recorded, nothing is sent yet.
    signature_create(
        petitions=[petition],
        first_name="Anne",
        last_name="Dupont",
        email=email,
        postcode="1050",
        country="BE",
        news_opt_in=False,
    )
    return OutboxEmail.objects.get(signer__email=email, sent_at__isnull=True)


def test_the_email_to_send_is_recorded_in_the_signing_transaction(db, petition):
    row = queue_one(petition)

    assert row.kind == "confirm"
    assert row.due_at <= timezone.now()
    assert mail.outbox == []


def test_a_task_delivered_twice_sends_one_email(db, petition):
    row = queue_one(petition)

    assert send_outbox_email(row.pk) is True
    assert send_outbox_email(row.pk) is False

    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.sent_at is not None


def test_a_failed_send_is_retried_later_by_the_sweep_and_sent_once(db, petition):
    row = queue_one(petition)
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=ConnectionRefusedError("smtp down")):
        assert outbox_email_send(outbox_id=row.pk) is False
    row.refresh_from_db()
    assert row.attempts == 1
    assert "smtp down" in row.last_error
    assert row.due_at > timezone.now()

    assert outbox_sweep() == 0  # not due yet
    OutboxEmail.objects.filter(pk=row.pk).update(due_at=timezone.now() - datetime.timedelta(seconds=1))
    assert outbox_sweep() == 1
    assert outbox_sweep() == 0
    assert len(mail.outbox) == 1


def test_a_worker_dying_mid_send_leaves_the_email_for_the_sweep(db, petition):
    row = queue_one(petition)

    class WorkerKilled(BaseException):
        pass

    with (
        mock.patch.object(EmailMultiAlternatives, "send", side_effect=WorkerKilled),
        pytest.raises(WorkerKilled),
    ):
        outbox_email_send(outbox_id=row.pk)

    row.refresh_from_db()
    assert row.sent_at is None
    assert outbox_sweep() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_email_at_once_send_it_once(petition):
    with mock.patch("petitions.services.outbox_enqueue"):
        row = queue_one(petition)
    original_send = EmailMultiAlternatives.send

    def slow_send(message, *args, **kwargs):
        time.sleep(0.5)
        return original_send(message, *args, **kwargs)

    results = []

    def worker():
        try:
            results.append(outbox_email_send(outbox_id=row.pk))
        finally:
            connection.close()

    with mock.patch.object(EmailMultiAlternatives, "send", slow_send):
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_everything_was_confirmed_meanwhile(db, petition):
    from petitions.services import signer_confirm

    row = queue_one(petition)
    signer_confirm(signer=row.signer)

    assert outbox_email_send(outbox_id=row.pk) is False
    assert mail.outbox == []


def test_each_attempt_at_one_email_has_the_same_message_id(db, petition):
    row = queue_one(petition)
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=OSError):
        outbox_email_send(outbox_id=row.pk)
    OutboxEmail.objects.filter(pk=row.pk).update(due_at=timezone.now())
    outbox_sweep()

    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<outbox-{row.pk}@")
