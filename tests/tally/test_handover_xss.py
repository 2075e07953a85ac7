"""Hostile text in whatever a pack shows (staff-edited or typed by signers) stays text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from cases.models import Case, Embassy
from marathon.lib import pdf
from marathon.tally.models import Handover
from marathon.tally.services import handover_pack_render
from petitions.models import Petition, Signer
from tests.security.test_xss_pdfs import active_parts
from tests.security.xss import PAYLOADS, executable_parts
from tests.tally.handover_data import handover_world

pytestmark = pytest.mark.django_db

HOSTILE = " ".join(PAYLOADS)


def test_payloads_in_every_field_of_a_pack_leave_nothing_executable(monkeypatch, caplog):
    world = handover_world()
    Embassy.objects.filter(pk=world["gt"].pk).update(name=HOSTILE[:200], address=HOSTILE)
    Case.objects.filter(pk=world["bernardo"].pk).update(
        person_name=HOSTILE[:200], country_label=HOSTILE[-120:], postcard_address=HOSTILE
    )
    Petition.objects.filter(case=world["bernardo"]).update(text=HOSTILE)
    Signer.objects.filter(pk=world["named_signers"][0].pk).update(
        first_name=HOSTILE[:100], last_name=HOSTILE[-100:], postcode=HOSTILE[:12]
    )
    handover = Handover.objects.create(campaign=world["campaign"], embassy=world["gt"])
    sources: list[str] = []
    real_render_to_string = pdf.render_to_string
    monkeypatch.setattr(
        pdf, "render_to_string", lambda *a, **k: sources.append(real_render_to_string(*a, **k)) or sources[-1]
    )

    handover = handover_pack_render(handover_id=handover.pk)

    assert len(sources) == 2  # the front matter, then the annex in one part
    for source in sources:
        assert executable_parts(source) == []
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source  # escaped, not dropped
    with handover.file.open("rb") as file:
        data = file.read()
    assert active_parts(data) == []
    assert "refused to fetch" not in caplog.text  # nothing in the text became something to load
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "<script>alert(1)</script>" in text
