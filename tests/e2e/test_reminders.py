"""An orderer on a phone opens the reminder e-mail's "no more reminders" link and stops them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from kits.emails import ORDER_CONFIRMATION
from kits.models import KitOrder
from kits.services import kit_reminders_queue
from marathon.outbox.services import email_queue, outbox_dispatch
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
    link = re.search(r"https?://[^/\s]+(/fr/kit/rappels/arreter/[^/\s]+/)", message.body).group(1)

    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == "Arrêter les rappels"
    page.get_by_role("button", name="Arrêter les rappels").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Plus de rappels"
    screenshot(page, "reminders-stopped")
    assert KitOrder.objects.get(pk=order.pk).reminders_stopped_at is not None


def test_someone_whose_address_was_typed_cancels_the_order_from_the_email(page):
    """Issue 18, finding 1: the kit e-mail's "ce n'était pas moi" link, walked on a phone."""
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    campaign = make_campaign(
        letters_deadline=deadline, kit_ordering_closes_on=deadline, petitions_close_on=deadline
    )
    order = make_kit_order(campaign=campaign, email="victime@example.be")
    email_queue(kind=ORDER_CONFIRMATION, object_ids=[order.pk])
    outbox_dispatch()
    [message] = [m for m in mail.outbox if m.to == ["victime@example.be"]]
    link = re.search(r"https?://[^/\s]+(/fr/kit/commande/pas-moi/[^/\s]+/)", message.body).group(1)

    page.goto(link)
    page.get_by_role("button", name="Annuler cette commande et effacer mes données").click()

    assert page.get_by_role("heading", level=1).inner_text() == "La commande est annulée"
    screenshot(page, "kit-not-me-done")
    order.refresh_from_db()
    assert order.status == KitOrder.Status.CANCELLED and order.erased_at and order.email == ""
