from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from marathon.celery import app as celery_app
from marathon.tally.models import PastResult
from marathon.tally.services import RESULTS_CACHE_KEY
from marathon.tally.tasks import refresh_results
from tests.factories import make_case
from tests.tally.conftest import make_batch

pytestmark = pytest.mark.django_db

RESULTS = "/fr/resultats/"


@pytest.fixture
def counted(campaign, cases, counter):
    zhang, bernardo, _idris = cases
    make_batch(campaign=campaign, recorded_by=counter, counts={(zhang, "letter"): 1200, (zhang, "card"): 30})
    make_batch(
        campaign=campaign,
        recorded_by=counter,
        counts={(bernardo, "letter"): 800, (bernardo, "signature"): 45},
    )


def test_the_results_page_shows_the_totals_per_kind_and_per_case(client, counted):
    response = client.get(RESULTS)
    assert response.status_code == 200
    results = response.context["results"]
    assert results["total"] == 2075
    assert results["by_kind"] == {"letter": 2000, "card": 30, "signature": 45}
    assert [(row["name"], row["counts"]) for row in results["cases"]] == [
        ("Zhang Zhan", {"letter": 1200, "card": 30, "signature": 0}),
        ("Bernardo Caal Xol", {"letter": 800, "card": 0, "signature": 45}),
        ("Idris Khattak", {"letter": 0, "card": 0, "signature": 0}),
    ]
    html = response.content.decode()
    assert "2\xa0075" in html
    assert "lettres, cartes et signatures reçues et comptées à ce jour" in html
    assert "Lettres aux autorités" in html


def test_earlier_campaigns_results_entered_by_staff_are_shown(client, campaign):
    PastResult.objects.create(year=2020, letters=243_512, signatures=51_000, note="Pendant la pandémie")
    PastResult.objects.create(year=2019, letters=180_000, signatures=0)
    html = client.get(RESULTS).content.decode()
    assert "Les marathons précédents" in html
    assert html.index("2020") < html.index("2019")
    assert "243\xa0512" in html and "Pendant la pandémie" in html


def test_a_case_not_published_is_counted_but_not_listed(client, campaign, cases, counter):
    hidden = make_case(campaign=campaign, person_name="Cas confidentiel", is_published=False)
    make_batch(campaign=campaign, recorded_by=counter, counts={(hidden, "letter"): 5})
    results = client.get(RESULTS).context["results"]
    assert results["total"] == 5
    assert "Cas confidentiel" not in [row["name"] for row in results["cases"]]


def test_the_page_is_served_from_the_cache_without_a_query(client, counted, django_assert_num_queries):
    client.get(RESULTS)  # a cold cache is filled once
    with django_assert_num_queries(0):
        assert client.get(RESULTS).status_code == 200


def test_new_batches_show_once_the_periodic_refresh_ran(client, counted, campaign, cases, counter):
    assert client.get(RESULTS).context["results"]["total"] == 2075
    make_batch(campaign=campaign, recorded_by=counter, counts={(cases[2], "card"): 5})
    assert client.get(RESULTS).context["results"]["total"] == 2075

    refresh_results.delay()

    assert client.get(RESULTS).context["results"]["total"] == 2080


def test_celery_beat_refreshes_the_counts_at_least_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["tally-refresh-results"]
    assert entry["task"] in celery_app.tasks
    assert entry["task"] == refresh_results.name
    assert entry["schedule"] <= 60


def test_the_page_still_answers_when_redis_is_down(client, counted):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get(RESULTS)
    assert response.status_code == 200
    assert response.context["results"]["total"] == 2075


def test_without_a_current_campaign_the_page_shows_earlier_results(client, db):
    PastResult.objects.create(year=2020, letters=243_512, signatures=51_000)
    response = client.get(RESULTS)
    assert response.status_code == 200
    assert "243\xa0512" in response.content.decode()


def test_the_home_page_shows_the_live_total(client, counted):
    html = client.get("/fr/").content.decode()
    assert "2\xa0075" in html
    assert "lettres, cartes et signatures déjà reçues et comptées." in html
    assert 'href="/fr/resultats/"' in html


def test_the_home_page_links_to_the_results_before_anything_is_counted(client, campaign):
    html = client.get("/fr/").content.decode()
    assert "déjà reçues et comptées" not in html
    assert 'href="/fr/resultats/"' in html


def test_the_cache_holds_plain_data_for_the_current_campaign(client, counted, campaign):
    refresh_results()
    cached = cache.get(RESULTS_CACHE_KEY)
    # The words of every language, chosen when the page is read.
    title = dict.fromkeys(["fr", "nl", "en"], campaign.title)
    assert cached["campaign"] == {"id": campaign.pk, "year": campaign.year, "title": title}
    assert cached["total"] == 2075
