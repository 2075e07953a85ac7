from __future__ import annotations

import pytest

from kits.models import KitOrder
from tests.conftest import wait_for
from tests.factories import make_campaign
from tests.kits.helpers import order_form_data


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_confirmation_after_the_order_is_committed(client, worker_with_beat):
    # Beat's outbox sweep hands the e-mail to the worker once the order is committed.
    make_campaign()
    response = client.post("/fr/kit/commander/", order_form_data(contact_name="Nora Janssens"))
    assert response.status_code == 302
    order = KitOrder.objects.get()
    # Stamped once the mail server took it, in the transaction that marks it sent.
    wait_for(lambda: KitOrder.objects.get().confirmation_sent_at is not None)
    [mail] = list(worker_with_beat.mail_dir.iterdir())
    text = mail.read_text()
    assert order.reference in text
    assert "Nora Janssens" in text
