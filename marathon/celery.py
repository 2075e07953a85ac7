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

    With the web's fail-fast options a worker gave up inside kombu's Redis transport
    during an outage and exited, taking its beat with it: e-mails stopped until someone
    restarted it.
    """
    options = app.conf.broker_transport_options or {}
    app.conf.broker_transport_options = {
        key: value for key, value in options.items() if key not in FAIL_FAST_KEYS
    }
