"""Production never runs on the key published in this repository."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.parametrize("debug", ["0", ""])


def start(**env: str) -> subprocess.CompletedProcess:
    """A process loading the settings as a web server or a worker does."""
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "marathon.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_debug_off_and_no_key_the_site_refuses_to_start(debug):
    process = start(DEBUG=debug)
    assert process.returncode != 0
    assert "Set SECRET_KEY" in process.stderr


def test_with_debug_off_the_published_laptop_key_or_a_short_one_is_refused(debug):
    for key in ("insecure-local-development-key-do-not-use-in-production", "short"):
        process = start(DEBUG=debug, SECRET_KEY=key)
        assert process.returncode != 0 and "Set SECRET_KEY" in process.stderr


def test_a_real_key_starts_and_a_laptop_starts_without_one(debug):
    assert start(DEBUG=debug, SECRET_KEY="k" * 50).stdout.strip() == "started"
    assert start(DEBUG="1").stdout.strip() == "started"
