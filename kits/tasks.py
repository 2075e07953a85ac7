from __future__ import annotations

import logging
import smtplib

from celery import shared_task
from django.db import InterfaceError, OperationalError

from kits import services

logger = logging.getLogger(__name__)

# --- Kit orders by post, organisers' marathons, shipping desk -------------------
# Each task takes primary keys and is safe to run twice: the e-mail services record
# when they sent and send nothing the second time; the PDF is rebuilt and replaced.

MAIL_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(autoretry_for=MAIL_ERRORS, retry_backoff=30, max_retries=8)
def send_order_confirmation(order_id: int) -> bool:
    return services.kit_order_send_confirmation(order_id=order_id)


@shared_task(autoretry_for=MAIL_ERRORS, retry_backoff=30, max_retries=8)
def send_shipped_email(order_id: int) -> bool:
    return services.kit_order_send_shipped(order_id=order_id)


@shared_task(autoretry_for=MAIL_ERRORS, retry_backoff=30, max_retries=8)
def send_marathon_report_request(marathon_id: int) -> bool:
    return services.marathon_send_report_request(marathon_id=marathon_id)


@shared_task
def sweep_kit_emails() -> dict[str, int]:
    """Periodic: queue the e-mails that are due, including report requests after a marathon."""
    return services.kit_emails_sweep()


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
