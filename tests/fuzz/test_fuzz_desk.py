"""Generated input through the counting desk (a staff form, so fewer submissions)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from marathon.tally.forms import count_field_name
from marathon.tally.models import LetterBatch, LetterBatchLine, LetterKind, SenderKind
from tests.factories import make_campaign, make_case
from tests.fuzz import strategies as s
from tests.fuzz.conftest import FUZZ, rolled_back
from tests.tally.conftest import make_counter

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_generated_input_to_the_counting_desk(client):
    campaign = make_campaign(year=TODAY.year, letters_deadline=TODAY + datetime.timedelta(days=30))
    cases = [make_case(campaign=campaign) for _ in range(2)]
    counter = make_counter()
    client.force_login(counter)
    fields = {
        "received_on": st.one_of(
            st.integers(-400, 3).map(lambda days: (TODAY + datetime.timedelta(days=days)).isoformat()),
            s.dates,
        ),
        "sender_kind": st.sampled_from([*SenderKind.values, "", "staff"]),
        "kit_order_reference": st.sampled_from(["", "K-2021-0042", "MDL-AB23", "x" * 41, "K-0"]),
        "note": s.short_text,
        "submission_key": st.uuids().map(str),
        **{
            count_field_name(case.pk, kind): st.one_of(s.whole_numbers, st.sampled_from(["", "5000", "5001"]))
            for case in cases
            for kind in LetterKind
        },
    }

    @FUZZ.__class__(FUZZ, max_examples=max(100, FUZZ.max_examples // 4))
    @given(data=s.form(fields))
    def submit(data):
        with rolled_back():
            response = s.post_form(client, "/fr/comptage/", data)
            assert response.status_code in {302, 400}, (response.status_code, data)
            batches = list(LetterBatch.objects.all())
            if response.status_code == 400:
                assert batches == []
                return
            (batch,) = batches
            assert batch.recorded_by == counter and batch.campaign == campaign
            assert batch.received_on <= TODAY and batch.sender_kind in SenderKind.values
            assert len(batch.note) <= 500 and str(batch.submission_key) == data["submission_key"]
            lines = list(LetterBatchLine.objects.filter(batch=batch))
            assert lines and all(1 <= line.count <= settings.TALLY_MAX_PER_ENVELOPE for line in lines)
            assert sum(line.count for line in lines) <= settings.TALLY_MAX_PER_ENVELOPE
            assert {line.case_id for line in lines} <= {case.pk for case in cases}

    submit()
