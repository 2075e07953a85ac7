"""The systemd units: web, workers and one beat apart, each restarted when it fails."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest
from django.conf import settings

UNITS = Path(settings.BASE_DIR) / "deploy" / "systemd"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("marathon-web.service", "-m marathon.serve"),
        ("marathon-worker.service", "celery -A marathon worker"),
        ("marathon-beat.service", "celery -A marathon beat"),
    ],
)
def test_each_process_has_a_unit_that_restarts_it(name, command):
    service = unit(name)["Service"]
    assert command in service["ExecStart"]
    assert service["Restart"] == "always"
    assert service["EnvironmentFile"] == "/etc/marathon/env"
    assert service["User"] != "root"


def test_beat_runs_apart_from_the_workers():
    worker = unit("marathon-worker.service")["Service"]["ExecStart"]
    assert "--beat" not in worker and " -B" not in worker
