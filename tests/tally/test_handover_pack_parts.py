"""The pack's annex is rendered a few rows at a time and joined into one PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from marathon.lib import pdf
from marathon.tally.handover import CaseCounts, PackCase, SignatureRow, annex_parts
from marathon.tally.models import Handover
from marathon.tally.services import handover_pack_render
from tests.tally.handover_data import add_signature, handover_world

pytestmark = pytest.mark.django_db

# Bernardo: the world's Lambert and Peeters plus these five; Juana: Dubois plus two.
MORE_BERNARDO = [
    ("Zoé", "Wouters"),
    ("Yves", "Claes"),
    ("Xavier", "Jacobs"),
    ("Wim", "Maes"),
    ("Véra", "Mertens"),
]
MORE_JUANA = [("Ursule", "Willems"), ("Théo", "Goossens")]


def pages_text(handover: Handover) -> list[str]:
    with handover.file.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    # pypdf reads the running footers' text with a NUL between letters; the body is plain.
    return [" ".join(page.extract_text().replace("\x00", "").split()) for page in reader.pages]


@pytest.fixture
def world():
    world = handover_world()
    for first, last in MORE_BERNARDO:
        add_signature(world["bernardo"], first=first, last=last, postcode="1000")
    for first, last in MORE_JUANA:
        add_signature(world["juana"], first=first, last=last, postcode="1000")
    return world


@pytest.fixture
def rendered(world, settings, monkeypatch):
    """The Guatemalan pack made three annex rows at a time; and every render_pdf call's template."""
    settings.HANDOVER_ANNEX_ROWS_PER_PART = 3
    templates: list[str] = []
    real_render_pdf = pdf.render_pdf

    def counting_render_pdf(template_name, *args, **kwargs):
        templates.append(template_name)
        return real_render_pdf(template_name, *args, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", counting_render_pdf)
    handover = Handover.objects.create(campaign=world["campaign"], embassy=world["gt"])
    handover = handover_pack_render(handover_id=handover.pk)
    return handover, templates


def test_the_annex_is_rendered_three_rows_at_a_time(rendered):
    _, templates = rendered

    # Bernardo's 7 named rows then Juana's 3: [3] [3] [1 + 2] [1], after the front matter.
    assert templates == ["tally/pdf/handover_pack.html"] + ["tally/pdf/handover_pack_annex.html"] * 4


def test_the_joined_pack_lists_every_name_once_in_order_with_the_front_matter_once(world, rendered):
    handover, _ = rendered
    text = " ".join(pages_text(handover))

    assert text.count("très haute considération") == 1  # the cover letter
    assert text.count("Cartes de solidarité pour Bernardo Caal Xol") == 1  # its forwarding slip
    assert "Ambassade du Guatemala" in text
    for count in ("125", "33", "41", "132", "44"):
        assert count in text
    bernardo = ["Claes", "Jacobs", "Lambert", "Maes", "Mertens", "Peeters", "Wouters"]
    juana = ["Dubois", "Goossens", "Willems"]
    positions = [text.index(f" {name} ") for name in bernardo + juana]
    assert positions == sorted(positions)
    for name in bernardo + juana:
        assert text.count(f" {name} ") == 1
    # Numbered per case, across parts: Wouters is Bernardo's 7th, Willems Juana's 3rd.
    assert "7 Wouters Zoé" in text and "3 Willems Ursule" in text
    assert "@" not in text
    for absent in ("Zhang", "Chinois", "Pendant", "Invalide"):
        assert absent not in text


def test_each_case_annex_starts_with_its_heading_and_petition_and_every_part_repeats_the_header(
    world, rendered
):
    handover, _ = rendered
    pages = pages_text(handover)
    annex = [page for page in pages if page.startswith(("Annexe", "N° Nom"))]

    assert len(annex) == 5  # a page per part, and Juana's annex starts on its own page
    assert annex[0].startswith("Annexe — signatures en ligne pour Bernardo Caal Xol")
    assert annex[3].startswith("Annexe — signatures en ligne pour Juana Ramírez")
    for page, case in ((annex[0], "bernardo"), (annex[3], "juana")):
        assert world[case].petition.text in page
        assert "N° Nom Prénom Code postal Signé le" in page
    for page in (annex[1], annex[2], annex[4]):
        assert page.startswith("N° Nom Prénom Code postal Signé le")
        assert "Libérez" not in page
    # The running footer still names the case on a part that carries on its list.
    assert annex[1].endswith(
        "Annexe — signatures en ligne pour Bernardo Caal Xol " + str(pages.index(annex[1]) + 1)
    )


def test_the_page_numbers_run_on_across_the_parts(rendered):
    handover, _ = rendered
    pages = pages_text(handover)

    assert len(pages) == 8  # cover letter, counts, slips, five annex pages
    for number, page in enumerate(pages[1:], start=2):
        assert page.endswith(f" {number}")


def test_the_joined_pack_keeps_its_title_author_and_language(world, rendered):
    handover, _ = rendered
    with handover.file.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))

    assert "Ambassade du Guatemala" in reader.metadata.title
    assert reader.metadata.author
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def _case(n: int, named: int, anonymous: int = 0) -> PackCase:
    import datetime

    rows = [SignatureRow("A", f"N{n}-{i}", "1000", datetime.date(2026, 12, 1)) for i in range(named)]
    return PackCase(CaseCounts(n, f"P{n}", "X", online=named + anonymous), "", "", anonymous, rows)


def test_annex_parts_fill_each_part_and_keep_cases_without_names():
    cases = [_case(1, 5), _case(2, 0, anonymous=4), _case(3, 2)]

    parts = list(annex_parts(cases, 3))

    shape = [[(s.case.counts.case_id, [n for n, _ in s.rows], s.starts_case) for s in part] for part in parts]
    assert shape == [
        [(1, [1, 2, 3], True)],
        [(1, [4, 5], False), (2, [], True), (3, [1], True)],
        [(3, [2], False)],
    ]
