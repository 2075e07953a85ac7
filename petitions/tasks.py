"""Celery tasks: each takes primary keys (or nothing), calls a service, is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from petitions import counts, services


@shared_task
def rollup_counts() -> int:
    return counts.rollup()


@shared_task
def reconcile_counts() -> None:
    counts.reconcile()


@shared_task
def purge_unconfirmed_signatures() -> int:
    return services.signatures_purge_unconfirmed()
