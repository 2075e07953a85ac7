from __future__ import annotations

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError

from marathon.lib import workerfiles
from marathon.tally import services
from marathon.tally.models import Handover


@shared_task(ignore_result=True)
def refresh_results() -> None:
    """Rebuild the public counts (Celery beat, every TALLY_RESULTS_REFRESH_SECONDS).

    Safe to run twice: it rebuilds from the batches and replaces the cached copy.
    """
    services.results_refresh()


# A pack of 200 000 names takes about a quarter of an hour (bench/README.md): past the
# soft limit the render stops and the pack is marked failed; the hard limit ends the process.
@shared_task(
    bind=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=45 * 60,
    time_limit=50 * 60,
)
def make_handover_pack(self: Task, handover_id: int) -> None:
    """Make an embassy's PDF pack (safe to run twice: an unchanged, stored pack is kept).

    A failure is shown to staff in the list; they can prepare the packs again."""
    workerfiles.make_in_task(self, Handover, handover_id)


@shared_task
def erase_signatures_after_handover() -> int:
    """Periodic: signers' names go SIGNATURE_RETENTION_DAYS after their campaign's handover.

    Safe to run twice: an anonymised signer is not picked again.
    """
    return services.signatures_erase_after_handover()
