from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from marathon.tally.models import LetterBatch, LetterBatchChange
from tests.factories import make_campaign, make_case
from tests.tally.conftest import make_batch

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/tally/letterbatch/"


def form_values(form) -> dict:
    """What the browser would post for a Django form as the page shows it."""
    values = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        values[field.html_name] = "on" if value is True else value if isinstance(value, list) else str(value)
    return values


def admin_form_data(response) -> dict:
    """The change form of an admin page, main form and inline formsets, ready to post back."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(form_values(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(form_values(form))
    return data


@pytest.fixture
def staff(staff_client):
    return get_user_model().objects.get(username="staff")


@pytest.fixture
def batch(campaign, cases, counter):
    return make_batch(
        campaign=campaign,
        recorded_by=counter,
        counts={(cases[0], "letter"): 12, (cases[1], "card"): 3},
        note="Enveloppe déchirée",
    )


def test_a_staff_correction_is_recorded_with_who_when_before_and_after(staff_client, staff, batch):
    url = f"{CHANGELIST}{batch.pk}/change/"
    data = admin_form_data(staff_client.get(url))
    assert data["lines-0-count"] == "12"
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data.update({"lines-0-count": "10", "received_on": yesterday.isoformat()})

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    change = LetterBatchChange.objects.get()
    assert (change.action, change.batch, change.batch_number, change.changed_by) == (
        "changed",
        batch,
        batch.pk,
        staff,
    )
    assert abs(change.changed_at - timezone.now()) < datetime.timedelta(seconds=30)
    assert [line["count"] for line in change.before["lines"]] == [12, 3]
    assert [line["count"] for line in change.after["lines"]] == [10, 3]
    assert change.before["received_on"] == batch.received_on.isoformat()
    assert change.after["received_on"] == yesterday.isoformat()
    assert change.after["note"] == "Enveloppe déchirée"
    assert batch.lines.get(kind="letter").count == 10


def test_a_correction_past_the_deadline_makes_the_batch_late(staff_client, batch, campaign):
    campaign.letters_deadline = timezone.localdate() - datetime.timedelta(days=5)
    campaign.save()
    url = f"{CHANGELIST}{batch.pk}/change/"
    data = admin_form_data(staff_client.get(url))
    data["received_on"] = (campaign.letters_deadline - datetime.timedelta(days=1)).isoformat()
    staff_client.post(url, data)
    assert LetterBatch.objects.late().count() == 0

    data["received_on"] = (campaign.letters_deadline + datetime.timedelta(days=1)).isoformat()
    staff_client.post(url, data)
    assert list(LetterBatch.objects.late()) == [batch]
    assert LetterBatchChange.objects.count() == 2


def test_saving_without_changing_anything_records_nothing(staff_client, batch):
    url = f"{CHANGELIST}{batch.pk}/change/"
    response = staff_client.post(url, admin_form_data(staff_client.get(url)))
    assert response.status_code == 302
    assert not LetterBatchChange.objects.exists()


def test_a_batch_added_in_the_admin_is_recorded_as_created(staff_client, staff, campaign, cases):
    data = admin_form_data(staff_client.get(f"{CHANGELIST}add/"))
    data.update(
        {
            "campaign": str(campaign.pk),
            "received_on": timezone.localdate().isoformat(),
            "sender_kind": "group",
            "lines-0-case": str(cases[2].pk),
            "lines-0-kind": "signature",
            "lines-0-count": "250",
        }
    )
    response = staff_client.post(f"{CHANGELIST}add/", data)

    assert response.status_code == 302, response.context["errors"]
    batch = LetterBatch.objects.get()
    assert batch.recorded_by == staff
    change = LetterBatchChange.objects.get()
    assert (change.action, change.before) == ("created", None)
    assert change.after["lines"][0]["count"] == 250


def test_an_absurd_count_in_the_admin_is_refused_and_nothing_changes(staff_client, batch):
    url = f"{CHANGELIST}{batch.pk}/change/"
    data = admin_form_data(staff_client.get(url))
    data["lines-0-count"] = "1000000"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Plus de 5\xa0000 dans une seule enveloppe ?" in response.content.decode()
    assert batch.lines.get(kind="letter").count == 12
    assert not LetterBatchChange.objects.exists()


def test_a_batch_left_without_lines_is_refused(staff_client, batch):
    url = f"{CHANGELIST}{batch.pk}/change/"
    data = admin_form_data(staff_client.get(url))
    data.update({"lines-0-DELETE": "on", "lines-1-DELETE": "on"})
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert batch.lines.count() == 2


def test_deleting_a_batch_keeps_what_it_held_in_the_audit_trail(staff_client, staff, batch):
    response = staff_client.post(f"{CHANGELIST}{batch.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not LetterBatch.objects.exists()
    change = LetterBatchChange.objects.get()
    assert (change.action, change.batch_number, change.changed_by, change.after) == (
        "deleted",
        batch.pk,
        staff,
        None,
    )
    assert change.before["note"] == "Enveloppe déchirée"


def test_deleting_batches_in_bulk_records_each(staff_client, batch, campaign, cases, counter):
    other = make_batch(campaign=campaign, recorded_by=counter, counts={(cases[0], "card"): 1})
    staff_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [batch.pk, other.pk], "post": "yes"}
    )
    assert not LetterBatch.objects.exists()
    assert sorted(LetterBatchChange.objects.values_list("batch_number", "action")) == sorted(
        [(batch.pk, "deleted"), (other.pk, "deleted")]
    )


def test_the_audit_trail_cannot_be_edited_or_deleted(staff_client, staff, batch):
    change = LetterBatchChange.objects.create(
        batch=batch, batch_number=batch.pk, action="changed", changed_by=staff, before={}, after={}
    )
    assert staff_client.get("/admin/tally/letterbatchchange/").status_code == 200
    assert staff_client.get("/admin/tally/letterbatchchange/add/").status_code == 403
    assert (
        staff_client.post(f"/admin/tally/letterbatchchange/{change.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert LetterBatchChange.objects.filter(pk=change.pk).exists()


def test_the_late_filter_lists_the_late_batches(staff_client, batch, campaign, cases, counter):
    late = make_batch(
        campaign=campaign,
        recorded_by=counter,
        counts={(cases[0], "letter"): 1},
        received_on=campaign.letters_deadline + datetime.timedelta(days=1),
    )
    response = staff_client.get(CHANGELIST, {"late": "yes"})
    assert [b.pk for b in response.context["cl"].result_list] == [late.pk]
    response = staff_client.get(CHANGELIST, {"late": "no"})
    assert [b.pk for b in response.context["cl"].result_list] == [batch.pk]


def test_the_csv_export_has_a_row_per_line_and_formula_safe_cells(
    staff_client, batch, campaign, cases, counter
):
    hostile = make_batch(
        campaign=campaign,
        recorded_by=counter,
        counts={(cases[2], "signature"): 30},
        note='=HYPERLINK("http://example.com","x")',
    )
    response = staff_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [batch.pk, hostile.pk]}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["lot", "campagne", "reçu le"]
    assert [(row[0], row[9], row[10], row[11]) for row in rows[1:]] == [
        (str(batch.pk), "Zhang Zhan", "lettres aux autorités", "12"),
        (str(batch.pk), "Bernardo Caal Xol", "cartes de solidarité", "3"),
        (str(hostile.pk), "Idris Khattak", "signatures sur pétition papier", "30"),
    ]
    assert rows[3][8] == '\'=HYPERLINK("http://example.com","x")'
    assert rows[1][6] == "benevole"


def test_staff_enter_an_earlier_campaigns_results(staff_client):
    from marathon.tally.models import PastResult

    response = staff_client.post(
        "/admin/tally/pastresult/add/",
        {"year": "2020", "letters": "243512", "signatures": "51000", "note": ""},
    )
    assert response.status_code == 302
    assert PastResult.objects.get().letters == 243512


def test_a_line_offers_only_the_cases_of_the_batchs_campaign(staff_client, batch, campaign):
    older = make_campaign(year=campaign.year - 1, is_current=False)
    make_case(campaign=older, person_name="Cas d’une autre année")
    html = staff_client.get(f"{CHANGELIST}{batch.pk}/change/").content.decode()
    assert f"Zhang Zhan ({campaign.year})" in html
    assert "Cas d’une autre année" not in html
