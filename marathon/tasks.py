from __future__ import annotations

from celery import shared_task

from marathon import services


@shared_task
def ping() -> str:
    """Used by health checks and tests to prove a worker is consuming the queue."""
    return "pong"


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=8)
def send_personal_data_links(request_id: int) -> bool:
    return services.personal_data_request_send(request_id=request_id)


@shared_task
def sweep_personal_data_requests() -> int:
    return services.personal_data_requests_sweep()
