"""Every public page shares a picture of its own: 1200 × 630, drawn once per content version."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import translation
from PIL import Image

from marathon import share
from petitions.services import petition_ensure
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PAGES = [
    "/{language}/",
    "/{language}/cas/",
    "/{language}/cas/histoires/",
    "/{language}/petitions/signer-tout/",
    "/{language}/comment-ca-marche/",
    "/{language}/resultats/",
    "/{language}/kit/commander/",
    "/{language}/kit/marathons/",
    "/{language}/vie-privee/",
    "/{language}/mes-donnees/",
]


def og_image(html: str) -> str:
    found = re.search(r'<meta property="og:image" content="https?://[^/"]+(/[^"]+)">', html)
    assert found, "no og:image"
    assert re.search(r'<meta name="twitter:card" content="summary_large_image">', html)
    assert re.search(r'<meta property="og:image:alt" content="[^"]+">', html)
    return found.group(1)


def picture(client, path: str) -> Image.Image:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    return Image.open(io.BytesIO(response.content))


@pytest.fixture
def case_with_petition(campaign):
    case = make_case(campaign=campaign, person_name="Zhang Zhan", headline="Emprisonnée pour avoir informé.")
    petition_ensure(case=case)
    return case


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_public_page_has_a_share_picture_of_1200_by_630(client, case_with_petition, language):
    seen = {}
    for path in [*PAGES, f"/{{language}}/cas/{case_with_petition.slug}/"]:
        page = path.format(language=language)
        image_path = og_image(client.get(page).content.decode())
        assert image_path.startswith(f"/{language}/partage/")
        image = picture(client, image_path)
        assert image.size == (1200, 630)
        seen[page] = image_path
    # The case's is its own; the results' its own; the other pages share the campaign's.
    case_page = f"/{language}/cas/{case_with_petition.slug}/"
    assert seen[case_page] != seen[f"/{language}/"]
    assert seen[f"/{language}/resultats/"] != seen[f"/{language}/"]
    assert "/partage/cas/" in seen[case_page]


def test_the_case_picture_changes_with_its_headline_and_an_old_address_leads_to_the_new(
    client, case_with_petition
):
    page = f"/fr/cas/{case_with_petition.slug}/"
    before = og_image(client.get(page).content.decode())
    first = client.get(before).content

    case_with_petition.headline = "Libérée, mais toujours surveillée."
    case_with_petition.save()
    after = og_image(client.get(page).content.decode())
    assert after != before
    assert client.get(after).content != first
    old = client.get(before)
    assert old.status_code == 302 and old["Location"] == after


def test_each_language_has_its_own_picture(client, case_with_petition):
    case_with_petition.headline_nl = "Opgesloten omdat ze berichtte."
    case_with_petition.save()
    french = og_image(client.get(f"/fr/cas/{case_with_petition.slug}/").content.decode())
    dutch = og_image(client.get(f"/nl/cas/{case_with_petition.slug}/").content.decode())
    assert dutch.startswith("/nl/") and french.startswith("/fr/")
    assert client.get(dutch).content != client.get(french).content


def test_a_picture_is_drawn_once_per_content_version(client, case_with_petition, monkeypatch):
    drawn = []
    real = share.render

    def counting(card):
        drawn.append(card.key)
        return real(card)

    monkeypatch.setattr(share, "render", counting)
    path = og_image(client.get(f"/fr/cas/{case_with_petition.slug}/").content.decode())
    for _ in range(3):
        client.get(path)
    assert len(drawn) == 1


def test_the_case_picture_shows_its_portrait(case_with_petition):
    with translation.override("fr"):
        card = share.case_card(case_with_petition)
    assert card.portrait == case_with_petition.portrait.name  # the drawn one: no photo here
    image = Image.open(io.BytesIO(share.render(card))).convert("RGB")
    # Its right part is the portrait, not the yellow of the text's side.
    right = image.crop((800, 100, 1150, 500)).resize((1, 1)).getpixel((0, 0))
    assert right != (255, 230, 0)


def test_counts_are_shown_rounded_down_so_the_picture_is_not_drawn_per_signature():
    with translation.override("en"):
        assert share._at_least(987) == "987"
        assert share._at_least(12_345) == "12,300+"
        assert share._at_least(12_399) == share._at_least(12_301)


@pytest.mark.parametrize(
    "path",
    [
        "/fr/partage/cas/personne-inconnue/abc.jpg",
        "/fr/partage/cas/<script>/abc.jpg",
        "/fr/partage/campagne/%27%20OR%201%3D1.jpg",
        "/fr/partage/resultats/" + "x" * 5000 + ".jpg",
        "/fr/partage/cas/zhang-zhan/é.png",
    ],
)
def test_odd_share_addresses_are_refused_or_sent_on_never_a_500(client, case_with_petition, path):
    response = client.get(path)
    assert response.status_code in (302, 404)
    if response.status_code == 302:  # a wrong key leads to the current picture
        assert re.fullmatch(r"/fr/partage/(campagne|resultats)/[0-9a-f]{20}\.jpg", response["Location"])


def test_a_cards_address_is_worked_out_once_per_process(case, monkeypatch):
    """Every page names its card's picture: the same card, the same address, one reverse()."""
    reversed_ = []
    real = share.reverse
    monkeypatch.setattr(
        share, "reverse", lambda *args, **kwargs: reversed_.append(args) or real(*args, **kwargs)
    )
    first = share.case_card(case).url
    assert share.case_card(case).url == first
    assert len(reversed_) == 1
