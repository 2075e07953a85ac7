"""deploy/backup.sh and deploy/restore.sh: a backup restored into a fresh database and
folder holds every signature, kit order and letter batch, and the private files."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from marathon.lib.storage import private_root
from petitions.models import Signature
from tests.kits.helpers import make_kit_order
from tests.tally.handover_data import handover_world

DEPLOY = Path(settings.BASE_DIR) / "deploy"
RESTORED = "marathon_restore_test"


def url(database: str) -> str:
    params = connection.get_connection_params()
    return f"postgresql://{params.get('user', 'postgres')}@{params.get('host', '127.0.0.1')}:{params.get('port', 5432)}/{database}"


def run(script: str, *args: str, env: dict) -> str:
    done = subprocess.run(
        ["bash", str(DEPLOY / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_signature_order_batch_and_private_file(tmp_path):
    world = handover_world()
    make_kit_order(campaign=world["campaign"])
    signatures = Signature.objects.count()
    private = private_root() / "kits" / "labels"
    private.mkdir(parents=True, exist_ok=True)
    (private / "labels-1-abc.pdf").write_bytes(b"%PDF-1.7 labels")
    counts_sql = (
        "SELECT (SELECT COUNT(*) FROM petitions_signature), (SELECT COUNT(*) FROM kits_kitorder),"
        " (SELECT COUNT(*) FROM tally_letterbatchline)"
    )
    with connection.cursor() as cursor:
        cursor.execute(counts_sql)
        before = cursor.fetchone()
    assert before[0] == signatures > 0 and before[1] > 0 and before[2] > 0

    env = {
        "DATABASE_URL": url(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(private_root()),
    }
    backup = Path(run("backup.sh", str(tmp_path / "backups"), env=env))
    assert (backup / "database.dump").stat().st_size > 0

    shutil.rmtree(private_root())
    with psycopg.connect(url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{RESTORED}"')
        admin.execute(f'CREATE DATABASE "{RESTORED}"')
    try:
        run("restore.sh", str(backup), env={**env, "DATABASE_URL": url(RESTORED)})
        with psycopg.connect(url(RESTORED)) as restored:
            assert restored.execute(counts_sql).fetchone() == before
            # The one-round-trip signing function came back too.
            assert restored.execute(
                "SELECT to_regproc('petitions_signature_request') IS NOT NULL"
            ).fetchone()[0]
        assert (private / "labels-1-abc.pdf").read_bytes() == b"%PDF-1.7 labels"
    finally:
        with psycopg.connect(url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{RESTORED}" WITH (FORCE)')
    assert datetime.datetime.strptime(backup.name, "%Y%m%dT%H%M%SZ")
