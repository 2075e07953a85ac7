from __future__ import annotations

from marathon.tasks import ping
from tests.conftest import wait_for


def test_a_real_worker_consumes_the_queue(worker_process):
    result = ping.delay()
    # No result backend: the worker's log is the proof it ran the task.
    assert result.id
    wait_for(
        lambda: f"Task marathon.tasks.ping[{result.id}] succeeded" in worker_process.log_path.read_text()
    )
