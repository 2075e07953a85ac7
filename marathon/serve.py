"""The web process in production: granian serving `marathon.wsgi`, with this site's defaults.

    python -m marathon.serve                       # 127.0.0.1:8000
    GRANIAN_HOST=0.0.0.0 GRANIAN_WORKERS=4 python -m marathon.serve
    python -m marathon.serve --access-log          # any granian option, after the module

Why granian rather than gunicorn: a signature is a GET of the form and a POST, and on two
cores gunicorn's HTTP handling in Python took about a fifth of the web's CPU for them.
granian parses HTTP and keeps connections in Rust threads and only calls the WSGI
application in Python. `python -m bench.sign` on the same box, runs alternated: web CPU
per signature 3.5-4.6 ms against 4.8-6.1 with gunicorn (5 gthread workers x 4 threads),
64 supporters on one petition 350-388 signatures/s against 244-308.

Like wsgiref (runserver), granian starts each request's environ from the process's
environment, so request.META holds DATABASE_URL and SECRET_KEY too: never show META
(DEBUG stays off in production, and no error e-mail with META is configured).

Every option is granian's own, read from its `GRANIAN_*` environment variable (`granian
--help` lists them) or given on the command line. This module only sets the defaults
below, where the variable is not set, and names the application.
"""

from __future__ import annotations

import os
import sys

DEFAULTS = {
    "GRANIAN_INTERFACE": "wsgi",
    # One process per core: granian's Rust threads take the connections, so the processes
    # only run Django. Threads per process: enough to overlap waits on Postgres and Redis
    # (each thread holds its own Postgres connection); more only queue on the GIL.
    "GRANIAN_WORKERS": str(os.cpu_count() or 1),
    "GRANIAN_BLOCKING_THREADS": "4",
    "GRANIAN_BACKLOG": "2048",
    "GRANIAN_WEBSOCKETS": "false",
    # A worker that crashes is started again rather than leaving the site a process short.
    "GRANIAN_RESPAWN_FAILED_WORKERS": "true",
    "GRANIAN_LOG_LEVEL": "warning",
}
APPLICATION = "marathon.wsgi:application"


def main() -> None:
    from granian.cli import cli

    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    # granian ends threads that stay idle, and a persistent connection left in a finished
    # thread is never closed: each process gets a pool with a connection per thread instead
    # (marathon/settings.py, DB_POOL_SIZE).
    os.environ.setdefault("DB_POOL_SIZE", os.environ["GRANIAN_BLOCKING_THREADS"])
    cli([APPLICATION, *sys.argv[1:]], auto_envvar_prefix="GRANIAN")


if __name__ == "__main__":
    main()
