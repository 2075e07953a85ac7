"""Signers' names go SIGNATURE_RETENTION_DAYS after every embassy of their campaign got its pack."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from marathon.celery import app as celery_app
from marathon.lib.storage import private_storage
from marathon.tally.handover import handover_counts
from marathon.tally.models import Handover
from marathon.tally.services import handover_pack_render
from marathon.tally.tasks import erase_signatures_after_handover
from petitions.models import Signature, Signer
from tests.factories import make_campaign, make_case
from tests.tally.handover_data import add_signature, handover_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = handover_world()
    world["handovers"] = [
        Handover.objects.create(campaign=world["campaign"], embassy=world[code]) for code in ("gt", "cn")
    ]
    for handover in world["handovers"]:
        handover_pack_render(handover_id=handover.pk)
    return world


def deliver(world, days_ago: int, *, only=None) -> None:
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    for handover in only or world["handovers"]:
        Handover.objects.filter(pk=handover.pk).update(delivered_on=day, received_by="Consul")


def named(world) -> list[Signer]:
    return list(Signer.objects.filter(pk__in=[s.pk for s in world["named_signers"]], erased_at__isnull=True))


def test_the_beat_runs_the_retention_task():
    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "marathon.tally.tasks.erase_signatures_after_handover" in entries
    assert "marathon.tally.tasks.erase_signatures_after_handover" in celery_app.tasks


def test_names_go_after_the_retention_time_and_the_counts_stay(world, django_capture_on_commit_callbacks):
    before = {pk: counts.online for pk, counts in handover_counts(campaign=world["campaign"]).items()}
    deliver(world, settings.SIGNATURE_RETENTION_DAYS + 1)

    with django_capture_on_commit_callbacks(execute=True):
        erased = erase_signatures_after_handover.delay().get()

    assert erased >= 3 and named(world) == []
    after = {pk: counts.online for pk, counts in handover_counts(campaign=world["campaign"]).items()}
    assert after == before
    # The packs listed the names: they are gone, the delivery is still on record.
    assert private_storage().listdir("tally/handover")[1] == []
    assert all(h.file == "" and h.delivered_on for h in Handover.objects.all())
    # Safe to run twice.
    assert erase_signatures_after_handover.delay().get() == 0


def test_nothing_goes_within_the_retention_time(world):
    deliver(world, settings.SIGNATURE_RETENTION_DAYS - 1)

    assert erase_signatures_after_handover.delay().get() == 0
    assert len(named(world)) == 3


def test_nothing_goes_while_one_embassy_is_still_waiting(world):
    deliver(world, settings.SIGNATURE_RETENTION_DAYS + 30, only=world["handovers"][:1])

    assert erase_signatures_after_handover.delay().get() == 0
    assert len(named(world)) == 3
    assert len(private_storage().listdir("tally/handover")[1]) == 2


def test_a_signer_of_a_running_campaign_keeps_their_name_one_who_asked_for_news_does_not(world):
    from petitions.models import NewsSubscriber
    from petitions.services import news_subscribe

    amelie, bruno, _chloe = world["named_signers"]
    world["campaign"].is_current = False
    world["campaign"].save()
    next_year = make_campaign(year=world["campaign"].year + 1, is_current=True)
    other = add_signature(make_case(campaign=next_year, country="GT"), first="X", last="Y")
    Signature.objects.filter(pk=other.pk).update(signer=amelie)  # she signed again this year
    Signer.objects.filter(pk=bruno.pk).update(news_opt_in=True)
    bruno.refresh_from_db()
    news_subscribe(signer=bruno, now=timezone.now())
    deliver(world, settings.SIGNATURE_RETENTION_DAYS + 1)

    erase_signatures_after_handover.delay().get()

    # Which petitions Bruno signed is not kept for his news: his signatures are anonymous
    # like everyone's, and the subscription holds only his name and address.
    assert sorted(s.last_name for s in named(world)) == ["Lambert"]
    subscriber = NewsSubscriber.objects.get()
    assert (subscriber.first_name, subscriber.last_name) == (bruno.first_name, bruno.last_name)
    assert not hasattr(subscriber, "signatures")


def test_the_privacy_page_gives_the_retention_time_from_the_settings(client, settings):
    settings.SIGNATURE_RETENTION_DAYS = 123

    html = client.get("/fr/vie-privee/").content.decode()

    assert "jusqu’à la remise des lettres à l’ambassade, puis 123 jours" in html
    assert "que vous ayez demandé nos nouvelles ou non" in html
    assert "Jusqu’à votre désinscription" in html
