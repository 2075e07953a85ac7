from __future__ import annotations

from kits.contents import kit_contents


def test_one_writer_gets_one_of_everything_with_one_letter_per_case():
    contents = kit_contents(kind="individual", writers=1, cases=10)
    assert contents.fact_sheet_sets == 1
    assert contents.letters_per_case == 1
    assert contents.letters == 10
    assert contents.postcards_per_case == 1
    assert contents.return_envelopes == 1
    assert contents.how_to_sheets == 1
    assert contents.teacher_guides == 0
    assert not contents.youth_fact_sheets


def test_a_family_shares_postcards_and_fact_sheets():
    contents = kit_contents(kind="family", writers=6, cases=10)
    assert contents.fact_sheet_sets == 2
    assert contents.letters_per_case == 6
    assert contents.postcards_per_case == 3
    # 60 letters and 30 cards come back: two envelopes of 50.
    assert contents.return_envelopes == 2


def test_younger_pupils_get_youth_sheets_write_letters_in_pairs_and_a_card_each():
    contents = kit_contents(kind="school", writers=25, age_band="10-14", cases=10)
    assert contents.youth_fact_sheets
    assert contents.letters_per_case == 13
    assert contents.postcards_per_case == 25
    assert contents.fact_sheet_sets == 5
    assert contents.how_to_sheets == 3
    assert contents.teacher_guides == 1
    assert contents.return_envelopes == 8  # (130 + 250) / 50, rounded up


def test_older_pupils_get_the_adult_kit_and_a_teachers_guide():
    contents = kit_contents(kind="school", writers=25, age_band="14-18", cases=10)
    assert not contents.youth_fact_sheets
    assert contents.letters_per_case == 25
    assert contents.postcards_per_case == 13
    assert contents.teacher_guides == 1


def test_the_largest_order_stays_consistent():
    contents = kit_contents(kind="group", writers=500, cases=10)
    assert contents.fact_sheet_sets == 100
    assert contents.letters == 5000
    assert contents.postcards == 2500
    assert contents.return_envelopes == 150


def test_the_lines_list_every_item_with_its_quantity_in_french():
    lines = dict(kit_contents(kind="school", writers=20, age_band="10-14", cases=8).lines())
    assert lines["Fiches des cas pour jeunes lecteurs (jeu de 8)"] == 4
    assert lines["Guide pour l’enseignant·e"] == 1
