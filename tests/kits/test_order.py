from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kits.models import KitOrder, OrganisedMarathon
from tests.kits.helpers import order_form_data

pytestmark = pytest.mark.django_db

ORDER_URL = "/fr/kit/commander/"


def test_the_order_page_has_the_url_the_site_links_to(client, campaign):
    assert reverse("kits:order") == ORDER_URL
    response = client.get(ORDER_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Commandez gratuitement votre kit" in html
    assert 'name="form_token"' in html
    # The navigation now offers the kit.
    assert f'href="{ORDER_URL}"' in client.get("/fr/").content.decode()


def test_the_empty_form_is_laid_out_once_per_process_and_language_with_each_visitors_tokens(
    campaign, cases, monkeypatch
):
    """The structure that makes the order page light (issue 21): crispy lays the empty form
    out once; every visitor still gets their own form token and CSRF token, and sends it."""
    from django.test import Client

    from kits import views
    from marathon.lib import stencil

    views._blank_forms.forget()
    laid_out = []
    render = views.render_to_string
    monkeypatch.setattr(views, "render_to_string", lambda *a, **k: laid_out.append(a[0]) or render(*a, **k))

    def tokens(client, url=ORDER_URL):
        html = client.get(url).content.decode()
        return (
            re.search(r'name="form_token" value="([^"]+)"', html).group(1),
            re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1),
        )

    anne, paul = Client(), Client()
    first, second = tokens(anne), tokens(paul)
    tokens(Client())
    assert laid_out == ["kits/order_form.html"]  # three visitors, one layout
    assert first[0] != second[0] and first[1] != second[1]
    assert stencil._MARK not in anne.get(ORDER_URL).content.decode()
    tokens(Client(), "/nl/kit/commander/")
    assert laid_out == ["kits/order_form.html"] * 2  # French, Dutch

    response = paul.post(ORDER_URL, order_form_data(form_token=second[0], csrfmiddlewaretoken=second[1]))
    assert response.status_code == 302
    assert str(KitOrder.objects.get().form_token) == second[0]


def test_a_visitors_get_reads_nothing_and_makes_no_form(
    client, campaign, monkeypatch, django_assert_num_queries
):
    """Issue 21: the campaign as the navigation keeps it, the empty form laid out once."""
    from kits import views

    client.get(ORDER_URL)
    monkeypatch.setattr(views, "KitOrderForm", None)  # a GET that made a form would fail
    with django_assert_num_queries(0):
        response = client.get(ORDER_URL)
    assert response.status_code == 200
    assert 'name="form_token"' in response.content.decode()


@pytest.mark.parametrize("marathon", [False, True])
def test_an_order_reads_two_rows_and_lays_no_form_out(client, campaign, monkeypatch, marathon):
    """Issue 21: a look for the same kit ordered today and one for this form's token (sent
    again, it passes the rate limit), then its rows and its e-mail written, whatever the
    form holds; the form's layout is made only to show it."""
    from kits import forms

    client.get(ORDER_URL)
    monkeypatch.setattr(forms, "FormHelper", None)
    extra = (
        {"marathon_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()} if marathon else {}
    )
    with CaptureQueriesContext(connection) as captured:
        assert client.post(ORDER_URL, order_form_data(**extra)).status_code == 302
    statements = [query["sql"] for query in captured.captured_queries if "outbox_" not in query["sql"]]
    reads = [sql for sql in statements if sql.startswith("SELECT")]
    assert len(reads) == 2
    assert all('FROM "kits_kitorder"' in sql for sql in reads)
    written = [sql.split('"')[1] for sql in statements if sql.startswith("INSERT")]
    assert written == ["kits_kitorder", "kits_organisedmarathon"] if marathon else ["kits_kitorder"]
    # Its confirmation queued in one statement, with nothing counted after it.
    queued = [query["sql"] for query in captured.captured_queries if "outbox_" in query["sql"]]
    assert len(queued) == 1 and queued[0].startswith('INSERT INTO "outbox_email"'), queued


def test_an_order_is_saved_with_its_province_and_shows_a_short_reference(client, campaign, cases):
    response = client.post(ORDER_URL, order_form_data(postcode="4000", city="Liège"), follow=True)
    order = KitOrder.objects.get()
    assert order.province == "WLG"
    assert order.status == KitOrder.Status.RECEIVED
    assert order.consented_at is not None
    assert re.fullmatch(r"MDL-[2-9A-HJKMNP-Z]{4}", order.reference)
    html = response.content.decode()
    assert order.reference in html
    assert campaign.letters_deadline.strftime("%Y") in html
    assert "Chaussée de Wavre 169" in html


def test_a_school_class_order_records_the_age_band_and_its_marathon(client, campaign, cases):
    day = timezone.localdate() + datetime.timedelta(days=10)
    data = order_form_data(
        kind="school",
        organisation_name="Athénée royal de Namur, 6e B",
        age_band="10-14",
        writers="24",
        marathon_date=day.isoformat(),
        marathon_is_public="on",
    )
    client.post(ORDER_URL, data)
    order = KitOrder.objects.get()
    assert order.age_band == "10-14"
    marathon = order.marathon
    assert marathon.date == day
    assert marathon.is_public
    assert marathon.town == "Namur"  # the delivery town when none is given
    assert marathon.province == "WNA"
    assert marathon.expected_writers == 24


def test_the_age_band_is_dropped_for_anyone_but_a_school(client, campaign):
    client.post(ORDER_URL, order_form_data(kind="family", age_band="14-18"))
    assert KitOrder.objects.get().age_band == ""


def test_two_posts_of_the_same_form_make_one_order_and_the_same_page(client, campaign, cases):
    data = order_form_data()
    first = client.post(ORDER_URL, data)
    second = client.post(ORDER_URL, data)
    assert KitOrder.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert client.get(first["Location"]).status_code == 200


def test_a_new_form_makes_a_new_order(client, campaign):
    # A new form for the same kit is asked about first (tests/kits/test_order_again.py).
    client.post(ORDER_URL, order_form_data())
    client.post(ORDER_URL, order_form_data(writers="12"))
    assert KitOrder.objects.count() == 2


def test_a_form_without_a_token_keeps_what_was_typed_and_asks_to_send_again(client, campaign):
    response = client.post(ORDER_URL, order_form_data(form_token=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce formulaire avait expiré" in html
    assert 'value="Léa Dupont"' in html
    assert KitOrder.objects.count() == 0
    # The page now carries a fresh token: sending it again works.
    token = re.search(r'name="form_token" value="([0-9a-f-]{36})"', html).group(1)
    assert client.post(ORDER_URL, order_form_data(form_token=token)).status_code == 302


def test_the_thanks_page_of_an_unknown_token_is_not_found(client, campaign):
    assert client.get("/fr/kit/commande/5b0e7a4e-4b8e-4c3e-9d2e-2d6b0c1f0a11/").status_code == 404


def test_the_confirmation_email_is_french_and_carries_the_reference(
    client, campaign, cases, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            ORDER_URL,
            order_form_data(kind="school", organisation_name="École 42", age_band="14-18", writers="20"),
        )
    order = KitOrder.objects.get()
    assert order.confirmation_sent_at is not None
    [message] = mail.outbox
    assert message.to == ["lea@example.be"]
    assert order.reference in message.subject
    assert "Votre kit d’écriture est commandé" in message.subject
    assert message.body.startswith("Bonjour,\n") and "Léa Dupont" in message.body
    assert order.reference in message.body
    assert "Lettres types, pour chaque cas : 20" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert order.reference in html
    assert "Chaussée de Wavre 169" in html


def test_ordering_closed_shows_the_printable_kit_and_refuses_orders(client, campaign):
    campaign.kit_ordering_closes_on = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    response = client.get(ORDER_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "La commande de kits est fermée" in html
    assert 'name="form_token"' not in html
    # It points to the printable kit, or to the cases to print while there is none.
    try:
        printable = reverse("kits:printable")
    except NoReverseMatch:
        printable = "/fr/cas/"
    assert f'href="{printable}"' in html
    assert client.post(ORDER_URL, order_form_data()).status_code == 403
    assert KitOrder.objects.count() == 0
    # The home page no longer offers to order.
    assert "Je commande gratuitement mon kit" not in client.get("/fr/").content.decode()


def test_ordering_closed_links_the_printable_kit_when_it_exists(client, campaign, settings):
    campaign.kit_ordering_closes_on = timezone.localdate() - datetime.timedelta(days=1)
    campaign.save()
    html = client.get(ORDER_URL).content.decode()
    assert 'href="/fr/kit/imprimer/"' in html
    assert "Imprimer le kit" in html


def test_without_a_campaign_ordering_is_closed(client, db):
    response = client.get(ORDER_URL)
    assert response.status_code == 200
    assert "La commande de kits est fermée" in response.content.decode()


def test_an_order_and_its_marathon_are_saved_together_or_not_at_all(client, campaign, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(OrganisedMarathon.objects, "create", fail)
    day = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    client.raise_request_exception = False
    response = client.post(ORDER_URL, order_form_data(marathon_date=day))
    assert response.status_code == 500
    assert KitOrder.objects.count() == 0


def test_an_order_and_its_confirmation_email_are_saved_together(client, campaign, monkeypatch):
    """If its e-mail cannot be queued, the order is not kept either: a person never has an
    order they were told nothing about."""
    from kits import services

    def queue_fails(**_kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(services, "email_queue", queue_fails)
    client.get(ORDER_URL)
    with pytest.raises(RuntimeError, match="outbox unavailable"):
        client.post(ORDER_URL, order_form_data())
    assert not KitOrder.objects.exists()
