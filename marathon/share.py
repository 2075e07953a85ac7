"""The pictures a shared link shows (Open Graph and Twitter cards): 1200 × 630, drawn here.

A case's card is its portrait, name, headline and the site's mark; the campaign's (every
other page) and the results' carry the live count. Each card is keyed by everything it
shows, and its address carries that key: a card is drawn once per content version (Pillow,
~0.1 s), kept in the cache, and served with a year's max-age; a changed headline or a count
that moved on makes a new address. Counts are shown rounded down ("12 300+") so that the
card is drawn again a few times an evening, not at every signature.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import asdict, dataclass
from functools import cache, lru_cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from PIL import Image, ImageDraw, ImageFont, ImageOps

from cases.models import Campaign, Case
from marathon.lib.kept import kept
from marathon.lib.languages import reader_language
from marathon.tally.services import results_snapshot

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
# Part of every key: a new drawing makes every card again.
VERSION = 1
CACHE_SECONDS = 30 * 24 * 3600
YELLOW, INK = "#ffe600", "#111111"
FONTS = settings.BASE_DIR / "static" / "fonts"
MARK = settings.BASE_DIR / "static" / "img" / "icons" / "icon-maskable-512.png"


@dataclass(frozen=True)
class ShareCard:
    kind: str  # "case", "campaign" or "results"
    language: str
    eyebrow: str
    title: str
    text: str
    # Storage names: an upload never overwrites a file and a drawn portrait is named after
    # what it is drawn from, so a name stands for its content.
    portrait: str = ""
    mosaic: tuple[str, ...] = ()
    slug: str = ""

    @property
    def key(self) -> str:
        data = {**asdict(self), "version": VERSION}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:20]

    @property
    def url(self) -> str:
        return _card_url(self)

    @property
    def alt(self) -> str:
        return f"{self.title} — {self.text}"


# Every page names its card's picture; the same card has the same address, so a process
# works it out once (its key's hash and a reverse() were 3 % of a case page's CPU).
@lru_cache(maxsize=256)
def _card_url(card: ShareCard) -> str:
    with translation.override(card.language):
        if card.kind == "case":
            return reverse("share-case", kwargs={"slug": card.slug, "key": card.key})
        return reverse(f"share-{card.kind}", kwargs={"key": card.key})


def _at_least(count: int) -> str:
    """12 345 → "12 300+": three significant figures, rounded down."""
    if count < 1000:
        return number_format(count, force_grouping=True)
    step = 10 ** (len(str(count)) - 3)
    return number_format(count // step * step, force_grouping=True) + "+"


def case_card(case: Case) -> ShareCard:
    return ShareCard(
        kind="case",
        language=reader_language(),
        eyebrow=str(case.place).upper(),
        title=case.person_name,
        text=case.headline,
        portrait=case.portrait.name if case.portrait else "",
        slug=case.slug,
    )


def campaign_card(campaign: Campaign | None) -> ShareCard:
    eyebrow = gettext("Letter-writing marathon").upper()
    if campaign is None:
        return ShareCard("campaign", reader_language(), eyebrow, gettext("Letter-writing marathon"), "")
    results = results_snapshot()
    state = campaign.state
    parts = [
        gettext("%(count)s letters and signatures") % {"count": _at_least(results["total"])},
    ]
    if state.days_to_deadline is not None and state.days_to_deadline >= 0 and state.letters_welcome:
        days = state.days_to_deadline
        parts.append(ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days})
    return ShareCard(
        kind="campaign",
        language=reader_language(),
        eyebrow=f"{eyebrow} {campaign.year}",
        title=campaign.title,
        text=" · ".join(parts),
        mosaic=_portraits(campaign.pk),
    )


def results_card(campaign: Campaign | None) -> ShareCard:
    results = results_snapshot()
    text = " · ".join(
        [
            gettext("%(count)s letters and cards") % {"count": _at_least(results["letters"])},
            gettext("%(count)s signatures") % {"count": _at_least(results["signatures"])},
        ]
    )
    year = f" {campaign.year}" if campaign else ""
    return ShareCard(
        kind="results",
        language=reader_language(),
        eyebrow=f"{gettext('Letter-writing marathon').upper()}{year}",
        title=gettext("The results"),
        text=text,
        mosaic=_portraits(campaign.pk) if campaign else (),
    )


MOSAIC_SECONDS = 5.0
MOSAIC_SIZE = 6


# Every page's card reads them: a process keeps them a few seconds instead of a query per page.
@kept(MOSAIC_SECONDS, maxsize=16)
def _portraits(campaign_id: int) -> tuple[str, ...]:
    cases = (
        Case.objects.published()
        .filter(campaign_id=campaign_id)
        .order_by("order", "person_name")
        .only("photo", "illustration")[:MOSAIC_SIZE]
    )
    return tuple(case.portrait.name for case in cases if case.portrait)


def forget() -> None:
    _portraits.cache_clear()
    _card_url.cache_clear()


# --- Drawing ---------------------------------------------------------------------------------


@cache
def _font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"source-sans-3-latin-{weight}-normal.woff"), size)


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, lines: int
) -> list[str]:
    words, result, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            result.append(line)
        line = word
        if len(result) == lines:
            break
    if line and len(result) < lines:
        result.append(line)
    if len(result) == lines and " ".join(result) != " ".join(words):
        last = result[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        result[-1] = last + "…"
    return result


def _portrait(name: str, size: tuple[int, int]) -> Image.Image | None:
    if not name:
        return None
    try:
        with default_storage.open(name) as file:
            image = Image.open(file)
            image.load()
    except (OSError, ValueError):
        logger.warning("share card: portrait %s unreadable", name)
        return None
    return ImageOps.fit(image.convert("RGB"), size, Image.Resampling.LANCZOS, centering=(0.5, 0.35))


def render(card: ShareCard) -> bytes:
    """The card as a JPEG of 1200 × 630."""
    image = Image.new("RGB", (WIDTH, HEIGHT), YELLOW)
    draw = ImageDraw.Draw(image)
    portrait = _portrait(card.portrait, (480, HEIGHT))
    left = 64
    text_width = WIDTH - 2 * left
    if portrait is not None:
        image.paste(portrait, (WIDTH - 480, 0))
    elif card.mosaic:
        # The people of the campaign, two columns of three, as the home page's hero.
        tile_w, tile_h = 240, HEIGHT // 3
        for n, name in enumerate(card.mosaic[:MOSAIC_SIZE]):
            tile = _portrait(name, (tile_w - 4, tile_h - 4))
            if tile is not None:
                image.paste(tile, (WIDTH - 480 + (n % 2) * tile_w + 4, (n // 2) * tile_h + 4))
    if portrait is not None or card.mosaic:
        draw.rectangle([WIDTH - 486, 0, WIDTH - 480, HEIGHT], fill=INK)
        text_width = WIDTH - 480 - left - 48
    draw.rectangle([0, HEIGHT - 14, WIDTH, HEIGHT], fill=INK)

    y = 64
    draw.text((left, y), card.eyebrow, font=_font(700, 30), fill=INK)
    y += 56
    title_font = _font(700, 76 if len(card.title) < 22 else 62)
    for line in _wrap(draw, card.title, title_font, text_width, 2):
        draw.text((left, y), line, font=title_font, fill=INK)
        y += title_font.size + 8
    y += 16
    text_font = _font(400, 40)
    for line in _wrap(draw, card.text, text_font, text_width, 4):
        draw.text((left, y), line, font=text_font, fill=INK)
        y += 52

    # The mark and the site's name, bottom left, on every card.
    try:
        # The maskable icon's mark sits in its middle 60 %, on the site's yellow.
        mark = Image.open(MARK).convert("RGB")
        inset = mark.width // 5
        mark = mark.crop((inset, inset, mark.width - inset, mark.height - inset))
        image.paste(mark.resize((64, 64), Image.Resampling.LANCZOS), (left, HEIGHT - 110))
    except OSError:
        logger.warning("share card: the mark %s is missing", MARK)
    draw.text((left + 80, HEIGHT - 98), settings.ORGANISATION_NAME, font=_font(700, 28), fill=INK)

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88, optimize=True)
    return buffer.getvalue()


def card_image(card: ShareCard) -> bytes:
    """The card's JPEG, drawn once per content version and kept in the cache."""
    cache_key = f"share:{card.key}"
    try:
        stored = django_cache.get(cache_key)
    except Exception:  # the cache down: draw it for this request
        logger.warning("cache unavailable: drawing a share card", exc_info=True)
        stored = None
    if stored is not None:
        return stored
    with translation.override(card.language):
        data = render(card)
    try:
        django_cache.set(cache_key, data, CACHE_SECONDS)
    except Exception:
        logger.warning("cache unavailable: share card not kept", exc_info=True)
    return data
