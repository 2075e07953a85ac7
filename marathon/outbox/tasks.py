"""Celery tasks: each takes primary keys (or nothing), calls a service, is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from marathon.outbox import services


@shared_task(acks_late=True)
def send_emails(email_ids: list[int]) -> int:
    return services.outbox_emails_send(email_ids=email_ids)


@shared_task
def sweep() -> int:
    return services.outbox_dispatch()


@shared_task
def purge_sent() -> int:
    return services.outbox_purge()
