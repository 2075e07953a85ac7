"""Confirmations ahead of every other e-mail, through the real Redis and a real worker."""

from __future__ import annotations

from marathon.outbox.models import Email as OutboxEmail
from marathon.outbox.services import email_queue, outbox_dispatch
from tests.conftest import wait_for
from tests.outbox.test_outbox import queue_one


def test_a_confirmation_queued_behind_a_wave_of_notices_goes_out_ahead_of_most_of_them(
    worker_process, petition, campaign
):
    from kits.emails import ORDER_SHIPPED
    from tests.kits.helpers import make_kit_order

    # A wave of shipping notices, handed out one per task, so the broker holds a queue of
    # them while the one worker works through it...
    orders = [make_kit_order(campaign=campaign, status="shipped") for _ in range(150)]
    email_queue(kind=ORDER_SHIPPED, object_ids=[order.pk for order in orders])
    assert outbox_dispatch(chunk=1) == 150
    # ...then someone signs: the next sweep hands out their confirmation.
    confirmation = queue_one(petition)
    assert outbox_dispatch(chunk=1) == 1

    wait_for(lambda: not OutboxEmail.objects.filter(sent_at__isnull=True).exists(), timeout=60)
    confirmation.refresh_from_db()
    notices_after = OutboxEmail.objects.filter(priority=1, sent_at__gt=confirmation.sent_at).count()
    # First in, first out would send it last; with the broker's priority it leaves next,
    # after the few notices the worker had in hand.
    assert notices_after > 100, notices_after
