from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from marathon.tally.services import (
    handover_pack_fail,
    handover_pack_render,
    results_refresh,
    signatures_erase_after_handover,
)

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def refresh_results() -> None:
    """Rebuild the public counts (Celery beat, every TALLY_RESULTS_REFRESH_SECONDS).

    Safe to run twice: it rebuilds from the batches and replaces the cached copy.
    """
    results_refresh()


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def make_handover_pack(handover_id: int) -> None:
    """Make an embassy's PDF pack (safe to run twice: an unchanged, stored pack is kept)."""
    try:
        handover_pack_render(handover_id=handover_id)
    except (OperationalError, InterfaceError):
        raise
    except Exception as error:
        # Staff see the failure in the list and can prepare the packs again.
        logger.exception("Handover pack %s failed", handover_id)
        handover_pack_fail(handover_id=handover_id, error=f"{type(error).__name__}: {error}")


@shared_task
def erase_signatures_after_handover() -> int:
    """Periodic: signers' names go SIGNATURE_RETENTION_DAYS after their campaign's handover.

    Safe to run twice: an anonymised signer is not picked again.
    """
    return signatures_erase_after_handover()
