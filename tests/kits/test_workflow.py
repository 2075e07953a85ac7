from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail

from kits import services
from kits.models import KitOrder
from marathon.outbox.models import Email as OutboxEmail
from marathon.outbox.services import email_queue, outbox_dispatch, outbox_email_send
from marathon.outbox.tasks import send_emails
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "desk", "desk@example.org", "a-long-password-42", is_staff=True
    )


def test_an_order_goes_from_received_to_packed_to_shipped_with_its_history(campaign, staff):
    order = make_kit_order()
    services.kit_order_pack(order_id=order.pk, by=staff)
    services.kit_order_ship(order_id=order.pk, by=staff)
    order.refresh_from_db()
    assert order.status == KitOrder.Status.SHIPPED
    history = [(c.from_status, c.to_status, c.changed_by) for c in order.status_changes.all()]
    assert history == [("received", "packed", staff), ("packed", "shipped", staff)]
    assert all(change.changed_at for change in order.status_changes.all())


def test_an_order_can_be_shipped_straight_from_received(campaign, staff):
    order = make_kit_order()
    services.kit_order_ship(order_id=order.pk, by=staff)
    assert KitOrder.objects.get().status == KitOrder.Status.SHIPPED


@pytest.mark.parametrize(
    ("start", "service"),
    [
        ("shipped", services.kit_order_pack),
        ("shipped", services.kit_order_ship),
        ("cancelled", services.kit_order_ship),
        ("cancelled", services.kit_order_pack),
    ],
)
def test_a_shipped_or_cancelled_order_does_not_move_again(campaign, staff, start, service):
    order = make_kit_order(status=start)
    with pytest.raises(services.StatusChangeRefused):
        service(order_id=order.pk, by=staff)
    order.refresh_from_db()
    assert order.status == start
    assert not order.status_changes.exists()


def test_a_shipped_order_cannot_be_cancelled(campaign, staff):
    order = make_kit_order(status="shipped")
    with pytest.raises(services.StatusChangeRefused):
        services.kit_order_cancel(order_id=order.pk, by=staff, reason="Trop tard")


def test_cancelling_keeps_the_order_and_records_the_reason(campaign, staff):
    order = make_kit_order(status="packed")
    services.kit_order_cancel(order_id=order.pk, by=staff, reason="  Adresse introuvable  ")
    order = KitOrder.objects.get(pk=order.pk)
    assert order.status == KitOrder.Status.CANCELLED
    assert order.cancel_reason == "Adresse introuvable"
    change = order.status_changes.get()
    assert (change.from_status, change.to_status, change.note) == (
        "packed",
        "cancelled",
        "Adresse introuvable",
    )


def test_cancelling_needs_a_reason(campaign, staff):
    order = make_kit_order()
    with pytest.raises(services.StatusChangeRefused):
        services.kit_order_cancel(order_id=order.pk, by=staff, reason="   ")
    assert KitOrder.objects.get().status == KitOrder.Status.RECEIVED


def test_shipping_sends_a_french_on_its_way_email_once_the_status_is_saved(
    campaign, staff, django_capture_on_commit_callbacks
):
    order = make_kit_order(contact_name="Jean Peeters")
    with django_capture_on_commit_callbacks(execute=True):
        services.kit_order_ship(order_id=order.pk, by=staff)
    [message] = mail.outbox
    assert message.to == [order.email]
    assert message.subject == f"Votre kit est en route ({order.reference})"
    assert message.body.startswith("Bonjour,\n")  # the site's words first, nothing the orderer typed
    assert f"Votre kit (commande {order.reference}) vient d’être posté" in message.body
    assert order.reference in message.alternatives[0][0]
    order.refresh_from_db()
    assert order.shipped_email_sent_at is not None


def queued(kind: str, order: KitOrder) -> OutboxEmail:
    return OutboxEmail.objects.get(kind=kind, object_id=order.pk, sent_at__isnull=True)


def test_the_shipped_email_is_sent_once_even_if_its_task_runs_twice(campaign, staff):
    order = make_kit_order(status="packed")
    with mock.patch("marathon.outbox.services.outbox_dispatch"):  # no in-process sweep
        services.kit_order_ship(order_id=order.pk, by=staff)
    row = queued("kits.shipped", order)
    send_emails.delay([row.pk])
    send_emails.delay([row.pk])
    assert len(mail.outbox) == 1


def test_the_confirmation_is_sent_once_even_if_its_task_runs_twice(client, campaign):
    from tests.kits.helpers import order_form_data

    with mock.patch("marathon.outbox.services.outbox_dispatch"):
        client.post("/fr/kit/commander/", order_form_data())
    order = KitOrder.objects.get()
    row = queued("kits.confirmation", order)
    send_emails.delay([row.pk])
    send_emails.delay([row.pk])
    assert len(mail.outbox) == 1
    assert order.reference in mail.outbox[0].subject
    order.refresh_from_db()
    assert order.confirmation_sent_at is not None


def test_no_shipped_email_for_an_order_that_is_not_shipped(campaign):
    order = make_kit_order(status="packed")
    with mock.patch("marathon.outbox.services.outbox_dispatch"):
        email_queue(kind="kits.shipped", object_ids=[order.pk])
    assert outbox_email_send(email_id=queued("kits.shipped", order).pk) is False
    assert mail.outbox == []


def test_no_confirmation_for_an_order_cancelled_before_it_left(client, campaign, staff):
    from tests.kits.helpers import order_form_data

    with mock.patch("marathon.outbox.services.outbox_dispatch"):
        client.post("/fr/kit/commander/", order_form_data())
    order = KitOrder.objects.get()
    services.kit_order_cancel(order_id=order.pk, by=staff, reason="En double")
    assert outbox_email_send(email_id=queued("kits.confirmation", order).pk) is False
    assert mail.outbox == []


def test_an_order_saved_while_the_broker_is_down_is_confirmed_by_the_sweep(
    client, campaign, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from tests.kits.helpers import order_form_data

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(send_emails, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/kit/commander/", order_form_data())
    # The order was acknowledged and is in the database, though nothing was queued.
    assert response.status_code == 302
    order = KitOrder.objects.get()
    assert mail.outbox == []

    monkeypatch.undo()
    assert outbox_dispatch() == 1  # beat's next sweep, the broker back
    assert [m.to for m in mail.outbox] == [[order.email]]
    # Once sent, the sweep finds nothing more to do.
    assert outbox_dispatch() == 0
    assert len(mail.outbox) == 1


def test_labels_asked_for_while_the_broker_was_down_are_made_by_the_sweep(
    campaign, cases, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from kits.models import LabelBatch
    from kits.tasks import make_label_pdf
    from marathon.tasks import requeue_lost_worker_files

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(make_label_pdf, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.label_batch_create(orders=KitOrder.objects.filter(pk=make_kit_order().pk), by=None)
    monkeypatch.undo()
    assert LabelBatch.objects.get(pk=batch.pk).status == LabelBatch.Status.PENDING

    LabelBatch.objects.filter(pk=batch.pk).update(queued_at=batch.queued_at - datetime.timedelta(minutes=6))
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_lost_worker_files.delay().get() == 1  # beat's sweep, the broker back
    assert LabelBatch.objects.get(pk=batch.pk).status == LabelBatch.Status.READY
