"""After acting, a supporter is offered more: membership and donation on thanks pages and
in the footer, progress toward the campaign's goals on home, and a legal footer
(issue 17, item 5)."""

from __future__ import annotations

import re

import pytest

from petitions.models import PetitionTally
from petitions.services import petition_ensure
from tests.factories import make_campaign, make_case
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db

MEMBER = "https://membres.example.org/adherer"
GIVE = "https://dons.example.org/marathon"


@pytest.fixture
def campaign():
    return make_campaign(membership_url=MEMBER, donation_url=GIVE, signatures_goal=120, letters_goal=1000)


def test_the_thanks_pages_offer_membership_and_a_donation(client, campaign):
    order = make_kit_order(campaign=campaign)

    for path in ("/fr/petitions/merci/", f"/fr/kit/commande/{order.form_token}/"):
        html = client.get(path).content.decode()
        section = re.search(r'<section class="support-us".*?</section>', html, re.S)
        assert section, path
        assert f'href="{MEMBER}"' in section.group(0) and "Devenir membre" in section.group(0)
        assert f'href="{GIVE}"' in section.group(0) and "Faire un don" in section.group(0)


def test_without_links_set_nothing_is_offered(client, db):
    make_campaign()

    html = client.get("/fr/petitions/merci/").content.decode()

    assert "support-us" not in html and "Devenir membre" not in html


def test_the_footer_offers_them_and_carries_the_legal_line(client, campaign, settings):
    settings.ORGANISATION_COMPANY_NUMBER = "BCE 0418 308 144"
    footer = re.search(r"<footer.*?</footer>", client.get("/fr/cas/").content.decode(), re.S).group(0)

    assert f'href="{MEMBER}"' in footer and f'href="{GIVE}"' in footer
    assert "N° d’entreprise BCE 0418 308 144" in footer
    assert f'href="mailto:{settings.PRIVACY_CONTACT_EMAIL}"' in footer


def test_home_shows_progress_toward_each_goal(client, campaign):
    petition = petition_ensure(case=make_case(campaign=campaign))
    PetitionTally.objects.update_or_create(petition=petition, defaults={"confirmed": 30})

    html = client.get("/fr/").content.decode()

    assert re.search(r"<strong>30</strong> signatures sur notre objectif de 120", html)
    assert '<progress max="100" value="25">' in html
    assert re.search(r"<strong>0</strong> lettres et cartes sur notre objectif de 1\W{0,8}000", html)


def test_without_goals_home_shows_no_progress(client, db):
    make_campaign()

    assert "<progress" not in client.get("/fr/").content.decode()
