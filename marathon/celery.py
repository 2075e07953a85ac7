from __future__ import annotations

import os
from typing import Any

import redis
from celery import Celery, signals
from kombu.transport import redis as kombu_redis

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marathon.settings")

app = Celery("marathon")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# kombu's options for giving up on the broker (settings.BROKER_FAIL_FAST_OPTIONS).
FAIL_FAST_KEYS = ("max_retries", "interval_start", "interval_step", "interval_max")


@signals.worker_init.connect
@signals.beat_init.connect
def wait_out_broker_outages(**_kwargs: Any) -> None:
    """Workers and beat wait for Redis to come back; only web requests must not wait."""
    options = app.conf.broker_transport_options or {}
    app.conf.broker_transport_options = {
        key: value for key, value in options.items() if key not in FAIL_FAST_KEYS
    }


def _refuse_detached_channels() -> None:
    """A broker channel whose connection was collected fails as a lost connection.

    Since Celery 5.7 a worker that loses Redis collects the connection (kombu detaches
    its transport: `client = None`) and then closes it (5.6 only collected:
    `Consumer.on_connection_error_after_connected`). Closing the channel a second time
    restores its unacknowledged messages through the detached transport, and a task that
    finishes afterwards acknowledges through it too: both reach `_connparams`, which reads
    `connection.client.hostname` and raises AttributeError. Celery takes that for an
    unrecoverable error and the worker, beat with it, exits (tests/faults/test_redis_down,
    the busy worker). Raised as redis' ConnectionError, it is what kombu and Celery expect
    from a dead connection: ignored on close, logged on ack. The message stays in Redis'
    unacknowledged set and comes back after the visibility timeout; the tasks are safe to
    run twice (the outbox marks what it sent).
    """
    connparams = kombu_redis.Channel._connparams

    def _connparams(self, asynchronous=False):
        if self.connection is None or self.connection.client is None:
            raise redis.ConnectionError("the broker connection was closed")
        return connparams(self, asynchronous=asynchronous)

    kombu_redis.Channel._connparams = _connparams


_refuse_detached_channels()
