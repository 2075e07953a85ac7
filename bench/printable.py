"""Printable kits: render times, worker memory and downloads per second.

Run from the repository root, with Postgres and Redis up:

    .venv/bin/python bench/printable.py

It loads the demo campaign (ten cases) into its own database, collects the static
files (hashed, as in production), then measures:

1. the render time of the full kit and of one fact sheet (in this process);
2. the peak memory (VmHWM) of a real Celery worker making all 31 documents;
3. downloads per second of the ready full-kit PDF through the web server as production
   runs it (`python -m marathon.serve`), with a few concurrent keep-alive clients on this
   machine: `wrk` when it is installed (`apt-get install wrk`), Python threads always, and
   the web server's CPU time per download,
   which says what two idle cores would do when other work shares the machine.

Targets on a 2-core machine: full kit < 3 s, fact sheet < 0.5 s, worker < 300 MB,
at least 200 downloads/s. Environment: BENCH_DATABASE_URL, BENCH_REDIS_URL,
BENCH_PORT (8400), BENCH_SECONDS (10 per concurrency level), BENCH_CONCURRENCY ("8,32").
Every loop is bounded in count and time; all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import io
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mdl_printable_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
PORT = int(os.environ.get("BENCH_PORT", "8400"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CONCURRENCY = [int(n) for n in os.environ.get("BENCH_CONCURRENCY", "8,32").split(",")]
VAR = ROOT / "var" / "bench-printable"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "marathon.settings",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    # Its own queue and cache keys, so tests running on the same Redis are not disturbed.
    "CELERY_QUEUE": "bench-printable",
    "CACHE_KEY_PREFIX": "bench-printable",
    "MEDIA_ROOT": str(VAR / "media"),
    "STATIC_ROOT": str(VAR / "static"),
    "STATIC_MANIFEST": "1",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    "LOG_LEVEL": "WARNING",
    "SERVE_MEDIA": "0",
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)


def prepare() -> None:
    # A fresh database and media folder each run: the bench's own, never the site's.
    url = urlsplit(DATABASE_URL)
    where = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    subprocess.run(["dropdb", "--if-exists", *where, url.path.lstrip("/")], check=True)
    subprocess.run(["createdb", *where, url.path.lstrip("/")], check=True)
    shutil.rmtree(VAR / "media", ignore_errors=True)
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage("seed_demo")


def summary(times: list[float]) -> str:
    return f"min {min(times):.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s"


def bench_renders(campaign) -> None:
    from pypdf import PdfReader

    from kits import printing

    specs = printing.campaign_specs(campaign, "fr")
    full_kit, fact_sheet = specs[0], specs[1]
    start = time.perf_counter()
    pdf = printing.render_document(full_kit)
    print(f"first render in this process (fonts, thumbnails): {time.perf_counter() - start:.2f} s")
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"full kit: {len(full_kit.cases)} cases, {pages} pages, {len(pdf) / 1024:.0f} KiB")
    kit_times, sheet_times = [], []
    for _ in range(5):
        start = time.perf_counter()
        printing.render_document(full_kit)
        kit_times.append(time.perf_counter() - start)
    for _ in range(20):
        start = time.perf_counter()
        printing.render_document(fact_sheet)
        sheet_times.append(time.perf_counter() - start)
    print(f"full kit render   ({len(kit_times)}×): {summary(kit_times)}   target < 3 s")
    print(f"fact sheet render ({len(sheet_times)}×): {summary(sheet_times)}   target < 0.5 s")


def bench_worker(campaign) -> None:
    from kits.models import PrintableDocument
    from kits.printables import printable_documents_of_campaign
    from marathon.celery import app

    PrintableDocument.objects.all().delete()
    shutil.rmtree(VAR / "media" / "printables", ignore_errors=True)
    app.control.purge()
    log = VAR / "worker.log"
    command = [PYTHON, "-m", "celery", "-A", "marathon", "worker", "--pool=solo", "--without-gossip",
               "--without-mingle", "--loglevel=INFO"]  # fmt: skip
    with log.open("w") as out:
        worker = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text():
            if time.monotonic() > deadline or worker.poll() is not None:
                raise SystemExit("the worker did not start:\n" + log.read_text())
            time.sleep(0.2)
        idle_rss = _memory(worker.pid)["VmRSS"]
        start = time.perf_counter()
        documents = printable_documents_of_campaign(campaign=campaign, language="fr")
        deadline = time.monotonic() + 300
        while PrintableDocument.objects.filter(status="ready").count() < len(documents):
            if time.monotonic() > deadline:
                raise SystemExit("the worker did not make every document in 5 minutes")
            time.sleep(0.2)
        elapsed = time.perf_counter() - start
        memory = _memory(worker.pid)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print(f"worker made {len(documents)} documents in {elapsed:.1f} s")
    print(
        f"worker memory: {idle_rss / 1024:.0f} MB idle, {memory['VmRSS'] / 1024:.0f} MB after, "
        f"peak {memory['VmHWM'] / 1024:.0f} MB   target < 300 MB"
    )


def _memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak resident set) of a process, in KiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = int(rest.split()[0])
    return values


def bench_downloads(campaign) -> None:
    from kits import printing
    from kits.models import PrintableDocument

    spec = printing.campaign_specs(campaign, "fr")[0]
    document = PrintableDocument.objects.get(content_hash=spec.content_hash, status="ready")
    url = document.get_absolute_url()
    log = (VAR / "web.log").open("w")
    server = subprocess.Popen(
        [PYTHON, "-m", "marathon.serve"],
        cwd=ROOT, env={**ENV, "GRANIAN_PORT": str(PORT)}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_for_server(url, document.size)
        from marathon.serve import DEFAULTS

        settings = {
            name: os.environ.get(name, DEFAULTS[name])
            for name in ("GRANIAN_WORKERS", "GRANIAN_BLOCKING_THREADS")
        }
        print(
            f"granian on 127.0.0.1:{PORT}: processes {settings['GRANIAN_WORKERS']}, threads {settings['GRANIAN_BLOCKING_THREADS']}"
        )
        print(f"downloads of the ready full kit ({document.size / 1024:.0f} KiB, {url}):")
        wrk = shutil.which("wrk")
        for concurrency in CONCURRENCY:
            _load(url, document.size, concurrency, duration=2)  # warm up every worker
            if wrk:
                # A C load generator leaves more of the two cores to the web server than Python threads do.
                cpu_before = _cpu_seconds(server.pid)
                report, count = _wrk(wrk, url, concurrency)
                per_download = (_cpu_seconds(server.pid) - cpu_before) / max(count, 1) * 1000
                print(
                    f"wrk, {concurrency} connections: {report}; web server CPU {per_download:.1f} ms per download "
                    f"(about {os.cpu_count() * 1000 / per_download:.0f}/s with the {os.cpu_count()} cores to itself)"
                    "   target ≥ 200/s"
                )
            done, errors, latencies, elapsed = _load(url, document.size, concurrency, duration=SECONDS)
            rate = done / elapsed
            print(
                f"Python clients, {concurrency} threads: "
                f"{rate:.0f}/s, {rate * document.size / 1_048_576:.0f} MiB/s, "
                f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
                f"p95 {statistics.quantiles(latencies, n=20)[-1] * 1000:.0f} ms, errors {errors}"
                "   target ≥ 200/s"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wrk(wrk: str, url: str, concurrency: int) -> tuple[str, int]:
    result = subprocess.run(
        [wrk, "-t2", f"-c{concurrency}", f"-d{SECONDS:.0f}s", "--latency", f"http://127.0.0.1:{PORT}{url}"],
        capture_output=True, text=True, timeout=SECONDS + 30,
    )  # fmt: skip
    out = result.stdout.splitlines()
    lines = {line.split(":")[0].strip(): line for line in out if ":" in line}
    if "Requests/sec" not in lines:
        raise SystemExit("wrk failed:\n" + result.stdout + result.stderr)
    rate = float(lines["Requests/sec"].split(":")[1])
    errors = lines.get("Non-2xx or 3xx responses", ":0").split(":")[1].strip()
    count = int(next(line for line in out if "requests in" in line).split()[0])
    p50 = next((line.split()[1] for line in out if line.strip().startswith("50%")), "?")
    p99 = next((line.split()[1] for line in out if line.strip().startswith("99%")), "?")
    return f"{rate:.0f}/s, p50 {p50}, p99 {p99}, non-2xx {errors}", count


def _cpu_seconds(master: int) -> float:
    """User + system CPU time of the web server's main process and its workers."""
    from bench import cpu

    return sum(cpu.tree(cpu.processes(), master).values())


def _wait_for_server(url: str, size: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if _get(http.client.HTTPConnection("127.0.0.1", PORT, timeout=5), url) == size:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the web server did not answer:\n" + (VAR / "web.log").read_text())


def _get(connection: http.client.HTTPConnection, url: str) -> int:
    connection.request("GET", url)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise OSError(f"HTTP {response.status}")
    if response.will_close:
        connection.close()
    return len(body)


def _load(url: str, size: int, concurrency: int, duration: float):
    """Clients that download the file again and again for `duration` seconds."""
    stop = time.monotonic() + duration
    latencies: list[float] = []
    errors = [0]

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                ok = _get(connection, url) == size
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
            if ok:
                latencies.append(time.perf_counter() - start)
            else:
                errors[0] += 1
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), errors[0], latencies, time.perf_counter() - began


def main() -> None:
    VAR.mkdir(parents=True, exist_ok=True)
    prepare()
    import django

    django.setup()
    from cases.models import Campaign

    campaign = Campaign.objects.current()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    bench_renders(campaign)
    bench_worker(campaign)
    bench_downloads(campaign)


if __name__ == "__main__":
    main()
