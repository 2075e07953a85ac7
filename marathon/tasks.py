from __future__ import annotations

from celery import shared_task


@shared_task
def ping() -> str:
    """Used by health checks and tests to prove a worker is consuming the queue."""
    return "pong"
