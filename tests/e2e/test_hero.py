"""The home page's hero: its calls to action equal in size and aligned at every width, and
on a wide screen the year's people beside the words (issue 22, item 3)."""

from __future__ import annotations

import pytest

from cases.services import placeholder_portrait
from petitions.services import petition_ensure
from tests.e2e.conftest import screenshot
from tests.factories import make_campaign, make_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ten_people(db):
    campaign = make_campaign()
    for n in range(10):
        case = make_case(campaign=campaign, person_name=f"Personne {n}", slug=f"personne-{n}")
        case.photo.save(f"p{n}.jpg", placeholder_portrait(name=case.person_name, size=300))
        petition_ensure(case=case)
    return campaign


def boxes(page) -> list[dict]:
    return [button.bounding_box() for button in page.locator(".hero .cta-row .btn").all()]


@pytest.mark.parametrize("width", [390, 768, 1366])
def test_the_calls_to_action_are_equal_and_aligned(browser, live_server, ten_people, width):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-BE", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto("/fr/")
        found = boxes(page)
        assert len(found) == 3
        assert len({round(box["height"]) for box in found}) == 1, found  # one height
        rows = {}
        for box in found:
            rows.setdefault(round(box["y"]), []).append(box)
        for row in rows.values():
            assert len({round(box["width"]) for box in row}) == 1, row  # equal widths in a row
        if width == 1366:
            mosaic = page.locator(".hero-mosaic")
            assert mosaic.is_visible() and mosaic.locator("img").count() == 10
            hero = page.locator(".hero .container").bounding_box()
            assert mosaic.bounding_box()["x"] > hero["x"] + hero["width"] / 2  # the right half is used
            screenshot(page, "hero-desktop")
        else:
            assert not page.locator(".hero-mosaic").is_visible()
    finally:
        context.close()
