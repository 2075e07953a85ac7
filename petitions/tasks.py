"""Celery tasks: each takes primary keys (or nothing), calls a service, is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from petitions import counts, services


@shared_task(acks_late=True)
def send_outbox_email(outbox_id: int) -> bool:
    return services.outbox_email_send(outbox_id=outbox_id)


@shared_task
def sweep_outbox() -> int:
    return services.outbox_sweep()


@shared_task
def rollup_counts() -> int:
    return counts.rollup()


@shared_task
def reconcile_counts() -> None:
    counts.reconcile()


@shared_task
def purge_unconfirmed_signatures() -> int:
    return services.signatures_purge_unconfirmed()
