"""No page, PDF or e-mail prints a library's country name where the case names it
otherwise (issue 19's done-means): "Bélarus" everywhere, never "Biélorussie"."""

from __future__ import annotations

import pytest
from django.core import mail

from cases.models import CountryName
from kits import printing
from marathon.outbox.services import outbox_dispatch
from marathon.tally.models import Handover
from marathon.tally.services import handover_pack_render, results_refresh
from petitions.services import petition_ensure
from tests.factories import make_authority, make_campaign, make_case, make_embassy
from tests.kits.conftest import pdf_text
from tests.petitions.conftest import form_data

pytestmark = pytest.mark.django_db

LIBRARY = "Biélorussie"


@pytest.fixture
def mikita():
    CountryName.objects.create(country="BY", name="Bélarus", name_after_de="du Bélarus")
    campaign = make_campaign()
    case = make_case(
        campaign=campaign,
        person_name="Mikita Zalatarou",
        slug="mikita",
        country="BY",
        authority=make_authority(country="BY", name="Procureur général"),
    )
    petition_ensure(case=case)
    return case


def test_pages_say_belarus(client, mikita):
    results_refresh()
    for path in (
        "/fr/",
        "/fr/cas/",
        "/fr/cas/mikita/",
        "/fr/petitions/signer-tout/",
        "/fr/resultats/",
        "/fr/kit/imprimer/",
    ):
        html = client.get(path).content.decode()
        assert LIBRARY not in html, path
    assert "Bélarus" in client.get("/fr/cas/mikita/").content.decode()


def test_emails_say_belarus(client, mikita):
    client.post(f"/fr/petitions/{mikita.petition.pk}/signer/", form_data())
    outbox_dispatch()

    assert mail.outbox
    for message in mail.outbox:
        assert LIBRARY not in message.body and LIBRARY not in message.alternatives[0][0]


def test_pdfs_say_belarus(mikita):
    for spec in printing.campaign_specs(mikita.campaign, "fr"):
        assert LIBRARY not in pdf_text(printing.render_document(spec)), spec.kind
    handover = Handover.objects.create(campaign=mikita.campaign, embassy=make_embassy(country="BY"))
    with handover_pack_render(handover_id=handover.pk).file.open("rb") as pack:
        text = pdf_text(pack.read())
    assert LIBRARY not in text and "du Bélarus" in text
