"""The results page and the home page's live total count online signatures, kits and marathons."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kits.models import KitOrder
from petitions import counts
from tests.kits.helpers import make_kit_order
from tests.tally.conftest import make_batch
from tests.tally.handover_data import add_signature

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(campaign, cases, counter):
    zhang, bernardo, _idris = cases
    make_batch(
        campaign=campaign, recorded_by=counter, counts={(zhang, "letter"): 1200, (zhang, "signature"): 45}
    )
    for n in range(3):
        add_signature(zhang, first=f"Z{n}", last="Signataire")
    add_signature(bernardo, first="B", last="Signataire")
    add_signature(bernardo, first="Pas", last="Confirmé", confirmed=False)
    add_signature(bernardo, first="In", last="Validé", invalidated=True)
    counts.reconcile()  # the roll-up beat would do it within a second


def test_the_results_count_confirmed_online_signatures_in_total_and_per_case(client, signed):
    results = client.get("/fr/resultats/").context["results"]

    assert results["online"] == 4
    assert results["signatures"] == 45 + 4
    assert results["total"] == 1200 + 45 + 4
    zhang, bernardo = results["cases"][:2]
    assert (zhang["online"], zhang["signatures"], zhang["total"]) == (3, 48, 1248)
    assert (bernardo["online"], bernardo["signatures"]) == (1, 1)


def test_the_results_page_shows_signatures_kits_and_marathons(client, campaign, signed):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    make_kit_order(campaign=campaign)
    make_kit_order(campaign=campaign, kind=KitOrder.Kind.SCHOOL, marathon={"date": soon})
    make_kit_order(campaign=campaign, status=KitOrder.Status.CANCELLED, marathon={"date": soon})

    html = client.get("/fr/resultats/").content.decode()

    assert "1\xa0249" in html  # letters, cards and signatures together
    assert "4 en ligne, 45 sur papier" in html
    assert "3 en ligne<" in html
    assert (
        "<strong>2</strong> kits d’écriture commandés" in html
        or "<strong>2</strong> kits d'écriture commandés" in html
    )
    assert "<strong>1</strong> marathon organisé" in html


def test_the_home_page_live_total_includes_online_signatures(client, campaign, signed):
    html = client.get("/fr/").content.decode()

    assert "1\xa0249" in html
