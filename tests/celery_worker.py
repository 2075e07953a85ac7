"""The command line of the Celery workers that tests start (tests/conftest.py, tests/faults)."""

from __future__ import annotations

import sys
from pathlib import Path


def worker_command(*, queues: str = "", beat_schedule: Path | None = None) -> list[str]:
    """`celery worker` as production runs it, in one solo process to keep the test light.

    With beat_schedule it runs beat too, as `make run` does, so periodic tasks (the
    outbox sweep that hands out confirmation e-mails, the counts' roll-up) come by themselves.
    """
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "marathon",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
    ]
    if queues:
        command += ["-Q", queues]
    if beat_schedule:
        command += ["--beat", "--schedule", str(beat_schedule)]
    return command
