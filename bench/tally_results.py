"""How fast the tally's counts are rebuilt and served, with a season's worth of envelopes.

Run it against a throw-away Postgres database (it is created if missing) and Redis:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mdl_tally_bench \\
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/tally_results.py

It seeds a current campaign of ten cases and 50 000 batches (about 100 000 lines)
with one INSERT ... SELECT, once, then prints the time to rebuild the public counts
(what Celery beat does every TALLY_RESULTS_REFRESH_SECONDS), the desk's exact totals,
and the results page served from the cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.inprocess import ensure_database  # noqa: E402  (sets the environment)

__all__ = ["ensure_database", "seed", "timed"]


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median and worst time of `repeat` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def seed(batches: int) -> None:
    import datetime

    from django.contrib.auth import get_user_model
    from django.db import connection

    from cases.models import Campaign
    from marathon.tally.models import LetterBatch
    from tests.factories import make_campaign, make_case

    campaign = Campaign.objects.filter(year=2099).first()
    if campaign and LetterBatch.objects.filter(campaign=campaign).count() == batches:
        print(f"reusing the {batches} batches already seeded")
        return
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE tally_letterbatchline, tally_letterbatchchange, tally_letterbatch")
    Campaign.objects.update(is_current=False)
    if campaign is None:
        campaign = make_campaign(year=2099, letters_deadline=datetime.date(2100, 1, 11))
        for n in range(10):
            make_case(campaign=campaign, person_name=f"Personne {n}", slug=f"bench-{n}")
    else:
        Campaign.objects.filter(pk=campaign.pk).update(is_current=True)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-counter", defaults={"is_staff": True, "is_superuser": True}
    )
    case_ids = list(campaign.cases.order_by("order").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO tally_letterbatch (campaign_id, received_on, sender_kind, kit_order_reference,
                                           note, recorded_by_id, created_at, updated_at)
            SELECT %(campaign)s, DATE '2099-12-01' + (g %% 60),
                   (ARRAY['individual','family','school','group','unknown'])[1 + g %% 5],
                   '', '', %(user)s, now() - make_interval(secs => g * 60), now()
            FROM generate_series(1, %(n)s) AS g
            """,
            {"campaign": campaign.pk, "user": user.pk, "n": batches},
        )
        # One to three lines per envelope: mostly letters, some cards and paper signatures.
        cursor.execute(
            """
            INSERT INTO tally_letterbatchline (batch_id, case_id, kind, count)
            SELECT b.id, (%(cases)s::bigint[])[1 + (b.id + k) %% 10],
                   (ARRAY['letter','card','signature'])[k], 1 + (b.id * 7 + k) %% 200
            FROM tally_letterbatch b CROSS JOIN generate_series(1, 3) AS k
            WHERE b.campaign_id = %(campaign)s AND (k = 1 OR (b.id + k) %% 3 = 0)
            """,
            {"campaign": campaign.pk, "cases": case_ids},
        )
        cursor.execute("ANALYZE tally_letterbatch; ANALYZE tally_letterbatchline")
    print(f"seeded {batches} batches in {time.perf_counter() - start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a throw-away Postgres database, e.g. .../mdl_tally_bench")
    ensure_database(url)

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    seed(args.batches)

    from cases.models import Campaign
    from marathon.tally.models import LetterBatch, LetterBatchLine
    from marathon.tally.services import (
        RESULTS_CACHE_KEY,
        campaign_totals,
        results_build,
        results_refresh,
        volunteer_day_totals,
    )

    campaign = Campaign.objects.current()
    cases = list(campaign.cases.order_by("order"))
    user = LetterBatch.objects.first().recorded_by
    print(
        f"{LetterBatch.objects.count()} batches, {LetterBatchLine.objects.count()} lines, "
        f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[1]}"
    )

    results_build()  # warm the connection and Postgres' buffers
    median, worst = timed(results_build, 20)
    print(f"rebuild the public counts (results_build):      median {median:7.1f} ms, worst {worst:7.1f} ms")
    median, worst = timed(results_refresh, 20)
    print(f"rebuild and store them (the beat task's work):  median {median:7.1f} ms, worst {worst:7.1f} ms")
    median, worst = timed(lambda: campaign_totals(campaign=campaign, cases=cases), 20)
    print(f"desk: exact campaign totals per case and kind:  median {median:7.1f} ms, worst {worst:7.1f} ms")
    median, worst = timed(lambda: volunteer_day_totals(user=user, day=timezone.localdate()), 20)
    print(f"desk: a volunteer's day:                        median {median:7.1f} ms, worst {worst:7.1f} ms")

    client = Client(HTTP_HOST="127.0.0.1")
    results_refresh()
    assert cache.get(RESULTS_CACHE_KEY) is not None
    client.get("/fr/resultats/")
    median, worst = timed(lambda: client.get("/fr/resultats/"), args.requests)
    print(
        f"results page from the cache ({args.requests} requests): median {median:7.1f} ms, worst {worst:7.1f} ms"
    )
    median, worst = timed(lambda: client.get("/fr/"), args.requests // 3)
    print(f"home page with the live total:                  median {median:7.1f} ms, worst {worst:7.1f} ms")
    cache.delete(RESULTS_CACHE_KEY)
    median, _ = timed(lambda: client.get("/fr/resultats/"), 1)
    print(f"results page on a cold cache (builds once):     {median:7.1f} ms")

    client.force_login(user)
    client.get("/fr/comptage/")
    median, worst = timed(lambda: client.get("/fr/comptage/"), 30)
    print(f"counting desk page (exact totals, per view):    median {median:7.1f} ms, worst {worst:7.1f} ms")


if __name__ == "__main__":
    main()
