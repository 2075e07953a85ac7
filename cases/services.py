from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from cases import signals
from cases.models import Case

# Dark enough behind white initials for AA contrast.
PORTRAIT_COLOURS = ["#1b4965", "#6a1b9a", "#2e7d32", "#ad1457", "#37474f", "#bf360c", "#283593", "#00695c"]


def placeholder_portrait(*, name: str, size: int = 1200) -> ContentFile:
    """A square JPEG with the person's initials on a colour chosen from the name."""
    initials = "".join(word[0] for word in name.replace("«", "").split() if word[:1].isalpha())[:2].upper()
    colour = PORTRAIT_COLOURS[int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(PORTRAIT_COLOURS)]
    image = Image.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue())


@transaction.atomic
def case_saved(*, case: Case, previous_campaign_id: int | None = None) -> None:
    """Announce a saved case (its petition is made, its campaign's kits are made again)."""
    signals.case_saved.send(sender=Case, case=case)
    campaign_content_changed(campaign_ids=[case.campaign_id, previous_campaign_id])


def campaign_content_changed(*, campaign_ids: Iterable[int | None]) -> None:
    """Announce that these campaigns' printed or shown content changed."""
    ids = {pk for pk in campaign_ids if pk}
    if ids:
        signals.campaign_content_changed.send(sender=Case, campaign_ids=ids)
