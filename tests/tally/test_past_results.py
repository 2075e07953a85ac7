"""Earlier marathons' results: letters and signatures apart, or one combined figure."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from marathon.tally.models import PastResult

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("figures", "valid"),
    [
        ({"letters": 120_000, "signatures": 80_000}, True),
        ({"combined": 240_000}, True),
        ({"letters": 1, "combined": 240_000}, False),
        ({}, False),
    ],
)
def test_a_past_result_has_its_two_figures_or_one_combined(figures, valid):
    result = PastResult(year=2020, **figures)
    if valid:
        result.full_clean()
        assert result.total == sum(figures.values())
    else:
        with pytest.raises(ValidationError, match="Indiquez"):
            result.full_clean()


def test_the_results_page_shows_both_kinds(client):
    PastResult.objects.create(year=2019, letters=1500, signatures=2500)
    PastResult.objects.create(year=2020, combined=240_000)

    html = client.get("/fr/resultats/").content.decode()

    # intcomma's thousands separator is a (narrow) no-break space in French.
    assert re.search(r"240\W{1,8}000 lettres et signatures au total", html)
    assert re.search(r"<td>1\W{0,8}500</td>", html) and re.search(r"<td>2\W{0,8}500</td>", html)
