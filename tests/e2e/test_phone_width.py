"""Every page a visitor can reach from home fits a 390 px screen without scrolling
sideways, and every checkbox and radio has a border of at least 3:1 against its
background (issue 19, item 8)."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from petitions.services import petition_ensure
from tests.factories import make_campaign, make_case
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db(transaction=True)

# Not pages: files, the admin, what a click would change.
SKIP = (".pdf", ".ics", "/admin/", "/media/", "/static/", "deconnexion", "mailto:")


def contrast(first: tuple, second: tuple) -> float:
    def luminance(rgb: tuple) -> float:
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgb(css: str) -> tuple:
    return tuple(int(float(part)) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def test_every_page_reached_from_home_fits_a_phone_and_its_controls_are_visible(page, live_server):
    campaign = make_campaign(year=timezone.localdate().year)
    for n, name in enumerate(["Zhang Zhan", "Bernardo Caal Xol"]):
        petition_ensure(case=make_case(campaign=campaign, person_name=name, slug=f"cas-{n}"))
    make_kit_order(
        campaign=campaign,
        kind="school",
        organisation_name="Athénée",
        marathon={"date": timezone.localdate() + datetime.timedelta(days=4), "is_public": True},
    )
    origin = urlsplit(live_server.url).netloc
    to_visit, seen, too_wide, faint = ["/fr/"], set(), [], []
    while to_visit and len(seen) < 120:  # every page in three languages
        path = to_visit.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(path)
        assert response.status < 400, path
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            too_wide.append(path)
        for control in page.locator("input[type=checkbox]:visible, input[type=radio]:visible").all():
            border = rgb(control.evaluate("e => getComputedStyle(e).borderTopColor"))
            if contrast(border, (255, 255, 255)) < 3:
                faint.append((path, control.get_attribute("name"), border))
        for href in page.eval_on_selector_all(
            "a[href]", "links => links.map(a => new URL(a.getAttribute('href'), location.href).href)"
        ):
            parts = urlsplit(href)
            # The printables' own addresses answer with the PDF: a download, not a page.
            is_document = parts.path[3:].startswith("/kit/imprimer/") and parts.path[3:] != "/kit/imprimer/"
            if parts.netloc == origin and not is_document and not any(skip in href for skip in SKIP):
                to_visit.append(parts.path)

    assert len(seen) >= 12, sorted(seen)  # home, cases, petitions, kits, marathons, results, privacy…
    assert too_wide == []
    assert faint == []
