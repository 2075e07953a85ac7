"""Generated input through the petition forms: sign one, sign all, "Je confirme", erase."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.utils import timezone
from django_countries import countries
from hypothesis import given
from hypothesis import strategies as st

from petitions.forms import clean_person_name
from petitions.models import Petition, Signature, Signer
from petitions.services import petition_ensure, signature_create
from petitions.tokens import Purpose, signer_token
from tests.factories import make_case
from tests.fuzz import strategies as s
from tests.fuzz.conftest import FUZZ, rolled_back, row_counts

pytestmark = pytest.mark.django_db

CHECK_MAILBOX = "/fr/petitions/verifiez-votre-boite/"

SIGN_FIELDS = {
    "first_name": s.names,
    "last_name": s.names,
    "email": s.emails,
    "postcode": s.postcodes,
    "country": s.countries,
    "news_opt_in": s.checkbox,
    # The honeypot: mostly empty, as a person leaves it.
    "website": st.just(""),
}


@pytest.fixture
def petitions(campaign) -> list[Petition]:
    open_ones = [petition_ensure(case=make_case(campaign=campaign)) for _ in range(3)]
    closed = petition_ensure(case=make_case(campaign=campaign))
    Petition.objects.filter(pk=closed.pk).update(is_open=False)
    return [*open_ones, closed]


def assert_stored_rows_pass_validation(open_petitions: set[int]) -> None:
    """Every row in the tables is one the form's rules accept, written as a signature starts."""
    for signer in Signer.objects.all():
        assert clean_person_name(signer.first_name) == signer.first_name
        assert clean_person_name(signer.last_name) == signer.last_name
        assert len(signer.first_name) <= 100 and len(signer.last_name) <= 100
        validate_email(signer.email)
        assert len(signer.email) <= 254 and len(signer.email_canonical) <= 254
        assert str(signer.country) in countries
        if signer.country == "BE":
            assert len(signer.postcode) == 4 and signer.postcode.isascii() and signer.postcode.isdigit()
            assert signer.postcode[0] != "0" and signer.province
        else:
            assert all(c.isascii() and (c.isalnum() or c in " -") for c in signer.postcode)
        assert "\x00" not in signer.first_name + signer.last_name + signer.email + signer.postcode
        assert signer.confirmed_at is None and signer.erased_at is None
        assert signer.email == signer.email.strip()
        assert unicodedata.is_normalized("NFC", signer.first_name)
    for signature in Signature.objects.all():
        assert signature.petition_id in open_petitions
        assert signature.confirmed_at is None and signature.invalidated_at is None
        assert signature.invalidation_reason == ""


TABLES = ("petitions_signer", "petitions_signature", "outbox_email", "auth_user")


def check_submission(response, data: dict, open_petitions: set[int], users_before: int) -> None:
    assert response.status_code < 500, data
    assert response.status_code in {200, 302, 400}, (response.status_code, data)
    rows = row_counts(*TABLES)
    assert rows["auth_user"] == users_before
    if response.status_code == 302:
        assert response["Location"] == CHECK_MAILBOX
    if response.status_code != 302 or data.get("website", "").strip():
        # Refused, or a bot told it worked: nothing is kept.
        assert rows == {**dict.fromkeys(TABLES, 0), "auth_user": users_before}, data
    else:
        assert rows["petitions_signer"] == 1 and rows["outbox_email"] == 1
        assert_stored_rows_pass_validation(open_petitions)


def test_generated_input_to_sign_one_petition(client, petitions):
    open_ids = {p.pk for p in petitions if p.is_open and p.pk != petitions[-1].pk}
    users = get_user_model().objects.count()

    @FUZZ
    @given(data=s.form(SIGN_FIELDS), which=st.sampled_from(petitions))
    def submit(data, which):
        with rolled_back():
            response = s.post_form(client, f"/fr/petitions/{which.pk}/signer/", data)
            if which.pk not in open_ids:
                # A closed petition says so (410); one not published is not found (404).
                closed = 410 if which.case.is_published else 404
                assert response.status_code == (400 if s.refused_charset(data) else closed)
                assert not Signature.objects.exists()
                return
            check_submission(response, data, open_ids, users)

    submit()


def test_generated_input_to_sign_all_petitions(client, petitions):
    open_ids = {p.pk for p in petitions[:-1]}
    users = get_user_model().objects.count()
    ticked = st.one_of(
        st.lists(st.sampled_from([str(p.pk) for p in petitions[:-1]]), min_size=1, max_size=3),
        st.lists(
            st.one_of(
                st.sampled_from([str(p.pk) for p in petitions]),
                st.sampled_from(["0", "-1", "999999", "1.5", "abc", "", "\x00", "9" * 30]),
                s.random_text,
            ),
            max_size=6,
        ),
    )

    @FUZZ
    @given(data=s.form({**SIGN_FIELDS, "petitions": ticked}))
    def submit(data):
        with rolled_back():
            response = s.post_form(client, "/fr/petitions/signer-tout/", data)
            check_submission(response, data, open_ids, users)
            if response.status_code == 302 and not data.get("website"):
                chosen = {int(pk) for pk in data["petitions"]}
                assert chosen <= open_ids
                assert set(Signature.objects.values_list("petition_id", flat=True)) == chosen

    submit()


def pending_signer(petition: Petition, email: str = "anne@example.org") -> Signer:
    signature_create(
        petitions=[petition],
        first_name="Anne",
        last_name="Dupont",
        email=email,
        postcode="1050",
        country="BE",
        news_opt_in=False,
    )
    return Signer.objects.get(email=email)


def token_variants(valid: str) -> st.SearchStrategy[str]:
    """The real token, altered ones, and random ones."""

    @st.composite
    def altered(draw) -> str:
        position = draw(st.integers(0, len(valid) - 1))
        return valid[:position] + draw(st.characters()) + valid[position + 1 :]

    return st.one_of(
        st.just(valid),
        altered(),
        st.sampled_from([valid[:-1], valid + "x", valid.upper(), valid.replace(":", "."), "", "x", ":" * 5]),
        st.text(min_size=1, max_size=200),
    )


def test_generated_input_to_the_confirm_button(client, petitions):
    signer = pending_signer(petitions[0])
    valid = signer_token(signer=signer, purpose=Purpose.CONFIRM_SIGNATURES)
    erase_token = signer_token(signer=signer, purpose=Purpose.ERASE_SIGNER)

    @FUZZ
    @given(token=st.one_of(token_variants(valid), st.just(erase_token)), data=s.extras)
    def submit(token, data):
        with rolled_back():
            response = s.post_form(client, f"/fr/petitions/confirmer/{quote(token, safe='')}/", data)
            assert response.status_code in {302, 400, 404, 410}, (response.status_code, token)
            signature = Signature.objects.get()
            if token == valid:
                assert response["Location"] == "/fr/petitions/merci/"
                assert signature.confirmed_at is not None and signature.invalidated_at is None
            else:
                assert response.status_code != 302
                assert signature.confirmed_at is None
            assert Signer.objects.get().erased_at is None
            assert not get_user_model().objects.exists()

    submit()


def test_generated_input_to_the_erase_button(client, petitions):
    signer = pending_signer(petitions[0])
    Signature.objects.update(confirmed_at=timezone.now())
    valid = signer_token(signer=signer, purpose=Purpose.ERASE_SIGNER)
    confirm_token = signer_token(signer=signer, purpose=Purpose.CONFIRM_SIGNATURES)

    @FUZZ
    @given(token=st.one_of(token_variants(valid), st.just(confirm_token)), data=s.extras)
    def submit(token, data):
        with rolled_back():
            response = s.post_form(client, f"/fr/petitions/effacer/{quote(token, safe='')}/", data)
            assert response.status_code in {302, 400, 404, 410}, (response.status_code, token)
            stored = Signer.objects.get()
            if token == valid:
                assert response["Location"] == "/fr/petitions/donnees-effacees/"
                assert stored.erased_at is not None and stored.email == "" and stored.first_name == ""
                # The signature stays, anonymous, and still counts.
                assert Signature.objects.counted().count() == 1
            else:
                assert response.status_code != 302
                assert stored.erased_at is None and stored.email == "anne@example.org"
            assert not get_user_model().objects.exists()

    submit()
