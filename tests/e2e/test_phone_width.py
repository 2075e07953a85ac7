"""Every public page fits a 390 px screen without scrolling sideways, and every checkbox
and radio has a border of at least 3:1 against its background (issue 19, item 8)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kits.links import marathon_report_token
from petitions.services import petition_ensure
from tests.factories import make_campaign, make_case
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db(transaction=True)


def contrast(first: tuple, second: tuple) -> float:
    def luminance(rgb: tuple) -> float:
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(first), luminance(second)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgb(css: str) -> tuple:
    return tuple(int(float(part)) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def test_every_public_page_fits_a_phone_and_its_controls_are_visible(page):
    campaign = make_campaign(year=timezone.localdate().year)
    case = make_case(campaign=campaign, person_name="Zhang Zhan", slug="zhang-zhan")
    petition = petition_ensure(case=case)
    order = make_kit_order(
        campaign=campaign, marathon={"date": timezone.localdate() - datetime.timedelta(days=1)}
    )
    pages = [
        "/",
        "/cas/",
        "/cas/zhang-zhan/",
        "/cas/histoires/",
        "/comment-ca-marche/",
        "/vie-privee/",
        "/mes-donnees/",
        "/petitions/signer-tout/",
        f"/petitions/{petition.pk}/signer/",
        "/petitions/verifiez-votre-boite/",
        "/kit/commander/",
        "/kit/imprimer/",
        "/kit/marathons/",
        f"/kit/marathons/bilan/{marathon_report_token(order.marathon)}/",
        "/resultats/",
        "/campagnes/",
        "/comptage/connexion/",
    ]
    too_wide, faint = [], []
    for path in pages:
        response = page.goto(path)
        assert response.status < 400, path
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            too_wide.append(path)
        for control in page.locator("input[type=checkbox]:visible, input[type=radio]:visible").all():
            border = rgb(control.evaluate("e => getComputedStyle(e).borderTopColor"))
            if contrast(border, (255, 255, 255)) < 3:
                faint.append((path, control.get_attribute("name"), border))
    assert too_wide == []
    assert faint == []
