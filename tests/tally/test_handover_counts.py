from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marathon.tally.handover import countries_without_embassy, handover_counts
from tests.tally.handover_data import handover_world

pytestmark = pytest.mark.django_db


def test_each_embassy_gets_the_batches_and_counted_signatures_of_its_countrys_cases():
    world = handover_world()

    counts = handover_counts(campaign=world["campaign"])

    gt = counts[world["gt"].pk]
    got = {
        case.case_id: {k: getattr(case, k) for k in ("letters", "cards", "paper", "online")}
        for case in gt.cases
    }
    assert got == world["expected_gt"]
    assert (gt.letters, gt.cards, gt.paper, gt.online) == (132, 35, 44, 4)
    cn = counts[world["cn"].pk]
    assert [(c.person_name, c.letters, c.online) for c in cn.cases] == [("Zhang Zhan", 900, 1)]


def test_a_country_without_an_embassy_is_reported_not_counted():
    world = handover_world()

    assert set(handover_counts(campaign=world["campaign"])) == {world["gt"].pk, world["cn"].pk}
    assert countries_without_embassy(campaign=world["campaign"]) == ["IR"]


def test_the_counts_take_the_same_few_queries_whatever_the_number_of_embassies():
    world = handover_world()
    handover_counts(campaign=world["campaign"])  # warm the content types and the like

    with CaptureQueriesContext(connection) as queries:
        handover_counts(campaign=world["campaign"])

    assert len(queries) <= 5
    signature_queries = [q["sql"] for q in queries if "petitions_signature" in q["sql"]]
    assert len(signature_queries) == 1 and "GROUP BY" in signature_queries[0]
