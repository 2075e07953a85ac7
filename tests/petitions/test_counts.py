from __future__ import annotations

from django.db import connection

from petitions import counts
from petitions.models import CountDelta, PetitionTally, Signature
from petitions.services import signatures_invalidate
from tests.petitions.conftest import confirm, sign, sign_all


def shown_count(client, url: str, petition) -> int:
    content = client.get(url).content.decode()
    marker = f'data-petition="{petition.pk}">'
    start = content.index(marker)
    return int(content[start:].split('data-count="', 1)[1].split('"', 1)[0])


def test_a_signature_counts_only_once_confirmed(client, petition):
    sign(client, petition)
    assert counts.online_counts().get(petition.pk, 0) == 0

    confirm(client)
    counts.forget()

    assert counts.online_counts()[petition.pk] == 1


def test_the_case_page_the_sign_all_page_and_the_home_page_show_the_counts(client, ten_petitions):
    sign_all(client, ten_petitions[:2])
    confirm(client)
    sign_all(client, ten_petitions[:1], email="paul@example.org")
    confirm(client)
    counts.forget()
    first = ten_petitions[0]

    assert shown_count(client, first.case.get_absolute_url(), first) == 2
    assert shown_count(client, "/petitions/signer-tout/", first) == 2
    assert shown_count(client, "/petitions/signer-tout/", ten_petitions[1]) == 1
    home = client.get("/").content.decode()
    assert 'class="petitions-total" data-count="3"' in home
    assert "3</strong> signatures en ligne" in home


def test_the_count_display_can_show_a_paper_figure_beside_the_online_one():
    from django.template.loader import render_to_string

    html = render_to_string("petitions/count.html", {"count": counts.PetitionCount(online=12, paper=30)})

    assert "12</strong> signatures en ligne" in html
    assert "30</strong> sur papier" in html
    assert "sur papier" not in render_to_string(
        "petitions/count.html", {"count": counts.PetitionCount(online=12)}
    )


def test_invalidated_signatures_leave_the_counts(client, petition):
    sign(client, petition)
    confirm(client)
    sign(client, petition, email="bot@example.org")
    confirm(client)

    signatures_invalidate(signatures=Signature.objects.filter(signer__email="bot@example.org"), reason="bot")
    counts.rollup()

    assert counts.online_counts()[petition.pk] == 1
    assert Signature.objects.filter(invalidated_at__isnull=False).get().invalidation_reason == "bot"


def test_reading_counts_does_not_touch_signature_rows(client, ten_petitions, django_assert_num_queries):
    sign_all(client, ten_petitions)
    confirm(client)
    counts.forget()

    with django_assert_num_queries(1) as captured:
        counts.online_counts()
    assert "petitions_signature" not in captured.captured_queries[0]["sql"]
    with django_assert_num_queries(0):
        counts.online_counts()  # then served from this process for CACHE_SECONDS


def test_confirming_inserts_deltas_instead_of_updating_a_counter(client, petition, settings):
    from marathon.celery import app

    sign(client, petition)
    app.conf.task_always_eager = False  # as in production: the beat rolls up, not the request
    try:
        confirm(client)
    finally:
        app.conf.task_always_eager = True

    assert list(CountDelta.objects.values_list("petition_id", "delta")) == [(petition.pk, 1)]
    assert PetitionTally.objects.get(petition=petition).confirmed == 0
    assert counts.rollup() == 1
    assert PetitionTally.objects.get(petition=petition).confirmed == 1
    assert not CountDelta.objects.exists()


def test_reconcile_repairs_a_tally_changed_behind_the_services_back(client, petition):
    sign(client, petition)
    confirm(client)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE petitions_petitiontally SET confirmed = 999")
        cursor.execute("INSERT INTO petitions_countdelta (petition_id, delta) VALUES (%s, 5)", [petition.pk])

    counts.reconcile()
    counts.rollup()

    assert PetitionTally.objects.get(petition=petition).confirmed == 1


def test_the_sign_page_needs_no_database_round_trip_once_warm(client, petition, django_assert_num_queries):
    url = f"/petitions/{petition.pk}/signer/"
    client.get(url)

    with django_assert_num_queries(0):
        response = client.get(url)

    assert 'data-count="0"' in response.content.decode()
