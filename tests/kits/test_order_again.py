"""A kit order sent again by mistake is recognised and asked about; erasing one's data
cancels one's unshipped orders (issue 19, item 6)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kits.models import KitOrder
from kits.services import kit_order_erase, kit_order_pack, kit_order_ship
from marathon.services import personal_data_erase
from tests.kits.helpers import make_kit_order, order_form_data

pytestmark = pytest.mark.django_db

ORDER_URL = "/fr/kit/commander/"


def test_the_same_order_from_a_second_form_is_recognised_and_asked_about(client, campaign):
    first = client.post(ORDER_URL, order_form_data(contact_name="Léa Dupont"))
    assert first.status_code == 302
    order = KitOrder.objects.get()

    # A second tab, or Back then a new form: a new token, the same order.
    again = client.post(ORDER_URL, order_form_data(contact_name="Léa Dupont", email="LEA@example.be"))

    assert again.status_code == 409
    html = again.content.decode()
    assert "Nous avons déjà reçu cette commande" in html and order.reference in html
    assert 'value="Léa Dupont"' in html  # what they typed is kept, to send it after all
    assert KitOrder.objects.count() == 1


def test_a_teacher_may_order_again_for_a_second_class(client, campaign):
    client.post(ORDER_URL, order_form_data())

    second = client.post(ORDER_URL, {**order_form_data(), "another_order": "on"})

    assert second.status_code == 302
    assert KitOrder.objects.count() == 2
    assert len(set(KitOrder.objects.values_list("reference", flat=True))) == 2


@pytest.mark.parametrize(
    "change",
    [{"writers": "30"}, {"street": "Rue Neuve 2"}, {"email": "autre@example.be"}, {"kind": "family"}],
)
def test_a_different_order_is_not_taken_for_the_same(client, campaign, change):
    client.post(ORDER_URL, order_form_data())

    assert client.post(ORDER_URL, order_form_data(**change)).status_code == 302
    assert KitOrder.objects.count() == 2


def test_an_order_of_yesterday_or_cancelled_is_not_the_same(client, campaign):
    data = order_form_data()
    client.post(ORDER_URL, data)
    KitOrder.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))

    assert client.post(ORDER_URL, order_form_data()).status_code == 302
    KitOrder.objects.update(status=KitOrder.Status.CANCELLED)
    assert client.post(ORDER_URL, order_form_data()).status_code == 302


def test_the_same_form_sent_twice_still_finds_its_order_without_asking(client, campaign):
    data = order_form_data()
    assert client.post(ORDER_URL, data).status_code == 302

    assert client.post(ORDER_URL, data).status_code == 302
    assert KitOrder.objects.count() == 1


@pytest.mark.parametrize("value", ["", "0", "false", "<b>", "x" * 500])
def test_odd_values_of_the_hidden_field_do_not_confirm_or_break(client, campaign, value):
    client.post(ORDER_URL, order_form_data())

    response = client.post(ORDER_URL, {**order_form_data(), "another_order": value})

    assert response.status_code in {302, 409}
    assert KitOrder.objects.count() == (2 if response.status_code == 302 else 1)


def test_erasing_ones_data_cancels_the_kits_not_sent_yet(campaign):
    waiting = make_kit_order(campaign=campaign, email="anne@example.be")
    packed = make_kit_order(campaign=campaign, email="anne@example.be")
    kit_order_pack(order_id=packed.pk, by=None)
    sent = make_kit_order(campaign=campaign, email="anne@example.be")
    kit_order_pack(order_id=sent.pk, by=None)
    kit_order_ship(order_id=sent.pk, by=None)

    personal_data_erase(email="anne@example.be")

    statuses = dict(KitOrder.objects.values_list("pk", "status"))
    assert statuses[waiting.pk] == statuses[packed.pk] == KitOrder.Status.CANCELLED
    assert statuses[sent.pk] == KitOrder.Status.SHIPPED
    assert not KitOrder.objects.to_ship().exists()  # no blank label for the shipping desk


def test_an_order_erased_on_its_own_is_cancelled_too(campaign):
    order = make_kit_order(campaign=campaign)

    kit_order_erase(order_id=order.pk)

    order.refresh_from_db()
    assert order.status == KitOrder.Status.CANCELLED and order.erased_at and order.street == ""


def test_erasing_an_order_deletes_its_emails_not_sent_yet(campaign):
    from kits import emails
    from marathon.outbox.models import Email
    from marathon.outbox.services import email_queue

    order = make_kit_order(campaign=campaign, marathon={"date": timezone.localdate()})
    other = make_kit_order(campaign=campaign)
    email_queue(kind=emails.ORDER_CONFIRMATION, object_ids=[order.pk, other.pk])
    email_queue(kind=emails.REPORT_REQUEST, object_ids=[order.marathon.pk])

    kit_order_erase(order_id=order.pk)

    # A worker that read the order before the erasure finds no row to send: nothing goes.
    assert list(Email.objects.values_list("kind", "object_id")) == [(emails.ORDER_CONFIRMATION, other.pk)]
