"""Volunteers sign in to the counting desk, not the admin; the kit reference they type is
looked up and the envelope linked to its order (issue 19, item 7)."""

from __future__ import annotations

import pytest
from django.test import Client

from kits.models import KitOrder
from marathon.tally.models import LetterBatch, LetterKind
from tests.kits.helpers import make_kit_order
from tests.tally.conftest import PASSWORD, desk_data, make_counter

pytestmark = pytest.mark.django_db

LOGIN = "/fr/comptage/connexion/"


def sign_in(client, username="benevole", password=PASSWORD, **meta):
    return client.post(LOGIN, {"username": username, "password": password}, **meta)


def test_a_volunteer_without_a_staff_account_signs_in_to_the_desk_and_out(client, campaign, cases):
    volunteer = make_counter()
    assert not volunteer.is_staff

    assert client.get("/fr/comptage/")["Location"].startswith(LOGIN)
    response = sign_in(client)
    assert (response.status_code, response["Location"]) == (302, "/fr/comptage/")
    desk = client.get("/fr/comptage/").content.decode()
    assert "Se déconnecter" in desk and 'action="/fr/comptage/deconnexion/"' in desk
    # Not the admin: a volunteer has no business there.
    assert client.get("/admin/").status_code == 302

    out = client.post("/fr/comptage/deconnexion/")
    assert out.status_code == 302 and out["Location"] == LOGIN
    assert client.get("/fr/comptage/")["Location"].startswith(LOGIN)


def test_the_sign_in_page_is_in_french_and_a_wrong_password_says_so(client, db):
    make_counter()
    page = client.get(LOGIN).content.decode()
    assert "Poste de comptage" in page and "Nom d’utilisateur" in page

    wrong = sign_in(client, password="not-it")

    assert wrong.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in wrong.content.decode()


@pytest.mark.parametrize(
    "username", ["", "x" * 300, "<script>alert(1)</script>", "admin' OR '1'='1", "名前"], ids=str
)
def test_odd_usernames_are_refused_without_a_500(client, db, username):
    response = sign_in(client, username=username, password="whatever")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_desk_sign_in_for_that_address_only(client, db, settings):
    settings.TRUSTED_PROXIES = 1
    make_counter()
    attacker = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for _ in range(5):
        sign_in(client, password="guess", **attacker)

    locked = sign_in(client, **attacker)
    assert locked.status_code == 429 and "_auth_user_id" not in client.session

    other = Client()
    ok = sign_in(other, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert ok.status_code == 302


def test_a_user_outside_the_counters_group_is_refused_the_desk(client, campaign, django_user_model):
    django_user_model.objects.create_user("curieux", password=PASSWORD)
    sign_in(client, username="curieux")

    assert client.get("/fr/comptage/").status_code == 403


def test_a_known_kit_reference_links_the_envelope_to_its_order(client, campaign, cases):
    make_counter()
    sign_in(client)
    order = make_kit_order(campaign=campaign)

    response = client.post(
        "/fr/comptage/",
        desk_data({(cases[0], LetterKind.LETTER): 12}, kit_order_reference=order.reference.lower()),
    )

    assert response.status_code == 302
    batch = LetterBatch.objects.get()
    assert batch.kit_order == order and batch.kit_order_reference == order.reference
    assert list(KitOrder.objects.get(pk=order.pk).letter_batches.all()) == [batch]


@pytest.mark.parametrize("reference", ["MDL-ZZZZ", "K-2021-0042", "MDL-<b>", "x" * 41])
def test_an_unknown_or_malformed_reference_is_explained_and_nothing_recorded(
    client, campaign, cases, reference
):
    make_counter()
    sign_in(client)

    response = client.post(
        "/fr/comptage/", desk_data({(cases[0], LetterKind.LETTER): 12}, kit_order_reference=reference)
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Aucun kit de ce marathon" in html or "MDL-" in html
    assert not LetterBatch.objects.exists()
