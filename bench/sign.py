"""Signing under load: the web server on Postgres and Redis, many clients over loopback.

    .venv/bin/python -m bench.sign                      # the default scenarios
    .venv/bin/python -m bench.sign --rate 400 --seconds 30 --workers 5

It (re)creates a throw-away database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/mdl_petitions_bench), migrates it, loads the demo
campaign, empties the petitions tables and Redis database BENCH_REDIS_URL (default
redis://127.0.0.1:6379/12), then starts the web server as production does (`python -m
marathon.serve`) with DEBUG off and the rate limits
raised (everything comes from one address here). No Celery worker or beat runs:
confirmation e-mails wait in the outbox table; the web side is what is measured (`make
bench` runs a worker too).

Every simulated supporter does what a browser does: GET the sign page (it gets the CSRF
cookie and the form's token), then POST the form, and expects the redirect to the
"check your mailbox" page. Scenarios:

- ``open``: supporters arrive at a fixed rate (--rate per second) on random petitions;
- ``same``: 64 supporters sign the same petition again and again, as fast as they can;
- ``same-open``: supporters arrive at --rate, all on the same petition.

For each: signatures/s, p50/p99 latency of the POST, of the GET and of the whole
signature (GET + POST), errors, the stored count checked against the number of
signatures the site acknowledged (a 302), and the CPU time per signature of the web
server, the bench database's Postgres backends, Redis and this load generator.

Figures of 2026-12-05 (2 cores, nothing else running, the box at its usual speed: a
pure-Python loop of 10 million additions in 0.74-0.89 s), zero lost and zero errors in every run:

- 330 supporters/s arriving on the ten petitions: all served in 11 runs of 11, POST p99 4-26 ms.
- 330/s arriving on one petition: all served in 9 runs of 9, POST p99 6-24 ms.
- 64 supporters on one petition, closed loop: 611-717 signatures/s, POST p99 78-105 ms.
- CPU per signature: 3.0-4.3 ms arriving (web 2.2-3.2, Postgres 0.4-0.6, Redis 0.1, this
  load generator 0.3-0.5), 2.7-3.1 ms in the closed loop. The evening's code (fd8177c),
  alternated: 4.6-4.9 ms, POST p99 47-55 ms at 330 arriving, 481-488/s for the 64.
- Above the target (one run each, on the ten petitions / on one): 450/s all served, p99
  214 / 34 ms; 550/s, 530 / 550 served; 650/s, 644 / 639 served, p99 over 150 ms.

Figures of 2026-12-04 evening (2 cores, nothing else running, granian 2 processes x 4
threads, `marathon/serve.py`'s defaults), zero lost and zero errors in every run:

- 330 supporters/s arriving on the ten petitions, each on a new connection: all served in
  9 runs of 15, POST p99 31-96 ms in six of them, 163-214 ms in three; in the other six
  the VM ran slow (275-311/s served, p99 over a second).
- 330/s arriving on one petition: POST p99 38, 64 and 100 ms in three runs of four.
- 64 supporters on one petition, closed loop: 270-478 signatures/s, POST p99 133-210 ms
  (a closed loop queues: GET + POST p50 ~150 ms).
- CPU per signature (printed with each scenario): web 3.1-3.7 ms, Postgres 0.9-1.1 ms,
  Redis 0.1 ms, this load generator 0.3 (closed loop) to 0.6 ms (a new connection per
  supporter): 5.0-5.5 ms, so two idle cores top out at 360-400/s, 10-20 % above the
  target; the p99 target needs more headroom than that.
- The same runs with gunicorn (5 gthread workers x 4 threads), alternated: web 4.8-6.1 ms
  per signature, 232-292/s served of 330 arriving, 244-308/s for 64 on one petition.

Late evening of 2026-12-04, on a box about 3.5 times slower than in the evening (so only
ratios count), the code before and after signing became one round trip
(petitions_signature_request) and the middleware lighter, runs alternated: CPU per
signature 16.8-17.0 -> 13.4-13.7 ms for 64 on one petition, 18.3-19.9 -> 14.2-16.7 ms
arriving on the ten; web -15 %, Postgres -50 % (3.0 -> 1.5 ms).

Where the web's CPU went before those changes (py-spy, samples holding the GIL): Django's request cycle and
middleware ~35 %, the sign view ~34 % (signature_create 15 %, of which psycopg quoting the
parameters on the client 7 %; the rate limiter 5 %; the form 8 %), the page-cache lookup
7 %, granian's own work ~9 %.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from bench import client, cpu
from bench.client import TOKEN_RE, Connection

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mdl_petitions_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")


def site_env(port: int, workers: int | None, threads: int | None) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marathon.settings",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "bench",
        "CELERY_QUEUE": "bench-petitions",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
        # No connection is recycled during a run: a Postgres backend that exits takes its
        # CPU time out of the count (the default, 60 s, recycles them in the third scenario).
        "DB_CONN_MAX_AGE": "3600",
        "VAR_DIR": str(ROOT / "var" / "bench"),
        "PETITIONS_RATE_PER_IP": "100000000/60",
        "PETITIONS_RATE_PER_EMAIL": "1000/60",
        "KIT_ORDERS_RATE_PER_IP": "100000000/60",
        "KIT_ORDERS_RATE_PER_EMAIL": "1000/60",
        "GRANIAN_PORT": str(port),
    }
    if workers:
        env["GRANIAN_WORKERS"] = str(workers)
    if threads:
        env["GRANIAN_BLOCKING_THREADS"] = str(threads)
    return env


def prepare(env: dict[str, str]) -> None:
    import psycopg
    import redis
    from psycopg import sql

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
        subprocess.run(
            [PYTHON, "manage.py", *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    with psycopg.connect(DATABASE_URL, autocommit=True) as conn:
        conn.execute("TRUNCATE petitions_signature, outbox_email, petitions_countdelta, petitions_signer")
        conn.execute("UPDATE petitions_petitiontally SET confirmed = 0")
    redis.Redis.from_url(REDIS_URL).flushdb()
    # Static files come from the source folders (STATIC_MANIFEST=0); an empty STATIC_ROOT
    # only spares each web process WhiteNoise's warning that it is missing.
    (Path(env["VAR_DIR"]) / "staticfiles").mkdir(parents=True, exist_ok=True)


def petition_ids() -> list[int]:
    import psycopg

    with psycopg.connect(DATABASE_URL) as conn:
        rows = conn.execute(
            "SELECT p.id FROM petitions_petition p JOIN cases_case c ON c.id = p.case_id "
            "JOIN cases_campaign g ON g.id = c.campaign_id WHERE g.is_current AND p.is_open ORDER BY c.order"
        ).fetchall()
    return [row[0] for row in rows]


def stored_signatures(prefix: str) -> tuple[int, int]:
    """(signatures, distinct signers) whose address starts with prefix."""
    import psycopg

    with psycopg.connect(DATABASE_URL) as conn:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT s.signer_id) FROM petitions_signature s "
            "JOIN petitions_signer r ON r.id = s.signer_id WHERE r.email_canonical LIKE %s",
            [prefix + "%"],
        ).fetchone()
    return row[0], row[1]


@dataclass
class Results:
    sent: int = 0  # acknowledged by the site (302)
    errors: dict[str, int] = field(default_factory=dict)
    get_ms: list[float] = field(default_factory=list)
    post_ms: list[float] = field(default_factory=list)
    sign_ms: list[float] = field(default_factory=list)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def sign_once(port: int, petition: int, email: str, results: Results, conn: Connection) -> None:
    path = f"/fr/petitions/{petition}/signer/"
    start = time.perf_counter()
    try:
        status, headers, body = await conn.request("GET", path, {"Accept": "text/html"})
        got = time.perf_counter()
        if status != 200:
            results.error(f"GET {status}")
            return
        cookie = next(
            (v.split(";", 1)[0] for k, v in headers if k == "set-cookie" and v.startswith("csrftoken=")), ""
        )
        token = TOKEN_RE.search(body)
        if not cookie or not token:
            results.error("no CSRF token")
            return
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "first_name": "Bench",
                "last_name": "Mark",
                "email": email,
                "postcode": "1050",
                "country": "BE",
            }
        ).encode()
        status, headers, _body = await conn.request(
            "POST",
            path,
            {
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{port}{path}",
            },
            form,
        )
        done = time.perf_counter()
    except (OSError, asyncio.IncompleteReadError, ValueError) as error:
        results.error(type(error).__name__)
        await conn.close()
        return
    if status != 302:
        results.error(f"POST {status}")
        return
    results.sent += 1
    results.get_ms.append((got - start) * 1000)
    results.post_ms.append((done - got) * 1000)
    results.sign_ms.append((done - start) * 1000)


async def open_loop(port, petitions, rate, seconds, prefix, results, max_in_flight=512):
    """Supporters arrive every 1/rate s whatever happens to the earlier ones."""
    in_flight: set[asyncio.Task] = set()
    start = time.perf_counter()
    n = 0
    while (elapsed := time.perf_counter() - start) < seconds:
        due = start + n / rate
        if due > time.perf_counter():
            await asyncio.sleep(due - time.perf_counter())
        if len(in_flight) >= max_in_flight:
            results.error("client saturated")
        else:
            conn = Connection(port)

            async def one(n=n, conn=conn):
                await sign_once(
                    port, random.choice(petitions), f"{prefix}{n}@bench-marathon.be", results, conn
                )
                await conn.close()

            task = asyncio.create_task(one())
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
        n += 1
    if in_flight:
        await asyncio.gather(*in_flight)
    return time.perf_counter() - start, elapsed


async def closed_loop(port, petitions, users, seconds, prefix, results):
    """`users` supporters each signing again as soon as the last one is acknowledged."""
    start = time.perf_counter()

    async def user(u: int) -> None:
        conn = Connection(port)
        i = 0
        while time.perf_counter() - start < seconds:
            await sign_once(
                port, random.choice(petitions), f"{prefix}{u}-{i}@bench-marathon.be", results, conn
            )
            i += 1
        await conn.close()

    await asyncio.gather(*(user(u) for u in range(users)))
    return time.perf_counter() - start, seconds


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cpu_snapshot(server: int) -> dict[str, dict[int, float]]:
    found = cpu.processes()
    return {
        "web": cpu.tree(found, server),
        "postgres": cpu.postgres_backends(found, DATABASE_URL.rsplit("/", 1)[1]),
        "redis": cpu.redis_servers(found),
        "load generator": {os.getpid(): time.process_time()},
    }


def report(name: str, results: Results, wall: float, prefix: str, used: dict[str, float]) -> bool:
    time.sleep(0.5)  # let the last transactions land
    stored, signers = stored_signatures(prefix)
    lost = results.sent - stored
    print(f"\n== {name}")
    print(
        f"   signatures acknowledged : {results.sent} in {wall:.1f} s = {results.sent / wall:.0f} signatures/s"
    )
    for label, values in (("POST", results.post_ms), ("GET", results.get_ms), ("GET+POST", results.sign_ms)):
        print(
            f"   {label:<9} latency ms   : p50 {percentile(values, 50):6.1f}   p99 {percentile(values, 99):6.1f}"
            f"   max {max(values, default=float('nan')):6.1f}"
        )
    print(f"   errors                  : {sum(results.errors.values())} {results.errors or ''}")
    print(f"   stored in Postgres      : {stored} signatures from {signers} signers; lost: {lost}")
    per_signature = {part: seconds * 1000 / max(results.sent, 1) for part, seconds in used.items()}
    total = sum(per_signature.values())
    print(
        "   CPU ms per signature    : "
        + "  ".join(f"{part} {ms:.1f}" for part, ms in per_signature.items())
        + f"  = {total:.1f}, at most {1000 * os.cpu_count() / total:.0f}/s on {os.cpu_count()} idle cores"
    )
    return lost == 0 and not results.errors


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8300)
    parser.add_argument(
        "--workers", type=int, default=None, help="web processes (default: marathon/serve.py)"
    )
    parser.add_argument(
        "--threads", type=int, default=None, help="threads per web process (default: marathon/serve.py)"
    )
    parser.add_argument(
        "--rate", type=float, default=330, help="arrivals per second in the open-loop scenarios"
    )
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--users", type=int, default=64, help="supporters in the same-petition scenario")
    parser.add_argument(
        "--scenarios", default="open,same,same-open", help="comma-separated: open, same, same-open"
    )
    parser.add_argument("--keep", action="store_true", help="leave the web server running (for a profiler)")
    args = parser.parse_args()

    env = site_env(args.port, args.workers, args.threads)
    prepare(env)
    petitions = petition_ids()
    from marathon.serve import DEFAULTS

    print(
        f"{len(petitions)} petitions; granian (marathon.serve) on port {args.port},"
        f" {env.get('GRANIAN_WORKERS', DEFAULTS['GRANIAN_WORKERS'])} processes"
        f" x {env.get('GRANIAN_BLOCKING_THREADS', DEFAULTS['GRANIAN_BLOCKING_THREADS'])} threads;"
        f" {os.cpu_count()} CPUs shared with this load generator"
    )
    server = subprocess.Popen(
        [PYTHON, "-m", "marathon.serve"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    ok = True
    try:
        client.run(wait_until_up(args.port, petitions[0]))
        client.run(warm_up(args.port, petitions))
        run = f"b{int(time.time())}"
        for scenario in args.scenarios.split(","):
            results = Results()
            # The dot ends the scenario's name: "same" must not count the addresses of "same-open".
            prefix = f"{run}-{scenario}."
            cpu_before = cpu_snapshot(server.pid)
            if scenario == "open":
                wall, _ = client.run(
                    open_loop(args.port, petitions, args.rate, args.seconds, prefix, results)
                )
                title = f"{args.rate:.0f} supporters/s arriving on the ten petitions, {args.seconds:.0f} s"
            elif scenario == "same":
                wall, _ = client.run(
                    closed_loop(args.port, petitions[:1], args.users, args.seconds, prefix, results)
                )
                title = f"{args.users} supporters signing the same petition as fast as they can, {args.seconds:.0f} s"
            elif scenario == "same-open":
                wall, _ = client.run(
                    open_loop(args.port, petitions[:1], args.rate, args.seconds, prefix, results)
                )
                title = f"{args.rate:.0f} supporters/s arriving on the same petition, {args.seconds:.0f} s"
            else:
                parser.error(f"unknown scenario {scenario}")
            ok &= report(title, results, wall, prefix, cpu.used(cpu_before, cpu_snapshot(server.pid)))
        if args.keep:
            print(f"\nthe web server is still running (pid {server.pid}); Ctrl-C to stop")
            server.wait()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()  # the cached pages and rate-limit counters
    return 0 if ok else 1


async def wait_until_up(port: int, petition: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        conn = Connection(port)
        try:
            status, _h, _b = await conn.request("GET", f"/fr/petitions/{petition}/signer/", {})
            if status == 200:
                return
        except OSError:
            pass
        finally:
            await conn.close()
        await asyncio.sleep(0.2)
    raise SystemExit("the web server did not start")


async def warm_up(port: int, petitions: list[int]) -> None:
    # Every worker loads templates and opens its connections before the clock starts.
    results = Results()
    await asyncio.gather(
        *(
            sign_once(
                port,
                petitions[n % len(petitions)],
                f"warmup-{n}@bench-marathon.be",
                results,
                Connection(port),
            )
            for n in range(40)
        )
    )


if __name__ == "__main__":
    sys.exit(main())
