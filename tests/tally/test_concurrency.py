"""Volunteers saving at the same moment: every envelope counted once, none lost."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import Client

from marathon.tally.models import LetterBatch, LetterBatchLine
from tests.tally.conftest import desk_data, make_counter

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs) -> list:
    """Start every job at the same instant, each on its own thread and connection."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def run(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def test_volunteers_saving_at_once_never_lose_or_double_a_batch(cases):
    volunteers = [make_counter("anne"), make_counter("bruno")]
    threads, envelopes_each = 6, 5

    def job(n):
        client = Client()
        client.force_login(volunteers[n % 2])

        def post_envelopes():
            statuses = []
            for i in range(envelopes_each):
                counts = {(cases[0], "letter"): n * 10 + i + 1, (cases[1], "card"): 1}
                statuses.append(client.post("/fr/comptage/", desk_data(counts)).status_code)
            return statuses

        return post_envelopes

    results = run_together([job(n) for n in range(threads)])

    assert results == [[302] * envelopes_each] * threads
    assert LetterBatch.objects.count() == threads * envelopes_each
    expected_letters = sum(n * 10 + i + 1 for n in range(threads) for i in range(envelopes_each))
    letters = LetterBatchLine.objects.filter(case=cases[0], kind="letter").aggregate(n=Sum("count"))["n"]
    cards = LetterBatchLine.objects.filter(case=cases[1], kind="card").aggregate(n=Sum("count"))["n"]
    assert (letters, cards) == (expected_letters, threads * envelopes_each)
    assert LetterBatch.objects.filter(recorded_by=volunteers[0]).count() == 15


def test_one_form_sent_several_times_at_once_makes_one_batch(cases):
    volunteer = make_counter()
    data = desk_data({(cases[0], "letter"): 8})

    def send():
        client = Client()
        client.force_login(volunteer)
        return client.post("/fr/comptage/", data).status_code

    assert run_together([send] * 4) == [302] * 4
    assert LetterBatch.objects.count() == 1
    assert LetterBatchLine.objects.get().count == 8
