"""The teacher's guide and the fact sheets for pupils of 10 to 14: written, downloadable
from the printables page, and what the box for a class holds (issue 19, item 6)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils.formats import date_format

from cases.models import Campaign, Case
from kits import printing
from kits.contents import kit_contents
from kits.models import PrintableDocument
from tests.kits.conftest import one_line, pdf_pages, pdf_text
from tests.kits.test_documents import render

pytestmark = pytest.mark.django_db

Kind = PrintableDocument.Kind

GUIDE = "### Une séance de 50 minutes\n\n1. **Dix minutes** pour entrer dans le sujet.\n\n### Conseils d’écriture\n"


def test_the_teachers_guide_has_the_staffs_text_the_people_the_deadline_and_the_address(campaign, cases):
    campaign.teacher_guide = GUIDE
    campaign.save()

    text = pdf_text(render(campaign, Kind.TEACHER_GUIDE))

    assert "guide pour l’enseignant·e" in text.lower()
    assert "Une séance de 50 minutes" in text and "Dix minutes pour entrer dans le sujet" in text
    for case in cases:
        assert case.person_name in text and case.headline in text
    assert date_format(campaign.letters_deadline, "j F Y") in text
    assert one_line(campaign.return_address) in text


def test_the_young_readers_sheets_have_a_page_per_person_in_their_words(campaign, cases):
    cases[0].young_summary = "Bernardo est instituteur. Il a protesté sans violence."
    cases[0].save()

    pages = pdf_pages(render(campaign, Kind.YOUNG_SHEETS))

    assert len(pages) >= len(cases)
    text = " ".join(pages)
    assert "Bernardo est instituteur. Il a protesté sans violence." in text
    assert cases[1].summary in text  # no text for the young yet: the summary stands in
    assert "pour les 10 à 14 ans" in text.lower()


def test_the_printables_page_offers_them_for_a_class(client, campaign, cases):
    html = client.get("/fr/kit/imprimer/").content.decode()

    assert "Pour une classe" in html
    assert "/fr/kit/imprimer/pour-les-classes/guide-enseignant/" in html
    assert "/fr/kit/imprimer/pour-les-classes/fiches-10-14-ans/" in html
    kinds = set(PrintableDocument.objects.values_list("kind", flat=True))
    assert {Kind.TEACHER_GUIDE, Kind.YOUNG_SHEETS} <= kinds


@pytest.mark.parametrize("slug", ["guide-enseignant", "fiches-10-14-ans"])
def test_their_stable_addresses_lead_to_the_current_file(client, campaign, cases, slug):
    response = client.get(f"/fr/kit/imprimer/pour-les-classes/{slug}/")

    assert response.status_code in {200, 202, 302}


@pytest.mark.parametrize("slug", ["nope", "kit", "<script>", "fiche"])
def test_an_unknown_document_is_not_found(client, campaign, cases, slug):
    assert client.get(f"/fr/kit/imprimer/pour-les-classes/{slug}/").status_code == 404


def test_a_class_box_holds_them():
    contents = kit_contents(kind="school", writers=24, age_band="10-14", cases=10)

    lines = dict(contents.lines())
    assert contents.youth_fact_sheets and contents.teacher_guides >= 1
    assert any("jeunes" in str(what) or "young" in str(what) for what in lines)


def test_the_demo_has_a_teachers_guide_and_young_readers_sheets(db):
    call_command("seed_demo", verbosity=0)
    campaign = Campaign.objects.get(is_current=True)

    assert "Une séance de 50 minutes" in campaign.teacher_guide
    assert all(case.young_summary for case in Case.objects.filter(campaign=campaign))
    specs = printing.campaign_specs(campaign, "fr")
    assert [spec.kind for spec in specs[:3]] == [Kind.FULL_KIT, Kind.TEACHER_GUIDE, Kind.YOUNG_SHEETS]
