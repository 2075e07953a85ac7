from __future__ import annotations

import os
from typing import Any

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marathon.settings")

app = Celery("marathon")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# kombu's options for giving up on the broker (settings.BROKER_FAIL_FAST_OPTIONS).
FAIL_FAST_KEYS = ("max_retries", "interval_start", "interval_step", "interval_max")


@signals.worker_init.connect
@signals.beat_init.connect
def wait_out_broker_outages(**_kwargs: Any) -> None:
    """Workers and beat wait for Redis to come back; only web requests must not wait.

    A prefork worker can still exit during a Redis outage: kombu 5.7 restores its
    unacknowledged message through a transport it has just detached (AttributeError,
    which Celery takes for unrecoverable). A fault test reproduces it with or without
    this handler; deploy/systemd restarts the worker until that is fixed.
    """
    options = app.conf.broker_transport_options or {}
    app.conf.broker_transport_options = {
        key: value for key, value in options.items() if key not in FAIL_FAST_KEYS
    }
