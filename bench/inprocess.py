"""What the in-process bench scripts share: their environment, and a throw-away database
with the demo campaign.

A script run as `python bench/<name>.py` puts the project on the path, then imports this
before anything of Django's:

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench.inprocess import demo_database  # sets the environment, first
"""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marathon.settings")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("SECRET_KEY", "not-a-secret-key-for-make-test-and-make-bench-only")


def ensure_database(url: str) -> None:
    """Create the database of this URL if it does not exist."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def demo_database() -> None:
    """DATABASE_URL's database created if missing, Django set up, migrated, the demo loaded."""
    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)  # safe to run twice
