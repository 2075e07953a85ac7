"""Kit orders are limited per address and per mailbox, like signatures; the e-mail starts
with the site's own words and carries a "this was not me" link that cancels the order."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from kits.models import KitOrder
from tests.kits.helpers import order_form_data

pytestmark = pytest.mark.django_db


def order(client, **overrides):
    return client.post("/fr/kit/commander/", order_form_data(**overrides), **overrides.pop("meta", {}))


def test_past_the_hard_limit_one_address_gets_429_with_the_form_kept(client, campaign, settings):
    # Past the soft limit a proof is asked (tests/marathon/test_proof.py); past the hard one, refused.
    settings.KIT_ORDERS_RATE_PER_IP = (2, 3600)
    settings.KIT_ORDERS_RATE_PER_IP_WITH_PROOF = (2, 3600)
    assert order(client, email="a@example.org").status_code == 302
    assert order(client, email="b@example.org").status_code == 302

    response = order(client, email="c@example.org", contact_name="Chloé Martin")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Trop de commandes de kits" in page
    assert 'value="Chloé Martin"' in page
    assert KitOrder.objects.count() == 2


def test_the_same_form_sent_again_past_the_limit_still_finds_its_order(client, campaign, settings):
    settings.KIT_ORDERS_RATE_PER_IP = settings.KIT_ORDERS_RATE_PER_IP_WITH_PROOF = (1, 3600)
    data = order_form_data()
    assert client.post("/fr/kit/commander/", data).status_code == 302
    again = client.post("/fr/kit/commander/", data)
    assert again.status_code == 302 and KitOrder.objects.count() == 1


def test_dot_variants_of_one_gmail_mailbox_are_one_mailbox_for_the_limit(client, campaign, settings):
    settings.KIT_ORDERS_RATE_PER_EMAIL = (2, 86400)
    variants = ["jean.dupont@gmail.com", "jeandupont@gmail.com", "J.e.a.n.Dupont+kit@googlemail.com"]
    statuses = [
        client.post(
            "/fr/kit/commander/", order_form_data(email=email), REMOTE_ADDR=f"198.51.100.{n}"
        ).status_code
        for n, email in enumerate(variants)
    ]
    assert statuses == [302, 302, 429]


def test_the_email_starts_with_the_sites_words_not_the_orderers(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order(client, contact_name="Visitez spam point example")
    [message] = mail.outbox
    assert message.body.startswith("Bonjour,\n\nMerci d’avoir commandé")
    assert message.body.index("Visitez spam") > message.body.index("commande")
    html = message.alternatives[0][0]
    assert html.index("Visitez spam") > html.index("Merci")


def test_this_was_not_me_cancels_the_order_and_erases_it(
    client, campaign, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order(client, contact_name="Quelqu'un d'autre", email="victime@example.org")
    [message] = mail.outbox
    path = re.search(r"https?://[^/\s]+(/fr/kit/commande/pas-moi/[^\s/]+/)", message.body).group(1)

    page = client.get(path)
    assert page.status_code == 200
    assert "Je n’ai pas commandé ce kit" in page.content.decode()
    assert KitOrder.objects.get().status == KitOrder.Status.RECEIVED  # a GET (a mail scanner) changes nothing

    done = client.post(path)
    assert done.status_code == 200
    assert "La commande est annulée" in done.content.decode()
    kit_order = KitOrder.objects.get()
    assert kit_order.status == KitOrder.Status.CANCELLED and kit_order.erased_at is not None
    assert kit_order.email == "" and kit_order.contact_name == ""
    assert client.get(path).status_code == 404  # used up: the order holds nothing about them


def test_a_tampered_not_me_link_is_refused(client, campaign):
    response = client.get("/fr/kit/commande/pas-moi/abc:def:ghi/")
    assert response.status_code == 404
    assert "Ce lien ne fonctionne plus" in response.content.decode()
