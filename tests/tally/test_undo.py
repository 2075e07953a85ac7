from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from marathon.tally.models import LetterBatch, LetterBatchChange
from tests.tally.conftest import make_batch, make_counter

pytestmark = pytest.mark.django_db


def undo_url(batch) -> str:
    return f"/fr/comptage/annuler/{batch.pk}/"


def test_a_volunteer_undoes_the_envelope_they_just_recorded(counter_client, counter, cases, campaign):
    batch = make_batch(campaign=campaign, recorded_by=counter, counts={(cases[0], "letter"): 12})
    html = counter_client.get("/fr/comptage/").content.decode()
    assert f'action="{undo_url(batch)}"' in html

    response = counter_client.post(undo_url(batch), follow=True)

    assert not LetterBatch.objects.exists()
    assert f"Le lot n° {batch.pk} a été annulé." in response.content.decode()
    change = LetterBatchChange.objects.get()
    assert (change.action, change.batch_number, change.changed_by) == ("undone", batch.pk, counter)
    assert change.before["lines"] == [
        {"case": cases[0].pk, "case_name": cases[0].person_name, "kind": "letter", "count": 12}
    ]
    assert change.after is None


def test_undo_is_refused_once_the_window_is_over(counter_client, counter, cases, campaign, settings):
    batch = make_batch(campaign=campaign, recorded_by=counter, counts={(cases[0], "letter"): 12})
    past = timezone.now() - datetime.timedelta(seconds=settings.TALLY_UNDO_SECONDS + 1)
    LetterBatch.objects.filter(pk=batch.pk).update(created_at=past)

    assert f'action="{undo_url(batch)}"' not in counter_client.get("/fr/comptage/").content.decode()
    response = counter_client.post(undo_url(batch), follow=True)

    assert LetterBatch.objects.filter(pk=batch.pk).exists()
    assert "Trop tard pour annuler ce lot" in response.content.decode()
    assert not LetterBatchChange.objects.exists()


def test_a_volunteer_cannot_undo_someone_elses_envelope(counter_client, cases, campaign):
    colleague = make_counter("collegue")
    batch = make_batch(campaign=campaign, recorded_by=colleague, counts={(cases[0], "letter"): 12})

    assert counter_client.post(undo_url(batch)).status_code == 403
    assert LetterBatch.objects.filter(pk=batch.pk).exists()


def test_undoing_twice_says_it_is_already_done(counter_client, counter, cases, campaign):
    batch = make_batch(campaign=campaign, recorded_by=counter, counts={(cases[0], "letter"): 1})
    counter_client.post(undo_url(batch))
    response = counter_client.post(undo_url(batch), follow=True)
    assert "Ce lot a déjà été annulé." in response.content.decode()
    assert LetterBatchChange.objects.count() == 1


def test_undo_only_answers_a_post(counter_client, counter, cases, campaign):
    batch = make_batch(campaign=campaign, recorded_by=counter, counts={(cases[0], "letter"): 1})
    assert counter_client.get(undo_url(batch)).status_code == 405
    assert LetterBatch.objects.exists()
