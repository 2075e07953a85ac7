"""A case without a photo shows a person drawn by the site, labelled as such; never initials."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from cases.illustrations import drawn_portrait
from cases.models import Theme
from cases.services import case_illustration_ensure, case_saved
from petitions.services import petition_ensure
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def images(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<img[^>]*src="([^"]+)"[^>]*alt="([^"]*)"', html)


def test_a_case_without_a_photo_is_drawn_on_its_card_and_its_page(
    client, campaign, django_capture_on_commit_callbacks
):
    case = make_case(campaign=campaign, person_name="Zhang Zhan")
    with django_capture_on_commit_callbacks(execute=True):
        case_saved(case=case)
    case.refresh_from_db()
    assert not case.photo and case.illustration
    drawing = Image.open(case.illustration.path)
    assert drawing.size == (1200, 1200)

    for path in ("/fr/", "/fr/cas/", case.get_absolute_url()):
        html = client.get(path).content.decode()
        found = [alt for src, alt in images(html) if "/media/" in src and "Zhang Zhan" in alt]
        assert found, path
        assert all(alt == "Portrait dessiné de Zhang Zhan : une illustration, pas une photo" for alt in found)
    assert (
        "<figcaption>Illustration, pas une photo</figcaption>"
        in client.get(case.get_absolute_url()).content.decode()
    )


def test_a_photo_staff_upload_takes_the_drawings_place(client, campaign):
    case = make_case(
        campaign=campaign, person_name="Zhang Zhan", photo_alt="Zhang Zhan à Wuhan", photo_credit="DR"
    )
    case_illustration_ensure(case=case)
    buffer = io.BytesIO()
    Image.new("RGB", (600, 600), "#336699").save(buffer, format="JPEG")
    case.photo.save("zhang.jpg", ContentFile(buffer.getvalue()))
    petition_ensure(case=case)

    html = client.get(case.get_absolute_url()).content.decode()
    assert any(alt == "Zhang Zhan à Wuhan" for _src, alt in images(html))
    assert "Illustration, pas une photo" not in html
    assert "Photo : DR" in html or "Photo\u00a0: DR" in html
    assert case.portrait == case.photo and not case.portrait_is_drawn


def test_the_drawing_follows_the_themes_and_the_previous_file_goes(
    campaign, django_capture_on_commit_callbacks
):
    case = make_case(campaign=campaign)
    case_illustration_ensure(case=case)
    first = case.illustration.name
    case_illustration_ensure(case=case)
    assert case.illustration.name == first  # unchanged: not drawn again

    case.themes.set([Theme.objects.create(name="Environnement", slug="environnement")])
    with django_capture_on_commit_callbacks(execute=True):
        case_illustration_ensure(case=case)
    assert case.illustration.name != first
    storage = case.illustration.storage
    assert storage.exists(case.illustration.name) and not storage.exists(first)


def test_staff_choose_the_drawings_hair_so_it_does_not_contradict_the_person(
    campaign, django_capture_on_commit_callbacks
):
    case = make_case(campaign=campaign, slug="mohamed-baker", person_name="Mohamed Baker")
    case_illustration_ensure(case=case)
    chosen_by_the_site = case.illustration.name
    for hair in ("short", "bun"):
        case.drawn_hair = hair
        with django_capture_on_commit_callbacks(execute=True):
            case_illustration_ensure(case=case)
        assert case.illustration.name != chosen_by_the_site
    short = drawn_portrait(seed="mohamed-baker", hair="short", size=240)
    assert short != drawn_portrait(seed="mohamed-baker", hair="bun", size=240)
    assert case.illustration.read() == drawn_portrait(seed="mohamed-baker", hair="bun")
    with pytest.raises(ValueError):
        drawn_portrait(seed="x", hair="mohawk")


def test_a_portraits_thumbnail_is_looked_up_once_per_process_not_in_redis_per_page(
    client, campaign, monkeypatch
):
    from django.core.cache import cache
    from sorl.thumbnail.conf import settings as thumbnail_settings

    case = make_case(campaign=campaign, person_name="Zhang Zhan", photo_alt="Zhang Zhan")
    buffer = io.BytesIO()
    Image.new("RGB", (600, 600), "#336699").save(buffer, format="JPEG")
    case.photo.save("zhang.jpg", ContentFile(buffer.getvalue()))
    first = client.get(case.get_absolute_url()).content.decode()  # the thumbnail is made

    asked = []
    for name in ("get", "get_many", "set"):
        real = getattr(cache, name)
        monkeypatch.setattr(
            cache, name, lambda key, *a, real=real, **k: asked.append(key) or real(key, *a, **k)
        )
    again = client.get(case.get_absolute_url()).content.decode()
    thumbnails = [src for src, alt in images(again) if alt == "Zhang Zhan"]
    assert thumbnails and thumbnails == [src for src, alt in images(first) if alt == "Zhang Zhan"]
    prefix = thumbnail_settings.THUMBNAIL_KEY_PREFIX
    assert not [key for key in asked if prefix in str(key)]
