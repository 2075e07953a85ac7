from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from kits import services

# --- Printable documents ---------------------------------------------------------------


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def render_printable_document(document_id: int) -> None:
    services.printable_document_render(document_id=document_id)


@shared_task
def prune_printable_documents() -> int:
    return services.printable_documents_prune()


# --- end of printable documents --------------------------------------------------------
