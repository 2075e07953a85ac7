from __future__ import annotations

import pytest
import redis
from kombu import Connection

from marathon.tasks import ping
from tests.conftest import wait_for


def test_a_real_worker_consumes_the_queue(worker_process):
    result = ping.delay()
    # No result backend: the worker's log is the proof it ran the task.
    assert result.id
    wait_for(
        lambda: f"Task marathon.tasks.ping[{result.id}] succeeded" in worker_process.log_path.read_text()
    )


def test_a_channel_closed_after_its_connection_was_collected_fails_as_a_lost_connection(settings):
    """What a worker does when Redis goes (Celery 5.7): collect the connection, which
    detaches its transport, then close it again, restoring unacknowledged messages.
    Unpatched, that read `None.hostname` and the worker exited (marathon/celery.py)."""
    import marathon.celery  # noqa: F401 (its import makes the change)

    connection = Connection(settings.CELERY_BROKER_URL)
    channel = connection.channel()
    channel.qos._delivered["a-tag"] = object()  # a message being worked on
    connection._do_close_transport()  # as collect() does

    with pytest.raises(redis.ConnectionError):
        channel.close()
    # Which kombu's close ignores, as for any lost connection.
    connection.maybe_close_channel(channel)
