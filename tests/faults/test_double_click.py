"""A double-clicked form: ten identical posts at once make one row."""

from __future__ import annotations

import threading
import uuid

import pytest

from tests.faults.stack import Browser

pytestmark = pytest.mark.faults

SIGNER = {
    "first_name": "Anne",
    "last_name": "Dupont",
    "email": "anne.double@example.org",
    "postcode": "1050",
    "country": "BE",
}


def post_at_once(browser: Browser, path: str, data: dict, times: int = 10) -> list:
    """`times` identical posts released together, like a finger that cannot stop clicking."""
    barrier = threading.Barrier(times)
    responses: list = [None] * times

    def post(index: int) -> None:
        barrier.wait()
        responses[index] = browser.post(path, data)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_ten_identical_signatures_at_once_make_one_signer_one_signature_each_and_one_email(stack):
    site = stack.site()
    browser = Browser(site.port)
    petitions = stack.seed["petitions"]
    data = {
        **SIGNER,
        "petitions": petitions,
        "csrfmiddlewaretoken": browser.csrf_token("/fr/petitions/signer-tout/"),
    }

    responses = post_at_once(browser, "/fr/petitions/signer-tout/", data)

    assert [(r.status, r.location) for r in responses] == [(302, "/fr/petitions/verifiez-votre-boite/")] * 10
    pg = stack.postgres
    assert pg.scalar("SELECT COUNT(*) FROM petitions_signer") == 1
    assert pg.query("SELECT petition_id, COUNT(*) FROM petitions_signature GROUP BY 1 ORDER BY 1") == [
        (pk, 1) for pk in sorted(petitions)
    ]
    assert pg.scalar("SELECT COUNT(*) FROM outbox_email") == 1


def test_ten_identical_sign_one_posts_at_once_make_one_signature(stack):
    site = stack.site()
    browser = Browser(site.port)
    petition = stack.seed["petitions"][0]
    path = f"/fr/petitions/{petition}/signer/"
    data = {**SIGNER, "csrfmiddlewaretoken": browser.csrf_token(path)}

    responses = post_at_once(browser, path, data)

    assert {r.status for r in responses} == {302}
    assert stack.postgres.scalar("SELECT COUNT(*) FROM petitions_signature") == 1


def test_ten_identical_kit_orders_at_once_make_one_order_and_all_show_it(stack):
    site = stack.site()
    browser = Browser(site.port)
    token = str(uuid.uuid4())
    data = {
        "csrfmiddlewaretoken": browser.csrf_token("/fr/kit/commander/"),
        "form_token": token,
        "kind": "individual",
        "contact_name": "Léa Dupont",
        "email": "lea.double@example.be",
        "street": "Rue de l'Été 12",
        "postcode": "5000",
        "city": "Namur",
        "writers": "3",
        "consent": "on",
    }

    responses = post_at_once(browser, "/fr/kit/commander/", data)

    assert [(r.status, r.location) for r in responses] == [(302, f"/fr/kit/commande/{token}/")] * 10
    assert stack.postgres.query("SELECT form_token::text, email FROM kits_kitorder") == [
        (token, "lea.double@example.be")
    ]
    assert browser.get(f"/fr/kit/commande/{token}/").status == 200
