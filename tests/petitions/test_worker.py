"""Against the real Redis and a real Celery worker process (tests/conftest.py: worker_process)."""

from __future__ import annotations

import re
from contextlib import contextmanager

from django.test import Client

from marathon.celery import app as celery_app
from marathon.lib import ratelimit
from marathon.outbox.models import Email as OutboxEmail
from marathon.outbox.tasks import sweep as sweep_outbox
from petitions import counts
from petitions.models import PetitionTally, Signature
from tests.celery_worker import written_mails
from tests.conftest import wait_for
from tests.petitions.conftest import form_data

DEAD_REDIS = "redis://127.0.0.1:6390/0"  # nothing listens there


def confirm_path(mail_text: str) -> str:
    return re.search(r"https?://[^/\s]+(/fr/petitions/confirmer/[^\s]+/)", mail_text).group(1)


@contextmanager
def broker_at(url: str):
    """Point this process's Celery producer at another broker, as if Redis had gone away."""
    conf = celery_app.conf
    previous = conf.broker_url
    conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        conf.broker_url = previous
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


def test_sign_then_the_worker_mails_the_link_which_confirms_and_the_count_goes_up(worker_with_beat, petition):
    # Nothing but the worker and its beat: beat's sweep hands the e-mail to the worker,
    # beat's roll-up moves the count.
    client = Client()
    assert client.post(f"/fr/petitions/{petition.pk}/signer/", form_data()).status_code == 302

    mail_text = wait_for(lambda: written_mails(worker_with_beat.mail_dir))[0]
    assert "Confirmez votre signature" in mail_text
    path = confirm_path(mail_text)
    assert client.post(path).status_code == 302

    wait_for(lambda: PetitionTally.objects.get(petition=petition).confirmed == 1)
    counts.forget()
    page = client.get(petition.case.get_absolute_url()).content.decode()
    assert 'data-count="1"' in page


def test_with_redis_unreachable_signing_is_kept_and_the_email_goes_out_once_it_is_back(
    worker_process, petition, settings
):
    settings.REDIS_URL = DEAD_REDIS  # the rate limiter's Redis too
    client = Client()
    try:
        with broker_at(DEAD_REDIS):
            response = client.post(f"/fr/petitions/{petition.pk}/signer/", form_data())
    finally:
        ratelimit._down_until = 0.0

    assert response.status_code == 302
    assert Signature.objects.filter(petition=petition, confirmed_at__isnull=True).count() == 1
    assert OutboxEmail.objects.get().sent_at is None
    assert written_mails(worker_process.mail_dir) == []

    sweep_outbox.delay()  # the broker is back: beat's next sweep

    wait_for(lambda: OutboxEmail.objects.get().sent_at is not None)
    sent = written_mails(worker_process.mail_dir)
    assert len(sent) == 1
    assert client.post(confirm_path(sent[0])).status_code == 302
    assert Signature.objects.counted().count() == 1
