"""A week before the letters deadline, everyone who ordered a kit (organisers included)
gets one reminder through the outbox, with a link to stop reminders (issue 17, item 2)."""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from kits import links
from kits.models import KitOrder
from kits.services import kit_order_erase, kit_reminders_queue
from kits.tasks import queue_reminders
from marathon.outbox.models import Email
from marathon.outbox.services import outbox_dispatch
from tests.factories import make_campaign
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def campaign_due_in(days: int):
    deadline = timezone.localdate() + days * DAY
    return make_campaign(
        letters_deadline=deadline, kit_ordering_closes_on=deadline, petitions_close_on=deadline
    )


def stop_url(order: KitOrder) -> str:
    return f"/fr/kit/rappels/arreter/{links.reminders_stop_token(order)}/"


def test_a_week_before_the_deadline_each_order_gets_one_reminder(settings):
    campaign = campaign_due_in(7)
    anne = make_kit_order(campaign=campaign)
    org = make_kit_order(
        campaign=campaign, marathon={"date": timezone.localdate() + 2 * DAY, "town": "Namur"}
    )
    make_kit_order(campaign=campaign, status=KitOrder.Status.CANCELLED)
    erased = make_kit_order(campaign=campaign)
    kit_order_erase(order_id=erased.pk)

    assert queue_reminders.delay().get() == 2
    assert outbox_dispatch() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([anne.email, org.email])

    by_to = {m.to[0]: m for m in mail.outbox}
    message = by_to[org.email]
    assert message.subject.startswith("Vos lettres doivent nous parvenir au plus tard le")
    assert message.body.startswith("Bonjour,\n")
    assert org.reference in message.body and "Chaussée de Wavre 169" in message.body
    assert "Après votre marathon du" in message.body and "Namur" in message.body
    assert re.search(r"/fr/kit/rappels/arreter/[^/\s]+/", message.body)
    assert "/fr/kit/imprimer/" in message.body
    assert "Après votre marathon" not in by_to[anne.email].body  # only organisers are told
    html = message.alternatives[0][0]
    assert "Ne plus recevoir de rappel pour ce kit" in html

    # Once: the next runs queue nothing and send nothing.
    assert kit_reminders_queue() == 0
    assert outbox_dispatch() == 0
    assert len(mail.outbox) == 2
    assert KitOrder.objects.filter(reminder_sent_at__isnull=False).count() == 2


@pytest.mark.parametrize("days", [8, 0, -3])
def test_no_reminder_too_early_on_the_day_or_after_the_deadline(days):
    make_kit_order(campaign=campaign_due_in(days))

    assert kit_reminders_queue() == 0


def test_the_stop_link_asks_first_then_stops_every_reminder(client):
    order = make_kit_order(campaign=campaign_due_in(30))
    url = stop_url(order)

    page = client.get(url)
    assert page.status_code == 200 and "Arrêter les rappels" in page.content.decode()
    order.refresh_from_db()
    assert order.reminders_stopped_at is None  # a mail scanner's GET changes nothing

    done = client.post(url)
    assert done.status_code == 200 and "Plus de rappels" in done.content.decode()
    order.refresh_from_db()
    assert order.reminders_stopped_at is not None

    order.campaign.letters_deadline = timezone.localdate() + 5 * DAY
    order.campaign.save()
    assert kit_reminders_queue() == 0


def test_a_reminder_waiting_when_reminders_are_stopped_is_not_sent(client):
    order = make_kit_order(campaign=campaign_due_in(5))

    with mock.patch("marathon.outbox.services.outbox_dispatch"):  # queued, not swept yet
        assert kit_reminders_queue() == 1
    client.post(stop_url(order))

    outbox_dispatch()

    assert mail.outbox == []
    assert KitOrder.objects.get(pk=order.pk).reminder_sent_at is None
    assert Email.objects.filter(kind="kits.reminder").count() == 1


@pytest.mark.parametrize("token", ["", "x", "a" * 500, "<script>", "1' OR '1'='1"])
def test_a_tampered_stop_link_is_refused_in_french(client, token):
    order = make_kit_order(campaign=campaign_due_in(5))

    response = client.post(f"/fr/kit/rappels/arreter/{token}x/")

    assert response.status_code == 404
    assert "Ce lien ne fonctionne plus" in response.content.decode()
    order.refresh_from_db()
    assert order.reminders_stopped_at is None
