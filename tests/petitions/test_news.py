"""News subscribers are kept apart from signatures: made when a signer who ticked the box
confirms, with the words they ticked; they unsubscribe from a link or the personal-data page."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core import mail
from django.test import Client

from petitions.models import NewsSubscriber, Signer
from petitions.services import signer_confirm
from tests.petitions.conftest import confirm, link_from, sign

pytestmark = pytest.mark.django_db


def test_a_confirmed_signer_who_ticked_the_box_is_subscribed_with_the_words_they_ticked(client, petition):
    sign(client, petition, email="paul@example.org", news_opt_in="on")
    assert not NewsSubscriber.objects.exists()  # not before the address is confirmed

    signer_confirm(signer=Signer.objects.get(email="paul@example.org"))

    subscriber = NewsSubscriber.objects.get()
    assert subscriber.email == "paul@example.org"
    assert subscriber.consent_text == "Je souhaite recevoir des nouvelles de l’organisation par e-mail."
    assert subscriber.consented_at is not None


def test_a_signer_who_did_not_tick_it_is_not_subscribed(client, petition):
    sign(client, petition, email="anne@example.org")
    signer_confirm(signer=Signer.objects.get(email="anne@example.org"))
    assert not NewsSubscriber.objects.exists()


def test_the_export_gives_each_subscriber_a_link_that_unsubscribes_them(petition, staff_client):
    client = Client()
    sign(client, petition, email="paul@example.org", news_opt_in="on")
    signer_confirm(signer=Signer.objects.get(email="paul@example.org"))
    subscriber = NewsSubscriber.objects.get()

    response = staff_client.post(
        "/admin/petitions/newssubscriber/", {"action": "export_csv", "_selected_action": [subscriber.pk]}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    link = rows[1][-1]
    path = re.search(r"https?://[^/]+(/.+)$", link).group(1)

    page = client.get(path)
    assert page.status_code == 200 and "paul@example.org" in page.content.decode()
    assert NewsSubscriber.objects.exists()  # a GET (a mail scanner) changes nothing
    done = client.post(path)
    assert "Vous êtes désinscrit·e" in done.content.decode()
    assert not NewsSubscriber.objects.exists()
    assert client.get(path).status_code == 404


def test_erasing_ones_data_from_the_confirmation_email_unsubscribes_too(client, petition):
    sign(client, petition, email="paul@example.org", news_opt_in="on")
    message = mail.outbox[-1]
    confirm(client, message)
    assert NewsSubscriber.objects.exists()

    client.post(link_from(message, "effacer"))

    assert not NewsSubscriber.objects.exists()
