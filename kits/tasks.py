from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from kits import services

logger = logging.getLogger(__name__)

# --- Kit orders by post, organisers' marathons, shipping desk -------------------
# Each task takes primary keys and is safe to run twice: the PDF is rebuilt and
# replaced. The kit e-mails leave through the outbox (marathon.outbox).


@shared_task
def queue_report_requests() -> int:
    """Periodic: ask organisers for their figures once their marathon took place."""
    return services.marathon_report_requests_queue()


@shared_task
def requeue_lost_label_batches() -> int:
    return services.label_batches_requeue_lost()


@shared_task
def make_label_pdf(batch_id: int) -> None:
    try:
        services.label_batch_render(batch_id=batch_id)
    except Exception as error:
        # Staff see the failure on the batch's page and can make a new one.
        logger.exception("Labels PDF %s failed", batch_id)
        services.label_batch_fail(batch_id=batch_id, error=f"{type(error).__name__}: {error}")


# --- Printable documents ---------------------------------------------------------------


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def render_printable_document(document_id: int) -> None:
    services.printable_document_render(document_id=document_id)


@shared_task
def prune_printable_documents() -> int:
    return services.printable_documents_prune()


@shared_task
def erase_expired_orders() -> int:
    """Periodic: apply the retention time to the addresses of kit orders."""
    return services.kit_orders_erase_expired()
