"""The counts' roll-up and the e-mails people wait for do not queue behind other work."""

from __future__ import annotations

import pytest

from marathon.celery import app


def route(task: str) -> str:
    return app.amqp.router.route({}, task)["queue"].name


def test_the_roll_up_and_the_emails_have_their_own_queues_that_every_worker_reads():
    default = app.conf.task_default_queue
    counts_queue = route("petitions.tasks.rollup_counts")
    mail_queue = route("marathon.outbox.tasks.send_emails")
    assert len({default, counts_queue, mail_queue}) == 3
    # A worker started without -Q consumes every queue in task_queues.
    assert {queue.name for queue in app.conf.task_queues} == {default, counts_queue, mail_queue}
    # Distinct routing keys, or every task would be copied into each queue.
    assert len({queue.routing_key for queue in app.conf.task_queues}) == 3


@pytest.mark.parametrize(
    "task",
    [
        "marathon.outbox.tasks.sweep",
    ],
)
def test_every_email_someone_waits_for_goes_to_the_mail_queue(task):
    assert route(task) == route("marathon.outbox.tasks.send_emails")


def test_pdfs_and_packs_stay_on_the_default_queue():
    for task in ("kits.tasks.render_printable_document", "marathon.tally.tasks.make_handover_pack"):
        assert route(task) == app.conf.task_default_queue
