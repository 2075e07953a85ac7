"""Fixtures of the fault tests: every service is a real process of its own, on a free port.

Run with `make test-faults`. The throwaway Postgres cluster is made once per session
(initdb, migrate, a campaign); each test gets an empty Redis and empty tables.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.faults.stack import Postgres, Redis, Web, Worker, manage, site_env

# Tables a test fills; the campaign, cases and petitions stay.
FILLED_TABLES = (
    "outbox_email, petitions_signature, petitions_signer, petitions_countdelta, "
    "kits_kitorder, kits_labelbatch, kits_printabledocument, tally_handover, cases_embassy, "
    "marathon_personaldatarequest, django_session"
)


@pytest.fixture(scope="session")
def pg():
    postgres = Postgres()
    try:
        postgres.init()
        env = site_env(pg=postgres, redis_url="", workdir=postgres.dir)
        manage(env, "migrate", "--noinput")
        seeded = manage(env, "shell", "-c", "from tests.faults.seed import seed; seed()")
        postgres.seed = json.loads(seeded.strip().splitlines()[-1])
        yield postgres
    finally:
        postgres.destroy()


@pytest.fixture
def workdir():
    # Not pytest's tmp_path: the site's processes and their files are easier to read in one place.
    path = Path(tempfile.mkdtemp(prefix="mdl-faults-"))
    (path / "mail").mkdir()
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def redis_server(workdir):
    server = Redis(workdir)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def stack(pg, redis_server, workdir):
    """Empty tables, and helpers to start the site's processes; all stopped at the end."""
    with pg.connect() as conn:
        conn.execute(f"TRUNCATE {FILLED_TABLES} CASCADE")
    started: list = []

    class Stack:
        postgres = pg
        redis = redis_server
        folder = workdir
        seed = pg.seed
        mail_dir = workdir / "mail"

        @staticmethod
        def env(**extra: str) -> dict[str, str]:
            return site_env(pg=pg, redis_url=redis_server.url, workdir=workdir, **extra)

        @classmethod
        def site(cls, **extra: str) -> Web:
            server = Web(cls.env(**extra), workdir)
            started.append(server)
            server.start()
            return server

        @classmethod
        def worker(
            cls, *, wait_ready: bool = True, beat: bool = False, prefork: bool = False, **extra: str
        ) -> Worker:
            worker = Worker(cls.env(**extra), workdir, beat=beat, prefork=prefork)
            started.append(worker)
            return worker.start(wait_ready=wait_ready)

    yield Stack
    for process in reversed(started):
        process.stop()
