"""What each embassy receives: the counts for its country's cases and the PDF pack.

The counts for every embassy come from three grouped queries (cases, letter lines,
online signatures), whatever the number of embassies, cases or signatures. The pack
is built from a plain snapshot (`PackData`) whose hash names it: a worker that finds
a stored pack with the same hash has nothing to do.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db.models import Count
from django.utils import timezone, translation

from cases.countries import country_after_de
from cases.models import Campaign, Case, Embassy
from marathon.lib.languages import CODES as LANGUAGES
from marathon.lib.languages import DEFAULT as DEFAULT_LANGUAGE
from marathon.lib.printdesign import FONTS_FILES, FONTS_STYLESHEET, design_digest
from marathon.tally.models import Handover, LetterBatchLine, LetterKind
from petitions.models import Petition, Signature

TEMPLATE = "tally/pdf/handover_pack.html"
ANNEX_TEMPLATE = "tally/pdf/handover_pack_annex.html"
STYLESHEETS = (FONTS_STYLESHEET, "css/print-handover.css")
DESIGN_FILES = [
    settings.BASE_DIR / "templates" / "tally" / "pdf",
    settings.BASE_DIR / "static" / "css" / "print-handover.css",
    *FONTS_FILES,
    *(settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.mo" for code in LANGUAGES),
    settings.BASE_DIR / "marathon" / "lib" / "pdf.py",
    Path(__file__),
]


def _no_kinds() -> dict[str, int]:
    return dict.fromkeys(LetterKind.values, 0)


@dataclass
class CaseCounts:
    case_id: int
    person_name: str
    place: str
    # What the volunteers counted, by kind (LetterKind's values), and the online signatures.
    by_kind: dict[str, int] = field(default_factory=_no_kinds)
    online: int = 0

    @property
    def kinds(self) -> list[tuple[LetterKind, int]]:
        """(kind, count) in LetterKind's order: every table's columns."""
        return [(kind, self.by_kind[kind.value]) for kind in LetterKind]

    # Named for the cover letter's sentences, which speak of each kind in words of its own.
    @property
    def letters(self) -> int:
        return self.by_kind[LetterKind.LETTER.value]

    @property
    def cards(self) -> int:
        return self.by_kind[LetterKind.CARD.value]

    @property
    def paper(self) -> int:
        return self.by_kind[LetterKind.SIGNATURE.value]

    @property
    def signatures(self) -> int:
        return self.paper + self.online

    @property
    def total(self) -> int:
        return sum(self.by_kind.values()) + self.online


@dataclass
class EmbassyCounts(CaseCounts):
    """The sums over an embassy's cases, read like one case's counts."""

    case_id: int = 0
    person_name: str = ""
    place: str = ""
    embassy_id: int = 0
    name: str = ""
    country: str = ""
    cases: list[CaseCounts] = field(default_factory=list)

    def add(self, counts: CaseCounts) -> None:
        self.cases.append(counts)
        for kind, n in counts.by_kind.items():
            self.by_kind[kind] += n
        self.online += counts.online


def _campaign_cases(campaign_id: int):
    # Every case of the campaign, published or not: letters counted for a case that
    # was later unpublished still go to its embassy, the one of the state its authority
    # belongs to (Case.handover_country).
    return (
        Case.objects.filter(campaign_id=campaign_id)
        .select_related("authority")
        .order_by("order", "person_name")
    )


def online_signatures_by_case(*, campaign_id: int) -> dict[int, int]:
    """{case id: confirmed, non-invalidated online signatures}: one GROUP BY over signatures.

    Grouped by petition (one per case) rather than joined to the cases: Postgres then
    reads the counted signatures of these petitions once, by the partial index
    `signature_counted_by_petition`, and never touches the case table per row.
    """
    petitions = dict(Petition.objects.filter(case__campaign_id=campaign_id).values_list("pk", "case_id"))
    if not petitions:
        return {}
    rows = (
        Signature.objects.counted()
        .filter(petition_id__in=list(petitions))
        .order_by()
        .values_list("petition_id")
        .annotate(n=Count("*"))
    )
    return {petitions[petition_id]: n for petition_id, n in rows}


def handover_counts(*, campaign: Campaign) -> dict[int, EmbassyCounts]:
    """{embassy id: its counts}, for every embassy whose state the campaign's cases address.

    Four queries in all (cases, embassies, letter lines, signatures), each grouped in
    the database: the cost does not grow with the number of embassies or cases.
    """
    # Places in the language being read: the admin's (French), or the embassy's pack's.
    cases = [
        (case.handover_country, CaseCounts(case.pk, case.person_name, str(case.place)))
        for case in _campaign_cases(campaign.pk).only(
            "pk", "person_name", "country", "country_label", "authority__country"
        )
    ]
    if not cases:
        return {}
    embassies = {
        embassy.country.code: EmbassyCounts(
            embassy_id=embassy.pk, name=embassy.name, country=embassy.country.code
        )
        for embassy in Embassy.objects.filter(country__in={code for code, _ in cases})
    }
    lines = LetterBatchLine.objects.of_campaign(campaign).totals_by_case_and_kind()
    online = online_signatures_by_case(campaign_id=campaign.pk)
    for code, counts in cases:
        if code not in embassies:
            continue
        counts.by_kind = {kind: lines.get((counts.case_id, kind), 0) for kind in LetterKind.values}
        counts.online = online.get(counts.case_id, 0)
        embassies[code].add(counts)
    return {counts.embassy_id: counts for counts in embassies.values()}


def countries_without_embassy(*, campaign: Campaign) -> list[str]:
    """States the campaign's cases address that have no embassy to hand their letters to."""
    codes = {case.handover_country for case in _campaign_cases(campaign.pk).only("authority__country")}
    known = set(Embassy.objects.filter(country__in=codes).values_list("country", flat=True))
    return sorted(codes - known)


# --- The pack -----------------------------------------------------------------------------


@functools.cache
def design_version() -> str:
    return design_digest(DESIGN_FILES)


@dataclass(frozen=True, slots=True)
class SignatureRow:
    first_name: str
    last_name: str
    postcode: str
    signed_on: datetime.date


@dataclass
class PackCase:
    counts: CaseCounts
    petition_text: str
    postcard_address: str
    # Signers who asked for their data to be erased: their signatures count, unnamed.
    anonymous: int = 0
    signatures: list[SignatureRow] = field(default_factory=list)
    # Its cards go through the embassy: the pack says so and has a forwarding slip for them.
    cards_via_embassy: bool = False


@dataclass
class PackData:
    campaign_year: int
    campaign_title: str
    embassy_name: str
    embassy_address: str
    country: str
    organisation: str
    return_address: str
    counts: EmbassyCounts
    cases: list[PackCase]
    # The day of the handover, which dates the cover letter (None until staff set it).
    handover_on: datetime.date | None = None
    # French unless staff set another for the embassy.
    language: str = DEFAULT_LANGUAGE

    @property
    def cards_to_forward(self) -> int:
        """The cards the embassy is asked to forward: those of cases whose cards go through it."""
        return sum(case.counts.cards for case in self.cases if case.cards_via_embassy)

    @property
    def slips(self) -> list[PackCase]:
        return [case for case in self.cases if case.cards_via_embassy and case.counts.cards]

    @cached_property
    def content_hash(self) -> str:
        digest = hashlib.sha256(design_version().encode())
        head = {
            "campaign": [self.campaign_year, self.campaign_title, str(self.handover_on or "")],
            "embassy": [self.embassy_name, self.embassy_address, self.country],
            "organisation": [self.organisation, self.return_address],
            "language": self.language,
        }
        digest.update(json.dumps(head, sort_keys=True, ensure_ascii=False).encode())
        for case in self.cases:
            c = case.counts
            digest.update(
                json.dumps(
                    [c.case_id, c.person_name, c.place, *(n for _kind, n in c.kinds), c.online,
                     case.petition_text, case.postcard_address, case.anonymous, case.cards_via_embassy],
                    ensure_ascii=False,
                ).encode()
            )  # fmt: skip
            for row in case.signatures:
                digest.update(
                    f"\x1e{row.first_name}\x1f{row.last_name}\x1f{row.postcode}\x1f{row.signed_on}".encode()
                )
        return digest.hexdigest()

    @property
    def signature_rows(self) -> int:
        return sum(len(case.signatures) for case in self.cases)


def _signature_rows(case_ids: Iterable[int]) -> tuple[dict[int, list[SignatureRow]], dict[int, int]]:
    """The named rows of the annex per case, and the count of anonymised ones per case.

    Reads names, postcodes and dates only: the e-mail address never leaves the database.
    """
    by_case: dict[int, list[SignatureRow]] = defaultdict(list)
    anonymous: dict[int, int] = defaultdict(int)
    tz = timezone.get_current_timezone()
    rows = (
        Signature.objects.counted()
        .filter(petition__case_id__in=list(case_ids))
        .order_by(
            "petition__case_id", "signer__last_name", "signer__first_name", "signer__postcode", "created_at"
        )
        .values_list(
            "petition__case_id",
            "signer__erased_at",
            "signer__first_name",
            "signer__last_name",
            "signer__postcode",
            "created_at",
        )
    )
    for case_id, erased_at, first, last, postcode, created_at in rows.iterator(chunk_size=5000):
        if erased_at is not None:
            anonymous[case_id] += 1
        else:
            by_case[case_id].append(SignatureRow(first, last, postcode, created_at.astimezone(tz).date()))
    return by_case, anonymous


def pack_data(handover: Handover) -> PackData:
    """Everything the pack shows, read now, in the embassy's language."""
    with translation.override(handover.embassy.language):
        return _pack_data(handover)


def _pack_data(handover: Handover) -> PackData:
    campaign, embassy = handover.campaign, handover.embassy
    counts = handover_counts(campaign=campaign).get(embassy.pk) or EmbassyCounts(
        embassy.pk, embassy.name, embassy.country.code
    )
    ids = [case.case_id for case in counts.cases]
    details = {
        case.pk: case
        for case in Case.objects.filter(pk__in=ids)
        .select_related("petition")
        .only("pk", "postcard_address", "cards_route", "petition__text")
    }
    rows, anonymous = _signature_rows(ids)
    cases = []
    for case_counts in counts.cases:
        case = details[case_counts.case_id]
        petition = getattr(case, "petition", None)
        cases.append(
            PackCase(
                counts=case_counts,
                petition_text=petition.text if petition else "",
                postcard_address=case.postcard_address.strip(),
                cards_via_embassy=case.cards_route == Case.CardsRoute.EMBASSY,
                anonymous=anonymous.get(case.pk, 0),
                signatures=rows.get(case.pk, []),
            )
        )
    country = country_after_de(embassy.country.code)
    return PackData(
        campaign_year=campaign.year,
        campaign_title=campaign.title,
        embassy_name=embassy.name,
        embassy_address=embassy.address.strip(),
        country=country,
        organisation=settings.ORGANISATION_NAME,
        return_address=campaign.return_address.strip(),
        counts=counts,
        cases=cases,
        handover_on=campaign.handover_on,
        language=embassy.language,
    )


@dataclass
class AnnexSegment:
    """Consecutive named rows of one case's annex, numbered as in the whole list."""

    case: PackCase
    rows: list[tuple[int, SignatureRow]]
    starts_case: bool


def annex_parts(cases: list[PackCase], rows_per_part: int) -> Iterator[list[AnnexSegment]]:
    """The annex cut into parts of at most `rows_per_part` rows, each rendered on its own.

    A part may hold the end of a case's list and the start of the next ones; a case
    without named rows still has its heading and counts, in the part where it falls.
    """
    rows_per_part = max(1, rows_per_part)
    part: list[AnnexSegment] = []
    room = rows_per_part
    for case in cases:
        start = 0
        while True:
            if room == 0:
                yield part
                part, room = [], rows_per_part
            chunk = case.signatures[start : start + room]
            part.append(AnnexSegment(case, list(enumerate(chunk, start + 1)), starts_case=start == 0))
            start += len(chunk)
            room -= len(chunk)
            if start >= len(case.signatures):
                break
    if part:
        yield part


def render_pack(data: PackData, output: BinaryIO) -> None:
    """Write the pack's PDF to `output`. Slow (WeasyPrint): only ever called from a Celery task.

    WeasyPrint lays out a whole document in memory, about 100 kB per annex row: one
    render of an embassy's 200 000 names would take many gigabytes. So the front matter
    is one render and the annex is rendered HANDOVER_ANNEX_ROWS_PER_PART rows at a time,
    each part's pages carrying on the numbering, and pypdf joins the parts; only the
    finished pages (under 0.5 MB per 1 000 rows in pypdf's objects) stay in memory
    until the file is written.

    The pack is not tagged for screen readers (PDF/UA), unlike the site's other PDFs:
    pypdf does not merge structure trees, and copying each part's tree (an element per
    table cell) made pypdf hold 40 MB per 1 000 rows. The pack is printed and handed
    over on paper.
    """
    # Imported here so that web processes, which never render, do not load WeasyPrint.
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    from marathon.lib.pdf import render_pdf

    writer = PdfWriter()
    with translation.override(data.language):
        # Dated on the day it is handed over, once staff set it; until then, the day made.
        context = {"pack": data, "today": data.handover_on or timezone.localdate()}
        front = PdfReader(io.BytesIO(render_pdf(TEMPLATE, context, stylesheets=STYLESHEETS, tagged=False)))
        writer.append(front)
        # Title, author and language as WeasyPrint wrote them from the template's <head>.
        writer.add_metadata(dict(front.metadata or {}))
        lang = front.trailer["/Root"].get("/Lang")
        if lang:
            writer._root_object[NameObject("/Lang")] = TextStringObject(str(lang))
        del front
        for segments in annex_parts(data.cases, settings.HANDOVER_ANNEX_ROWS_PER_PART):
            context = {"pack": data, "segments": segments, "first_page": len(writer.pages) + 1}
            part = render_pdf(ANNEX_TEMPLATE, context, stylesheets=STYLESHEETS, tagged=False)
            writer.append(PdfReader(io.BytesIO(part)))
            del part
    writer.write(output)
