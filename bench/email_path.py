"""Where a confirmation e-mail's CPU goes in the worker: `python bench/email_path.py`.

Against a throw-away Postgres database (created if missing, migrated, the demo campaign
loaded) with Django's dummy mail backend, in this process:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mdl_email_bench \\
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/email_path.py

Queues --emails confirmations (one signature each, over the ten petitions, as sign-one
does), sends them in the outbox's chunks (--chunk, the sweep's by default) as a worker does, and prints: statements
per chunk, CPU and wall time per e-mail (half of them, unprofiled), then a profile of
the other half (CPU time, by cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.inprocess import demo_database  # sets the environment, first

os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--emails", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=30, help="of the profile")
    parser.add_argument("--chunk", type=int, help="e-mails per task (default: the sweep's)")
    args = parser.parse_args()

    demo_database()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from marathon.outbox import services
    from marathon.outbox.models import Email
    from petitions.models import Petition
    from petitions.services import signature_create

    args.chunk = args.chunk or services.CHUNK
    petitions = list(Petition.objects.all()[:10])
    Email.objects.filter(sent_at__isnull=True).delete()
    run = time.time_ns()
    with translation.override("fr"):
        for n in range(args.emails + args.chunk):
            signature_create(
                petitions=[petitions[n % len(petitions)]], first_name="Léa", last_name="Dupont",
                email=f"email-path-{run}-{n}@example.be", postcode="1050", country="BE", news_opt_in=False,
            )  # fmt: skip
    ids = list(Email.objects.filter(sent_at__isnull=True).order_by("pk").values_list("pk", flat=True))
    chunks = [ids[start : start + args.chunk] for start in range(0, len(ids), args.chunk)]

    with CaptureQueriesContext(connection) as queries:  # the first also warms the process
        services.outbox_emails_send(email_ids=chunks[0])
    print(f"{len(queries.captured_queries)} statements for a chunk of {args.chunk}")
    half = len(chunks[1:]) // 2
    timed, profiled = chunks[1 : 1 + half], chunks[1 + half :]
    cpu, wall = time.process_time(), time.perf_counter()
    for chunk in timed:
        services.outbox_emails_send(email_ids=chunk)
    sent = sum(map(len, timed))
    print(
        f"{(time.process_time() - cpu) / sent * 1000:.2f} ms CPU, "
        f"{(time.perf_counter() - wall) / sent * 1000:.2f} ms wall per e-mail ({sent} e-mails)"
    )
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for chunk in profiled:
        services.outbox_emails_send(email_ids=chunk)
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.lines)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
