"""The public pages cost the same number of queries for two cases as for ten: none per card."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from petitions import counts, lookup
from petitions.services import petition_ensure
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PAGES = [
    f"/{language}{path}"
    for language in ("fr", "nl", "en")
    for path in ("/", "/cas/", "/petitions/signer-tout/", "/resultats/", "/cas/histoires/")
]


def queries_for(client, url: str) -> int:
    client.get(url)  # thumbnails and template caches are made on the first view
    counts.forget()
    lookup.forget()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def add_cases(campaign, n: int) -> list:
    cases = [make_case(campaign=campaign) for _ in range(n)]
    for case in cases:
        petition_ensure(case=case)
    return cases


@pytest.mark.parametrize("url", PAGES)
def test_a_page_costs_no_query_per_case(client, campaign, url):
    add_cases(campaign, 2)
    with_two = queries_for(client, url)
    add_cases(campaign, 8)
    assert queries_for(client, url) == with_two


@pytest.mark.parametrize("path", ["/", "/cas/", "/petitions/signer-tout/"])
def test_a_page_costs_the_same_queries_in_every_language(client, campaign, path):
    """Each text's languages are columns of the same row: no query per language."""
    add_cases(campaign, 3)
    french = queries_for(client, f"/fr{path}")
    assert queries_for(client, f"/nl{path}") == french
    assert queries_for(client, f"/en{path}") == french


def test_a_case_page_costs_no_query_per_other_case(client, campaign):
    [case, *_] = add_cases(campaign, 2)
    with_two = queries_for(client, case.get_absolute_url())
    add_cases(campaign, 8)
    assert queries_for(client, case.get_absolute_url()) == with_two


def test_a_case_page_takes_its_campaign_from_the_process_not_through_a_join(client, campaign):
    [case, *_] = add_cases(campaign, 2)
    client.get(case.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200 and case.headline in response.content.decode()
    [case_query] = [query["sql"] for query in captured.captured_queries if '"cases_case"' in query["sql"]]
    assert "cases_campaign" not in case_query


def test_staff_preview_a_case_of_a_campaign_made_a_moment_ago(staff_client, campaign):
    from tests.factories import make_campaign

    [case, *_] = add_cases(campaign, 1)
    staff_client.get(case.get_absolute_url())  # the campaigns are kept from here on
    next_year = make_campaign(year=campaign.year + 1, is_current=False)
    draft = make_case(campaign=next_year, is_published=False, headline="Le cas de l’an prochain")
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200 and "Le cas de l’an prochain" in response.content.decode()
