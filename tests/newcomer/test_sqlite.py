"""`make run` with nothing configured: SQLite, no Redis, tasks in-process.

These run in a second pytest session without DATABASE_URL or REDIS_URL (`make test`
does it), because a newcomer's first signature must work as the TV night's does.
"""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from kits.models import KitOrder
from marathon.services import personal_data_erase
from marathon.tally.models import Handover, LetterBatchLine
from marathon.tally.services import handover_pack_render
from petitions import counts
from petitions.counts import reconcile
from petitions.models import Signature
from petitions.services import petition_ensure, signatures_invalidate
from tests.factories import make_campaign, make_case, make_embassy
from tests.kits.helpers import order_form_data
from tests.petitions.conftest import confirm, last_mail, on_commit_runs, sign, sign_all
from tests.tally.conftest import make_counter

pytestmark = [pytest.mark.newcomer, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _on_sqlite():
    assert connection.vendor == "sqlite", "run these without DATABASE_URL (make test does)"
    assert not settings.REDIS_URL


def test_sign_confirm_and_count_on_sqlite(client, campaign):
    cases = [make_case(campaign=campaign) for _ in range(3)]
    petitions = [petition_ensure(case=case) for case in cases]

    response = sign(client, petitions[0], email="anne@example.org")
    assert response.status_code == 302
    assert "confirmer" in last_mail().body
    # Signing again while the e-mail waits resends nothing new and makes no second row.
    sign(client, petitions[0], email="Anne@Example.org")
    assert Signature.objects.count() == 1

    response = confirm(client)
    assert response.status_code == 302 and response["Location"] == "/fr/petitions/merci/"
    assert counts.counts_for([petitions[0].pk])[petitions[0].pk].online == 1

    sign_all(client, petitions, email="bruno@example.org")
    confirm(client)
    counts.forget()
    assert [counts.counts_for([p.pk])[p.pk].online for p in petitions] == [2, 1, 1]

    with on_commit_runs():
        signatures_invalidate(signatures=Signature.objects.filter(petition=petitions[1]), reason="test")
    counts.forget()
    assert counts.counts_for([petitions[1].pk])[petitions[1].pk].online == 0

    reconcile()
    counts.forget()
    assert [counts.counts_for([p.pk])[p.pk].online for p in petitions] == [2, 0, 1]


def test_order_count_hand_over_and_erase_on_sqlite(client, django_capture_on_commit_callbacks):
    campaign = make_campaign(letters_deadline=timezone.localdate() + datetime.timedelta(days=45))
    case = make_case(campaign=campaign, country="GT")
    petition = petition_ensure(case=case)
    for page in [
        "/fr/",
        "/fr/cas/",
        case.get_absolute_url(),
        "/fr/resultats/",
        "/fr/kit/imprimer/",
        "/fr/vie-privee/",
    ]:
        assert client.get(page).status_code == 200, page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/kit/commander/", order_form_data(email="carla@example.org"))
    assert response.status_code == 302
    assert KitOrder.objects.get().email == "carla@example.org"

    sign(client, petition, first_name="Carla", last_name="Lenoir", email="carla@example.org")
    confirm(client)

    client.force_login(make_counter())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/fr/comptage/",
            {
                f"n_{case.pk}_letter": "12",
                "received_on": timezone.localdate().isoformat(),
                "sender_kind": "school",
                "submission_key": str(uuid.uuid4()),
            },
        )
    assert response.status_code == 302
    assert LetterBatchLine.objects.get().count == 12
    client.logout()

    handover = Handover.objects.create(campaign=campaign, embassy=make_embassy(country="GT"))
    handover = handover_pack_render(handover_id=handover.pk)
    assert handover.status == Handover.Status.READY

    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(email="carla@example.org")
    assert KitOrder.objects.get().email == ""
    assert not Signature.objects.filter(signer__last_name="Lenoir").exists()
