"""Past a connection's soft limit a form asks for proof of a person instead of refusing
(issue 18, finding 8: thousands of phones behind one carrier address on a TV night).

The proof is ALTCHA's proof of work, solved here as a browser's worker would, or, without
JavaScript, a simple question. Refused only past the hard limit; the per-e-mail limits
are untouched; each proof counts once.
"""

from __future__ import annotations

import html
import json
import re

import altcha
import pytest

from kits.models import KitOrder
from marathon.lib import proof, ratelimit
from marathon.models import PersonalDataRequest
from petitions import counts, lookup
from petitions.models import Petition, Signature
from petitions.services import petition_ensure
from tests.factories import make_case
from tests.kits.helpers import order_form_data
from tests.petitions.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(case) -> Petition:
    return petition_ensure(case=case)


@pytest.fixture
def ten_petitions(campaign) -> list[Petition]:
    return [petition_ensure(case=make_case(campaign=campaign)) for _ in range(10)]


@pytest.fixture(autouse=True)
def _limits(settings):
    counts.forget()
    lookup.forget()
    ratelimit._down_until = 0.0
    # Two posts pass from one connection, the next 20 need a proof, then it is refused.
    settings.PETITIONS_RATE_PER_IP = (2, 600)
    settings.PETITIONS_RATE_PER_IP_WITH_PROOF = (22, 600)
    settings.KIT_ORDERS_RATE_PER_IP = (1, 3600)
    settings.KIT_ORDERS_RATE_PER_IP_WITH_PROOF = (10, 3600)
    settings.PERSONAL_DATA_RATE_PER_IP = (1, 3600)
    settings.PERSONAL_DATA_RATE_PER_IP_WITH_PROOF = (10, 3600)
    settings.FORM_PROOF_COST = 200  # the tests solve many; the browser test solves the real cost
    yield
    ratelimit._down_until = 0.0


def sign(client, petition, n: int, meta: dict | None = None, **extra):
    data = {**form_data(email=f"p{n}@example.org"), **extra}
    return client.post(f"/fr/petitions/{petition.pk}/signer/", data, **(meta or {}))


def challenge_in(page: str) -> altcha.Challenge:
    match = re.search(r'<altcha-widget challenge="([^"]+)"', page)
    assert match, "no proof asked"
    return altcha.Challenge.from_dict(json.loads(html.unescape(match.group(1))))


def solved(page: str) -> dict:
    """What the widget posts once its worker found the answer."""
    challenge = challenge_in(page)
    solution = altcha.solve_challenge(challenge)
    return {"altcha": altcha.Payload(challenge, solution).to_base64()}


def answered(page: str, answer: str | None = None) -> dict:
    """What a person without JavaScript posts: the question's token and their answer."""
    token = re.search(r'name="proof_question" value="([^"]+)"', page).group(1)
    first, second = re.search(r"Combien font (\d) \+ (\d) ?", page).groups()
    right = str(int(first) + int(second))
    return {"proof_question": token, "proof_answer": right if answer is None else answer}


def test_past_the_soft_limit_the_form_comes_back_with_a_challenge_and_nothing_is_recorded(client, petition):
    assert [sign(client, petition, n).status_code for n in range(2)] == [302, 302]

    response = sign(client, petition, 2, first_name="Chloé")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Une dernière étape" in page
    assert "Trop de signatures" not in page
    assert 'value="Chloé"' in page  # what they typed is kept
    assert challenge_in(page).parameters.algorithm == "PBKDF2/SHA-256"
    # Everything the widget needs is the site's own: no third party.
    assert "/static/vendor/altcha/altcha.min.js" in page and "/static/js/proof.js" in page
    assert "https://" not in re.search(r"<altcha-widget.*?</altcha-widget>", page, re.S).group(0)
    # Without JavaScript: a question, inside <noscript>.
    assert re.search(r"<noscript>.*Combien font \d \+ \d.*</noscript>", page, re.S)
    assert Signature.objects.count() == 2


def test_a_solved_challenge_records_the_signature(client, petition):
    for n in range(2):
        sign(client, petition, n)
    asked = sign(client, petition, 2).content.decode()

    response = sign(client, petition, 2, **solved(asked))

    assert (response.status_code, response["Location"]) == (302, "/fr/petitions/verifiez-votre-boite/")
    assert Signature.objects.filter(signer__email="p2@example.org").exists()


def test_a_proof_counts_once(client, petition):
    for n in range(2):
        sign(client, petition, n)
    proof_of_work = solved(sign(client, petition, 2).content.decode())
    assert sign(client, petition, 2, **proof_of_work).status_code == 302

    again = sign(client, petition, 3, **proof_of_work)

    assert again.status_code == 429 and "Une dernière étape" in again.content.decode()
    assert not Signature.objects.filter(signer__email="p3@example.org").exists()


def test_without_javascript_the_right_answer_records_the_signature_once(client, petition):
    for n in range(2):
        sign(client, petition, n)
    page = sign(client, petition, 2).content.decode()

    assert sign(client, petition, 2, **answered(page)).status_code == 302
    assert sign(client, petition, 3, **answered(page)).status_code == 429  # the same answer again


@pytest.mark.parametrize(
    "answer",
    ["", "  ", "99", "sept", "<b>7</b>", "7' OR '1'='1", "9" * 5000, "١٢٣٤٥", "\x00", "🙂"],
    ids=["empty", "blank", "wrong", "word", "html", "sqlish", "long", "arabic-digits", "nul", "emoji"],
)
def test_a_wrong_or_hostile_answer_asks_again_and_records_nothing(client, petition, answer):
    for n in range(2):
        sign(client, petition, n)
    page = sign(client, petition, 2).content.decode()

    response = sign(client, petition, 2, **answered(page, answer))

    assert response.status_code == 429
    assert "Une dernière étape" in response.content.decode()
    assert Signature.objects.count() == 2


def test_digits_of_any_script_are_a_right_answer(client, petition):
    for n in range(2):
        sign(client, petition, n)
    page = sign(client, petition, 2).content.decode()
    right = answered(page)["proof_answer"]
    fullwidth = "".join(chr(ord(digit) - ord("0") + ord("０")) for digit in right)

    assert sign(client, petition, 2, **answered(page, f" {fullwidth} ")).status_code == 302


@pytest.mark.parametrize(
    "forged",
    [
        {"altcha": "not base64 at all"},
        {"altcha": "eyJ9"},
        {"altcha": "A" * 10000},
        {"proof_question": "forged:token", "proof_answer": "7"},
        {"proof_question": "", "proof_answer": "7"},
    ],
    ids=["garbage", "bad-json", "huge", "forged-token", "no-token"],
)
def test_a_forged_proof_is_no_proof(client, petition, forged):
    for n in range(2):
        sign(client, petition, n)

    response = sign(client, petition, 2, **forged)

    assert response.status_code == 429 and "Une dernière étape" in response.content.decode()
    assert Signature.objects.count() == 2


def test_a_challenge_from_someone_elses_key_or_out_of_time_is_no_proof(client, petition, settings):
    for n in range(2):
        sign(client, petition, n)
    forged = altcha.create_challenge(algorithm="PBKDF2/SHA-256", cost=10, hmac_secret="someone else's key")
    payload = altcha.Payload(forged, altcha.solve_challenge(forged)).to_base64()
    assert sign(client, petition, 2, altcha=payload).status_code == 429

    settings.FORM_PROOF_MINUTES = 0  # made already expired
    stale = sign(client, petition, 2).content.decode()
    assert sign(client, petition, 2, **solved(stale)).status_code == 429
    assert Signature.objects.count() == 2


def test_past_the_hard_limit_even_a_proof_is_refused(client, petition, settings):
    settings.PETITIONS_RATE_PER_IP_WITH_PROOF = (3, 600)
    for n in range(2):
        sign(client, petition, n)
    page = sign(client, petition, 2).content.decode()  # the third post: asked

    refused = sign(client, petition, 2, **solved(page))  # the fourth: past the hard limit

    assert refused.status_code == 429
    assert "Trop de signatures depuis votre connexion" in refused.content.decode()
    assert Signature.objects.count() == 2


def test_the_limit_per_email_stays_as_it_is_with_a_proof(client, petition, settings):
    settings.PETITIONS_RATE_PER_EMAIL = (1, 3600)
    assert sign(client, petition, 0).status_code == 302
    sign(client, petition, 1)
    page = sign(client, petition, 0).content.decode()

    response = sign(client, petition, 0, **solved(page))

    assert response.status_code == 429 and "Trop de signatures" in response.content.decode()


def test_other_connections_are_not_asked(client, petition):
    for n in range(3):
        sign(client, petition, n)

    assert sign(client, petition, 3, meta={"REMOTE_ADDR": "198.51.100.9"}).status_code == 302


def test_the_sign_all_form_asks_too(client, ten_petitions):
    data = lambda n, **extra: {  # noqa: E731
        **form_data(email=f"all{n}@example.org"),
        "petitions": [p.pk for p in ten_petitions],
        **extra,
    }
    for n in range(2):
        assert client.post("/fr/petitions/signer-tout/", data(n)).status_code == 302
    page = client.post("/fr/petitions/signer-tout/", data(2)).content.decode()

    response = client.post("/fr/petitions/signer-tout/", data(2, **solved(page)))

    assert response.status_code == 302
    assert Signature.objects.filter(signer__email="all2@example.org").count() == 10


def test_pages_served_to_everyone_carry_no_challenge(client, petition):
    for n in range(5):
        sign(client, petition, n)

    for path in (
        f"/fr/petitions/{petition.pk}/signer/",
        "/fr/petitions/signer-tout/",
        "/fr/kit/commander/",
        "/fr/mes-donnees/",
    ):
        assert "altcha-widget" not in client.get(path).content.decode(), path


def test_kit_orders_past_the_soft_limit_ask_too(client, campaign):
    assert client.post("/fr/kit/commander/", order_form_data(email="a@example.org")).status_code == 302
    data = order_form_data(email="b@example.org", contact_name="Chloé Martin")
    asked = client.post("/fr/kit/commander/", data)
    page = asked.content.decode()
    assert asked.status_code == 429 and "Une dernière étape" in page and 'value="Chloé Martin"' in page
    assert KitOrder.objects.count() == 1

    done = client.post("/fr/kit/commander/", {**data, **answered(page)})

    assert done.status_code == 302 and KitOrder.objects.count() == 2


def test_personal_data_requests_past_the_soft_limit_ask_too(client, db):
    assert client.post("/fr/mes-donnees/", {"email": "a@example.org"}).status_code == 302
    asked = client.post("/fr/mes-donnees/", {"email": "b@example.org"})
    assert asked.status_code == 429 and "Une dernière étape" in asked.content.decode()

    done = client.post("/fr/mes-donnees/", {"email": "b@example.org", **solved(asked.content.decode())})

    assert done.status_code == 302
    assert PersonalDataRequest.objects.count() == 2


def test_with_redis_down_nothing_is_asked(client, petition, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    ratelimit._client = None
    try:
        assert [sign(client, petition, n).status_code for n in range(5)] == [302] * 5
    finally:
        ratelimit._client = None
    assert proof.Verdict.PASS.value == "pass"
