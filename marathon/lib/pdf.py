"""PDFs from Django templates with WeasyPrint, reading only the site's own files.

Case texts are written by staff and may be pasted from anywhere. A URL in them,
or in a template, must never make the worker fetch something from the network
or read a file outside the static and media folders: that is how a PDF leaks
what the server can see. `SiteFilesFetcher` maps the site's own `/static/` and
`/media/` URLs to files and refuses (and logs) everything else.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs in templates resolve against this; it is never contacted.
BASE_URL = "https://pdf.invalid/"


class RefusedURL(ValueError):
    pass


class SiteFilesFetcher(URLFetcher):
    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
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
        if ".." in Path(path).parts:
            raise RefusedURL(url)
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if found:
                return Path(found)
        elif path.startswith(settings.MEDIA_URL):
            name = path.removeprefix(settings.MEDIA_URL)
            media_root = Path(settings.MEDIA_ROOT).resolve()
            candidate = Path(default_storage.path(name)).resolve()
            if candidate.is_relative_to(media_root) and candidate.is_file():
                return candidate
        raise RefusedURL(url)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template to PDF bytes, reading static and media files only.

    The PDF's title, author and language come from the template's <title>,
    <meta name="author"> and <html lang>; the PDF is tagged for screen readers.
    """
    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=SiteFilesFetcher())
    return document.write_pdf(pdf_tags=True)
