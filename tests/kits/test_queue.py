from __future__ import annotations

import pytest

from kits.models import KitOrder
from tests.conftest import wait_for
from tests.factories import make_campaign
from tests.kits.helpers import order_form_data


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_confirmation_after_the_order_is_committed(client, worker_process):
    make_campaign()
    response = client.post("/kit/commander/", order_form_data(contact_name="Nora Janssens"))
    assert response.status_code == 302
    order = KitOrder.objects.get()
    mails = wait_for(lambda: list(worker_process.mail_dir.iterdir()))
    text = mails[0].read_text()
    assert order.reference in text
    assert "Nora Janssens" in text
    wait_for(lambda: KitOrder.objects.get().confirmation_sent_at is not None)
