from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Authority, Campaign, Case, Embassy, ImpactFigure, SuccessStory, Theme
from cases.services import placeholder_portrait
from tests.factories import in_admin_form, make_case

pytestmark = pytest.mark.django_db

MODELS = [Campaign, Case, Authority, Embassy, Theme, SuccessStory]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_changelist_and_add_page_loads_for_staff(staff_client, case, model):
    info = (model._meta.app_label, model._meta.model_name)
    assert staff_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    assert staff_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200


def test_case_change_page_previews_the_photo_and_links_to_the_site(staff_client, case):
    case.photo.save("p.jpg", placeholder_portrait(name="Zhang Zhan", size=300))
    html = staff_client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert "/media/cache/" in html  # the thumbnail preview
    assert reverse("admin:view_on_site", args=[_content_type_id(Case), case.pk]) in html


def test_case_changelist_search_and_filter(staff_client, campaign):
    make_case(campaign=campaign, person_name="Zhang Zhan")
    make_case(campaign=campaign, person_name="Wendy Galarza", is_published=False)
    url = reverse("admin:cases_case_changelist")
    html = staff_client.get(url, {"q": "Zhang"}).content.decode()
    assert "Zhang Zhan" in html and "Wendy Galarza" not in html
    html = staff_client.get(url, {"is_published__exact": "0"}).content.decode()
    assert "Wendy Galarza" in html and "Zhang Zhan" not in html


def test_campaign_change_page_edits_impact_figures_inline(staff_client, campaign):
    ImpactFigure.objects.create(campaign=campaign, order=1, value="77 %", label="de libérations")
    html = staff_client.get(reverse("admin:cases_campaign_change", args=[campaign.pk])).content.decode()
    assert 'value="77 %"' in html


def _content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def _case_form(case: Case, **changes) -> dict:
    data = {
        "campaign": case.campaign_id,
        "order": case.order,
        "person_name": case.person_name,
        "slug": case.slug,
        "is_published": "on",
        "country": case.country.code,
        "country_label": "",
        "headline": case.headline,
        "summary": case.summary,
        "story": case.story,
        "ask": case.ask,
        "photo_alt": "",
        "photo_credit": "",
        "authority": case.authority_id,
        "model_letter": case.model_letter,
        "postcard_message": case.postcard_message,
        "postcard_address": case.postcard_address,
        "cards_route": case.cards_route,
        "young_summary": case.young_summary,
    }
    data.update(changes)
    return in_admin_form(Case, {key: value for key, value in data.items() if value is not None})


def test_staff_change_the_headline_and_the_public_page_shows_it(staff_client, client, case):
    url = reverse("admin:cases_case_change", args=[case.pk])
    response = staff_client.post(url, _case_form(case, headline="Un nouveau titre"))
    assert response.status_code == 302
    assert "Un nouveau titre" in client.get(case.get_absolute_url()).content.decode()


def test_a_duplicate_slug_is_refused_with_a_clear_message(staff_client, campaign):
    existing = make_case(campaign=campaign, slug="zhang-zhan")
    other = make_case(campaign=campaign)
    url = reverse("admin:cases_case_change", args=[other.pk])
    response = staff_client.post(url, _case_form(other, slug=existing.slug))
    assert response.status_code == 200
    assert "Cette campagne a déjà un cas avec ce slug." in response.content.decode()
    other.refresh_from_db()
    assert other.slug != "zhang-zhan"


def test_a_story_longer_than_a_kit_can_print_is_refused(staff_client, case):
    url = reverse("admin:cases_case_change", args=[case.pk])
    response = staff_client.post(url, _case_form(case, story="Un long récit. " * 40_000))
    assert response.status_code == 200
    assert "8000 caractères" in response.content.decode()
    case.refresh_from_db()
    assert len(case.story) < 8000


def test_missing_required_fields_are_reported_not_a_500(staff_client, case):
    url = reverse("admin:cases_case_add")
    response = staff_client.post(url, {"campaign": case.campaign_id})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce champ est obligatoire." in html
    assert Case.objects.count() == 1


def test_a_non_image_upload_is_refused(staff_client, case):
    url = reverse("admin:cases_case_change", args=[case.pk])
    fake = SimpleUploadedFile("portrait.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = staff_client.post(url, {**_case_form(case), "photo": fake})
    assert response.status_code == 200
    assert "Téléversez une image valide" in response.content.decode()
    case.refresh_from_db()
    assert not case.photo


def test_an_oversized_photo_is_refused(staff_client, case, settings):
    settings.MAX_PHOTO_BYTES = 20_000
    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((400, 400), 100).convert("RGB").save(buffer, format="PNG")
    assert buffer.tell() > settings.MAX_PHOTO_BYTES
    big = SimpleUploadedFile("portrait.png", buffer.getvalue(), content_type="image/png")
    url = reverse("admin:cases_case_change", args=[case.pk])
    response = staff_client.post(url, {**_case_form(case), "photo": big})
    assert response.status_code == 200
    assert "La photo est trop lourde" in response.content.decode()
    case.refresh_from_db()
    assert not case.photo


def test_a_second_current_campaign_is_refused_with_a_message(staff_client, campaign):
    response = staff_client.post(
        reverse("admin:cases_campaign_add"),
        {
            "year": 2022,
            "title": "Autre",
            "letters_deadline": "2023-01-11",
            "kit_ordering_closes_on": "2022-12-20",
            "petitions_close_on": "2023-01-11",
            "return_address": "Bruxelles",
            "is_current": "on",
            "impact_figures-TOTAL_FORMS": "0",
            "impact_figures-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Une autre campagne est déjà la campagne en cours." in response.content.decode()
    assert Campaign.objects.count() == 1


def test_the_public_cannot_open_the_admin(client, db):
    response = client.get(reverse("admin:cases_case_changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
