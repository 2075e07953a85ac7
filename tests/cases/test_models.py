from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from cases.models import Campaign, Case
from tests.factories import make_campaign, make_case

pytestmark = pytest.mark.django_db


def test_only_one_campaign_can_be_current():
    make_campaign(year=2021, is_current=True)
    with pytest.raises(IntegrityError):
        make_campaign(year=2022, is_current=True)


def test_current_returns_the_current_campaign_or_none():
    assert Campaign.objects.current() is None
    make_campaign(year=2020, is_current=False)
    current = make_campaign(year=2021, is_current=True)
    assert Campaign.objects.current() == current


def test_a_slug_is_unique_within_a_campaign_but_not_across_campaigns(campaign):
    make_case(campaign=campaign, slug="zhang-zhan")
    other_year = make_campaign(year=2020, is_current=False)
    make_case(campaign=other_year, slug="zhang-zhan")
    duplicate = Case(campaign=campaign, slug="zhang-zhan")
    with pytest.raises(ValidationError) as error:
        duplicate.validate_constraints()
    assert "Cette campagne a déjà un cas avec ce slug." in str(error.value)


def test_published_excludes_drafts(campaign):
    shown = make_case(campaign=campaign)
    make_case(campaign=campaign, is_published=False)
    assert list(Case.objects.published()) == [shown]


def test_place_prefers_the_wording_staff_chose(campaign):
    case = make_case(campaign=campaign, country="PS", country_label="territoires palestiniens occupés")
    assert case.place == "territoires palestiniens occupés"
    assert make_case(campaign=campaign, country="MX").place == "Mexique"


def test_case_url_is_its_public_page(case):
    assert case.get_absolute_url() == f"/fr/cas/{case.slug}/"
