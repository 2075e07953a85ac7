from __future__ import annotations

import datetime

import pytest
from django.core import mail

from kits import services
from kits.models import KitOrder
from kits.tasks import send_order_confirmation, send_shipped_email
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
    assert "Bonjour Jean Peeters" in message.body
    assert f"Votre kit (commande {order.reference}) vient d’être posté" in message.body
    assert order.reference in message.alternatives[0][0]
    order.refresh_from_db()
    assert order.shipped_email_sent_at is not None


def test_the_shipped_email_is_sent_once_even_if_its_task_runs_twice(campaign):
    order = make_kit_order(status="shipped")
    send_shipped_email.delay(order.pk)
    send_shipped_email.delay(order.pk)
    assert len(mail.outbox) == 1


def test_the_confirmation_is_sent_once_even_if_its_task_runs_twice(campaign):
    order = make_kit_order()
    send_order_confirmation.delay(order.pk)
    send_order_confirmation.delay(order.pk)
    assert len(mail.outbox) == 1
    assert order.reference in mail.outbox[0].subject


def test_no_shipped_email_for_an_order_that_is_not_shipped(campaign):
    order = make_kit_order(status="packed")
    assert services.kit_order_send_shipped(order_id=order.pk) is False
    assert mail.outbox == []


def test_an_order_saved_while_the_broker_is_down_is_confirmed_by_the_sweep(
    client, campaign, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from tests.kits.helpers import order_form_data

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(send_order_confirmation, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kit/commander/", order_form_data())
    # The order was acknowledged and is in the database, though nothing was queued.
    assert response.status_code == 302
    order = KitOrder.objects.get()
    assert mail.outbox == []

    monkeypatch.undo()
    assert services.kit_emails_sweep()["confirmations"] == 0  # too recent: its own task may still run
    counts = services.kit_emails_sweep(grace=datetime.timedelta(0))
    assert counts["confirmations"] == 1
    assert [m.to for m in mail.outbox] == [[order.email]]
    # Once sent, the sweep finds nothing more to do.
    assert services.kit_emails_sweep(grace=datetime.timedelta(0))["confirmations"] == 0


def test_the_sweep_sends_shipped_emails_that_were_held_back(campaign):
    order = make_kit_order(status="shipped")
    make_kit_order(status="shipped", shipped_email_sent_at=order.created_at)
    assert services.kit_emails_sweep()["shipped"] == 1
    assert [m.to for m in mail.outbox] == [[order.email]]


def test_labels_asked_for_while_the_broker_was_down_are_made_by_the_sweep(
    campaign, cases, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from kits.models import LabelBatch
    from kits.tasks import make_label_pdf

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(make_label_pdf, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.label_batch_create(orders=KitOrder.objects.filter(pk=make_kit_order().pk), by=None)
    monkeypatch.undo()
    assert LabelBatch.objects.get(pk=batch.pk).status == LabelBatch.Status.PENDING

    assert services.kit_emails_sweep(grace=datetime.timedelta(0))["labels"] == 1
    assert LabelBatch.objects.get(pk=batch.pk).status == LabelBatch.Status.READY
