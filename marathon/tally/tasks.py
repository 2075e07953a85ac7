from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from marathon.tally import services

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def refresh_results() -> None:
    """Rebuild the public counts (Celery beat, every TALLY_RESULTS_REFRESH_SECONDS).

    Safe to run twice: it rebuilds from the batches and replaces the cached copy.
    """
    services.results_refresh()


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def make_handover_pack(handover_id: int) -> None:
    """Make an embassy's PDF pack (safe to run twice: an unchanged, stored pack is kept)."""
    try:
        services.handover_pack_render(handover_id=handover_id)
    except (OperationalError, InterfaceError):
        raise
    except Exception as error:
        # Staff see the failure in the list and can prepare the packs again.
        logger.exception("Handover pack %s failed", handover_id)
        services.handover_pack_fail(handover_id=handover_id, error=f"{type(error).__name__}: {error}")


@shared_task
def erase_signatures_after_handover() -> int:
    """Periodic: signers' names go SIGNATURE_RETENTION_DAYS after their campaign's handover.

    Safe to run twice: an anonymised signer is not picked again.
    """
    return services.signatures_erase_after_handover()


@shared_task
def sweep_handover_packs() -> int:
    """Periodic: packs whose task was lost (broker down when staff asked) are queued again."""
    return services.handover_packs_sweep()
