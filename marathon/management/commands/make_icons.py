"""Draw the site's icons (favicon, phone home screen, app manifest) from its mark.

The mark is static/img/mark.svg: an envelope on the campaign's yellow. The
PNG sizes browsers and phones ask for are drawn here with Pillow (already a dependency)
so that nothing comes from a third party; run again after changing the mark's drawing.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

YELLOW, INK, WHITE = "#ffe600", "#111111", "#ffffff"
# (file name, size in pixels, maskable: the mark kept inside the safe circle).
ICONS = [
    ("icon-32.png", 32, False),
    ("apple-touch-icon.png", 180, False),
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("icon-maskable-512.png", 512, True),
]
FOLDER = Path(settings.BASE_DIR) / "static" / "img" / "icons"


def draw_mark(size: int, *, maskable: bool = False) -> Image.Image:
    """The mark at `size` pixels, as static/img/mark.svg draws it on a 64-unit square."""
    scale = 4  # drawn larger, then reduced: smooth edges without antialiasing primitives
    unit = size * scale / 64
    image = Image.new("RGB", (size * scale, size * scale), YELLOW)
    draw = ImageDraw.Draw(image)
    inset = 10 if maskable else 0  # a maskable icon keeps its drawing in the middle 80 %

    def xy(x: float, y: float) -> tuple[float, float]:
        ratio = (64 - 2 * inset) / 64
        return ((inset + x * ratio) * unit, (inset + y * ratio) * unit)

    stroke = round(4 * unit * (64 - 2 * inset) / 64)
    draw.rounded_rectangle([*xy(11, 18), *xy(53, 48)], radius=2 * unit, fill=WHITE, outline=INK, width=stroke)
    draw.line([xy(13, 21), xy(32, 36), xy(51, 21)], fill=INK, width=stroke, joint="curve")
    if not maskable:
        rounded = Image.new("L", image.size, 0)
        ImageDraw.Draw(rounded).rounded_rectangle([0, 0, *image.size], radius=12 * unit, fill=255)
        background = Image.new("RGB", image.size, WHITE)
        image = Image.composite(image, background, rounded)
    return image.resize((size, size), Image.Resampling.LANCZOS)


class Command(BaseCommand):
    help = "Draw the site's PNG icons (static/img/icons/) from its mark."

    def handle(self, *args, **options) -> None:
        FOLDER.mkdir(parents=True, exist_ok=True)
        for name, size, maskable in ICONS:
            draw_mark(size, maskable=maskable).save(FOLDER / name, optimize=True)
            self.stdout.write(f"{FOLDER / name}")
