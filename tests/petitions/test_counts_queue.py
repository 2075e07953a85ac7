"""The counts' roll-up does not wait behind a backlog of e-mails."""

from __future__ import annotations

from marathon.celery import app


def route(task: str) -> str:
    return app.amqp.router.route({}, task)["queue"].name


def test_the_roll_up_has_its_own_queue_that_every_worker_reads():
    counts_queue = route("petitions.tasks.rollup_counts")
    assert counts_queue != route("petitions.tasks.send_outbox_emails")
    # A worker started without -Q consumes every queue in task_queues.
    assert {queue.name for queue in app.conf.task_queues} == {counts_queue, app.conf.task_default_queue}
    # Distinct routing keys, or every task would be copied into both queues.
    assert len({queue.routing_key for queue in app.conf.task_queues}) == 2
