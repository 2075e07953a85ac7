"""XSS payloads in staff-edited text reach the printable kit as inert text.

The kit is made from the same case texts as the pages. What WeasyPrint reads (the HTML
source of the PDF) must hold nothing executable and no URL off the site, and the PDF
itself no JavaScript, launch or form action and no link that runs code.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.annotations import Link
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from kits import printing
from kits.models import KitOrder, LabelBatch
from kits.services import label_batch_create
from marathon.lib import pdf
from tests.factories import make_case
from tests.kits.helpers import make_kit_order
from tests.security.xss import PAYLOADS, case_full_of, executable_parts

pytestmark = pytest.mark.django_db

# Names of PDF actions and entries that run something when the file is opened or clicked.
ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/OpenAction",
    "/AA",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMedia",
}


def pdf_objects(data: bytes):
    """Every dictionary reachable from the PDF's trailer (pages, annotations, catalogue...)."""
    reader = PdfReader(io.BytesIO(data))
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            yield obj
            stack.extend(value for key, value in obj.items() if key != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def active_parts(data: bytes) -> list[str]:
    problems = []
    for obj in pdf_objects(data):
        problems += [f"{key} in {sorted(obj)}" for key in ACTIVE_KEYS.intersection(obj)]
        if obj.get("/S") in {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData"}:
            problems.append(f"action {obj['/S']}")
        if "/URI" in obj:
            uri = str(obj["/URI"])
            if urlsplit(uri.strip().lower()).scheme not in {"http", "https", "mailto"}:
                problems.append(f"link {uri}")
    return problems


def test_the_pdf_checker_finds_what_it_should():
    clean = PdfWriter()
    clean.add_blank_page(width=200, height=200)
    clean.add_annotation(0, Link(rect=(0, 0, 50, 50), url="https://example.org/"))
    assert active_parts(pdf_bytes(clean)) == []

    with_js = PdfWriter()
    with_js.add_blank_page(width=200, height=200)
    with_js.add_open_action(JavaScript("app.alert(1);"))
    assert active_parts(pdf_bytes(with_js))

    with_link = PdfWriter()
    with_link.add_blank_page(width=200, height=200)
    with_link.add_annotation(0, Link(rect=(0, 0, 50, 50), url="javascript:alert(1)"))
    assert active_parts(pdf_bytes(with_link)) == ["link javascript:alert(1)"]


def pdf_bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_staff_text_in_the_full_kit_leaves_nothing_executable_in_its_source_or_the_pdf(
    campaign, monkeypatch, caplog
):
    campaign.title = PAYLOADS[0]
    campaign.intro = campaign.return_address = "\n".join(PAYLOADS)
    campaign.save()
    # One case per payload, every text field of the case holding it: one render covers all.
    for payload in PAYLOADS:
        case_full_of(payload, campaign=campaign)

    sources: list[str] = []
    real_render_to_string = pdf.render_to_string

    def keep_source(*args, **kwargs):
        sources.append(real_render_to_string(*args, **kwargs))
        return sources[-1]

    monkeypatch.setattr(pdf, "render_to_string", keep_source)
    fetched: list[str] = []
    real_fetch = pdf.SiteFilesFetcher.fetch
    monkeypatch.setattr(
        pdf.SiteFilesFetcher,
        "fetch",
        lambda self, url, headers=None: fetched.append(url) or real_fetch(self, url),
    )

    full_kit = printing.campaign_specs(campaign, "fr")[0]
    assert len(full_kit.cases) == len(PAYLOADS)
    data = printing.render_document(full_kit)

    [source] = sources
    assert executable_parts(source) == []
    # The payloads are there, as text: escaped, not dropped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert active_parts(data) == []
    assert [url for url in fetched if "evil" in url] == []
    assert "refused to fetch" not in caplog.text
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "<script>alert(1)</script>" in text


def test_what_supporters_type_in_an_order_reaches_the_label_sheets_as_inert_text(
    campaign, monkeypatch, django_capture_on_commit_callbacks
):
    make_case(campaign=campaign)
    orders = [
        make_kit_order(
            campaign=campaign,
            contact_name=payload[:100],
            organisation_name=payload[:150],
            street=payload[:150],
            box=payload[:10],
            city=payload[:80],
            note=payload,
        )
        for payload in PAYLOADS
    ]
    sources: list[str] = []
    real_render_to_string = pdf.render_to_string
    monkeypatch.setattr(
        pdf, "render_to_string", lambda *a, **k: sources.append(real_render_to_string(*a, **k)) or sources[-1]
    )

    with django_capture_on_commit_callbacks(execute=True):
        batch = label_batch_create(orders=KitOrder.objects.filter(pk__in=[o.pk for o in orders]), by=None)
    batch.refresh_from_db()

    assert batch.status == LabelBatch.Status.READY
    [source] = sources
    assert executable_parts(source) == []
    with batch.file.open("rb") as handle:
        assert active_parts(handle.read()) == []
