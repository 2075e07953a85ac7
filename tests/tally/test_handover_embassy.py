"""A case's letters and signatures go to the embassy of the state whose authority they
address, named in French as staff set it, and the cover letter is dated on the handover
(issue 19, item 1)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from cases import countries
from cases.countries import country_after_de, country_name
from cases.models import CountryName, SuccessStory
from marathon.tally.handover import countries_without_embassy, handover_counts
from marathon.tally.models import Handover
from marathon.tally.services import handover_pack_render, handover_prepare
from petitions.services import petition_ensure
from tests.factories import make_authority, make_campaign, make_case, make_embassy
from tests.tally.test_handover_pack import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def janna():
    """Janna Jihad is Palestinian; her letters go to Israel's Minister of Defence."""
    campaign = make_campaign(handover_on=timezone.localdate() + datetime.timedelta(days=70))
    minister = make_authority(
        country="IL", name="Ministre de la Défense", title="Ministre de la Défense d’Israël"
    )
    case = make_case(
        campaign=campaign,
        person_name="Janna Jihad",
        country="PS",
        country_label="territoires palestiniens occupés",
        authority=minister,
    )
    petition_ensure(case=case)
    CountryName.objects.create(country="IL", name="Israël", name_after_de="d’Israël")
    return case


def test_the_letters_go_to_the_embassy_of_the_state_addressed(janna):
    israel = make_embassy(country="IL", name="Ambassade d’Israël")
    palestine = make_embassy(country="PS", name="Mission de Palestine")

    handovers = handover_prepare(campaign=janna.campaign)

    assert [h.embassy for h in handovers] == [israel]
    counts = handover_counts(campaign=janna.campaign)
    assert [c.person_name for c in counts[israel.pk].cases] == ["Janna Jihad"]
    assert palestine.pk not in counts


def test_a_state_addressed_without_an_embassy_is_reported(janna):
    make_embassy(country="PS", name="Mission de Palestine")

    assert countries_without_embassy(campaign=janna.campaign) == ["IL"]


def test_the_pack_names_the_state_in_french_and_is_dated_on_the_handover(janna):
    israel = make_embassy(country="IL", name="Ambassade d’Israël")
    handover = Handover.objects.create(campaign=janna.campaign, embassy=israel)

    text = pdf_text(handover_pack_render(handover_id=handover.pk))

    assert "aux autorités d’Israël :" in text or "aux autorités d'Israël :" in text
    assert "Israël, État" not in text and "de ce pays" not in text
    handover_day = date_format(janna.campaign.handover_on, "j F Y")
    made_day = date_format(timezone.localdate(), "j F Y")
    assert handover_day in text and made_day not in text


def test_pages_name_a_country_as_staff_set_it(client, db):
    case = make_case(campaign=make_campaign(), country="BY", person_name="Mikita Zalatarou", slug="mikita")
    assert country_name("BY") == "Biélorussie"  # the library's, until staff say otherwise
    CountryName.objects.create(country="BY", name="Bélarus", name_after_de="du Bélarus")
    countries.forget()  # as after its few seconds in each process

    html = client.get(case.get_absolute_url()).content.decode()
    assert "Bélarus" in html and "Biélorussie" not in html
    SuccessStory.objects.create(
        campaign=case.campaign,
        person_name="Mikita",
        title="Libéré",
        country="BY",
        body="Libre.",
        is_published=True,
    )
    stories = client.get("/fr/cas/histoires/").content.decode()
    assert "Mikita · Bélarus" in stories


@pytest.mark.parametrize(
    ("code", "expected"), [("IQ", "d’Irak"), ("GT", "du Guatemala"), ("CN", "de Chine"), ("HT", "d’Haïti")]
)
def test_without_a_name_set_de_is_elided_before_a_vowel(code, expected):
    if code == "GT":
        CountryName.objects.create(country="GT", name="Guatemala", name_after_de="du Guatemala")
    assert country_after_de(code) == expected


def test_only_cards_that_go_through_the_embassy_get_a_forwarding_slip():
    """Issue 19, item 3: in handover_world, Bernardo's cards go through the embassy; Juana's
    go to her family, posted by the office."""
    from tests.tally.handover_data import handover_world

    world = handover_world()
    handover = Handover.objects.create(campaign=world["campaign"], embassy=world["gt"])

    text = pdf_text(handover_pack_render(handover_id=handover.pk))

    assert "Cartes de solidarité pour Bernardo Caal Xol" in text
    assert "Cartes de solidarité pour Juana" not in text
    assert "33 cartes de solidarité" in text and "35 cartes" not in text  # only Bernardo's asked to forward


def test_a_pack_whose_cards_all_go_to_families_has_no_slips(janna):
    israel = make_embassy(country="IL", name="Ambassade d’Israël")
    handover = Handover.objects.create(campaign=janna.campaign, embassy=israel)

    text = pdf_text(handover_pack_render(handover_id=handover.pk))

    assert "Bordereaux" not in text and "0 carte" not in text
