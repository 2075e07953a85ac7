"""What each printable document is made from, the hash that names it, and its rendering.

A document is rendered from a frozen snapshot of plain values (`CampaignContent`,
`CaseContent`), and its key is the hash of that same snapshot plus a digest of the
templates, print CSS, fonts and translations. Nothing can reach a PDF without
changing its key, so a stale file can never pass for a current one.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from sorl.thumbnail import default, get_thumbnail

from cases.countries import country_name
from cases.models import Campaign, Case
from kits.models import PrintableDocument
from marathon.lib.languages import CODES as LANGUAGES
from marathon.lib.languages import DEFAULT as DEFAULT_LANGUAGE
from marathon.lib.languages import all_languages
from marathon.lib.printdesign import FONTS_FILES, FONTS_STYLESHEET, design_digest

Kind = PrintableDocument.Kind
CASE_KINDS = (Kind.FACT_SHEET, Kind.MODEL_LETTER, Kind.POSTCARDS)
# Documents of the whole campaign (every case in them), after the full kit: for classes.
SCHOOL_KINDS = (Kind.TEACHER_GUIDE, Kind.YOUNG_SHEETS)

TEMPLATES = {
    Kind.FULL_KIT: "kits/pdf/full_kit.html",
    Kind.FACT_SHEET: "kits/pdf/fact_sheet.html",
    Kind.MODEL_LETTER: "kits/pdf/model_letter.html",
    Kind.POSTCARDS: "kits/pdf/postcards.html",
    Kind.TEACHER_GUIDE: "kits/pdf/teacher_guide.html",
    Kind.YOUNG_SHEETS: "kits/pdf/young_sheets.html",
}
# French words in file names, as in the site's URLs.
FILE_SUFFIXES = {
    Kind.FULL_KIT: "kit-complet",
    Kind.FACT_SHEET: "fiche",
    Kind.MODEL_LETTER: "lettre-modele",
    Kind.POSTCARDS: "cartes",
    Kind.TEACHER_GUIDE: "guide-enseignant",
    Kind.YOUNG_SHEETS: "fiches-10-14-ans",
}
# Everything besides the data that shapes a PDF: when one changes, every document changes.
DESIGN_FILES = [
    settings.BASE_DIR / "templates" / "kits" / "pdf",
    settings.BASE_DIR / "static" / "css" / "print-kit.css",
    *FONTS_FILES,
    *(settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.mo" for code in LANGUAGES),
    settings.BASE_DIR / "marathon" / "lib" / "markup.py",
    settings.BASE_DIR / "marathon" / "lib" / "pdf.py",
    Path(__file__),
]
PHOTO_SIZE = "600x600"
STYLESHEETS = (FONTS_STYLESHEET, "css/print-kit.css")


@functools.cache
def design_version() -> str:
    return design_digest(DESIGN_FILES)


@dataclass(frozen=True)
class CampaignContent:
    pk: int
    year: int
    title: str
    letters_deadline: datetime.date
    return_address: str
    organisation: str
    site_url: str
    teacher_guide: str


@dataclass(frozen=True)
class CaseContent:
    pk: int
    slug: str
    person_name: str
    place: str
    headline: str
    summary: str
    young_summary: str
    story: str
    ask: str
    photo_name: str
    photo_digest: str
    photo_alt: str
    photo_credit: str
    portrait_drawn: bool
    authority_name: str
    authority_title: str
    authority_address: str
    authority_salutation: str
    model_letter: str
    postcard_message: str
    postcard_address: str
    url: str

    @property
    def closing_salutation(self) -> str:
        """ "Monsieur le Président," becomes "Monsieur le Président" inside the closing sentence."""
        return self.authority_salutation.strip().rstrip(",").strip()


@dataclass(frozen=True)
class DocumentSpec:
    """One document as it should be now: its kind and the snapshot it is made from."""

    kind: str
    campaign: CampaignContent
    cases: tuple[CaseContent, ...]
    # Each language has its own documents: words, staff texts (French where a version is
    # missing) and the site's URLs in it.
    language: str = DEFAULT_LANGUAGE

    @property
    def case(self) -> CaseContent | None:
        return self.cases[0] if self.kind in CASE_KINDS else None

    @property
    def case_id(self) -> int | None:
        return self.case.pk if self.case else None

    @cached_property
    def content_hash(self) -> str:
        payload = {
            "kind": self.kind,
            "language": self.language,
            "design": design_version(),
            "campaign": _plain(self.campaign),
            "cases": [_plain(case) for case in self.cases],
        }
        encoded = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()

    @property
    def filename(self) -> str:
        middle = f"-{self.case.slug}" if self.case else ""
        language = "" if self.language == DEFAULT_LANGUAGE else f"-{self.language}"
        return f"marathon-des-lettres-{self.campaign.year}{middle}-{FILE_SUFFIXES[self.kind]}{language}.pdf"

    @property
    def title(self) -> str:
        if self.kind == Kind.TEACHER_GUIDE:
            return gettext("Teacher's guide")
        if self.kind == Kind.YOUNG_SHEETS:
            return gettext("Fact sheets for pupils of 10 to 14")
        if self.case is None:
            return gettext("Full letter-writing kit")
        labels = {
            Kind.FACT_SHEET: gettext("Fact sheet"),
            Kind.MODEL_LETTER: gettext("Model letter"),
            Kind.POSTCARDS: gettext("Solidarity postcards"),
        }
        return f"{labels[self.kind]} — {self.case.person_name}"


def _plain(content: CampaignContent | CaseContent) -> dict:
    # Not dataclasses.asdict: its deep copies cost more than the rest of a download.
    return {field.name: getattr(content, field.name) for field in fields(content)}


# --- Snapshots -------------------------------------------------------------------------

# Hashing a portrait is costly; its name, size and modification time say when to do it again.
_photo_digests: dict[tuple[str, int, int], str] = {}


def _photo_file(name: str) -> tuple[Path, tuple[str, int, int]] | None:
    """The photo's path and what says when its content changed (name, size, mtime)."""
    if not name:
        return None
    try:
        path = Path(default_storage.path(name))
        stat = path.stat()
    except (OSError, NotImplementedError, SuspiciousFileOperation):
        return None
    return path, (name, stat.st_size, stat.st_mtime_ns)


def photo_digest(name: str) -> str:
    """A digest of the photo file's content, or "" when there is no readable file."""
    found = _photo_file(name)
    if found is None:
        return ""
    path, key = found
    if key not in _photo_digests:
        digest = hashlib.sha256()
        with path.open("rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                digest.update(chunk)
        if len(_photo_digests) > 1000:
            _photo_digests.clear()
        _photo_digests[key] = digest.hexdigest()
    return _photo_digests[key]


def campaign_content(campaign: Campaign) -> CampaignContent:
    return CampaignContent(
        pk=campaign.pk,
        year=campaign.year,
        title=campaign.title,
        letters_deadline=campaign.letters_deadline,
        return_address=campaign.return_address.strip(),
        organisation=settings.ORGANISATION_NAME,
        site_url=settings.SITE_URL,
        teacher_guide=campaign.teacher_guide,
    )


def case_content(case: Case, url: str | None = None) -> CaseContent:
    # The photo, else the drawn portrait (labelled as an illustration).
    digest = photo_digest(case.portrait.name)
    authority = case.authority
    return CaseContent(
        pk=case.pk,
        slug=case.slug,
        person_name=case.person_name,
        place=str(case.place),
        headline=case.headline,
        summary=case.summary,
        young_summary=case.young_summary or case.summary,
        story=case.story,
        ask=case.ask,
        # A photo whose file is gone is left out rather than failing the whole kit.
        photo_name=case.portrait.name if digest else "",
        photo_digest=digest,
        photo_alt=case.portrait_alt,
        photo_credit=case.photo_credit if case.photo else "",
        portrait_drawn=case.portrait_is_drawn,
        authority_name=authority.name,
        authority_title=authority.title,
        authority_address=authority.postal_address.strip(),
        authority_salutation=authority.salutation,
        model_letter=case.model_letter,
        postcard_message=case.postcard_message,
        postcard_address=case.postcard_address.strip(),
        url=url or settings.SITE_URL + case.get_absolute_url(),
    )


CAMPAIGN_FIELDS = ["pk", "year", "title", "letters_deadline", "return_address", "is_current", "teacher_guide"]
# Only what a snapshot reads: every download builds one, so every column counts.
SNAPSHOT_FIELDS = [
    "slug", "person_name", "country", "country_label", "headline", "summary", "young_summary", "story", "ask",
    "photo", "illustration", "photo_alt", "photo_credit", "model_letter", "postcard_message", "postcard_address",
    "authority__name", "authority__title", "authority__postal_address", "authority__salutation",
]  # fmt: skip


@functools.cache
def _source_fields() -> tuple[list[str], list[str]]:
    """The same, every language's column of the translated ones (_sources); once the
    translations are registered, so not at import."""
    return all_languages(Case, SNAPSHOT_FIELDS), all_languages(Campaign, CAMPAIGN_FIELDS)


def _published_cases(campaign_id: int):
    return (
        Case.objects.published()
        .filter(campaign_id=campaign_id)
        .select_related("authority")
        .only(*SNAPSHOT_FIELDS)
        # The model's default ordering starts with the campaign, which costs a join here.
        .order_by("order", "person_name")
    )


def _contents(cases) -> tuple[CaseContent, ...]:
    # One reverse() for all the cases rather than one each: it is the dearest part of a snapshot.
    placeholder = "case-slug-placeholder"
    pattern = settings.SITE_URL + reverse("cases:detail", kwargs={"slug": placeholder})
    return tuple(case_content(case, pattern.replace(placeholder, case.slug)) for case in cases)


def campaign_specs(campaign: Campaign, language: str) -> list[DocumentSpec]:
    """Every document of the campaign in a language as it should be now: the full kit
    first, then per case."""
    with translation.override(language):
        campaign_data = campaign_content(campaign)
        cases = _contents(_published_cases(campaign.pk))
    specs = [DocumentSpec(Kind.FULL_KIT, campaign_data, cases, language)]
    specs += [DocumentSpec(kind, campaign_data, cases, language) for kind in SCHOOL_KINDS]
    for case in cases:
        specs += [DocumentSpec(kind, campaign_data, (case,), language) for kind in CASE_KINDS]
    return specs


def current_spec(
    *, kind: str, campaign_id: int, case_id: int | None, language: str, campaign: Campaign | None = None
) -> DocumentSpec | None:
    """The document of this kind as it should be now, or None if it is no longer offered.

    Pass the campaign when it is already loaded (fresh from the database: this is what
    decides currency) to save a query.
    """
    if campaign is None:
        campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None or not campaign.is_current or kind not in TEMPLATES:
        return None
    cases = _published_cases(campaign.pk)
    if kind in CASE_KINDS:
        cases = cases.filter(pk=case_id)
    with translation.override(language):
        contents = _contents(cases)
        campaign_data = campaign_content(campaign)
    if kind in CASE_KINDS and not contents:
        return None
    return DocumentSpec(kind, campaign_data, contents, language)


# Raw values of every input of a snapshot -> its hash. A process sees the same few
# documents downloaded again and again; rows and photo files unchanged mean the same hash.
_current_hashes: dict[tuple, str] = {}


def current_hash(*, kind: str, campaign: Campaign, case_id: int | None, language: str) -> str | None:
    """`current_spec(...).content_hash`, in one query when this process has already seen
    exactly these rows and photo files. Every download asks it."""
    key = _sources(kind, campaign, case_id, language)
    if key is None:
        return None
    if key in _current_hashes:
        return _current_hashes[key]
    spec = current_spec(
        kind=kind, campaign_id=campaign.pk, case_id=case_id, language=language, campaign=campaign
    )
    if spec is None:
        return None
    # Remembered only if nothing changed while the snapshot was read: a key must never
    # stand for the hash of other rows.
    if _sources(kind, campaign, case_id, language) == key:
        if len(_current_hashes) > 500:
            _current_hashes.clear()
        _current_hashes[key] = spec.content_hash
    return spec.content_hash


def _sources(kind: str, campaign: Campaign, case_id: int | None, language: str) -> tuple | None:
    """Everything a snapshot is made from, as plain values (None: the document is not offered).

    Every language's version of the staff texts is read, not only this one's: a document
    in Dutch shows the French where the Dutch is missing.
    """
    if not campaign.is_current or kind not in TEMPLATES:
        return None
    cases = _published_cases(campaign.pk)
    if kind in CASE_KINDS:
        cases = cases.filter(pk=case_id)
    source_fields, campaign_source_fields = _source_fields()
    rows = tuple(cases.values_list("pk", *source_fields))
    if kind in CASE_KINDS and not rows:
        return None
    photo = source_fields.index("photo") + 1
    drawn = source_fields.index("illustration") + 1
    photos = tuple(
        found[1] if found else None for found in (_photo_file(row[photo] or row[drawn]) for row in rows)
    )
    campaign_values = tuple(getattr(campaign, name) for name in campaign_source_fields)
    process = (design_version(), settings.SITE_URL, settings.ORGANISATION_NAME)
    # A case's place is its country as staff name it (cases/countries.py), read here too.
    country = source_fields.index("country") + 1
    with translation.override(language):
        places = tuple(country_name(str(row[country])) for row in rows)
    return (kind, language, campaign_values, rows, photos, process, places)


# --- Rendering -------------------------------------------------------------------------


def _photo_urls(cases: tuple[CaseContent, ...]) -> dict[int, str]:
    """Print-sized copies of the portraits. Raises rather than leave a portrait out of a PDF
    that would then be kept under a key that says it has it."""
    urls = {}
    for case in cases:
        if not case.photo_name:
            continue
        thumbnail = get_thumbnail(case.photo_name, PHOTO_SIZE, crop="center", quality=85)
        if not thumbnail.exists():
            # sorl's key-value store remembers a thumbnail whose file is gone: make it again.
            default.kvstore.delete(thumbnail)
            thumbnail = get_thumbnail(case.photo_name, PHOTO_SIZE, crop="center", quality=85)
        urls[case.pk] = thumbnail.url
    return urls


def render_document(spec: DocumentSpec) -> bytes:
    """The PDF bytes of a document. Slow (WeasyPrint): only ever called from a Celery task."""
    # Imported here so that web processes, which never render, do not load WeasyPrint.
    from marathon.lib.pdf import render_pdf

    photos = _photo_urls(spec.cases)
    cases = [{"data": case, "photo_url": photos.get(case.pk)} for case in spec.cases]
    with translation.override(spec.language):
        context = {
            "title": spec.title,
            "kind": spec.kind,
            "campaign": spec.campaign,
            "cases": cases,
            "case": cases[0] if spec.case else None,
            # Four cards per A4 sheet; a case's own sheet repeats its card four times.
            "card_sheets": _card_sheets(cases, repeat=spec.case is not None),
        }
        return render_pdf(TEMPLATES[spec.kind], context, stylesheets=STYLESHEETS)


def _card_sheets(cases: list[dict], *, repeat: bool) -> list[dict]:
    cards = cases * 4 if repeat else cases
    sheets = []
    for start in range(0, len(cards), 4):
        front = cards[start : start + 4]
        front = front + [None] * (4 - len(front))
        # Printed on both sides along the long edge, left and right swap on the back.
        back = [front[1], front[0], front[3], front[2]]
        sheets.append({"front": front, "back": back})
    return sheets
