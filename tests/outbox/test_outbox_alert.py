"""Stuck e-mails (of every kind) are noticed: /healthz/emails for monitoring, a warning on the
admin's home page for staff."""

from __future__ import annotations

import datetime

from django.utils import timezone

from marathon.outbox.models import MAX_ATTEMPTS as OUTBOX_MAX_ATTEMPTS
from marathon.outbox.models import Email as OutboxEmail
from tests.outbox.test_outbox import queue_one


def queued_minutes_ago(row: OutboxEmail, minutes: int) -> None:
    OutboxEmail.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_with_nothing_waiting_the_check_is_green(client, db):
    response = client.get("/healthz/emails")

    assert response.status_code == 200
    assert response.json() == {"emails_waiting": 0, "oldest_waiting_seconds": 0}
    assert response["Cache-Control"] == "no-store"


def test_emails_waiting_a_few_seconds_are_normal(client, petition):
    queue_one(petition)

    response = client.get("/healthz/emails")

    assert response.status_code == 200
    assert response.json()["emails_waiting"] == 1


def test_an_email_waiting_past_the_alert_time_turns_the_check_red(client, petition, settings):
    settings.OUTBOX_ALERT_SECONDS = 300
    old = queue_one(petition, "old@example.org")
    queued_minutes_ago(old, 10)
    queue_one(petition, "new@example.org")
    # Claimed by a sweep whose worker never came: due_at moved ahead, still waiting.
    OutboxEmail.objects.filter(pk=old.pk).update(due_at=timezone.now() + datetime.timedelta(minutes=5))

    response = client.get("/healthz/emails")

    assert response.status_code == 503
    assert response.json()["emails_waiting"] == 2
    assert 595 <= response.json()["oldest_waiting_seconds"] <= 610


def test_sent_and_abandoned_emails_are_not_waiting(client, petition):
    sent = queue_one(petition, "sent@example.org")
    abandoned = queue_one(petition, "abandoned@example.org")
    OutboxEmail.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    OutboxEmail.objects.filter(pk=abandoned.pk).update(attempts=OUTBOX_MAX_ATTEMPTS)
    for row in (sent, abandoned):
        queued_minutes_ago(row, 60)

    response = client.get("/healthz/emails")

    assert response.status_code == 200
    assert response.json() == {"emails_waiting": 0, "oldest_waiting_seconds": 0}


def test_staff_are_warned_on_the_admin_home_page_when_emails_are_stuck(staff_client, petition):
    home = staff_client.get("/admin/").content.decode()
    assert "e-mail attend" not in home

    queued_minutes_ago(queue_one(petition), 12)

    home = staff_client.get("/admin/").content.decode()
    assert "1 e-mail attend depuis 12 minutes" in home
    assert "Celery beat et les workers" in home
