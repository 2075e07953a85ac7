"""The kinds of returned item are data: every table of counts is built from LetterKind,
so a new kind is one enum member (and its migration), shown everywhere without more code."""

from __future__ import annotations

import pytest
from django.utils import translation

from marathon.tally.admin import HandoverAdmin
from marathon.tally.exports import handover_counts_csv_header, handover_counts_csv_rows
from marathon.tally.handover import handover_counts
from marathon.tally.models import Handover, LetterKind
from tests.tally.handover_data import handover_world

pytestmark = pytest.mark.django_db


def test_the_handover_list_has_a_column_per_kind_and_they_add_up():
    world = handover_world()
    handover = Handover.objects.create(campaign=world["campaign"], embassy=world["gt"])
    counts = handover_counts(campaign=world["campaign"])[world["gt"].pk]

    admin = HandoverAdmin(Handover, None)
    columns = [f"count_{kind.value}" for kind in LetterKind]
    assert all(column in admin.list_display for column in columns)
    shown = [getattr(admin, column)(handover) for column in columns]
    assert shown == [counts.by_kind[kind.value] for kind in LetterKind]
    assert sum(shown) + counts.online == counts.total == sum(case.total for case in counts.cases)


def test_the_embassy_spreadsheet_has_a_column_per_kind():
    world = handover_world()
    handover = Handover.objects.create(campaign=world["campaign"], embassy=world["gt"])
    with translation.override("fr"):
        header = handover_counts_csv_header()
        for kind in LetterKind:
            assert str(kind.label) in header
    counts = {world["campaign"].pk: handover_counts(campaign=world["campaign"])}
    rows = list(handover_counts_csv_rows([handover], counts))
    assert rows and all(len(row) == len(header) for row in rows)


def test_the_results_page_shows_each_kind_and_the_combined_signatures(client, db):
    handover_world()
    page = client.get("/fr/resultats/").content.decode()
    for kind in LetterKind.of_letters():
        assert str(kind.short_label) in page
    assert LetterKind.SIGNATURE not in LetterKind.of_letters()
