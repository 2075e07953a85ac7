from __future__ import annotations

import io
from unittest import mock

import pytest
from pypdf import PdfReader

from marathon.lib.storage import private_storage
from marathon.services import personal_data_erase
from marathon.tally.models import Handover
from marathon.tally.services import handover_pack_render
from petitions.services import signer_erase
from tests.tally.handover_data import handover_world

pytestmark = pytest.mark.django_db


def pdf_text(handover: Handover) -> str:
    with handover.file.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    # pypdf reads the running footers' text with a NUL between letters; the body is plain.
    return " ".join(" ".join(page.extract_text().replace("\x00", "").split()) for page in reader.pages)


@pytest.fixture
def world():
    return handover_world()


@pytest.fixture
def gt_handover(world):
    return Handover.objects.create(campaign=world["campaign"], embassy=world["gt"])


def test_the_pack_holds_the_embassy_the_counts_and_every_signers_name_but_no_email(world, gt_handover):
    handover = handover_pack_render(handover_id=gt_handover.pk)

    assert handover.status == Handover.Status.READY and handover.made_at
    text = pdf_text(handover)
    assert "Ambassade du Guatemala" in text
    for name in ("Bernardo Caal Xol", "Juana Ramírez"):
        assert name in text
    for count in ("125", "33", "41", "132", "44"):
        assert count in text
    for signer in world["named_signers"]:
        assert signer.first_name in text and signer.last_name in text and signer.postcode in text
        assert signer.email not in text
    assert "@" not in text
    # Another country's case and the signatures that do not count stay out.
    for absent in ("Zhang", "Chinois", "Pendant", "Invalide"):
        assert absent not in text


def test_the_pack_file_is_private(gt_handover):
    handover = handover_pack_render(handover_id=gt_handover.pk)

    assert handover.file.storage is private_storage()
    assert private_storage().exists(handover.file.name)
    with pytest.raises(ValueError):
        handover.file.url  # noqa: B018


def test_rendering_twice_makes_one_file(gt_handover):
    first = handover_pack_render(handover_id=gt_handover.pk)
    with mock.patch("marathon.tally.handover.render_pack") as render:
        second = handover_pack_render(handover_id=gt_handover.pk)

    render.assert_not_called()
    assert second.file.name == first.file.name and second.made_at == first.made_at
    assert private_storage().listdir("tally/handover")[1] == [first.file.name.rsplit("/", 1)[1]]


def test_a_new_signature_makes_a_new_pack_and_the_old_file_goes(
    world, gt_handover, django_capture_on_commit_callbacks
):
    from tests.tally.handover_data import add_signature

    with django_capture_on_commit_callbacks(execute=True):
        first = handover_pack_render(handover_id=gt_handover.pk)
    add_signature(world["juana"], first="Denise", last="Nouvelle")
    with django_capture_on_commit_callbacks(execute=True):
        second = handover_pack_render(handover_id=gt_handover.pk)

    assert second.content_hash != first.content_hash
    assert "Nouvelle" in pdf_text(second)
    assert private_storage().listdir("tally/handover")[1] == [second.file.name.rsplit("/", 1)[1]]


def erase_on_the_personal_data_page(signer):
    personal_data_erase(email=signer.email)


def erase_from_the_link_in_an_email(signer):
    signer_erase(signer=signer)


@pytest.mark.parametrize("erase", [erase_on_the_personal_data_page, erase_from_the_link_in_an_email])
def test_erasing_a_signer_remakes_the_pack_without_their_name(
    world, gt_handover, django_capture_on_commit_callbacks, erase
):
    first = handover_pack_render(handover_id=gt_handover.pk)
    signer = world["named_signers"][0]
    assert signer.last_name in pdf_text(first)

    with django_capture_on_commit_callbacks(execute=True):
        erase(signer)

    handover = Handover.objects.get(pk=gt_handover.pk)
    assert handover.content_hash != first.content_hash
    text = pdf_text(handover)
    assert signer.last_name not in text and signer.first_name not in text
    assert "Dont 2 qui ne sont pas nommées" in text  # still counted, unnamed
    assert private_storage().listdir("tally/handover")[1] == [handover.file.name.rsplit("/", 1)[1]]


class WorkerKilled(BaseException):
    """What the process sees of an out-of-memory kill: nothing catches it."""


def test_an_attempt_is_counted_before_rendering_and_a_pack_that_never_finishes_is_given_up(gt_handover):
    with (
        mock.patch("marathon.tally.handover.render_pack", side_effect=WorkerKilled),
        pytest.raises(WorkerKilled),
    ):
        handover_pack_render(handover_id=gt_handover.pk)
    assert Handover.objects.get(pk=gt_handover.pk).attempts == 1  # kept, though the render died

    Handover.objects.filter(pk=gt_handover.pk).update(attempts=3)
    with mock.patch("marathon.tally.handover.render_pack") as render:
        handover = handover_pack_render(handover_id=gt_handover.pk)

    render.assert_not_called()
    assert handover.status == Handover.Status.FAILED and "3 attempts" in handover.error


def test_preparing_again_gives_a_failed_pack_new_attempts(
    world, gt_handover, django_capture_on_commit_callbacks
):
    from marathon.tally.services import handover_prepare

    Handover.objects.filter(pk=gt_handover.pk).update(attempts=3, status=Handover.Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        handover_prepare(campaign=world["campaign"])

    handover = Handover.objects.get(pk=gt_handover.pk)
    assert handover.status == Handover.Status.READY and handover.attempts == 0


def test_a_pack_whose_task_was_lost_is_queued_again_by_the_sweep(
    world, gt_handover, django_capture_on_commit_callbacks
):
    import datetime

    from django.conf import settings
    from django.utils import timezone

    from marathon.tasks import requeue_lost_worker_files

    # Asked for while the broker was down: the row says "being made", no task exists.
    asked = timezone.now() - datetime.timedelta(minutes=11)
    Handover.objects.filter(pk=gt_handover.pk).update(status=Handover.Status.PENDING, queued_at=asked)
    recent = timezone.now() - datetime.timedelta(minutes=2)
    other = Handover.objects.create(
        campaign=gt_handover.campaign,
        embassy=world["cn"],
        status=Handover.Status.PENDING,
        queued_at=recent,
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_lost_worker_files.delay().get() == 1

    assert Handover.objects.get(pk=gt_handover.pk).status == Handover.Status.READY
    assert Handover.objects.get(pk=other.pk).status == Handover.Status.PENDING  # its task may still come
    tasks = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "marathon.tasks.requeue_lost_worker_files" in tasks
