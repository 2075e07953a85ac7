"""Real processes for the fault tests: a throwaway Postgres and Redis, the web server, Celery.

Nothing here touches the machine's own Postgres or Redis: every service runs on a free
port, from a temporary directory, and is stopped by the test that started it.
"""

from __future__ import annotations

import contextlib
import email
import errno
import glob
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import redis

from tests.celery_worker import worker_command, written_mails

ROOT = Path(__file__).resolve().parents[2]
QUEUE = "marathon"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, *, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"{what}: not met within {timeout}s")


def _stop(process: subprocess.Popen | None, *, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


# --- Postgres --------------------------------------------------------------------------


def _postgres_bin() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if not found:
        raise RuntimeError("initdb not found: install postgresql (the CI script does)")
    return Path(found).parent


class Postgres:
    """A cluster of its own in a temporary directory, trust auth on 127.0.0.1 only.

    initdb refuses to run as root: as root, the cluster belongs to the postgres user.
    """

    def __init__(self) -> None:
        self.bin = _postgres_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="mdl-faults-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/marathon"

    def _run(self, program: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, cwd=self.dir, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed:\n{result.stdout}\n{result.stderr}\n{self.log()}")
        return result

    def init(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        self.start()
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE marathon")

    @property
    def admin_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            "-c fsync=off -c full_page_writes=off -c max_connections=100 "
            # Notice a client that died while its statement waits (as a killed worker).
            "-c client_connection_check_interval=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "postgres.log"),
            "-o",
            options,
            "-w",
            "-t",
            "30",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def log(self) -> str:
        path = self.dir / "postgres.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.url, autocommit=True)

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        with self.connect() as conn:
            return conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: tuple | dict = ()):
        return self.query(sql, params)[0][0]


# --- Redis -------------------------------------------------------------------------------


class Redis:
    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = open(self.workdir / f"redis-{self.port}.log", "ab")  # noqa: SIM115 (the process owns it)
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.workdir,
        )
        log.close()
        wait_until(self.is_up, timeout=10, what="redis-server up")

    def is_up(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.2).ping())
        except redis.RedisError:
            return False

    def stop(self, *, keep_data: bool = False) -> None:
        """Stopped as systemd stops it; with keep_data it saves its data first and loads
        it when it starts again (a production Redis that persists its queues)."""
        if keep_data:
            with contextlib.suppress(redis.ConnectionError):  # the answer to SHUTDOWN is none
                redis.Redis(port=self.port).shutdown(save=True)
            self.process.wait(timeout=15)
        _stop(self.process)
        self.process = None

    def flush(self) -> None:
        redis.Redis(port=self.port).flushall()


# --- The site: the web server and Celery workers ----------------------------------------------------


def site_env(*, pg: Postgres, redis_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of a production-like process of the site, on the throwaway services."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_CURRENT_TEST", "PYTEST_XDIST_WORKER"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "marathon.settings",
            "DEBUG": "0",
            "DATABASE_URL": pg.url,
            "REDIS_URL": redis_url,
            "CELERY_QUEUE": QUEUE,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(workdir / "mail"),
            "VAR_DIR": str(workdir / "var"),
            "MEDIA_ROOT": str(workdir / "media"),
            "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
            "STATIC_MANIFEST": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECRET_KEY": "faults-test-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
            # One address sends everything: the abuse limits are not under test here.
            "PETITIONS_RATE_PER_IP": "1000000/60",
            "PETITIONS_RATE_PER_EMAIL": "1000000/60",
            "KIT_ORDERS_RATE_PER_IP": "1000000/60",
            "KIT_ORDERS_RATE_PER_EMAIL": "1000000/60",
            "PERSONAL_DATA_RATE_PER_EMAIL": "1000000/60",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Web:
    """The web process as production runs it (`python -m marathon.serve`)."""

    def __init__(self, env: dict[str, str], workdir: Path, *, workers: int = 2, threads: int = 5) -> None:
        self.port = free_port()
        self.env = {
            **env,
            "GRANIAN_PORT": str(self.port),
            "GRANIAN_WORKERS": str(workers),
            "GRANIAN_BLOCKING_THREADS": str(threads),
        }
        self.log_path = workdir / f"web-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 (the process owns it)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "marathon.serve"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

        def answers() -> bool:
            if self.process.poll() is not None:
                raise AssertionError("the web server exited:\n" + self.log())
            try:
                return Browser(self.port).get("/robots.txt").status == 200
            except OSError:
                return False

        wait_until(answers, timeout=30, interval=0.2, what="the web server answering")

    def stop(self) -> None:
        _stop(self.process)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]


class Worker:
    """`celery worker` as production runs it (tests/celery_worker.py), with beat if asked."""

    def __init__(
        self,
        env: dict[str, str],
        workdir: Path,
        name: str = "worker",
        *,
        beat: bool = False,
        prefork: bool = False,
    ) -> None:
        self.env = env
        self.prefork = prefork
        self.log_path = workdir / f"{name}-{free_port()}.log"
        self.beat_schedule = workdir / f"{self.log_path.stem}-beat" if beat else None
        self.process: subprocess.Popen | None = None

    def start(self, *, wait_ready: bool = True) -> Worker:
        log = open(self.log_path, "ab")  # noqa: SIM115 (the process owns it)
        self.process = subprocess.Popen(
            worker_command(beat_schedule=self.beat_schedule, prefork=self.prefork),
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its group holds the embedded beat's process too
        )
        log.close()
        if wait_ready:
            wait_until(self.ready, timeout=45, interval=0.2, what="celery worker ready")
        return self

    def ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError("the worker exited:\n" + self.log())
        return "ready." in self.log()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no shutdown, no acknowledgement, as when a machine dies (beat with it)."""
        self._kill_group()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        # Cold shutdown: a test's worker has nothing left to finish.
        _stop(self.process, sig=signal.SIGQUIT, timeout=20)
        self._kill_group()

    def _kill_group(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


def send_task(broker_url: str, name: str) -> None:
    """Publish a task by name, as Celery beat does."""
    from celery import Celery

    app = Celery("faults-beat", broker=broker_url, set_as_current=False)
    try:
        app.send_task(name, queue=QUEUE)
    finally:
        app.close()


# --- A small browser ------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


_CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """Cookies kept, redirects not followed, one connection per request."""

    def __init__(self, port: int, *, timeout: float = 30) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self._lock = threading.Lock()

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Host": "127.0.0.1"}
        with self._lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            text = raw.read().decode("utf-8", errors="replace")
            with self._lock:
                for cookie in raw.headers.get_all("Set-Cookie") or []:
                    name, _eq, value = cookie.split(";", 1)[0].partition("=")
                    self.cookies[name.strip()] = value.strip()
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, text)
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Response:
        return self.request("POST", path, data)

    def csrf_token(self, path: str) -> str:
        page = self.get(path)
        assert page.status == 200, (page.status, page.body[:500])
        match = _CSRF_RE.search(page.body)
        assert match, page.body[:500]
        return match.group(1)


# --- E-mails written by the file backend -------------------------------------------------------


def mails_in(folder: Path) -> list[email.message.Message]:
    """Every message the file backend has finished writing, parsed."""
    return [email.message_from_string(text) for text in written_mails(folder)]


def recipients(messages) -> list[str]:
    return sorted(message["To"] for message in messages)


# --- A mail server that can stall ----------------------------------------------------------------


class SMTPServer:
    """Just enough SMTP for Django's backend. In stall mode it takes the message's
    envelope and then never answers DATA, so the sending task hangs in the middle of
    the send until it is killed. `stalled_for` holds the recipients it hung on.

    `stall` hangs on every message; `stall_once` only on a recipient's first, so that a
    task sending several e-mails over one connection, run again, gets one further each time.
    `delay` makes each message take that long, as a real relay does, so that a worker
    has e-mails in hand when something happens.
    """

    def __init__(self, *, delay: float = 0) -> None:
        self.port = free_port()
        self.delay = delay
        self.stall = threading.Event()
        self.stall_once = threading.Event()
        self.stalled = threading.Event()
        self.stalled_for: list[str] = []
        self.messages: list[email.message.Message] = []
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", self.port))
        self._sock.listen(16)
        self._closing = False
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self) -> None:
        self._closing = True
        self._sock.close()

    def recipients(self) -> list[str]:
        return sorted(message["To"] for message in self.messages)

    def _stalls(self, rcpt: str) -> bool:
        return self.stall.is_set() or (self.stall_once.is_set() and rcpt not in self.stalled_for)

    def _serve(self) -> None:
        while not self._closing:
            try:
                conn, _addr = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            conn.settimeout(60)
            stream = conn.makefile("rb")
            conn.sendall(b"220 faults ESMTP\r\n")
            data_mode, lines, rcpt = False, [], ""
            for raw in stream:
                line = raw.decode("utf-8", errors="replace")
                if data_mode:
                    if line.rstrip("\r\n") == ".":
                        data_mode = False
                        time.sleep(self.delay)
                        self.messages.append(email.message_from_string("".join(lines)))
                        lines = []
                        conn.sendall(b"250 queued\r\n")
                    else:
                        lines.append(line[1:] if line.startswith("..") else line)
                    continue
                command = line[:4].upper()
                if command in {"EHLO", "HELO"}:
                    conn.sendall(b"250 faults\r\n")
                elif command == "RCPT":
                    rcpt = line.partition("<")[2].partition(">")[0]
                    conn.sendall(b"250 ok\r\n")
                elif command == "DATA" and self._stalls(rcpt):
                    self.stalled_for.append(rcpt)
                    self.stalled.set()
                    while conn.recv(1024):  # until the worker dies
                        pass
                    return
                elif command == "DATA":
                    data_mode = True
                    conn.sendall(b"354 go ahead\r\n")
                elif command == "QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 ok\r\n")


# --- A font configuration that loads when the test says so ---------------------------------------


class StallingFonts:
    """A FONTCONFIG_FILE that does not load until `release()`: a worker given it hangs in
    the middle of its first PDF (WeasyPrint, imported by the render, loads fontconfig).

    It is a named pipe. `reached()` says whether a process opened it, and from then keeps
    it open for writing, with nothing written, so that the reader waits for the rest
    rather than reading an empty configuration. `close()` lets the next process hang on
    it too; `release()` hands the waiting reader the system's configuration and makes the
    file an ordinary one.
    """

    CONFIG = b'<?xml version="1.0"?>\n<fontconfig><include>/etc/fonts/fonts.conf</include></fontconfig>\n'

    def __init__(self, folder: Path) -> None:
        self.path = folder / "fonts.conf"
        os.mkfifo(self.path)
        self._fd: int | None = None

    def env(self) -> dict[str, str]:
        return {"FONTCONFIG_FILE": str(self.path)}

    def reached(self) -> bool:
        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as error:
                if error.errno == errno.ENXIO:  # nobody reads it yet
                    return False
                raise
        return True

    def release(self) -> None:
        assert self._fd is not None, "nobody is waiting on the fonts"
        plain = self.path.with_suffix(".plain")
        plain.write_bytes(self.CONFIG)
        os.replace(plain, self.path)
        os.write(self._fd, self.CONFIG)
        self.close()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
