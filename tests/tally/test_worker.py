from __future__ import annotations

from django.core.cache import cache

from marathon.tally.services import RESULTS_CACHE_KEY
from marathon.tally.tasks import refresh_results
from tests.conftest import wait_for
from tests.factories import make_campaign, make_case
from tests.tally.conftest import make_batch, make_counter


def test_a_real_worker_refreshes_the_public_counts(worker_process):
    campaign = make_campaign()
    case = make_case(campaign=campaign)
    make_batch(campaign=campaign, recorded_by=make_counter(), counts={(case, "letter"): 321})
    assert cache.get(RESULTS_CACHE_KEY) is None

    refresh_results.delay()

    cached = wait_for(lambda: cache.get(RESULTS_CACHE_KEY))
    assert cached["total"] == 321
    assert cached["cases"][0]["counts"]["letter"] == 321
