from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django.views.defaults import server_error

from cases.models import ImpactFigure, SuccessStory
from cases.services import placeholder_portrait
from tests.factories import make_campaign, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def ten_cases(campaign):
    cases = []
    for n in range(10):
        case = make_case(campaign=campaign, person_name=f"Personne {n}", slug=f"personne-{n}")
        case.photo.save(f"p{n}.jpg", placeholder_portrait(name=case.person_name, size=300))
        cases.append(case)
    return cases


def test_home_shows_the_campaign_the_ten_cases_and_how_to_take_part(client, campaign, ten_cases):
    ImpactFigure.objects.create(campaign=campaign, order=1, value="77 %", label="de libérations")
    SuccessStory.objects.create(
        campaign=campaign,
        title="Libéré au Burundi",
        person_name="Germain Rukuki",
        country="BI",
        body="Libre.",
    )
    response = client.get("/fr/")
    assert response.status_code == 200
    html = response.content.decode()
    assert campaign.title in html
    for case in ten_cases:
        assert case.person_name in html
    assert date_format(campaign.letters_deadline, "j F Y") in html
    assert "Chaussée de Wavre 169" in html
    assert "77 %" in html and "de libérations" in html
    assert "Libéré au Burundi" in html
    assert "Comment ça se passe ?" in html


def test_home_query_count_does_not_grow_with_the_cases(client, ten_cases, django_assert_max_num_queries):
    client.get("/fr/")  # thumbnails are made and remembered on the first view
    # Six for the page; one more when the live signature count's 2-second memory
    # runs out between the two requests (a slow machine). Never one per case.
    with django_assert_max_num_queries(7):
        assert client.get("/fr/").status_code == 200


def test_home_without_a_campaign_says_the_next_one_is_coming(client, db):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert "Le prochain marathon se prépare" in response.content.decode()


def test_case_page_shows_story_ask_authority_and_postcard(client, campaign):
    case = make_case(
        campaign=campaign,
        person_name="Zhang Zhan",
        slug="zhang-zhan",
        ask="Demandez sa libération.",
        postcard_address="Zhang Zhan\naux bons soins de la section",
    )
    response = client.get(case.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="case-name">Zhang Zhan</h1>' in html
    assert "Demandez sa libération." in html
    assert case.authority.name in html
    assert case.authority.postal_address.splitlines()[0] in html
    assert case.authority.salutation in html
    assert "Envoyez une carte à Zhang Zhan" in html
    assert "<strong>pacifiquement</strong>" in html  # Markdown rendered


def test_case_page_has_sharing_metadata(client, campaign):
    case = make_case(campaign=campaign, summary="Une journaliste citoyenne emprisonnée.")
    case.photo.save("zz.jpg", placeholder_portrait(name="Zhang Zhan", size=300))
    html = client.get(case.get_absolute_url()).content.decode()
    assert '<meta property="og:description" content="Une journaliste citoyenne emprisonnée.">' in html
    assert f'<meta property="og:title" content="{case.person_name}' in html
    assert f'<meta property="og:image" content="http://testserver/fr/partage/cas/{case.slug}/' in html


def test_case_page_query_count_is_bounded(client, ten_cases, django_assert_max_num_queries):
    url = ten_cases[0].get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


def test_staff_markdown_is_sanitised(client, campaign):
    case = make_case(
        campaign=campaign,
        story=(
            "Bonjour <script>alert(1)</script> [clic](javascript:alert(2)) "
            '<img src="http://evil.example/pixel.gif"> <a href="https://ok.example" onclick="x()">lien</a>'
        ),
    )
    html = client.get(case.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "javascript:alert" not in html
    assert "evil.example" not in html
    assert "onclick" not in html
    assert 'href="https://ok.example"' in html


def test_unpublished_case_is_404_for_the_public(client, campaign):
    draft = make_case(campaign=campaign, is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_can_preview_an_unpublished_case(staff_client, campaign):
    draft = make_case(campaign=campaign, is_published=False)
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Aperçu : ce cas n’est pas publié." in response.content.decode()


def test_a_case_of_an_earlier_campaign_still_opens_from_a_shared_link(client, campaign):
    earlier = make_campaign(year=2019, is_current=False, letters_deadline=datetime.date(2020, 1, 11))
    old = make_case(campaign=earlier, slug="ancien-cas")
    assert old.get_absolute_url() == "/fr/campagnes/2019/cas/ancien-cas/"
    assert client.get(old.get_absolute_url()).status_code == 200
    # The address it had while its campaign was the current one still opens it.
    assert client.get("/fr/cas/ancien-cas/").status_code == 200


def test_all_cases_page_lists_every_published_case_once(
    client, ten_cases, campaign, django_assert_max_num_queries
):
    make_case(campaign=campaign, person_name="Brouillon Caché", is_published=False)
    client.get("/fr/cas/")
    with django_assert_max_num_queries(6):
        response = client.get("/fr/cas/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Les 10 personnes que nous défendons en 2021" in html
    assert "Brouillon Caché" not in html
    for case in ten_cases:
        assert html.count(f'id="{case.slug}"') == 1


def test_success_stories_page(client, campaign):
    SuccessStory.objects.create(
        campaign=campaign,
        title="Libérée en Arabie saoudite",
        person_name="Nassima al-Sada",
        country="SA",
        body="Libre",
    )
    SuccessStory.objects.create(
        campaign=campaign, title="Pas encore", person_name="X", country="SA", body="x", is_published=False
    )
    html = client.get("/fr/cas/histoires/").content.decode()
    assert "Libérée en Arabie saoudite" in html
    assert "Pas encore" not in html


def test_how_it_works_has_the_writing_advice(client, campaign):
    html = client.get("/fr/comment-ca-marche/").content.decode()
    assert "Écrire à une autorité" in html
    assert "Ne parlez ni des accusations, ni de politique" in html
    assert date_format(campaign.letters_deadline, "j F Y") in html


def test_privacy_page_lists_purposes_and_retention(client, db):
    html = client.get("/fr/vie-privee/").content.decode()
    assert "Finalité" in html and "Base légale" in html and "Conservation" in html


def test_404_page_is_in_french(client, db):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_500_page_is_in_french_and_needs_no_database(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "une erreur s’est produite" in response.content.decode()


def test_sitemap_lists_published_cases(client, campaign):
    shown = make_case(campaign=campaign)
    draft = make_case(campaign=campaign, is_published=False)
    index = client.get("/sitemap.xml").content.decode()
    for language in ("fr", "nl", "en"):
        assert f"http://testserver/{language}/sitemap.xml" in index
        with translation.override(language):
            xml = client.get(f"/{language}/sitemap.xml").content.decode()
            assert f"http://testserver{shown.get_absolute_url()}" in xml
            assert draft.get_absolute_url() not in xml
            assert f"http://testserver/{language}/cas/{shown.slug}/" in xml


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_pages_have_landmarks_and_a_skip_link(client, case):
    html = client.get(case.get_absolute_url()).content.decode()
    assert '<html lang="fr">' in html
    assert 'href="#content"' in html and '<main id="content"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html


def test_a_case_page_costs_one_query_its_case(client, ten_cases, django_assert_num_queries):
    """Its campaign, authority and petition come with it; the navigation, the footer and the
    links to the other cases are kept by the process, the same for the campaign's ten pages."""
    first, second = ten_cases[0], ten_cases[1]
    client.get(first.get_absolute_url())
    client.get(second.get_absolute_url())  # its thumbnail is made on its first view
    with django_assert_num_queries(1):
        response = client.get(second.get_absolute_url())
    others = response.content.decode().split('class="other-cases"')[1].split("</ul>")[0]
    assert f'<a href="{first.get_absolute_url()}">{first.person_name}</a>' in others
    assert second.person_name not in others
    assert others.count("<li>") == 9
