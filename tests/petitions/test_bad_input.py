"""Every field, every kind of bad input: a clear French message or a clean save, never a 500."""

from __future__ import annotations

import pytest

from petitions.models import Signature, Signer
from tests.petitions.conftest import form_data, sign, sign_all

BAD_VALUES = {
    "empty": "",
    "huge": "a" * 10_000,
    "html": "<script>alert('x')</script>",
    "sql": "Robert'); DROP TABLE petitions_signer;--",
    "emoji": "Anne 🌻🎉",
    "rtl": "مريم",
    "null byte": "Anne\x00Dupont",
    "bidi override": "Anne\u202eenuD",
    "spaces only": "   ",
}
FIELDS = ["first_name", "last_name", "email", "postcode", "country"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("kind", list(BAD_VALUES))
def test_bad_input_gets_a_message_or_a_clean_save_never_a_500(client, petition, field, kind):
    value = BAD_VALUES[kind]

    response = sign(client, petition, **{field: value})

    assert response.status_code in (302, 400), response.status_code
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors.get(field), form.errors
        content = response.content.decode()
        assert f'id="id_{field}_error"' in content or f"error_1_id_{field}" in content
        assert "Anne" in content or field == "first_name"  # the other fields stay filled in
        assert not Signature.objects.exists()
    else:
        stored = Signer.objects.get()
        assert "\x00" not in str(stored.__dict__)
        assert "<" not in stored.first_name + stored.last_name


def test_a_right_to_left_name_is_stored_as_typed(client, petition):
    assert sign(client, petition, first_name="مريم", last_name="العلي").status_code == 302

    assert Signer.objects.get().full_name == "مريم العلي"


def test_accented_and_hyphenated_names_are_fine(client, petition):
    assert sign(client, petition, first_name="Marie-Thérèse", last_name="d’Ursel O'Neil").status_code == 302


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "anne@", "Indiquez une adresse e-mail comme nom@exemple.be."),
        ("email", "anne@gmial.com", "Vouliez-vous dire anne@gmail.com ?"),
        ("email", "anne@mail.test", "Ce domaine ne peut pas recevoir d’e-mails."),
        ("email", "anne@localhost", "Ce domaine d’adresse e-mail n’est pas valide."),
        ("postcode", "105", "Un code postal belge compte quatre chiffres, par exemple 1050."),
        ("first_name", "", "Ce champ est obligatoire."),
        ("first_name", "a" * 101, "100 caractères au maximum"),
        ("last_name", "<b>Dupont</b>", "Un nom doit commencer par une lettre."),
        ("last_name", "Dupont 🎉", "Utilisez uniquement des lettres, des espaces"),
        ("country", "XX", "Choisissez un pays dans la liste."),
    ],
)
def test_the_message_is_clear_and_french(client, petition, field, value, message):
    response = sign(client, petition, **{field: value})

    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_foreign_postcode_is_accepted_with_its_country(client, petition):
    assert sign(client, petition, postcode="75001", country="FR").status_code == 302
    assert sign(client, petition, email="b@example.org", postcode="SW1A 1AA", country="GB").status_code == 302


def test_a_bad_petition_choice_on_sign_all_is_a_message_not_a_500(client, ten_petitions):
    response = client.post("/fr/petitions/signer-tout/", form_data(petitions=["999999", "abc"]))

    assert response.status_code == 400
    assert "Cette pétition ne peut plus être signée." in response.content.decode()


def test_a_huge_body_on_sign_all_is_refused_cleanly(client, ten_petitions):
    response = sign_all(client, ten_petitions, first_name="x" * 10_000, email="y" * 10_000)

    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_an_address_too_long_once_its_accented_domain_is_in_ascii_gets_a_message(client, petition):
    # 224 characters as typed, 344 in the IDNA form signers are stored under.
    email = "a@" + "üüüüüüüüüü." * 20 + "be"

    response = sign(client, petition, email=email)

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["Cette adresse e-mail est trop longue."]
    assert not Signer.objects.exists()
