"""An orderer on a phone opens the reminder e-mail's "no more reminders" link and stops them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from kits.models import KitOrder
from kits.services import kit_reminders_queue
from marathon.outbox.services import outbox_dispatch
from tests.e2e.conftest import screenshot
from tests.factories import make_campaign
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_orderer_stops_the_reminders_from_the_email(page):
    deadline = timezone.localdate() + datetime.timedelta(days=6)
    campaign = make_campaign(
        letters_deadline=deadline, kit_ordering_closes_on=deadline, petitions_close_on=deadline
    )
    order = make_kit_order(campaign=campaign)
    kit_reminders_queue()
    outbox_dispatch()
    [message] = mail.outbox
    page.set_content(message.alternatives[0][0])
    screenshot(page, "reminder-email")
    link = re.search(r"https?://[^/\s]+(/kit/rappels/arreter/[^/\s]+/)", message.body).group(1)

    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Arrêter les rappels"
    page.get_by_role("button", name="Arrêter les rappels").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Plus de rappels"
    screenshot(page, "reminders-stopped")
    assert KitOrder.objects.get(pk=order.pk).reminders_stopped_at is not None
