from __future__ import annotations

from celery import shared_task

from marathon.tally.services import results_refresh


@shared_task(ignore_result=True)
def refresh_results() -> None:
    """Rebuild the public counts (Celery beat, every TALLY_RESULTS_REFRESH_SECONDS).

    Safe to run twice: it rebuilds from the batches and replaces the cached copy.
    """
    results_refresh()
