"""PDFs from Django templates with WeasyPrint, reading only the site's own files.

Case texts are written by staff and may be pasted from anywhere. A URL in them,
or in a template, must never make the worker fetch something from the network
or read a file outside the static and media folders: that is how a PDF leaks
what the server can see. `SiteFilesFetcher` maps the site's own `/static/` and
`/media/` URLs to files and refuses (and logs) everything else.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.templatetags.static import static
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs in templates resolve against this; it is never contacted.
BASE_URL = "https://pdf.invalid/"

# Tagged PDF for screen readers, with the PDF/UA-1 identification on top.
PDF_VARIANT = "pdf/ua-1"


class RefusedURL(ValueError):
    pass


class SiteFilesFetcher(URLFetcher):
    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        try:
            path = self._local_path(url)
        except RefusedURL:
            logger.warning("PDF rendering refused to fetch %r", url[:200])
            raise
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": mime or "application/octet-stream"}
        )

    def _local_path(self, url: str) -> Path:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
            raise RefusedURL(url)
        path = unquote(parts.path)
        if ".." in Path(path).parts or "\x00" in path:
            raise RefusedURL(url)
        try:
            if path.startswith(settings.STATIC_URL):
                found = self._static_file(path.removeprefix(settings.STATIC_URL))
            elif path.startswith(settings.MEDIA_URL):
                found = _file_inside(Path(settings.MEDIA_ROOT), path.removeprefix(settings.MEDIA_URL))
            else:
                found = None
        except SuspiciousFileOperation:
            # Django's own guard against paths that leave the folder (e.g. "/static//etc/passwd").
            found = None
        if found is None:
            raise RefusedURL(url)
        return found

    @staticmethod
    def _static_file(name: str) -> Path | None:
        # The source folders while developing; the collected (hashed) build in production,
        # where {% static %} names files that only exist under STATIC_ROOT.
        found = finders.find(name)
        if found:
            return _file_inside(Path(found).parent, Path(found).name)
        return _file_inside(Path(settings.STATIC_ROOT), name)


def _file_inside(root: Path, name: str) -> Path | None:
    """The file `name` under `root`, or None if it is missing or resolves outside it (symlinks)."""
    root = root.resolve()
    candidate = (root / name.lstrip("/")).resolve()
    if candidate.is_relative_to(root) and candidate.is_file():
        return candidate
    return None


def render_pdf(
    template_name: str, context: dict, stylesheets: tuple[str, ...] = (), *, tagged: bool = True
) -> bytes:
    """Render a template to PDF bytes, reading static and media files only.

    The PDF's title, author and language come from the template's <title>,
    <meta name="author"> and <html lang>; the PDF is tagged for screen readers unless
    `tagged` is False (for parts that pypdf joins, which drops the tags anyway).
    `stylesheets` are static files parsed once per process with their fonts: loading
    a dozen web fonts otherwise costs more than laying out a fact sheet.
    """
    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=SiteFilesFetcher())
    return document.write_pdf(
        stylesheets=[_stylesheet(static(name)) for name in stylesheets],
        font_config=_font_config(),
        pdf_variant=PDF_VARIANT if tagged else None,
    )


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _stylesheet(url: str) -> CSS:
    return CSS(url=urljoin(BASE_URL, url), url_fetcher=SiteFilesFetcher(), font_config=_font_config())
