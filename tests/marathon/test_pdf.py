"""The PDF renderer reads the site's own static and media files, and nothing else."""

from __future__ import annotations

import logging
import os

import pytest

from marathon.lib.pdf import BASE_URL, RefusedURL, SiteFilesFetcher, render_pdf
from tests.kits.conftest import recording_http_server


@pytest.fixture
def spy_server():
    with recording_http_server() as server:
        yield server


def test_it_reads_a_static_file():
    response = SiteFilesFetcher().fetch(BASE_URL + "static/css/print-fonts.css")
    assert b"@font-face" in response.read()
    assert response.content_type == "text/css"


def test_it_reads_a_media_file(settings):
    (settings.MEDIA_ROOT / "cases").mkdir(parents=True)
    (settings.MEDIA_ROOT / "cases" / "photo.png").write_bytes(b"not really a png")
    response = SiteFilesFetcher().fetch(BASE_URL + "media/cases/photo.png")
    assert response.read() == b"not really a png"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/pixel.png",
        "https://example.org/pixel.png",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "data:text/plain,hello",
        "https://pdf.invalid@127.0.0.1/static/css/print-kit.css",
        "https://pdf.invalid:8443/static/css/print-kit.css",
        BASE_URL + "etc/passwd",
        BASE_URL + "static/../../../etc/passwd",
        BASE_URL + "static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        BASE_URL + "static//etc/passwd",
        BASE_URL + "media/../marathon/settings.py",
        BASE_URL + "media//etc/passwd",
        BASE_URL + "static/css/missing.css",
    ],
)
def test_it_refuses_and_logs_anything_but_the_sites_own_files(url, caplog):
    with caplog.at_level(logging.WARNING, logger="marathon.lib.pdf"), pytest.raises(RefusedURL):
        SiteFilesFetcher().fetch(url)
    assert "refused to fetch" in caplog.text


def test_it_refuses_a_media_symlink_that_leads_outside(settings):
    settings.MEDIA_ROOT.mkdir(parents=True)
    os.symlink("/etc/passwd", settings.MEDIA_ROOT / "passwd.png")
    with pytest.raises(RefusedURL):
        SiteFilesFetcher().fetch(BASE_URL + "media/passwd.png")


def test_a_template_pointing_outside_renders_without_fetching_anything(
    settings, tmp_path, spy_server, caplog
):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "leaky.html").write_text(
        f"""<html lang="fr"><head><title>Fuite</title>
        <link rel="stylesheet" href="{spy_server.url}/style.css"></head>
        <body><p>Bonjour</p>
        <img src="{spy_server.url}/pixel.png?secret=1">
        <img src="file:///etc/passwd">
        <div style="background: url({spy_server.url}/background.png)">fond</div>
        </body></html>"""
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]

    with caplog.at_level(logging.WARNING, logger="marathon.lib.pdf"):
        pdf = render_pdf("leaky.html", {})

    assert pdf.startswith(b"%PDF")
    assert spy_server.hits == []
    assert "pixel.png" in caplog.text
    assert "file:///etc/passwd" in caplog.text
