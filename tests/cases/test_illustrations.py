"""The drawn portrait a case shows when it has no photo (cases.illustrations)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat

from cases.illustrations import GREY, INK, MOTIFS, WHITE, YELLOW, drawn_portrait, scheme_for

SLUGS = [
    "bernardo-caal-xol",
    "ciham-ali-ahmed",
    "janna-jihad",
    "imoleayo-adeyeun-michael",
    "mohamed-baker",
    "zhang-zhan",
    "mikita-zalatarou",
    "wendy-galarza",
    "sphere-ukraine",
    "panusaya-sithijirawattanakul",
]
THEMES = [
    "environnement",
    "liberte-expression",
    "droits-des-femmes",
    "peuples-autochtones",
    "detention-arbitraire",
    "enfants-et-jeunes",
    "lgbti",
    "manifester",
]
SMALL = 240


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _portrait(seed: str, themes: list[str] | tuple[str, ...] = (), size: int = SMALL) -> Image.Image:
    return _image(drawn_portrait(seed=seed, themes=themes, size=size))


def _share(image: Image.Image, *colours: tuple[int, int, int], tolerance: int = 40) -> float:
    """The share of the pixels within `tolerance` (summed over R, G and B) of one of the colours."""

    def near(pixel: tuple[int, int, int]) -> bool:
        return any(sum(abs(a - b) for a, b in zip(pixel, c, strict=True)) <= tolerance for c in colours)

    counts = image.getcolors(image.width * image.height)
    return sum(n for n, pixel in counts if near(pixel)) / (image.width * image.height)


def _difference(a: Image.Image, b: Image.Image) -> float:
    """The mean difference between two pictures, 0 to 255."""
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_the_same_seed_gives_the_same_bytes():
    assert drawn_portrait(seed="zhang-zhan", themes=["liberte-expression"]) == drawn_portrait(
        seed="zhang-zhan", themes=("liberte-expression",)
    )


def test_each_case_looks_different():
    pictures = [_portrait(slug, ["detention-arbitraire"]) for slug in SLUGS]
    for i, a in enumerate(pictures):
        for b in pictures[i + 1 :]:
            assert _difference(a, b) > 10


def test_a_square_rgb_jpeg_of_the_size_asked():
    data = drawn_portrait(seed="janna-jihad")
    assert data[:3] == b"\xff\xd8\xff"
    image = _image(data)
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (1200, 1200))
    assert _portrait("janna-jihad", size=SMALL).size == (SMALL, SMALL)
    assert _portrait("janna-jihad", size=97).size == (97, 97)


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_has_its_own_motif(theme):
    assert theme in MOTIFS
    generic = _portrait("mohamed-baker")
    assert _difference(_portrait("mohamed-baker", [theme]), generic) > 8


def test_themes_choose_among_each_other():
    pictures = {theme: _portrait("mohamed-baker", [theme]) for theme in THEMES}
    for i, a in enumerate(THEMES):
        for b in THEMES[i + 1 :]:
            assert _difference(pictures[a], pictures[b]) > 8, (a, b)


def test_the_first_known_theme_decides_and_unknown_ones_fall_back_to_the_generic_motif():
    seed = "wendy-galarza"
    assert drawn_portrait(seed=seed, themes=["nope", "lgbti", "environnement"], size=SMALL) == drawn_portrait(
        seed=seed, themes=["lgbti"], size=SMALL
    )
    assert drawn_portrait(seed=seed, themes=["nope", "also-unknown"], size=SMALL) == drawn_portrait(
        seed=seed, size=SMALL
    )


@pytest.mark.parametrize("theme", [None, *THEMES])
def test_a_drawing_not_a_flat_colour(theme):
    image = _portrait("ciham-ali-ahmed", [theme] if theme else [], size=480)
    assert len(image.getcolors(480 * 480)) > 200
    edges = image.convert("L").filter(ImageFilter.FIND_EDGES)
    assert ImageStat.Stat(edges).mean[0] > 4
    # Flat shapes in the campaign's palette, the anti-aliasing between them the rest.
    palette = (YELLOW, INK, WHITE, GREY, scheme_for("ciham-ali-ahmed").motif)
    assert _share(image, *palette, tolerance=48) > 0.75


@pytest.mark.parametrize("slug", SLUGS)
def test_a_figure_stands_in_the_picture(slug):
    image = _portrait(slug, ["manifester"])
    figure = scheme_for(slug).figure
    # The chest fills the bottom of the picture, in the middle...
    chest = image.crop((int(SMALL * 0.42), int(SMALL * 0.88), int(SMALL * 0.58), int(SMALL * 0.98)))
    assert _share(chest, figure) > 0.9
    # ...a head rises above it...
    head = image.crop((0, int(SMALL * 0.15), SMALL, int(SMALL * 0.5)))
    assert 0.12 < _share(head, figure) < 0.45
    # ...and the figure leaves room around it.
    assert 0.18 < _share(image, figure) < 0.5


def test_black_silhouettes_and_yellow_ones():
    figures = {scheme_for(slug).figure for slug in SLUGS}
    assert figures == {INK, YELLOW}
    dark = next(slug for slug in SLUGS if scheme_for(slug).figure == INK)
    chest = _portrait(dark).convert("L").crop((int(SMALL * 0.4), int(SMALL * 0.85), int(SMALL * 0.6), SMALL))
    assert ImageStat.Stat(chest).mean[0] < 40


def test_too_small_a_size_is_refused():
    with pytest.raises(ValueError):
        drawn_portrait(seed="x", size=8)
