"""How fast the embassy handover's counts are built over a million online signatures.

Run it against a throw-away Postgres database (created if missing) and Redis:

    .venv/bin/python -m bench.handover
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/mdl_handover_bench \\
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python -m bench.handover

It reuses bench/tally_results.py's campaign of ten cases and 50 000 letter batches,
spreads the cases over five countries with an embassy each, and adds 1 000 000
confirmed online signatures (100 000 signers × 10 petitions) plus 50 000 pending
ones, with INSERT ... SELECT over generate_series (no ORM save per row); the seed is
reused on the next run. It then prints the time to build the counts for every embassy
(what the admin list, the CSV and each pack read), the query plan of the one GROUP BY
over signatures, the public counts' rebuild, and the results page served from cache.

Measured on the 2-core development machine (Postgres 15, load average 4 to 5 from other
work), 1 000 000 confirmed signatures, 50 000 batches (about 83 000 lines), two runs:

    counts for all 5 embassies (handover_counts):   median 128-170 ms, worst 181-208 ms
      of which the signatures' GROUP BY:            median  83-96 ms (parallel index-only
                                                    scan of signature_counted_by_petition)
      before that partial index:                    counts 349 ms, GROUP BY 280 ms (seq scan)
    rebuild the public counts (results_build):      median  44-46 ms
    results page from the cache (300 requests):     median 2.8-3.1 ms, worst 8-11 ms

Targets: under 2 s (issue 6) and under 300 ms (issue 8) for the counts: met.

The pack, with `--pack-rows N [N ...]`: one synthetic pack of N annex rows over two
cases, built in memory (no database), rendered in a fresh process each; it prints the
time, pages, size and the process's peak RSS (ru_maxrss, Django and WeasyPrint loaded
included). `HANDOVER_ANNEX_ROWS_PER_PART` is read from the environment as in the worker.

    .venv/bin/python -m bench.handover --pack-rows 10000 50000 200000

Same machine, load average 3 to 6 from other work (times move with it, memory does not):

    rows     one render, tagged (before)      in parts of 1 000 rows, joined (now)
    2 000    13.7 s,   352 MB,  45 pages
    10 000   132 s,  1 067 MB, 205 pages      44 s, 217 MB
    20 000   129 s,  2 475 MB, 405 pages
    50 000   not tried (several GB)           273 s, 258 MB, 1 005 pages, 5.0 MB
    200 000  not tried                        867 s, 410 MB, 4 005 pages, 19.9 MB

    10 000 rows by part size:  500: 47 s, 170 MB   1 000: 44 s, 217 MB
                               2 000: 41 s, 312 MB   4 000: 41 s, 496 MB

A part's layout costs WeasyPrint about 95 MB per 1 000 rows and is freed after it;
what stays grows by about 1 MB per 1 000 rows: the pack's rows themselves, pypdf's
copy of the finished pages (under 0.5 MB per 1 000 rows, untagged) and, here only,
the PDF kept in memory to count its pages (the worker writes it to a temporary file). Tagged parts made pypdf copy each
part's structure tree, 40 MB per 1 000 rows: the pack is no longer tagged (PDF/UA).
"""

from __future__ import annotations

import argparse
import os
import time

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mdl_handover_bench"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)

from bench.tally_results import ensure_database, seed, timed  # noqa: E402  (sets the settings module)

COUNTRIES = ["GT", "CN", "IR", "MX", "EG"]
SIGNERS = 100_000
PENDING_SIGNERS = 5_000


def seed_embassies() -> None:
    from cases.models import Campaign, Embassy

    campaign = Campaign.objects.current()
    for n, case in enumerate(campaign.cases.order_by("order")):
        country = COUNTRIES[n % len(COUNTRIES)]
        if case.country != country:
            type(case).objects.filter(pk=case.pk).update(country=country)
    for country in COUNTRIES:
        Embassy.objects.get_or_create(
            country=country,
            defaults={"name": f"Ambassade {country}", "address": "Avenue Louise 1\n1050 Bruxelles"},
        )


def seed_signatures(signers: int, pending: int) -> None:
    from django.db import connection

    from cases.models import Campaign
    from petitions import counts
    from petitions.models import Signature
    from petitions.services import petition_ensure

    campaign = Campaign.objects.current()
    petitions = [petition_ensure(case=case).pk for case in campaign.cases.order_by("order")]
    wanted = signers * len(petitions)
    if Signature.objects.counted().filter(petition_id__in=petitions).count() == wanted:
        print(f"reusing the {wanted} signatures already seeded")
        return
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE petitions_signature, outbox_email, petitions_countdelta, petitions_signer CASCADE"
        )
        cursor.execute(
            """
            INSERT INTO petitions_signer (key, email, email_canonical, email_domain, first_name, last_name,
                                          postcode, country, province, news_opt_in, confirmed_at,
                                          confirmation_emails, created_at, updated_at)
            SELECT gen_random_uuid(), 'p' || g || '@example.org', 'p' || g || '@example.org', 'example.org',
                   'Prénom' || g, 'Nom' || g, (1000 + g %% 8999)::text, 'BE', '', false,
                   CASE WHEN g <= %(signers)s THEN now() END, 0, now(), now()
            FROM generate_series(1, %(total)s) AS g
            """,
            {"signers": signers, "total": signers + pending},
        )
        cursor.execute(
            """
            INSERT INTO petitions_signature (signer_id, petition_id, created_at, requested_at, confirmed_at,
                                             consent_version, consent_text, ip_range, invalidation_reason)
            SELECT s.id, p, now() - make_interval(mins => (s.id %% 40000)::int), now(), s.confirmed_at,
                   '1', 'Je signe.', '', ''
            FROM petitions_signer s CROSS JOIN unnest(%(petitions)s::bigint[]) AS p
            """,
            {"petitions": petitions},
        )
        cursor.execute("ANALYZE petitions_signer; ANALYZE petitions_signature")
    counts.reconcile()
    print(f"seeded {wanted} confirmed and {pending * len(petitions)} pending signatures "
          f"in {time.perf_counter() - start:.1f} s")  # fmt: skip


def synthetic_pack(rows: int, cases: int = 2):
    """A pack of `rows` named signatures over `cases` cases, built in memory (no database)."""
    import datetime

    from marathon.tally.handover import CaseCounts, EmbassyCounts, PackCase, PackData, SignatureRow

    counts = EmbassyCounts(1, "Ambassade du Guatemala", "GT")
    pack_cases = []
    for n in range(cases):
        share = rows // cases + (1 if n < rows % cases else 0)
        case_counts = CaseCounts(n + 1, f"Personne {n + 1}", "Guatemala", letters=120, cards=33, paper=41,
                                 online=share)  # fmt: skip
        counts.cases.append(case_counts)
        signatures = [
            SignatureRow(
                f"Prénom{i}", f"Nom{i:06d}", str(1000 + i % 8999), datetime.date(2026, 12, 1 + i % 28)
            )
            for i in range(share)
        ]
        pack_cases.append(
            PackCase(case_counts, "Nous demandons sa libération.\nImmédiate.", "Prison 1", 0, signatures)
        )
    return PackData(2026, "Marathon", "Ambassade du Guatemala", "Avenue Louise 1\n1050 Bruxelles", "Guatemala",
                    "Organisation", "Rue 1\n1000 Bruxelles", counts, pack_cases)  # fmt: skip


def render_one_pack(rows: int, output: str | None) -> None:
    """Render one synthetic pack in this process; print its time, size, pages and peak RSS."""
    import inspect
    import io
    import resource

    import django

    django.setup()
    from pypdf import PdfReader

    from marathon.tally.handover import render_pack

    data = synthetic_pack(rows)
    start = time.perf_counter()
    if len(inspect.signature(render_pack).parameters) == 1:  # before the annex was rendered in parts
        pdf = render_pack(data)
    else:
        buffer = io.BytesIO()
        render_pack(data, buffer)
        pdf = buffer.getvalue()
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    if output:
        with open(output, "wb") as file:
            file.write(pdf)
    print(f"pack of {rows} rows: {elapsed:.1f} s, {pages} pages, {len(pdf) / 1e6:.1f} MB, "
          f"peak RSS {peak_mb:.0f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pack-rows", type=int, nargs="+", metavar="N",
        help="instead of the counts: render one pack of N annex rows (no database), each in its own process",
    )  # fmt: skip
    parser.add_argument("--pack-output", help="with one --pack-rows: write the PDF there")
    parser.add_argument("--render-one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--batches", type=int, default=50_000)
    parser.add_argument("--signers", type=int, default=SIGNERS, help="each signs all ten petitions")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    if args.render_one is not None:
        render_one_pack(args.render_one, args.pack_output)
        return
    if args.pack_rows:
        import subprocess
        import sys

        for rows in args.pack_rows:
            # A fresh process per pack: ru_maxrss is the peak of the whole process.
            command = [sys.executable, "-m", "bench.handover", "--render-one", str(rows)]
            if args.pack_output:
                command += ["--pack-output", args.pack_output]
            subprocess.run(command, check=True)
        return

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    seed(args.batches)
    seed_embassies()
    seed_signatures(args.signers, PENDING_SIGNERS)
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load: sets the visibility map, without which
        # an index-only scan still visits the table.
        cursor.execute("VACUUM (ANALYZE) petitions_signature")

    from cases.models import Campaign
    from marathon.tally.handover import handover_counts, online_signatures_by_case
    from marathon.tally.services import RESULTS_CACHE_KEY, results_build, results_refresh
    from petitions.models import Signature

    campaign = Campaign.objects.current()
    counted = Signature.objects.counted().count()
    print(f"{counted} counted signatures, {Signature.objects.count()} in all; campaign {campaign.year}")

    result = handover_counts(campaign=campaign)
    for embassy in result.values():
        print(f"  {embassy.name}: {len(embassy.cases)} cases, {embassy.letters} letters, "
              f"{embassy.cards} cards, {embassy.paper} paper, {embassy.online} online")  # fmt: skip
    assert sum(e.online for e in result.values()) == args.signers * 10

    median, worst = timed(lambda: handover_counts(campaign=campaign), 15)
    print(
        f"counts for all {len(result)} embassies (handover_counts): median {median:7.1f} ms, worst {worst:7.1f} ms"
    )
    median, worst = timed(lambda: online_signatures_by_case(campaign_id=campaign.pk), 15)
    print(f"  of which the signatures' GROUP BY:          median {median:7.1f} ms, worst {worst:7.1f} ms")

    petitions = list(campaign.cases.values_list("petition__pk", flat=True))
    query = (
        Signature.objects.counted()
        .filter(petition_id__in=petitions)
        .order_by()
        .values_list("petition_id")
        .annotate(n=django.db.models.Count("*"))
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql, params)
        print("  plan:\n    " + "\n    ".join(row[0] for row in cursor.fetchall()))

    median, worst = timed(results_build, 10)
    print(f"rebuild the public counts (results_build):    median {median:7.1f} ms, worst {worst:7.1f} ms")
    client = Client(HTTP_HOST="127.0.0.1")
    results_refresh()
    assert cache.get(RESULTS_CACHE_KEY) is not None
    client.get("/fr/resultats/")
    median, worst = timed(lambda: client.get("/fr/resultats/"), args.requests)
    print(
        f"results page from the cache ({args.requests} requests): median {median:7.1f} ms, worst {worst:7.1f} ms"
    )


if __name__ == "__main__":
    main()
