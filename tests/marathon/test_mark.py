"""The site's mark, icons and web app manifest, all its own (issue 22, item 2)."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from kits import printing
from kits.models import PrintableDocument
from marathon.management.commands.make_icons import FOLDER, ICONS

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"


def test_every_page_names_the_icons_the_manifest_and_the_mark(client, campaign):
    html = client.get("/fr/").content.decode()

    for needed in (
        'rel="icon" href="/static/img/favicon.svg"',
        'rel="apple-touch-icon" href="/static/img/icons/apple-touch-icon.png"',
        'rel="manifest" href="/manifest.webmanifest"',
        'class="brand-mark-img" src="/static/img/mark.svg"',
        '<p class="mb-2 footer-brand"><img src="/static/img/mark.svg"',
    ):
        assert needed in html, needed


def test_the_manifest_names_the_site_and_icons_that_exist_at_their_sizes(client, db):
    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Marathon des lettres" and data["start_url"] == "/"
    assert {icon["purpose"] for icon in data["icons"]} == {"any", "maskable"}
    for icon in data["icons"]:
        path = STATIC / icon["src"].removeprefix(settings.STATIC_URL)
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
    assert all(icon["src"].startswith("/static/") for icon in data["icons"])  # nothing from elsewhere


def test_the_icons_in_the_repository_are_the_ones_the_command_draws(tmp_path, monkeypatch):
    drawn = tmp_path / "icons"
    monkeypatch.setattr("marathon.management.commands.make_icons.FOLDER", drawn)

    call_command("make_icons", stdout=io.StringIO())

    for name, size, _maskable in ICONS:
        with Image.open(drawn / name) as new, Image.open(FOLDER / name) as kept:
            assert new.size == kept.size == (size, size)
            assert new.tobytes() == kept.tobytes(), name


def test_the_full_kits_cover_carries_the_mark(case, tmp_path):
    kind = PrintableDocument.Kind.FULL_KIT
    spec = printing.current_spec(language="fr", kind=kind, campaign_id=case.campaign_id, case_id=None)
    pdf = tmp_path / "kit.pdf"
    pdf.write_bytes(printing.render_document(spec))
    command = ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "cover")]
    subprocess.run(command, check=True)

    # The cover is the campaign's yellow (no blue at all); the mark's envelope is white, top left.
    with Image.open(next(tmp_path.glob("cover*.png"))) as cover:
        corner = cover.convert("RGB").crop((0, 0, cover.width // 4, cover.height // 8))
        _lowest, highest = corner.getchannel("B").getextrema()
        assert highest > 200
