"""Hostile text in whatever a pack shows (staff-edited or typed by signers) stays text."""

from __future__ import annotations

import io

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PdfReader

from cases.models import Case, Embassy
from marathon.tally import handover as packs
from marathon.tally.models import Handover
from marathon.tally.services import handover_pack_render
from petitions.models import Petition, Signer
from tests.security.xss import PAYLOADS, executable_parts
from tests.tally.handover_data import handover_world

pytestmark = pytest.mark.django_db

HOSTILE = " ".join(PAYLOADS)


def test_payloads_in_every_field_of_a_pack_leave_nothing_executable(caplog):
    world = handover_world()
    Embassy.objects.filter(pk=world["gt"].pk).update(name=HOSTILE[:200], address=HOSTILE)
    Case.objects.filter(pk=world["bernardo"].pk).update(person_name=HOSTILE[:200], postcard_address=HOSTILE)
    Petition.objects.filter(case=world["bernardo"]).update(text=HOSTILE)
    Signer.objects.filter(pk=world["named_signers"][0].pk).update(
        first_name=HOSTILE[:100], last_name=HOSTILE[-100:]
    )
    handover = Handover.objects.create(campaign=world["campaign"], embassy=world["gt"])

    html = render_to_string(
        packs.TEMPLATE, {"pack": packs.pack_data(handover), "today": timezone.localdate()}
    )
    assert executable_parts(html) == []

    handover = handover_pack_render(handover_id=handover.pk)
    with handover.pack.open("rb") as file:
        data = file.read()
    for marker in (b"/JavaScript", b"/JS ", b"/URI", b"/Launch", b"/SubmitForm"):
        assert marker not in data
    assert "refused to fetch" not in caplog.text  # nothing in the text became something to load
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "<script>alert(1)</script>" in text  # shown as the text it is
