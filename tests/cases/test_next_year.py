"""Next year: staff prepare it from this year's campaign; earlier marathons stay readable
under their year, petitions closed with their final counts, old links working (issue 17, item 4)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Campaign, Case, ImpactFigure, Theme
from cases.services import NextYearExists, campaign_make_current, campaign_prepare_next, placeholder_portrait
from petitions.models import Petition, PetitionTally
from petitions.services import petition_ensure
from tests.factories import make_campaign, make_case

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def this_year(settings, tmp_path):
    today = timezone.localdate()
    campaign = make_campaign(
        year=2026,
        title="Écrivez, signez",
        letters_deadline=today - 20 * DAY,
        petitions_close_on=today - 20 * DAY,
        kit_ordering_opens_on=today - 120 * DAY,
        kit_ordering_closes_on=today - 40 * DAY,
        handover_on=today - 5 * DAY,
        donation_url="https://dons.example.org/",
        letters_goal=1000,
    )
    ImpactFigure.objects.create(campaign=campaign, order=1, value="77 %", label="de libérations")
    theme = Theme.objects.create(name="Environnement", slug="environnement")
    case = make_case(campaign=campaign, person_name="Zhang Zhan", slug="zhang-zhan", is_published=True)
    case.themes.set([theme])
    case.photo.save("zhang.jpg", placeholder_portrait(name="Zhang Zhan", size=200))
    petition = petition_ensure(case=case)
    PetitionTally.objects.update_or_create(petition=petition, defaults={"confirmed": 4321})
    return campaign


def test_staff_prepare_next_year_from_this_one(this_year):
    following = campaign_prepare_next(campaign=this_year)

    assert (following.year, following.is_current) == (2027, False)
    assert following.letters_deadline == this_year.letters_deadline.replace(
        year=this_year.letters_deadline.year + 1
    )
    assert following.handover_on == this_year.handover_on.replace(year=this_year.handover_on.year + 1)
    assert (following.title, following.donation_url, following.letters_goal) == (
        "Écrivez, signez",
        "https://dons.example.org/",
        1000,
    )
    assert list(following.impact_figures.values_list("value", flat=True)) == ["77 %"]
    draft = following.cases.get()
    old = this_year.cases.get()
    assert (draft.person_name, draft.slug, draft.is_published) == ("Zhang Zhan", "zhang-zhan", False)
    assert draft.authority_id == old.authority_id
    assert list(draft.themes.values_list("slug", flat=True)) == ["environnement"]
    assert draft.photo and draft.photo.name != old.photo.name  # its own file
    assert Petition.objects.filter(case=draft).exists()
    with pytest.raises(NextYearExists):
        campaign_prepare_next(campaign=this_year)


def test_next_year_keeps_the_dutch_and_english_texts(this_year):
    this_year.title_nl, this_year.title_en = "Schrijf, teken", "Write, sign"
    this_year.save()
    ImpactFigure.objects.filter(campaign=this_year).update(label_nl="vrijgelaten", label_en="released")
    this_year.cases.update(headline_nl="Opgesloten.", headline_en="Imprisoned.")

    following = campaign_prepare_next(campaign=this_year)

    assert (following.title_fr, following.title_nl, following.title_en) == (
        "Écrivez, signez",
        "Schrijf, teken",
        "Write, sign",
    )
    assert list(following.impact_figures.values_list("label_nl", "label_en")) == [("vrijgelaten", "released")]
    draft = following.cases.get()
    assert (draft.headline_nl, draft.headline_en) == ("Opgesloten.", "Imprisoned.")


def test_next_years_drafts_are_not_public(client, this_year):
    campaign_prepare_next(campaign=this_year)

    assert client.get("/fr/campagnes/2027/").status_code == 404
    # This year's case keeps its address while next year's is a draft.
    html = client.get("/fr/cas/zhang-zhan/").content.decode()
    assert "4\u202f321" in html or "4 321" in html or "4321" in html


def test_an_earlier_marathon_is_readable_under_its_year_with_its_final_counts(client, this_year):
    following = campaign_prepare_next(campaign=this_year)
    Case.objects.filter(campaign=following).update(is_published=True)
    campaign_make_current(campaign=following)
    this_year.refresh_from_db()
    assert not this_year.is_current and Campaign.objects.current() == following

    listing = client.get("/fr/campagnes/").content.decode()
    assert 'href="/fr/campagnes/2026/"' in listing and "/fr/campagnes/2027/" not in listing

    page = client.get("/fr/campagnes/2026/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Écrivez, signez" in html and "Zhang Zhan" in html
    assert 'href="/fr/campagnes/2026/cas/zhang-zhan/"' in html
    assert "4321" in html.replace("\u202f", "").replace("\xa0", "").replace(" ", "")

    case_page = client.get("/fr/campagnes/2026/cas/zhang-zhan/").content.decode()
    assert "faisait partie du marathon des lettres 2026" in case_page
    assert 'name="email"' not in case_page  # its petition is closed: no form

    # The current year's case of the same person has the short address.
    current = client.get("/fr/cas/zhang-zhan/").content.decode()
    assert "faisait partie du marathon" not in current
    assert client.get("/fr/campagnes/2027/").status_code == 302  # the current year is the home page


def test_an_old_petition_link_still_answers_with_its_final_count(client, this_year):
    petition = this_year.cases.get().petition

    page = client.get(f"/fr/petitions/{petition.pk}/signer/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "clôturées le" in html and 'name="email"' not in html


def test_the_admin_prepares_next_year_and_makes_it_current(staff_client, this_year):
    url = reverse("admin:cases_campaign_changelist")

    response = staff_client.post(
        url, {"action": "prepare_next_year", "_selected_action": [this_year.pk]}, follow=True
    )

    following = Campaign.objects.get(year=2027)
    assert response.redirect_chain[-1][0] == reverse("admin:cases_campaign_change", args=[following.pk])
    assert "La campagne 2027 est préparée" in response.content.decode()

    again = staff_client.post(
        url, {"action": "prepare_next_year", "_selected_action": [this_year.pk]}, follow=True
    )
    assert "La campagne 2027 existe déjà." in again.content.decode()

    staff_client.post(url, {"action": "make_current", "_selected_action": [following.pk]})
    assert Campaign.objects.current() == following
