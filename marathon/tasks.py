from __future__ import annotations

from celery import shared_task

from marathon import services
from marathon.lib import workerfiles


@shared_task
def ping() -> str:
    """Used by health checks and tests to prove a worker is consuming the queue."""
    return "pong"


@shared_task
def forget_personal_data_requests() -> int:
    return services.personal_data_requests_forget()


@shared_task
def requeue_lost_worker_files() -> int:
    """Periodic: PDFs asked for while the broker was down, or whose last try failed, are
    queued again (printable kits, label sheets, embassy packs)."""
    return workerfiles.requeue_all_lost()
