"""Real concurrency: threads, each with its own database connection, on committed data."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client

from petitions import counts
from petitions.models import PetitionTally, Signature, Signer
from tests.petitions.conftest import form_data, link_from

pytestmark = pytest.mark.django_db(transaction=True)


def run_concurrently(function, items, threads: int = 16) -> list:
    """function(client, item) for every item, from `threads` threads.

    Each thread has its own database connection and its own test client (making a
    client loads the middleware, which is slow, so not one per request).
    """
    results: dict[int, object] = {}
    chunks = [list(enumerate(items))[start::threads] for start in range(threads)]

    def work(chunk):
        client = Client()
        try:
            for index, item in chunk:
                results[index] = function(client, item)
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return [results.get(index) for index in range(len(items))]


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.PETITIONS_RATE_PER_IP = (100_000, 60)


def test_two_simultaneous_requests_for_the_same_address_and_petition_make_one_signature(petition):
    barrier = threading.Barrier(2)

    def post(client, _n):
        barrier.wait()
        return client.post(f"/fr/petitions/{petition.pk}/signer/", form_data()).status_code

    statuses = run_concurrently(post, range(2), threads=2)

    assert statuses == [302, 302]
    assert Signer.objects.count() == 1
    assert Signature.objects.count() == 1


def test_two_hundred_concurrent_signers_are_all_stored_and_counted_exactly(ten_petitions):
    chosen = ten_petitions[:2]
    signers = 200

    def sign(client, n):
        data = form_data(email=f"signer{n}@example.org", petitions=[p.pk for p in chosen])
        return client.post("/fr/petitions/signer-tout/", data).status_code

    statuses = run_concurrently(sign, range(signers))
    assert statuses == [302] * signers
    assert Signature.objects.count() == signers * len(chosen)
    assert Signature.objects.counted().count() == 0

    links = [link_from(message, "confirmer") for message in mail.outbox]
    assert len(links) == signers

    def confirm(client, link):
        return client.post(link).status_code

    stop = threading.Event()

    def keep_rolling_up():
        try:
            while not stop.wait(0.02):
                counts.rollup()
        finally:
            connection.close()

    roller = threading.Thread(target=keep_rolling_up)
    roller.start()
    try:
        assert run_concurrently(confirm, links) == [302] * signers
    finally:
        stop.set()
        roller.join()
    counts.rollup()

    for petition in chosen:
        assert PetitionTally.objects.get(petition=petition).confirmed == signers
    assert Signature.objects.counted().count() == signers * len(chosen)
