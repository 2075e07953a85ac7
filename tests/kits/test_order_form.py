"""Every field's bad input: a French message next to the field, the rest kept, nothing saved."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.utils import timezone

from kits.models import KitOrder
from tests.kits.helpers import order_form_data

pytestmark = pytest.mark.django_db

ORDER_URL = "/fr/kit/commander/"


def field_error(page: str, name: str) -> str:
    """The error text shown under one field ("" when none)."""
    match = re.search(rf'<div id="id_{name}_error" class="invalid-feedback">(.*?)</div>', page, re.S)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())) if match else ""


def post_bad(client, name: str, value: str, **other) -> str:
    data = order_form_data(**{name: value, **other})
    response = client.post(ORDER_URL, data)
    assert response.status_code == 400
    assert KitOrder.objects.count() == 0
    return response.content.decode()


LONG = "a" * 2000
EMOJI = "Léa 😀"
SCRIPT = "<script>alert(1)</script>"

BAD_INPUTS = [
    ("kind", "", "Dites-nous pour qui est le kit."),
    ("kind", "company", "Sélectionnez un choix valide"),
    ("contact_name", "", "Indiquez votre nom"),
    ("contact_name", "L", "Indiquez vos prénom et nom."),
    ("contact_name", LONG, "100 caractères au maximum"),
    ("contact_name", SCRIPT, "Les caractères < et > ne sont pas acceptés ici."),
    ("contact_name", EMOJI, "sans émoji"),
    ("organisation_name", LONG, "150 caractères au maximum"),
    ("organisation_name", SCRIPT, "Les caractères < et > ne sont pas acceptés ici."),
    ("organisation_name", "Club 🎉", "sans émoji"),
    ("age_band", "99-99", "Sélectionnez un choix valide"),
    ("email", "", "Indiquez votre adresse e-mail."),
    ("email", "<script>@example.be", "Indiquez une adresse e-mail comme nom@exemple.be."),
    ("email", "lea-at-example.be", "Indiquez une adresse e-mail comme nom@exemple.be."),
    ("email", "a" * 250 + "@example.be", "254 caractères au maximum"),
    ("phone", "call me maybe", "Indiquez un numéro de téléphone"),
    ("phone", "1" * 40, "30 caractères au maximum"),
    ("street", "", "Indiquez la rue et le numéro."),
    ("street", LONG, "150 caractères au maximum"),
    ("street", SCRIPT, "Les caractères < et > ne sont pas acceptés ici."),
    ("street", "Rue 🌳 12", "sans émoji"),
    ("phone", "📞 0470 12 34 56", "Indiquez un numéro de téléphone"),
    ("box", "b" * 11, "10 caractères au maximum"),
    ("box", "<b>", "Les caractères < et > ne sont pas acceptés ici."),
    ("postcode", "", "Indiquez le code postal."),
    ("postcode", "75001", "Indiquez un code postal belge"),
    ("postcode", "0999", "Indiquez un code postal belge"),
    ("postcode", "L-1234", "Indiquez un code postal belge"),
    ("postcode", "1O5O", "Indiquez un code postal belge"),
    ("city", "", "Indiquez la localité."),
    ("city", LONG, "80 caractères au maximum"),
    ("city", "Namur\u202e", "sans émoji"),
    ("writers", "", "Dites-nous combien de personnes vont écrire."),
    ("writers", "0", "Au moins une personne."),
    ("writers", "10000", "500 personnes au maximum par commande"),
    ("writers", "-3", "Au moins une personne."),
    ("writers", "beaucoup", "Indiquez un nombre entier"),
    ("marathon_date", "demain", "Indiquez une date"),
    ("marathon_expected_writers", "0", "Au moins une personne."),
    ("marathon_expected_writers", "10000", "5 000 personnes au maximum."),
    ("marathon_postcode", "75001", "Indiquez un code postal belge"),
    ("marathon_town", LONG, "80 caractères au maximum"),
    ("marathon_town", "Liège ❤️", "sans émoji"),
    ("note", LONG, "1000 caractères au maximum"),
    ("note", "bonjour\x07", "caractères non autorisés"),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD_INPUTS)
def test_bad_input_is_explained_next_to_its_field_and_the_rest_is_kept(
    client, campaign, name, value, message
):
    page = post_bad(client, name, value)
    assert message in field_error(page, name)
    # What the person typed elsewhere is still there.
    if name != "contact_name":
        assert 'value="Léa Dupont"' in page
    if name != "city":
        assert 'value="Namur"' in page


def test_the_organisation_is_needed_for_a_school_or_a_group(client, campaign):
    for kind in ("school", "group"):
        page = post_bad(client, "kind", kind, age_band="14-18")
        assert "Indiquez le nom de l’école ou de l’organisation" in field_error(page, "organisation_name")


def test_a_school_must_give_the_pupils_age(client, campaign):
    page = post_bad(client, "kind", "school", organisation_name="École 42")
    assert "Choisissez l’âge des élèves" in field_error(page, "age_band")
    assert 'value="École 42"' in page


def test_consent_is_required(client, campaign):
    page = post_bad(client, "consent", None)
    assert "Nous avons besoin de votre accord" in page


def test_a_marathon_in_the_past_or_after_the_deadline_is_refused(client, campaign):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page = post_bad(client, "marathon_date", yesterday.isoformat())
    assert "Cette date est passée." in field_error(page, "marathon_date")
    late = campaign.letters_deadline + datetime.timedelta(days=1)
    page = post_bad(client, "marathon_date", late.isoformat())
    assert "Vos lettres doivent nous parvenir au plus tard le" in field_error(page, "marathon_date")


def test_marathon_details_without_a_date_ask_for_the_date(client, campaign):
    page = post_bad(client, "marathon_town", "Dinant")
    assert "Indiquez la date de votre marathon." in field_error(page, "marathon_date")
    assert 'value="Dinant"' in page


def test_a_postcode_typed_with_spaces_or_b_dash_is_tidied(client, campaign):
    client.post(ORDER_URL, order_form_data(postcode=" B-1050 "))
    assert KitOrder.objects.get().postcode == "1050"


def test_emoji_and_markup_in_the_note_are_kept_as_text(client, campaign):
    client.post(ORDER_URL, order_form_data(note="Merci 😀 <b>vite</b>"))
    assert KitOrder.objects.get().note == "Merci 😀 <b>vite</b>"


def test_accented_and_belgian_address_text_is_accepted(client, campaign):
    data = order_form_data(
        contact_name="Zoë O'Brien-Müller", street="Chaussée d'Alsemberg n° 1000", box="3/B"
    )
    assert client.post(ORDER_URL, data).status_code == 302
    assert KitOrder.objects.get().street == "Chaussée d'Alsemberg n° 1000"
