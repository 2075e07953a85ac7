"""Whole pages from the cache for visitors, never stale after an edit, never another's token."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marathon.lib import pagecache
from petitions.services import petition_ensure
from tests.cases.test_admin import _case_form
from tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def case_with_petition(case):
    petition_ensure(case=case)
    return case


def token_of(response) -> str:
    return pagecache.TOKEN_RE.search(response.content.decode()).group(2)


def test_a_visitor_gets_a_case_page_from_the_cache_without_a_query(
    case_with_petition, django_assert_num_queries
):
    url = case_with_petition.get_absolute_url()
    first = Client().get(url)
    with django_assert_num_queries(0):
        again = Client().get(url)
    assert again.status_code == 200
    assert case_with_petition.headline in again.content.decode()
    assert again.content.replace(token_of(again).encode(), b"") == first.content.replace(
        token_of(first).encode(), b""
    )


@pytest.mark.parametrize("name", ["home", "cases:index", "tally:results", "petitions:sign-all"])
def test_the_other_public_pages_are_cached_too(name, case_with_petition, django_assert_num_queries):
    Client().get(reverse(name))
    with django_assert_num_queries(0):
        assert Client().get(reverse(name)).status_code == 200


def test_saving_a_case_in_the_admin_shows_the_new_text_at_once(
    staff_client, case_with_petition, django_capture_on_commit_callbacks
):
    visitor = Client()
    url = case_with_petition.get_absolute_url()
    visitor.get(url)
    assert "Un nouveau titre" not in visitor.get(url).content.decode()  # from the cache

    admin_url = reverse("admin:cases_case_change", args=[case_with_petition.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(admin_url, _case_form(case_with_petition, headline="Un nouveau titre"))
    assert response.status_code == 302

    assert "Un nouveau titre" in visitor.get(url).content.decode()
    assert "Un nouveau titre" in Client().get(reverse("home")).content.decode()


def test_a_page_served_again_within_a_second_does_not_ask_redis(case_with_petition, monkeypatch):
    url = case_with_petition.get_absolute_url()
    Client().get(url)
    asked = []
    for name in ("get", "get_many", "add"):
        real = getattr(pagecache.cache, name)
        monkeypatch.setattr(
            pagecache.cache, name, lambda *a, real=real, name=name, **k: asked.append(name) or real(*a, **k)
        )
    again = Client().get(url)
    assert again.status_code == 200 and case_with_petition.headline in again.content.decode()
    assert token_of(again) != pagecache.PLACEHOLDER
    assert asked == []


def test_an_edit_made_by_another_process_shows_within_a_second(case_with_petition):
    url = case_with_petition.get_absolute_url()
    Client().get(url)
    # Another web process saves the case: the row and the generation in Redis change, and
    # this process hears of it only through Redis.
    type(case_with_petition).objects.filter(pk=case_with_petition.pk).update(headline="Écrit ailleurs")
    cache.set(pagecache.GENERATION_KEY, pagecache.time.time_ns(), timeout=None)

    assert "Écrit ailleurs" not in Client().get(url).content.decode()  # kept by this process
    time.sleep(pagecache.LOCAL_SECONDS + 0.1)
    assert "Écrit ailleurs" in Client().get(url).content.decode()


def test_unpublishing_a_case_takes_it_off_at_once(case_with_petition, django_capture_on_commit_callbacks):
    url = case_with_petition.get_absolute_url()
    assert Client().get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        case_with_petition.is_published = False
        case_with_petition.save()
    assert Client().get(url).status_code == 404


def test_a_cached_page_carries_the_visitors_own_token_and_no_one_elses(case_with_petition):
    url = case_with_petition.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(url)
    page_two = second.get(url)  # from the cache

    assert token_of(page_one) != token_of(page_two)
    assert pagecache.PLACEHOLDER not in page_two.content.decode()
    # The stored page holds a placeholder, no one's token.
    _content_type, body, has_token, _fresh_until = cache.get(
        pagecache._key(RequestFactory().get(url), pagecache._generation())
    )
    assert has_token and pagecache.PLACEHOLDER in body
    assert token_of(page_one) not in body
    # Each visitor gets its own csrftoken cookie, and its own token works with it.
    assert page_two.cookies["csrftoken"].value != page_one.cookies["csrftoken"].value
    petition = case_with_petition.petition
    response = second.post(
        reverse("petitions:sign", args=[petition.pk]),
        {
            "csrfmiddlewaretoken": token_of(page_two),
            "first_name": "Anne",
            "last_name": "Dupont",
            "email": "anne@example.org",
            "postcode": "1050",
            "country": "BE",
        },
    )
    assert response.status_code == 302


def test_a_cached_page_sets_no_cookie_but_the_visitors_csrf_cookie(case_with_petition):
    url = case_with_petition.get_absolute_url()
    Client().get(url)
    reader = Client()
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    hit = reader.get(url)
    assert set(hit.cookies) == {"csrftoken"}
    assert not reader.get(reverse("home")).cookies  # no form, no cookie at all
    # A first visit also learns the language it reads in (for the bare /), from the
    # middleware, never from the stored page.
    assert set(Client().get(url).cookies) == {"csrftoken", settings.LANGUAGE_COOKIE_NAME}


def test_staff_previews_are_never_stored_for_visitors(staff_client, campaign):
    hidden = make_case(campaign=campaign, is_published=False)
    url = hidden.get_absolute_url()
    assert staff_client.get(url).status_code == 200
    assert Client().get(url).status_code == 404


def test_visitors_with_a_session_or_a_message_get_the_page_made_for_them(case_with_petition):
    url = case_with_petition.get_absolute_url()
    Client().get(url)
    with_session = Client()
    with_session.cookies["sessionid"] = "whatever"
    with_message = Client()
    with_message.cookies["messages"] = "whatever"
    for visitor in (with_session, with_message):
        with CaptureQueriesContext(connection) as queries:
            assert visitor.get(url).status_code == 200
        assert queries.captured_queries, "rendered for this visitor, not read from the cache"


def test_a_page_with_errors_or_a_post_is_never_cached(case_with_petition):
    petition = case_with_petition.petition
    url = reverse("petitions:sign", args=[petition.pk])
    bad = Client().post(url, {"email": "not an address"})
    assert bad.status_code == 400
    assert "not an address" not in Client().get(url).content.decode()


def test_with_the_cache_down_pages_are_rendered_and_the_cache_left_alone_a_while(
    case_with_petition, monkeypatch
):
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(pagecache, "_down_until", 0.0)
    monkeypatch.setattr(cache, "get_many", broken)
    monkeypatch.setattr(cache, "get", broken)
    url = case_with_petition.get_absolute_url()
    for _ in range(3):
        response = Client().get(url)
        assert response.status_code == 200
        assert case_with_petition.headline in response.content.decode()
    assert len(calls) == 1


def test_a_stale_page_is_rendered_again_by_one_visitor_while_the_others_get_the_stale_copy(
    case_with_petition, settings, monkeypatch
):
    url = case_with_petition.get_absolute_url()
    renders = []
    real_store = pagecache._store

    def counting_store(key, response):
        renders.append(key)
        real_store(key, response)

    monkeypatch.setattr(pagecache, "_store", counting_store)
    Client().get(url)
    assert len(renders) == 1

    now = pagecache.time.time()
    monkeypatch.setattr(pagecache.time, "time", lambda: now + settings.PAGE_CACHE_SECONDS + 1)
    # Another visitor is already renewing it: served the stale copy, nothing rendered.
    cache.add(f"{renders[0]}:renewing", 1, timeout=60)
    stale = Client().get(url)
    assert stale.status_code == 200
    assert case_with_petition.headline in stale.content.decode()
    assert len(renders) == 1

    # Nobody is: this visitor renders it, once.
    cache.delete(f"{renders[0]}:renewing")
    Client().get(url)
    assert len(renders) == 2
    Client().get(url)  # fresh again for the others
    assert len(renders) == 2


def test_query_strings_the_view_does_not_read_share_one_entry(case_with_petition, django_assert_num_queries):
    url = case_with_petition.get_absolute_url()
    Client().get(url)
    with django_assert_num_queries(0):
        for n in range(30):
            assert Client().get(f"{url}?utm_source=scan{n}&fbclid={n}").status_code == 200
    assert _entries() == 1


def test_a_view_that_reads_a_parameter_is_keyed_on_it(rf):
    from django.http import HttpResponse

    calls = []

    @pagecache.cached_for_visitors(query=("page",))
    def listing(request):
        calls.append(request.GET.get("page"))
        return HttpResponse(f"page {request.GET.get('page')}")

    for page in ["1", "2", "1", "2"]:
        assert (
            listing(rf.get("/liste/", {"page": page, "utm_source": page * 3})).content
            == f"page {page}".encode()
        )
    assert calls == ["1", "2"]


def _entries() -> int:
    client = cache._cache.get_client()
    return sum(1 for _key in client.scan_iter(match="*pagecache:v4:*"))
