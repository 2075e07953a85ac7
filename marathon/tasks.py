from __future__ import annotations

from celery import shared_task

from marathon import services


@shared_task
def ping() -> str:
    """Used by health checks and tests to prove a worker is consuming the queue."""
    return "pong"


@shared_task
def forget_personal_data_requests() -> int:
    return services.personal_data_requests_forget()
