from __future__ import annotations

import datetime

from django.conf import settings
from django.core import mail
from django.utils import timezone

from petitions.models import Signature, Signer
from petitions.services import signatures_purge_unconfirmed
from tests.petitions.conftest import confirm, sign, signer


def age(signature_filter: dict, days: float) -> None:
    then = timezone.now() - datetime.timedelta(days=days)
    Signature.objects.filter(**signature_filter).update(created_at=then, requested_at=then)
    Signer.objects.filter(signatures__in=Signature.objects.filter(**signature_filter)).update(
        created_at=then, updated_at=then
    )


def test_unconfirmed_signatures_are_deleted_after_seven_days(client, ten_petitions):
    sign(client, ten_petitions[0], email="old@example.org")
    sign(client, ten_petitions[0], email="recent@example.org")
    sign(client, ten_petitions[0], email="confirmed@example.org")
    confirm(client)
    age({"signer__email": "old@example.org"}, 7.1)
    age({"signer__email": "recent@example.org"}, 6.9)
    age({"signer__email": "confirmed@example.org"}, 30)

    assert signatures_purge_unconfirmed() == 1

    assert not Signer.objects.filter(email="old@example.org").exists()
    assert signer("recent@example.org").signatures.count() == 1
    assert signer("confirmed@example.org").signatures.counted().count() == 1


def test_signing_again_restarts_the_seven_days(client, petition):
    sign(client, petition)
    age({}, 6.5)

    sign(client, petition)
    age_after = timezone.now() - Signature.objects.get().requested_at

    assert age_after < datetime.timedelta(minutes=1)
    assert signatures_purge_unconfirmed(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_a_confirmed_signer_keeps_their_data_when_a_later_signature_expires(client, ten_petitions):
    sign(client, ten_petitions[0])
    confirm(client)
    sign(client, ten_petitions[1])
    age({"petition": ten_petitions[1]}, 8)

    signatures_purge_unconfirmed()

    assert signer().signatures.count() == 1


def test_once_someone_elses_requests_expire_a_confirmed_supporter_gets_emails_again(client, ten_petitions):
    sign(client, ten_petitions[0])
    confirm(client)
    # Someone else types this supporter's address in, again and again.
    for _ in range(7):
        sign(client, ten_petitions[1])
    assert len(mail.outbox) == 6  # the first confirmation, then the cap of five
    sign(client, ten_petitions[2])
    assert len(mail.outbox) == 6
    age({"petition__in": ten_petitions[1:3]}, 8)

    signatures_purge_unconfirmed()
    sign(client, ten_petitions[3])

    assert len(mail.outbox) == 7
    assert signer().signatures.counted().count() == 1


def test_a_signer_with_a_request_still_pending_keeps_the_cap(client, ten_petitions):
    for _ in range(5):
        sign(client, ten_petitions[0])
    sign(client, ten_petitions[1])
    age({"petition": ten_petitions[1]}, 8)

    signatures_purge_unconfirmed()
    sign(client, ten_petitions[2])

    assert len(mail.outbox) == 5
    assert signer().confirmation_emails == 5


def test_the_periodic_tasks_are_scheduled():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {
        "petitions.tasks.purge_unconfirmed_signatures",
        "marathon.outbox.tasks.sweep",
        "marathon.outbox.tasks.purge_sent",
        "petitions.tasks.rollup_counts",
        "petitions.tasks.reconcile_counts",
    } <= tasks
