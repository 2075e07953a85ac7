"""The handover made by a real Celery worker, from the admin's "Prepare the packs"."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse

from marathon.lib import workerfiles
from marathon.lib.storage import private_storage
from marathon.tally import handover as packs
from marathon.tally.handover import handover_counts
from marathon.tally.models import Handover
from marathon.tally.services import handover_pack_render
from tests.conftest import login_with_second_factor, wait_for
from tests.tally.handover_data import handover_world
from tests.tally.test_handover_pack import pdf_text


def ready(pk: int) -> Handover | None:
    handover = Handover.objects.select_related("embassy").get(pk=pk)
    return handover if handover.status == Handover.Status.READY else None


def finished_tasks(worker) -> int:
    return worker.log_path.read_text().count("tasks.make_handover_pack[") // 2  # received, succeeded


def test_staff_prepare_the_packs_and_a_real_worker_makes_them(worker_process, client, django_user_model):
    world = handover_world()
    staff = django_user_model.objects.create_superuser("chef", "chef@example.org", "a-long-password-42")
    login_with_second_factor(client, staff)

    response = client.post(reverse("admin:tally_handover_prepare"), {"apply": "1"})

    assert response.status_code == 302
    handovers = {h.embassy.country.code: h for h in Handover.objects.select_related("embassy")}
    assert set(handovers) == {"GT", "CN"}
    gt = wait_for(lambda: ready(handovers["GT"].pk), timeout=60)
    cn = wait_for(lambda: ready(handovers["CN"].pk), timeout=60)

    counts = handover_counts(campaign=world["campaign"])[gt.embassy_id]
    assert {c.case_id: {"letters": c.letters, "cards": c.cards, "paper": c.paper, "online": c.online}
            for c in counts.cases} == world["expected_gt"]  # fmt: skip
    text = pdf_text(gt)
    assert "Ambassade du Guatemala" in text
    # 33 cards are Bernardo's, which go through the embassy (Juana's 2 go to her family).
    for count in (counts.letters, 33, counts.paper, counts.online, 125, 41):
        assert str(count) in text
    for signer in world["named_signers"]:
        assert f"{signer.last_name} {signer.first_name} {signer.postcode}" in text
    assert "@" not in text and "Chinois" not in text
    assert "Zhang Zhan" in pdf_text(cn) and "Chinois" in pdf_text(cn)

    # Preparing again while nothing changed: the same file, not made again.
    client.post(reverse("admin:tally_handover_prepare"), {"apply": "1"})
    wait_for(lambda: finished_tasks(worker_process) == 4, timeout=60)
    assert Handover.objects.get(pk=gt.pk).file.name == gt.file.name
    assert Handover.objects.get(pk=gt.pk).made_at == gt.made_at


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_the_same_pack_make_it_once():
    world = handover_world()
    handover = Handover.objects.create(campaign=world["campaign"], embassy=world["gt"])
    started, release = threading.Event(), threading.Event()
    real_render = packs.render_pack
    renders = []

    def slow_render(data, output):
        renders.append(data.content_hash)
        started.set()
        release.wait(10)  # hold the row lock while the second worker arrives
        return real_render(data, output)

    results = {}

    def worker(name: str) -> None:
        try:
            results[name] = handover_pack_render(handover_id=handover.pk)
        except workerfiles.Busy:
            results[name] = "busy"
        finally:
            connection.close()

    with mock.patch.object(packs, "render_pack", slow_render):
        first = threading.Thread(target=worker, args=("first",))
        first.start()
        assert started.wait(10)
        second = threading.Thread(target=worker, args=("second",))
        second.start()
        second.join(10)
        release.set()
        first.join(20)

    assert len(renders) == 1
    # It found the row locked and did not wait: its task comes back later (Busy).
    assert results["second"] == "busy"
    handover.refresh_from_db()
    assert handover.status == Handover.Status.READY
    assert private_storage().listdir("tally/handover")[1] == [handover.file.name.rsplit("/", 1)[1]]
