from __future__ import annotations

import importlib

import pytest
from django.urls import NoReverseMatch, clear_url_caches, reverse

import marathon.urls


def _reload_urls() -> None:
    clear_url_caches()
    importlib.reload(marathon.urls)


@pytest.fixture
def floor_mounted(settings):
    original = settings.BENCH_FLOOR
    settings.BENCH_FLOOR = True
    _reload_urls()
    yield
    settings.BENCH_FLOOR = original
    _reload_urls()


@pytest.mark.django_db
def test_the_floor_is_not_mounted_by_default(client):
    with pytest.raises(NoReverseMatch):
        reverse("bench-floor")
    assert client.get("/bench/floor/").status_code == 404


@pytest.mark.django_db
def test_the_floor_answers_without_a_query_when_bench_floor_is_set(
    client, floor_mounted, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(reverse("bench-floor"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
