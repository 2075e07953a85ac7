from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from marathon.models import DataAccessLog
from marathon.tally.models import Handover
from tests.conftest import login_with_second_factor
from tests.tally.handover_data import handover_world

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:tally_handover_changelist"


@pytest.fixture
def world():
    return handover_world()


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("chef", "chef@example.org", "a-long-password-42")


@pytest.fixture
def admin_client(client, staff):
    return login_with_second_factor(client, staff)


def prepare(admin_client, capture):
    with capture(execute=True):
        # Before the letters deadline (as in handover_world) staff confirm first.
        response = admin_client.post(reverse("admin:tally_handover_prepare"), {"apply": "1"})
    assert response.status_code == 302
    return {h.embassy.country.code: h for h in Handover.objects.select_related("embassy")}


def test_preparing_makes_one_handover_per_embassy_with_cases_and_their_packs(
    world, admin_client, django_capture_on_commit_callbacks
):
    handovers = prepare(admin_client, django_capture_on_commit_callbacks)

    assert set(handovers) == {"GT", "CN"}  # Iran has a case but no embassy
    assert all(h.status == Handover.Status.READY and h.file for h in handovers.values())
    page = admin_client.get(reverse(CHANGELIST)).content.decode()
    assert "Ambassade du Guatemala" in page and "Iran" in page  # the missing embassy is named
    # Preparing again keeps the rows (and their packs, unchanged).
    again = prepare(admin_client, django_capture_on_commit_callbacks)
    assert {h.pk for h in again.values()} == {h.pk for h in handovers.values()}
    assert again["GT"].file.name == handovers["GT"].file.name


def test_the_list_shows_each_embassys_counts(world, admin_client, django_capture_on_commit_callbacks):
    prepare(admin_client, django_capture_on_commit_callbacks)

    page = admin_client.get(reverse(CHANGELIST)).content.decode()

    for count in ("132", "35", "44", "900"):
        assert f">{count}<" in page


def test_a_download_is_an_attachment_and_is_logged(world, admin_client, django_capture_on_commit_callbacks):
    gt = prepare(admin_client, django_capture_on_commit_callbacks)["GT"]

    response = admin_client.get(reverse("admin:tally_handover_download", args=[gt.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    entry = DataAccessLog.objects.get()
    assert entry.user.username == "chef" and "Ambassade du Guatemala" in entry.what and entry.rows == 4


def test_a_download_logs_the_count_recorded_with_the_pack_without_counting_again(
    world, admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    gt = prepare(admin_client, django_capture_on_commit_callbacks)["GT"]
    assert Handover.objects.get(pk=gt.pk).pack_signatures == 4

    def no_recount(**kwargs):
        raise AssertionError("a download must not count the campaign's signatures again")

    monkeypatch.setattr("marathon.tally.handover.handover_counts", no_recount)
    monkeypatch.setattr("marathon.tally.admin.handover.handover_counts", no_recount)
    response = admin_client.get(reverse("admin:tally_handover_download", args=[gt.pk]))

    assert response.status_code == 200
    assert DataAccessLog.objects.get().rows == 4


def test_the_download_is_refused_to_anonymous_and_to_staff_without_permission(
    world, client, django_user_model, admin_client, django_capture_on_commit_callbacks
):
    gt = prepare(admin_client, django_capture_on_commit_callbacks)["GT"]
    url = reverse("admin:tally_handover_download", args=[gt.pk])
    client.logout()

    assert client.get(url).status_code == 302
    bare = django_user_model.objects.create_user("bare", password="x-long-password-3", is_staff=True)
    login_with_second_factor(client, bare)
    assert client.get(url).status_code == 403
    assert not DataAccessLog.objects.exists()


def deliver(admin_client, handovers, **data):
    return admin_client.post(
        reverse(CHANGELIST),
        {
            "action": "mark_delivered",
            "_selected_action": [h.pk for h in handovers],
            "apply": "1",
            **data,
        },
    )


def test_marking_delivered_records_the_date_the_person_and_who_said_so(
    world, admin_client, staff, django_capture_on_commit_callbacks
):
    handovers = prepare(admin_client, django_capture_on_commit_callbacks)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = deliver(
        admin_client,
        [handovers["GT"]],
        delivered_on=yesterday.isoformat(),
        received_by="M. le Consul",
        note="Reçu",
    )

    assert response.status_code == 302
    gt = Handover.objects.get(pk=handovers["GT"].pk)
    assert (gt.delivered_on, gt.received_by, gt.note) == (yesterday, "M. le Consul", "Reçu")
    assert gt.delivered_recorded_by == staff and gt.delivered_recorded_at
    assert Handover.objects.get(pk=handovers["CN"].pk).delivered_on is None


@pytest.mark.parametrize(
    "data, message",
    [
        ({"delivered_on": "2999-01-01", "received_by": "M. le Consul"}, "dans le futur"),
        ({"delivered_on": "", "received_by": "M. le Consul"}, "Indiquez la date"),
        ({"delivered_on": "hier", "received_by": "M. le Consul"}, "Saisissez une date valide"),
        ({"delivered_on": "2024-12-10", "received_by": ""}, "Indiquez qui a reçu"),
        ({"delivered_on": "2024-12-10", "received_by": "   "}, "Indiquez qui a reçu"),
        ({"delivered_on": "2024-12-10", "received_by": "x" * 201}, "au plus 200 caractères"),
        (
            {"delivered_on": "2024-12-10", "received_by": "Consul", "note": "n" * 2001},
            "au plus 2000 caractères",
        ),
    ],
)
def test_bad_delivery_input_gets_a_french_message_and_changes_nothing(
    world, admin_client, django_capture_on_commit_callbacks, data, message
):
    handovers = prepare(admin_client, django_capture_on_commit_callbacks)

    response = deliver(admin_client, [handovers["GT"]], **data)

    assert response.status_code == 400
    assert message in response.content.decode()
    gt = Handover.objects.get(pk=handovers["GT"].pk)
    assert gt.delivered_on is None and gt.received_by == "" and gt.delivered_recorded_by is None


def test_the_change_form_edits_the_delivery_and_refuses_a_future_date(
    world, admin_client, staff, django_capture_on_commit_callbacks
):
    gt = prepare(admin_client, django_capture_on_commit_callbacks)["GT"]
    url = reverse("admin:tally_handover_change", args=[gt.pk])
    assert "Bernardo Caal Xol" in admin_client.get(url).content.decode()

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = admin_client.post(
        url, {"delivered_on": tomorrow.isoformat(), "received_by": "Consul", "note": ""}
    )
    assert response.status_code == 200 and "dans le futur" in response.content.decode()
    assert Handover.objects.get(pk=gt.pk).delivered_on is None

    today = timezone.localdate()
    response = admin_client.post(
        url, {"delivered_on": today.isoformat(), "received_by": "Consul", "note": ""}
    )
    assert response.status_code == 302
    gt.refresh_from_db()
    assert (gt.delivered_on, gt.received_by, gt.delivered_recorded_by) == (today, "Consul", staff)


def test_the_counts_export_as_csv_one_row_per_case(world, admin_client, django_capture_on_commit_callbacks):
    handovers = prepare(admin_client, django_capture_on_commit_callbacks)

    response = admin_client.post(
        reverse(CHANGELIST),
        {"action": "export_counts_csv", "_selected_action": [h.pk for h in handovers.values()]},
    )

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = [line.split(";") for line in text.strip().splitlines()]
    assert len(rows) == 1 + 3
    bernardo = next(row for row in rows if row[3] == "Bernardo Caal Xol")
    assert bernardo[4:8] == ["125", "33", "41", "3"]


def test_a_pack_not_ready_or_whose_file_is_gone_is_not_found_and_not_logged(
    world, admin_client, django_capture_on_commit_callbacks
):
    gt = prepare(admin_client, django_capture_on_commit_callbacks)["GT"]
    gt.file.storage.delete(gt.file.name)
    url = reverse("admin:tally_handover_download", args=[gt.pk])

    assert admin_client.get(url).status_code == 404
    Handover.objects.filter(pk=gt.pk).update(status=Handover.Status.PENDING)
    assert admin_client.get(url).status_code == 404
    assert not DataAccessLog.objects.exists()
