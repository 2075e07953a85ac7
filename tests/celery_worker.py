"""The Celery workers that tests start (tests/conftest.py, tests/faults): how, and what they mail."""

from __future__ import annotations

import sys
from pathlib import Path


def worker_command(*, beat_schedule: Path | None = None, prefork: bool = False) -> list[str]:
    """`celery worker` as production runs it, in one solo process to keep the test light,
    or with prefork's two child processes as deploy/systemd runs it.

    No -Q: like a production worker it reads every queue in its settings' task_queues.
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
        *(["--pool=prefork", "--concurrency=2"] if prefork else ["--pool=solo", "--concurrency=1"]),
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
    ]
    if beat_schedule:
        command += ["--beat", "--schedule", str(beat_schedule)]
    return command


def written_mails(folder: Path) -> list[str]:
    """The e-mails Django's file backend has finished writing into folder.

    It writes one file per connection (a chunk of e-mails shares one), each message
    followed by a line of dashes: what comes after the last such line is being written.
    """
    finished = []
    if not folder.exists():
        return finished
    for path in sorted(folder.iterdir()):
        *done, _being_written = path.read_text(errors="replace").split("-" * 79 + "\n")
        finished += done
    return finished
