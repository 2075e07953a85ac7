"""What the PDFs say, read back by text extraction."""

from __future__ import annotations

import io

from django.utils.formats import date_format
from pypdf import PdfReader

from kits import printing
from kits.models import PrintableDocument
from tests.factories import make_case
from tests.kits.conftest import one_line, pdf_pages, pdf_text

Kind = PrintableDocument.Kind


def render(campaign, kind, case=None) -> bytes:
    spec = printing.current_spec(
        language="fr", kind=kind, campaign_id=campaign.pk, case_id=case.pk if case else None
    )
    return printing.render_document(spec)


def test_the_full_kit_has_every_person_every_address_the_deadline_and_the_return_address(campaign, ten_cases):
    text = pdf_text(render(campaign, Kind.FULL_KIT))

    for case in ten_cases:
        assert case.person_name in text
        assert one_line(case.authority.postal_address) in text
        assert case.ask in text
    assert date_format(campaign.letters_deadline, "j F Y") in text  # e.g. "11 janvier 2022"
    assert one_line(campaign.return_address) in text
    assert "Sommaire" in text


def test_the_postcards_sheet_has_four_cards_on_its_front_and_the_address_on_its_back(case):
    pages = pdf_pages(render(case.campaign, Kind.POSTCARDS, case))

    assert len(pages) == 2
    assert pages[0].count(case.person_name) == 4
    assert pages[0].count(case.postcard_message) == 4
    assert pages[1].count(one_line(case.postcard_address)) == 4
    # Cards travel with the letters in the one envelope sent back: no stamp box (issue 19).
    assert "Timbre" not in pages[1]


def test_the_model_letter_is_addressed_to_the_authority_and_has_room_to_sign(case):
    text = pdf_text(render(case.campaign, Kind.MODEL_LETTER, case))

    assert case.authority.name in text
    assert case.authority.title in text
    assert one_line(case.authority.postal_address) in text
    assert "Monsieur le Président," in text
    assert case.model_letter in text
    assert "Je vous prie d’agréer, Monsieur le Président, l’expression" in text
    assert "Signature" in text


def test_the_fact_sheet_tells_the_story_the_ask_and_how_to_act(campaign):
    case = make_case(campaign=campaign, story="Elle a **toujours** défendu sa rivière.")
    text = pdf_text(render(campaign, Kind.FACT_SHEET, case))

    assert case.person_name in text
    assert "Guatemala" in text
    assert "Elle a toujours défendu sa rivière." in text
    assert case.ask in text
    assert one_line(campaign.return_address) in text


def test_the_pdf_is_tagged_with_a_title_a_language_and_an_author(case, settings):
    reader = PdfReader(io.BytesIO(render(case.campaign, Kind.FACT_SHEET, case)))

    assert reader.metadata.title.startswith(f"Fiche d’information — {case.person_name}")
    assert reader.metadata.author == settings.ORGANISATION_NAME
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_fonts_are_embedded(case):
    reader = PdfReader(io.BytesIO(render(case.campaign, Kind.MODEL_LETTER, case)))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            fonts.add(str(font.get_object()["/BaseFont"]))
    # Only the shipped fonts: nothing depends on what the machine has installed.
    assert {
        name.split("+")[1].split(",")[0].removesuffix("-Bold").removesuffix("-Italic") for name in fonts
    } == {
        "Source-Sans-3",
        "Source-Serif-4",
    }


def test_the_photo_is_embedded_even_after_its_print_copy_was_lost(campaign, ten_cases, settings):
    with_photo = ten_cases[0]
    first = PdfReader(io.BytesIO(render(campaign, Kind.FACT_SHEET, with_photo)))
    assert len(first.pages[0].images) == 1

    for thumbnail in (settings.MEDIA_ROOT / "cache").rglob("*.jpg"):
        thumbnail.unlink()
    again = PdfReader(io.BytesIO(render(campaign, Kind.FACT_SHEET, with_photo)))

    assert len(again.pages[0].images) == 1


def test_case_text_pointing_images_elsewhere_renders_without_fetching_them(campaign, spy_server):
    case = make_case(
        campaign=campaign,
        story=(
            f"Voir ![photo]({spy_server.url}/story.png?leak=1) et "
            '<img src="file:///etc/passwd"> '
            f'<img src="{spy_server.url}/raw.png">'
        ),
        ask=f'Libérez-la. <img src="{spy_server.url}/ask.png">',
        model_letter=f"![x](file:///etc/passwd)\n\n<img src='{spy_server.url}/letter.png'>",
        postcard_message=f'<img src="{spy_server.url}/card.png">',
    )

    texts = [pdf_text(render(campaign, kind, case)) for kind in printing.CASE_KINDS]
    texts.append(pdf_text(render(campaign, Kind.FULL_KIT)))

    assert spy_server.hits == []
    assert all("root:" not in text for text in texts)
    assert "Voir" in texts[0]
