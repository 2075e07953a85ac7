from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_goes_from_the_home_page_to_a_case_and_reads_its_ask(page, campaign):
    make_case(
        campaign=campaign,
        person_name="Bernardo Caal Xol",
        slug="bernardo-caal-xol",
        ask="Dites au Guatemala de libérer Bernardo Caal Xol.",
    )
    make_case(campaign=campaign, person_name="Zhang Zhan", slug="zhang-zhan")

    page.goto("/fr/")
    screenshot(page, "home")
    page.get_by_role("link", name="Bernardo Caal Xol").click()

    page.wait_for_url("**/fr/cas/bernardo-caal-xol/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bernardo Caal Xol"
    assert page.get_by_text("Dites au Guatemala de libérer Bernardo Caal Xol.").is_visible()
    screenshot(page, "case")
