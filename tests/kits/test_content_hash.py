"""A document's key changes with everything it shows, and only then."""

from __future__ import annotations

import datetime

from cases.models import Campaign, Case
from cases.services import placeholder_portrait
from kits import printing
from kits.models import PrintableDocument
from tests.factories import make_case

Kind = PrintableDocument.Kind


def hashes(campaign) -> dict:
    return {(spec.kind, spec.case_id): spec.content_hash for spec in printing.campaign_specs(campaign, "fr")}


def test_the_campaign_offers_a_full_kit_its_class_documents_then_three_per_published_case(campaign):
    first = make_case(campaign=campaign, order=1)
    second = make_case(campaign=campaign, order=2)
    make_case(campaign=campaign, order=3, is_published=False)

    kinds = [(spec.kind, spec.case_id) for spec in printing.campaign_specs(campaign, "fr")]

    assert kinds == [
        (Kind.FULL_KIT, None),
        (Kind.TEACHER_GUIDE, None),
        (Kind.YOUNG_SHEETS, None),
        (Kind.FACT_SHEET, first.pk),
        (Kind.MODEL_LETTER, first.pk),
        (Kind.POSTCARDS, first.pk),
        (Kind.FACT_SHEET, second.pk),
        (Kind.MODEL_LETTER, second.pk),
        (Kind.POSTCARDS, second.pk),
    ]


def test_the_hash_is_stable_while_nothing_changes(case):
    before = hashes(case.campaign)
    case.save()
    assert hashes(case.campaign) == before
    assert len(set(before.values())) == len(before)


def test_editing_the_ask_changes_that_case_and_the_campaign_wide_documents_only(campaign):
    edited = make_case(campaign=campaign)
    other = make_case(campaign=campaign)
    before = hashes(campaign)

    edited.ask = "Une nouvelle demande."
    edited.save()
    after = hashes(campaign)

    changed = {key for key in before if before[key] != after[key]}
    # The documents with every case in them are keyed on every case's content.
    assert changed == {
        (Kind.FULL_KIT, None),
        (Kind.TEACHER_GUIDE, None),
        (Kind.YOUNG_SHEETS, None),
        (Kind.FACT_SHEET, edited.pk),
        (Kind.MODEL_LETTER, edited.pk),
        (Kind.POSTCARDS, edited.pk),
    }
    assert all(before[(kind, other.pk)] == after[(kind, other.pk)] for kind in printing.CASE_KINDS)


def test_editing_the_authoritys_address_changes_the_documents(case):
    before = hashes(case.campaign)
    case.authority.postal_address = "Nouvelle adresse\n1000 Ailleurs"
    case.authority.save()
    assert hashes(case.campaign)[(Kind.MODEL_LETTER, case.pk)] != before[(Kind.MODEL_LETTER, case.pk)]


def test_editing_the_deadline_or_the_return_address_changes_every_document(case):
    campaign = case.campaign
    first = hashes(campaign)
    campaign.letters_deadline = datetime.date(2030, 1, 15)
    campaign.save()
    second = hashes(campaign)
    campaign.return_address = "Ailleurs 1\n4000 Liège"
    campaign.save()
    third = hashes(campaign)
    assert all(first[key] != second[key] != third[key] for key in first)


def test_a_new_photo_with_the_same_name_changes_the_documents(case, settings):
    case.photo.save("portrait.jpg", placeholder_portrait(name="A B", size=100))
    before = hashes(case.campaign)
    # Same name, other content: the storage is overwritten behind Django's back.
    (settings.MEDIA_ROOT / case.photo.name).write_bytes(placeholder_portrait(name="C D", size=120).read())
    assert hashes(case.campaign)[(Kind.FACT_SHEET, case.pk)] != before[(Kind.FACT_SHEET, case.pk)]


def test_a_photo_whose_file_is_gone_is_left_out(case, settings):
    case.photo.save("portrait.jpg", placeholder_portrait(name="A B", size=100))
    (settings.MEDIA_ROOT / case.photo.name).unlink()
    [content] = printing.current_spec(
        language="fr", kind=Kind.FACT_SHEET, campaign_id=case.campaign_id, case_id=case.pk
    ).cases
    assert content.photo_name == ""


def test_an_unpublished_case_or_an_old_campaign_offers_no_document(case):
    assert printing.current_spec(
        language="fr", kind=Kind.FACT_SHEET, campaign_id=case.campaign_id, case_id=case.pk
    )
    case.is_published = False
    case.save()
    assert (
        printing.current_spec(
            language="fr", kind=Kind.FACT_SHEET, campaign_id=case.campaign_id, case_id=case.pk
        )
        is None
    )
    case.campaign.is_current = False
    case.campaign.save()
    assert (
        printing.current_spec(language="fr", kind=Kind.FULL_KIT, campaign_id=case.campaign_id, case_id=None)
        is None
    )


def test_the_quick_current_hash_agrees_with_the_snapshot_and_follows_every_edit(case, settings):
    campaign = case.campaign
    case.photo.save("portrait.jpg", placeholder_portrait(name="A B", size=100))

    def quick(kind):
        return printing.current_hash(
            language="fr", kind=kind, campaign=Campaign.objects.get(pk=campaign.pk), case_id=case.pk
        )

    def agree():
        for kind in (Kind.FULL_KIT, *printing.CASE_KINDS):
            # Twice: the second answer comes from the process's memory.
            expected = hashes(Campaign.objects.get(pk=campaign.pk))[
                (kind, None if kind == Kind.FULL_KIT else case.pk)
            ]
            assert quick(kind) == quick(kind) == expected

    agree()
    seen = {quick(Kind.FULL_KIT)}
    case.ask = "Autre demande."
    case.save()
    agree()
    case.authority.postal_address = "Ailleurs"
    case.authority.save()
    agree()
    (settings.MEDIA_ROOT / case.photo.name).write_bytes(placeholder_portrait(name="C D", size=120).read())
    agree()
    Campaign.objects.filter(pk=campaign.pk).update(letters_deadline=datetime.date(2031, 1, 1))
    agree()
    seen.add(quick(Kind.FULL_KIT))
    assert len(seen) == 2

    Case.objects.filter(pk=case.pk).update(is_published=False)
    assert quick(Kind.FACT_SHEET) is None
