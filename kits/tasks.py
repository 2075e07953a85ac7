"""Celery tasks: each takes primary keys (or nothing), calls a service, is safe to run twice.

The PDFs are made through marathon.lib.workerfiles (made again, then replaced, or kept
when current); the kit e-mails leave through the outbox (marathon.outbox).
"""

from __future__ import annotations

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError

# Both modules refer to this one's tasks at call time only: safe either way round.
from kits import printables, services
from kits.models import LabelBatch, PrintableDocument
from marathon.lib import workerfiles

# A database that went away for a moment: the task tries again, the row lock protects it.
DB_ERRORS = (OperationalError, InterfaceError)


@shared_task
def queue_reminders() -> int:
    """Periodic: remind orderers of the letters deadline, a week before it."""
    return services.kit_reminders_queue()


@shared_task
def queue_report_requests() -> int:
    """Periodic: ask organisers for their figures once their marathon took place."""
    return services.marathon_report_requests_queue()


# Time limits: a render past the soft limit is stopped and marked failed (it is tried
# again, up to its attempts); the hard limit ends a worker process that did not stop.
@shared_task(
    bind=True, autoretry_for=DB_ERRORS, retry_backoff=True, max_retries=5, soft_time_limit=300, time_limit=360
)
def make_label_pdf(self: Task, batch_id: int) -> None:
    # A failure is shown on the batch's page; staff can make a new one.
    workerfiles.make_in_task(self, LabelBatch, batch_id)


@shared_task(
    bind=True, autoretry_for=DB_ERRORS, retry_backoff=True, max_retries=5, soft_time_limit=120, time_limit=180
)
def render_printable_document(self: Task, document_id: int) -> None:
    workerfiles.make_in_task(self, PrintableDocument, document_id)


@shared_task
def prune_printable_documents() -> int:
    return printables.printable_documents_prune()


@shared_task
def erase_expired_orders() -> int:
    """Periodic: apply the retention time to the addresses of kit orders."""
    return services.kit_orders_erase_expired()
