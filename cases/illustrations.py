"""Drawn portraits: what a case shows when it has no photo.

A letter is written to and for a person, so a case without a photo still shows one: a
poster-style figure in profile, head and shoulders, drawn by the site in the campaign's
palette over a motif taken from the case's theme. It is never a square of initials, which
reads as an account, not as someone. Where it is shown, it is labelled as an illustration
(that is the template's job, not this module's): it is not a likeness.

Everything comes from the seed (the case's slug): the same slug always gives the same
picture, byte for byte, and each case of a campaign looks different from the others.
Only Pillow draws it, at twice the size and then scaled down, for clean edges.
"""

from __future__ import annotations

import hashlib
import io
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

Colour = tuple[int, int, int]
Point = tuple[float, float]

YELLOW: Colour = (0xFF, 0xE6, 0x00)
INK: Colour = (0x11, 0x11, 0x11)  # --mdl-ink
WHITE: Colour = (0xFF, 0xFF, 0xFF)
GREY: Colour = (0xF2, 0xF0, 0xEA)
DIM_YELLOW: Colour = (0x4A, 0x43, 0x0C)  # yellow at a quarter over ink, for motifs at night

SUPERSAMPLE = 2
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Scheme:
    background: Colour
    motif: Colour
    figure: Colour
    light: Colour  # the thin edge of light along the face


# The campaign's own look (ink on yellow) twice as often as a paper and a night variant.
SCHEMES = (
    Scheme(background=YELLOW, motif=WHITE, figure=INK, light=WHITE),
    Scheme(background=YELLOW, motif=WHITE, figure=INK, light=WHITE),
    Scheme(background=GREY, motif=YELLOW, figure=INK, light=YELLOW),
    Scheme(background=INK, motif=DIM_YELLOW, figure=YELLOW, light=WHITE),
)


class _Dice:
    """Choices drawn from the seed; only random() is used, whose sequence Python keeps stable."""

    def __init__(self, seed: str) -> None:
        digest = hashlib.sha256(seed.encode("utf-8")).digest()
        self._random = random.Random(int.from_bytes(digest[:16], "big"))

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * self._random.random()

    def index(self, count: int) -> int:
        return min(int(self._random.random() * count), count - 1)

    def weighted(self, weights: Sequence[float]) -> int:
        roll = self._random.random() * sum(weights)
        for i, weight in enumerate(weights):
            roll -= weight
            if roll < 0:
                return i
        return len(weights) - 1

    def chance(self, probability: float) -> bool:
        return self._random.random() < probability


# --- Curves -----------------------------------------------------------------------------


def _spline(points: Sequence[Point], *, closed: bool, steps: int = 16) -> list[Point]:
    """A smooth curve through the points (centripetal Catmull-Rom, so no loops or overshoot)."""
    pts = list(points)
    count = len(pts)
    if closed:
        segments = [(pts[i - 1], pts[i], pts[(i + 1) % count], pts[(i + 2) % count]) for i in range(count)]
    else:
        padded = [pts[0], *pts, pts[-1]]
        segments = [(padded[i], padded[i + 1], padded[i + 2], padded[i + 3]) for i in range(count - 1)]
    out: list[Point] = []
    for p0, p1, p2, p3 in segments:
        t0 = 0.0
        t1 = t0 + max(math.dist(p0, p1), 1e-9) ** 0.5
        t2 = t1 + max(math.dist(p1, p2), 1e-9) ** 0.5
        t3 = t2 + max(math.dist(p2, p3), 1e-9) ** 0.5
        for step in range(steps):
            t = t1 + (t2 - t1) * step / steps
            a1 = _lerp(p0, p1, (t - t0) / (t1 - t0))
            a2 = _lerp(p1, p2, (t - t1) / (t2 - t1))
            a3 = _lerp(p2, p3, (t - t2) / (t3 - t2))
            b1 = _lerp(a1, a2, (t - t0) / (t2 - t0))
            b2 = _lerp(a2, a3, (t - t1) / (t3 - t1))
            out.append(_lerp(b1, b2, (t - t1) / (t2 - t1)))
    if not closed:
        out.append(pts[-1])
    return out


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _rotate(p: Point, pivot: Point, angle: float) -> Point:
    c, s = math.cos(angle), math.sin(angle)
    x, y = p[0] - pivot[0], p[1] - pivot[1]
    return (pivot[0] + x * c - y * s, pivot[1] + x * s + y * c)


def _ellipse(centre: Point, rx: float, ry: float, *, steps: int = 64) -> list[Point]:
    return [
        (
            centre[0] + rx * math.cos(2 * math.pi * i / steps),
            centre[1] + ry * math.sin(2 * math.pi * i / steps),
        )
        for i in range(steps)
    ]


# --- The figure -------------------------------------------------------------------------
# Drawn facing right in a unit square (y down), then mirrored, moved and scaled. Each point
# of the outline carries how much it turns with the head: 1 for the head, 0 for the body.

PIVOT: Point = (0.50, 0.62)


def _outline(dice: _Dice) -> list[tuple[Point, float]]:
    nose = dice.uniform(-0.010, 0.012)  # how far the nose stands out
    lips = dice.uniform(-0.003, 0.005)
    chin = dice.uniform(-0.010, 0.008)
    brow = dice.uniform(-0.006, 0.006)
    skull = dice.uniform(-0.012, 0.012)
    chest = dice.uniform(-0.025, 0.02)
    back = dice.uniform(-0.03, 0.02)
    neck = dice.uniform(-0.006, 0.008)
    return [
        # the nape, up over the back of the skull
        ((0.408 - neck, 0.545), 0.85),
        ((0.360 - skull * 0.5, 0.470), 1.0),
        ((0.322 - skull, 0.380), 1.0),
        ((0.335 - skull * 0.8, 0.280), 1.0),
        ((0.392 - skull * 0.3, 0.212), 1.0),
        ((0.480, 0.180), 1.0),
        ((0.560, 0.196), 1.0),
        # forehead and face
        ((0.603, 0.245), 1.0),
        ((0.620 + brow * 0.5, 0.300), 1.0),
        ((0.626 + brow, 0.340), 1.0),
        ((0.618 + brow * 0.5, 0.366), 1.0),
        ((0.630 + nose * 0.4, 0.392), 1.0),
        ((0.648 + nose * 0.8, 0.420), 1.0),
        ((0.658 + nose, 0.436), 1.0),
        ((0.646 + nose * 0.6, 0.447), 1.0),
        ((0.627, 0.453), 1.0),
        ((0.631 + lips, 0.474), 1.0),
        ((0.6285 + lips * 0.6, 0.487), 1.0),
        ((0.629 + lips, 0.499), 1.0),
        ((0.618, 0.518), 1.0),
        ((0.623 + chin, 0.542), 1.0),
        ((0.611 + chin * 0.8, 0.563), 1.0),
        ((0.575 + chin * 0.3, 0.576), 1.0),
        ((0.540, 0.588), 0.85),
        # throat and chest
        ((0.545 + neck, 0.640), 0.4),
        ((0.560 + neck, 0.700), 0.05),
        ((0.610, 0.738), 0.0),
        ((0.690 + chest * 0.5, 0.785), 0.0),
        ((0.745 + chest, 0.860), 0.0),
        ((0.770 + chest, 0.980), 0.0),
        ((0.775 + chest, 1.100), 0.0),
        # down past the bottom edge, up the back and over the far shoulder
        ((0.150 + back, 1.100), 0.0),
        ((0.155 + back, 0.900), 0.0),
        ((0.185 + back * 0.7, 0.790), 0.0),
        ((0.250 + back * 0.3, 0.725), 0.0),
        ((0.340, 0.685), 0.0),
        ((0.392 - neck, 0.640), 0.3),
    ]


EAR = [(0.470, 0.380), (0.447, 0.371), (0.433, 0.390), (0.436, 0.425), (0.452, 0.448), (0.468, 0.452)]
COLLAR = [(0.392, 0.660), (0.470, 0.702), (0.578, 0.728)]


@dataclass(frozen=True)
class Hair:
    shapes: list[list[Point]]  # merged with the silhouette
    lines: list[list[Point]]  # cut into it: the hairline, an ear, a scarf's edge
    shows_collar: bool = True


def _hair(style: int, dice: _Dice) -> Hair:
    """Hair in head coordinates (it turns with the head)."""
    hairline = _spline(
        [(0.600, 0.232), (0.548, 0.240), (0.492, 0.275), (0.468, 0.330), (0.470, 0.366)], closed=False
    )
    ear = _spline(EAR, closed=False)
    if style == 0:  # cropped, with a small quiff at the hairline
        lift = dice.uniform(0.0, 0.014)
        cap = _spline(
            [
                (0.330, 0.34),
                (0.345, 0.245),
                (0.420, 0.178 - lift),
                (0.520, 0.163 - lift),
                (0.590, 0.188 - lift * 0.5),
                (0.608, 0.232),
                (0.560, 0.236),
                (0.480, 0.260),
                (0.400, 0.300),
            ],
            closed=True,
        )
        return Hair([cap], [hairline, ear])
    if style == 1:  # long, falling behind the shoulders
        length = dice.uniform(0.68, 0.76)
        fall = _spline(
            [
                (0.604, 0.228),
                (0.570, 0.176),
                (0.475, 0.156),
                (0.372, 0.186),
                (0.312, 0.265),
                (0.300, 0.380),
                (0.314, 0.480),
                (0.316, 0.560),
                (0.298, 0.640),
                (0.272, length - 0.02),
                (0.330, length + 0.015),
                (0.405, length - 0.02),
                (0.440, 0.620),
                (0.452, 0.480),
                (0.475, 0.330),
                (0.530, 0.255),
            ],
            closed=True,
        )
        inner = _spline(
            [(0.602, 0.232), (0.530, 0.258), (0.478, 0.330), (0.460, 0.450), (0.448, 0.560), (0.440, 0.615)],
            closed=False,
        )
        return Hair([fall], [inner], shows_collar=False)
    if style == 2:  # a bun at the back of the head
        bun = (dice.uniform(0.322, 0.35), dice.uniform(0.200, 0.235))
        cap = _spline(
            [(0.345, 0.30), (0.375, 0.212), (0.470, 0.172), (0.562, 0.180), (0.603, 0.228), (0.470, 0.26)],
            closed=True,
        )
        return Hair([_ellipse(bun, 0.066, 0.062), cap], [hairline, ear])
    if style == 3:  # a big round natural, its edge softly scalloped
        centre = (0.425, dice.uniform(0.282, 0.298))
        rx, ry = 0.175, 0.165
        shapes = [_ellipse(centre, rx, ry, steps=96)]
        for i in range(22):
            angle = math.pi * (0.62 + 1.5 * i / 21)
            c = (centre[0] + rx * math.cos(angle), centre[1] + ry * math.sin(angle))
            if c[0] < 0.59:
                shapes.append(_ellipse(c, 0.028, 0.028, steps=24))
        edge = [
            (centre[0] + rx * math.cos(a), centre[1] + ry * math.sin(a))
            for a in (math.radians(10 + 4 * i) for i in range(15))
        ]
        return Hair(shapes, [edge])
    if style == 4:  # a headscarf, framing the face and falling over the shoulders
        drape = dice.uniform(0.0, 0.03)
        scarf = _spline(
            [
                (0.602, 0.232),
                (0.560, 0.168),
                (0.470, 0.144),
                (0.370, 0.166),
                (0.305, 0.240),
                (0.284, 0.350),
                (0.290, 0.470),
                (0.298, 0.570),
                (0.275 - drape, 0.650),
                (0.228 - drape * 0.5, 0.740),
                (0.215, 0.800),
                (0.400, 0.800),
                (0.655, 0.800),
                (0.612, 0.700),
                (0.586, 0.620),
                (0.588, 0.572),
                (0.560, 0.480),
                (0.556, 0.380),
                (0.575, 0.290),
            ],
            closed=True,
        )
        edge = _spline(
            [(0.603, 0.236), (0.574, 0.292), (0.556, 0.380), (0.560, 0.478), (0.590, 0.570)], closed=False
        )
        return Hair([scarf], [edge], shows_collar=False)
    # a ponytail, hanging from a tie at the back of the head
    drop = dice.uniform(-0.02, 0.03)
    cap = _spline(
        [
            (0.340, 0.300),
            (0.345, 0.225),
            (0.430, 0.175),
            (0.530, 0.168),
            (0.600, 0.212),
            (0.560, 0.240),
            (0.450, 0.290),
        ],
        closed=True,
    )
    tail = _spline(
        [
            (0.340, 0.235),
            (0.300, 0.250 + drop * 0.3),
            (0.268, 0.300 + drop * 0.6),
            (0.252, 0.390 + drop),
            (0.262, 0.480 + drop),
            (0.282, 0.530 + drop),
            (0.292, 0.470 + drop),
            (0.305, 0.380 + drop * 0.6),
            (0.325, 0.310),
            (0.350, 0.290),
        ],
        closed=True,
    )
    tie = _ellipse((0.332, 0.262), 0.026, 0.03, steps=32)
    return Hair([cap, tail, tie], [hairline, ear])


# cropped, long, bun, natural, headscarf, ponytail
HAIR_WEIGHTS = (3, 3, 2, 2, 1, 2)
# The styles by name, in _hair's order: staff choose one so that the drawing does not
# contradict the person (a man drawn with a bun); "" leaves it to the seed.
HAIR_STYLES = ("short", "long", "bun", "curly", "headscarf", "ponytail")


@dataclass(frozen=True)
class Pose:
    mirrored: bool
    tilt: float  # radians, positive lifts the chin
    scale: float
    dx: float
    dy: float

    def place(self, p: Point, turn: float) -> Point:
        x, y = _rotate(p, PIVOT, -self.tilt * turn)
        x = 0.5 + (x - 0.5) * self.scale + self.dx
        y = 1.0 + (y - 1.0) * self.scale + self.dy
        return (1.0 - x if self.mirrored else x, y)


@dataclass(frozen=True)
class Figure:
    body: list[Point]
    collar: list[Point] | None
    hair: list[list[Point]]
    lines: list[list[Point]]
    head: Point  # the centre of the head
    mouth: Point


def _figure(seed: str, dice: _Dice, pose: Pose, hair_style: str = "") -> Figure:
    """The silhouette, placed: the body, its hair, and the lines cut into them."""
    outline = _outline(dice)
    smooth = _spline([p for p, _ in outline], closed=True, steps=16)
    turns = _spline([(w, 0.0) for _, w in outline], closed=True, steps=16)
    chosen = _Dice(seed + "/hair/1").weighted(HAIR_WEIGHTS)
    hair = _hair(HAIR_STYLES.index(hair_style) if hair_style else chosen, dice)
    return Figure(
        body=[pose.place(p, t[0]) for p, t in zip(smooth, turns, strict=True)],
        collar=[pose.place(p, 0.0) for p in _spline(COLLAR, closed=False)] if hair.shows_collar else None,
        hair=[[pose.place(p, 1.0) for p in shape] for shape in hair.shapes],
        lines=[[pose.place(p, 1.0) for p in line] for line in hair.lines],
        head=pose.place((0.47, 0.36), 1.0),
        mouth=pose.place((0.64, 0.49), 1.0),
    )


# --- Motifs -----------------------------------------------------------------------------
# Each draws in one colour over the background, on a canvas `w` pixels wide. `head` is the
# centre of the head and `mouth` where the voice comes from, both in pixels.


@dataclass(frozen=True)
class Stage:
    draw: ImageDraw.ImageDraw
    w: int
    colour: Colour
    background: Colour
    head: Point
    mouth: Point
    facing: int  # 1 when the figure looks right, -1 when it looks left
    dice: _Dice


def _concentric(stage: Stage) -> None:
    w, (cx, cy) = stage.w, stage.head
    cx += stage.dice.uniform(-0.05, 0.05) * w
    step = w * stage.dice.uniform(0.075, 0.09)
    band = step * 0.42
    for i in range(1, 13):
        r = i * step + band / 2
        stage.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=stage.colour, width=round(band))


def _waves(stage: Stage) -> None:
    w, dice = stage.w, stage.dice
    spacing = w * dice.uniform(0.075, 0.09)
    amplitude = spacing * dice.uniform(0.22, 0.3)
    wavelength = w * dice.uniform(0.28, 0.36)
    thickness = spacing * 0.36
    phase = dice.uniform(0, 2 * math.pi)
    y = dice.uniform(0, spacing)
    row = 0
    while y < w + spacing:
        shift = phase + row * 0.9
        xs = [w * i / 80 for i in range(81)]
        top = [(x, y + amplitude * math.sin(2 * math.pi * x / wavelength + shift)) for x in xs]
        bottom = [(x, py + thickness) for x, py in reversed(top)]
        stage.draw.polygon(top + bottom, fill=stage.colour)
        y += spacing
        row += 1


def _rays(stage: Stage) -> None:
    """A sunburst from behind the head, or rising from below the picture."""
    w, (cx, cy) = stage.w, stage.head
    if stage.dice.chance(0.5):
        cx, cy = cx - stage.facing * w * 0.1, w * 1.05
    count = 18 + 2 * stage.dice.index(4)
    offset = stage.dice.uniform(0, 2 * math.pi / count)
    far = w * 2
    for i in range(count):
        a0 = offset + 2 * math.pi * i / count
        a1 = a0 + math.pi / count
        stage.draw.polygon(
            [
                (cx, cy),
                (cx + far * math.cos(a0), cy + far * math.sin(a0)),
                (cx + far * math.cos(a1), cy + far * math.sin(a1)),
            ],
            fill=stage.colour,
        )


def _woven(stage: Stage) -> None:
    """Bands of stepped diamonds and zigzags, as on a woven belt."""
    w, dice = stage.w, stage.dice
    unit = w * dice.uniform(0.085, 0.1)
    shift = dice.uniform(0, unit)
    y = -dice.uniform(0, unit)
    band = 0
    while y < w:
        if band % 2 == 0:  # diamonds with a hole, stepped
            for k in range(-1, int(w / unit) + 2):
                cx, cy, r = k * unit + shift, y + unit / 2, unit * 0.46
                stage.draw.polygon(
                    [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)], fill=stage.colour
                )
                h = r * 0.42
                stage.draw.polygon(
                    [(cx, cy - h), (cx + h, cy), (cx, cy + h), (cx - h, cy)], fill=stage.background
                )
            y += unit
        else:  # a zigzag line between two thin rules
            t = unit * 0.08
            stage.draw.rectangle((0, y + unit * 0.08, w, y + unit * 0.08 + t), fill=stage.colour)
            stage.draw.rectangle((0, y + unit * 0.62 - t, w, y + unit * 0.62), fill=stage.colour)
            points: list[Point] = []
            half = unit / 2
            for k in range(-2, int(w / half) + 3):
                points.append((k * half + shift, y + (unit * 0.22 if k % 2 else unit * 0.48)))
            top = points
            bottom = [(x, py + unit * 0.09) for x, py in reversed(points)]
            stage.draw.polygon(top + bottom, fill=stage.colour)
            y += unit * 0.7
        band += 1


def _bars(stage: Stage) -> None:
    w, dice = stage.w, stage.dice
    spacing = w * dice.uniform(0.11, 0.13)
    width = spacing * 0.3
    x = dice.uniform(0, spacing) - spacing
    while x < w:
        stage.draw.rectangle((x, 0, x + width, w), fill=stage.colour)
        x += spacing
    for y in (w * dice.uniform(0.14, 0.2), w * dice.uniform(0.5, 0.56)):
        stage.draw.rectangle((0, y, w, y + width * 0.8), fill=stage.colour)


def _loudspeaker(stage: Stage) -> None:
    """Arcs of a voice widening from the mouth, with the strokes of a burst between them."""
    w, (mx, my) = stage.w, stage.mouth
    spread = math.radians(stage.dice.uniform(34, 44))
    aim = 0.0 if stage.facing > 0 else math.pi
    aim -= stage.facing * math.radians(stage.dice.uniform(4, 12))  # a little upwards
    step = w * stage.dice.uniform(0.075, 0.085)
    band = step * 0.4
    start, end = math.degrees(aim - spread), math.degrees(aim + spread)
    for i in range(1, 16):
        r = i * step + w * 0.02
        stage.draw.arc((mx - r, my - r, mx + r, my + r), start, end, fill=stage.colour, width=int(band))
    for sign in (-1, 1):  # the two edges of the cone
        a = aim + sign * (spread + math.radians(10))
        for i in range(2, 14):
            r0, r1 = i * step, i * step + band * 1.6
            stage.draw.line(
                [
                    (mx + r0 * math.cos(a), my + r0 * math.sin(a)),
                    (mx + r1 * math.cos(a), my + r1 * math.sin(a)),
                ],
                fill=stage.colour,
                width=int(band * 0.6),
            )
    # all around, quieter rings carry it further
    quiet = max(round(w * 0.008), 1)
    start, end = (
        math.degrees(aim + spread + math.radians(22)),
        math.degrees(aim - spread - math.radians(22)) + 360,
    )
    for i in range(3, 16, 2):
        r = i * step + w * 0.02
        stage.draw.arc((mx - r, my - r, mx + r, my + r), start, end, fill=stage.colour, width=quiet)


def _heart(centre: Point, side: float, grow: float) -> list[Point]:
    """The outline of a heart (a square on its point and two circles on its upper sides), grown all round."""
    cx, cy = centre
    d = side / (2 * math.sqrt(2))  # from the centre to each circle's centre, along each axis
    r = side / 2 + grow
    lx, ly = cx - d, cy - d
    cusp = -math.atan2(math.sqrt(r * r - d * d), d)
    start, end = math.radians(135), 2 * math.pi + cusp
    half = [(cx, cy + side / math.sqrt(2) + grow * math.sqrt(2))]
    half += [
        (lx + r * math.cos(a), ly + r * math.sin(a))
        for a in (start + (end - start) * i / 48 for i in range(49))
    ]
    return half + [(2 * cx - x, y) for x, y in reversed(half[:-1])]


def _hearts(stage: Stage) -> None:
    """A heart where the figure looks, its outline echoed outwards over the whole picture."""
    w, (hx, hy) = stage.w, stage.head
    centre = (hx + stage.facing * w * stage.dice.uniform(0.27, 0.31), hy - w * stage.dice.uniform(0.0, 0.05))
    side = w * 0.15
    step = w * stage.dice.uniform(0.06, 0.07)
    band = step * 0.45
    stage.draw.polygon(_heart(centre, side, 0), fill=stage.colour)
    for i in range(1, 20):
        outer = _heart(centre, side, i * step)
        inner = _heart(centre, side, i * step - band)
        stage.draw.polygon([*outer, outer[0], inner[0], *reversed(inner)], fill=stage.colour)


def _rosette(stage: Stage) -> None:
    """Rings interlaced around the head, a flower of circles: many, holding together."""
    w, (hx, hy) = stage.w, stage.head
    r = w * stage.dice.uniform(0.17, 0.19)
    width = max(round(w * 0.014), 1)
    turn = stage.dice.uniform(0, math.pi / 3)
    centres = [(hx, hy)] + [
        (hx + r * math.cos(turn + k * math.pi / 3), hy + r * math.sin(turn + k * math.pi / 3))
        for k in range(6)
    ]
    for cx, cy in centres:
        stage.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=stage.colour, width=width)
    for k in (2, 2.5, 3.2, 4.1):
        big = r * k
        stage.draw.ellipse((hx - big, hy - big, hx + big, hy + big), outline=stage.colour, width=width)


def _halftone(stage: Stage) -> None:
    """A field of dots growing from one corner: confetti in rows."""
    w, dice = stage.w, stage.dice
    pitch = w * dice.uniform(0.048, 0.056)
    angle = dice.uniform(0, math.pi * 2)
    gx, gy = math.cos(angle), math.sin(angle)
    for row in range(-1, int(w / (pitch * 0.866)) + 2):
        for col in range(-1, int(w / pitch) + 2):
            x = col * pitch + (pitch / 2 if row % 2 else 0)
            y = row * pitch * 0.866
            t = ((x / w - 0.5) * gx + (y / w - 0.5) * gy) + 0.5  # 0..1 across the picture
            r = pitch * 0.46 * min(max(t * 1.15, 0.08), 1.0)
            stage.draw.ellipse((x - r, y - r, x + r, y + r), fill=stage.colour)


MOTIFS: dict[str, Callable[[Stage], None]] = {
    "environnement": _waves,
    "liberte-expression": _rays,
    "peuples-autochtones": _woven,
    "detention-arbitraire": _bars,
    "manifester": _loudspeaker,
    "lgbti": _hearts,
    "droits-des-femmes": _rosette,
    "enfants-et-jeunes": _halftone,
}


def _stroke(draw: ImageDraw.ImageDraw, points: list[Point], colour: Colour, width: int) -> None:
    """A line with round joints and ends."""
    draw.line(points, fill=colour, width=width, joint="curve")
    r = width / 2
    for x, y in (points[0], points[-1]):
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)


def motif_for(themes: Sequence[str]) -> Callable[[Stage], None]:
    """The first known theme decides; the generic circles otherwise."""
    for theme in themes:
        if theme in MOTIFS:
            return MOTIFS[theme]
    return _concentric


# --- The picture ------------------------------------------------------------------------


def scheme_for(seed: str) -> Scheme:
    return SCHEMES[_Dice(seed + "/scheme").index(len(SCHEMES))]


def drawn_portrait(*, seed: str, themes: Sequence[str] = (), size: int = 1200, hair: str = "") -> bytes:
    """A square JPEG (quality 85), RGB, size×size: a drawn head-and-shoulders figure.

    A silhouette in profile over a motif from the first known theme, in the campaign's
    palette; the seed (the case's slug) decides the colours, pose, hair and offsets, so
    the same seed always gives the same bytes. No text anywhere.
    """
    if size < 16:
        raise ValueError("size must be at least 16 pixels")
    if hair and hair not in HAIR_STYLES:
        raise ValueError(f"unknown hair style {hair!r}")
    w = size * SUPERSAMPLE
    dice = _Dice(seed)
    scheme = scheme_for(seed)
    pose = Pose(
        mirrored=dice.chance(0.5),
        tilt=math.radians(dice.uniform(-5, 9)),
        scale=dice.uniform(0.95, 1.05),
        dx=dice.uniform(-0.035, 0.02),
        dy=dice.uniform(-0.01, 0.035),
    )
    figure = _figure(seed, dice, pose, hair)

    image = Image.new("RGB", (w, w), scheme.background)
    draw = ImageDraw.Draw(image)
    stage = Stage(
        draw=draw,
        w=w,
        colour=scheme.motif,
        background=scheme.background,
        head=(figure.head[0] * w, figure.head[1] * w),
        mouth=(figure.mouth[0] * w, figure.mouth[1] * w),
        facing=-1 if pose.mirrored else 1,
        dice=_Dice(seed + "/motif"),
    )
    motif_for(themes)(stage)

    def px(points: Sequence[Point], nudge: Point = (0.0, 0.0)) -> list[Point]:
        return [(x * w + nudge[0], y * w + nudge[1]) for x, y in points]

    # A thin edge of light along the face: the silhouette once in the light's colour, nudged
    # towards where the figure looks, then the silhouette itself, then the lines cut into it.
    nudge = (stage.facing * w * 0.0045, -w * 0.003)
    for shape in [figure.body, *figure.hair]:
        draw.polygon(px(shape, nudge), fill=scheme.light)
    draw.polygon(px(figure.body), fill=scheme.figure)
    cut = max(round(w * 0.0045), 1)
    if figure.collar:
        _stroke(draw, px(figure.collar), scheme.background, cut)
    for shape in figure.hair:
        draw.polygon(px(shape), fill=scheme.figure)
    for line in figure.lines:
        _stroke(draw, px(line), scheme.background, cut)

    image = image.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=False)
    return out.getvalue()
