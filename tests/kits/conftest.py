from __future__ import annotations

import contextlib
import datetime
import http.server
import io
import threading

import pytest
from django.utils import timezone
from pypdf import PdfReader

from cases.models import Case
from cases.services import placeholder_portrait
from tests.factories import in_admin_form, make_authority, make_campaign, make_case


@pytest.fixture
def campaign(db):
    # Marathon dates must fall between today and the letters deadline.
    return make_campaign(letters_deadline=timezone.localdate() + datetime.timedelta(days=45))


@pytest.fixture
def cases(campaign):
    return [make_case(campaign=campaign, person_name=f"Cas {n}", slug=f"cas-{n}") for n in range(10)]


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, with runs of whitespace (line breaks) made single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


def one_line(text: str) -> str:
    return " ".join(text.split())


def make_cases(campaign, count: int) -> list:
    cases = []
    for n in range(1, count + 1):
        case = make_case(
            campaign=campaign,
            order=n,
            slug=f"cas-{n}",
            person_name=f"Prénom{n} Nom{n}",
            ask=f"Libérez Prénom{n} Nom{n} sans condition.",
            postcard_message=f"Courage, Prénom{n} !",
            authority=make_authority(
                name=f"Ministre {n}",
                postal_address=f"Boulevard Numéro {n}\n{1000 + n} Capitale",
            ),
        )
        cases.append(case)
    # One portrait is enough to exercise the photo path (thumbnail, media fetch).
    cases[0].photo.save("portrait.jpg", placeholder_portrait(name=cases[0].person_name, size=300))
    return cases


@pytest.fixture
def ten_cases(campaign):
    return make_cases(campaign, 10)


CASE_FORM_FIELDS = [
    "campaign", "order", "person_name", "slug", "country", "country_label", "headline", "summary",
    "story", "ask", "photo_alt", "photo_credit", "authority", "model_letter", "postcard_message",
    "postcard_address", "cards_route", "young_summary",
]  # fmt: skip


def case_admin_post(case, **changes) -> dict:
    """The data the admin's change form posts for this case, with some fields changed."""
    data = {
        name: getattr(case, f"{name}_id" if name in {"campaign", "authority"} else name)
        for name in CASE_FORM_FIELDS
    }
    data["country"] = str(case.country)
    if case.is_published:
        data["is_published"] = "on"
    data["themes"] = [theme.pk for theme in case.themes.all()]
    data.update(changes)
    data["_save"] = "Enregistrer"
    return in_admin_form(Case, data)


@contextlib.contextmanager
def recording_http_server():
    """An HTTP server on 127.0.0.1 that records every path it is asked for."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    server.hits = hits
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def spy_server():
    with recording_http_server() as server:
        yield server
