from __future__ import annotations

import pytest
from django.core.cache import cache, caches

from marathon import share
from marathon.celery import app as celery_app
from marathon.lib import kept
from tests.celery_worker import worker_command
from tests.factories import make_campaign, make_case


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Tests change rows between two GETs of a page; the page cache has its own tests
    # (tests/marathon/test_page_cache.py), which turn it back on.
    settings.PAGE_CACHE_SECONDS = 0
    # WhiteNoise looks static files up when asked instead of listing all 400 of them each
    # time a test client loads the middleware (0.16 s per client, minutes per run).
    settings.WHITENOISE_AUTOREFRESH = True
    # Many tests make staff users: Django's PBKDF2 (a million rounds) costs ~0.3 s a
    # password here. These tests are about permissions, not the strength of a hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    caches["thumbnails"].clear()  # each test has its own media
    # What each process keeps a few seconds (the counts, the current campaign, the open
    # petitions, cached pages) would outlive a test's rows; the share cards' addresses too.
    kept.forget_all()
    share.forget()
    yield
    cache.clear()
    kept.forget_all()
    share.forget()


@pytest.fixture(autouse=True)
def _eager_celery():
    """Unit tests run tasks in-process; tests about the queue start a real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def campaign(db):
    return make_campaign()


@pytest.fixture
def case(campaign):
    return make_case(campaign=campaign)


def login_with_second_factor(client, user):
    """Log a staff member in as if they had typed their password and a TOTP code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.org", "a-long-password-42")
    return login_with_second_factor(client, user)


def database_url_for_processes() -> str:
    """The test database, for the processes a test starts (Celery workers, the web server)."""
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker_process(transactional_db, settings, tmp_path):
    """A real Celery worker process on the real Redis, reading the test database.

    Tests that use it commit their data (transactional_db) so the worker sees it.
    E-mails the worker sends are written as files in `worker_process.mail_dir`.
    Periodic tasks only run when the test sends them, as beat would.
    """
    yield from _celery_worker(settings, tmp_path, beat=False)


@pytest.fixture
def worker_with_beat(transactional_db, settings, tmp_path):
    """The same worker with beat in it, as `make run` starts it: periodic tasks run too."""
    yield from _celery_worker(settings, tmp_path, beat=True)


def _celery_worker(settings, tmp_path, *, beat: bool):
    import contextlib
    import os
    import signal
    import subprocess
    import time
    from pathlib import Path

    if not settings.REDIS_URL:
        pytest.fail("worker_process needs REDIS_URL (make test sets it)")

    mail_dir = tmp_path / "worker-mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_processes(),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "DJANGO_SETTINGS_MODULE": "marathon.settings",
    }
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        worker_command(beat_schedule=tmp_path / "beat-schedule" if beat else None),
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parents[1],
        start_new_session=True,  # its group holds the embedded beat's process too
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if "ready." in (tmp_path / "worker.log").read_text():
            break
        if process.poll() is not None:
            pytest.fail((tmp_path / "worker.log").read_text())
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the Celery worker did not start:\n" + (tmp_path / "worker.log").read_text())

    process.mail_dir = mail_dir
    process.log_path = tmp_path / "worker.log"
    yield process

    process.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    log.close()
    celery_app.control.purge()
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def production_web(transactional_db, settings, tmp_path):
    """Start the site as production serves it (`python -m marathon.serve`: granian, DEBUG
    off) on the test database and Redis; call it with extra environment variables.

    Tests that use it commit their data (transactional_db) so the server sees it. It shares
    this process's environment (SECRET_KEY included) with the Celery workers tests start,
    as production's processes share theirs: links signed by one are valid for the other.
    """
    import os

    from tests.faults.stack import Web

    if not settings.REDIS_URL:
        pytest.fail("production_web needs REDIS_URL (make test sets it)")
    started = []

    def start(**extra: str) -> Web:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marathon.settings",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url_for_processes(),
            "REDIS_URL": settings.REDIS_URL,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "VAR_DIR": str(tmp_path / "var"),
            "STATIC_MANIFEST": "0",
            "LOG_LEVEL": "WARNING",
            **extra,
        }
        server = Web(env, tmp_path, workers=1, threads=2)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()
    for server in started:
        assert "Traceback" not in server.log(), server.log()


def wait_for(condition, timeout: float = 20.0, interval: float = 0.2):
    """Poll until condition() is truthy; return its value or fail the test."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout}s")
