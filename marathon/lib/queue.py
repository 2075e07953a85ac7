"""Handing work to Celery once the database transaction that asked for it has committed.

The one way the site queues a task: a worker must never look for a row that is not
committed yet, and a request whose transaction rolls back queues nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Any, *args: Any) -> None:
    """Queue task(*args) once the transaction commits (at once outside one).

    Robust: with the broker down the request still answers; what was to be done is in
    the database and the periodic sweep that owns that work queues it again.
    """

    # A named function rather than a partial: a robust hook that fails is logged by its
    # __qualname__, which then says which task was not queued.
    def enqueue() -> None:
        task.delay(*args)

    enqueue.__qualname__ = f"enqueue_on_commit[{getattr(task, 'name', task)}]"
    transaction.on_commit(enqueue, robust=True)


def on_commit_if_no_beat(periodic_work: Callable[[], Any]) -> None:
    """Run periodic work after this commit when no beat process will.

    Without a broker (a laptop with nothing configured, the unit tests) tasks run in
    process and no beat runs the sweeps: the request that made the work does it.
    """
    if current_app.conf.task_always_eager:
        transaction.on_commit(periodic_work)
