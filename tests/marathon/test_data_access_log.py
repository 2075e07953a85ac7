from __future__ import annotations

import pytest
from django.urls import reverse

from marathon.models import DataAccessLog
from petitions.services import petition_ensure
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db


def test_exporting_a_petitions_signatures_is_logged(staff_client, case):
    petition = petition_ensure(case=case)
    response = staff_client.get(reverse("admin:petitions_petition_export", args=[petition.pk]))
    b"".join(response.streaming_content)
    entry = DataAccessLog.objects.get()
    assert entry.username == "staff"
    assert entry.action == DataAccessLog.Action.CSV_EXPORT
    assert case.person_name in entry.what


def test_exporting_kit_orders_is_logged_with_the_number_of_rows(staff_client, campaign):
    orders = [make_kit_order(campaign=campaign) for _ in range(3)]
    staff_client.post(
        reverse("admin:kits_kitorder_changelist"),
        {"action": "export_csv", "_selected_action": [order.pk for order in orders]},
    )
    entry = DataAccessLog.objects.get()
    assert (entry.what, entry.rows, entry.username) == ("kit orders", 3, "staff")


def test_the_log_is_read_only_even_for_superusers(staff_client):
    DataAccessLog.objects.create(username="x", action=DataAccessLog.Action.CSV_EXPORT, what="kit orders")
    assert staff_client.get(reverse("admin:marathon_dataaccesslog_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:marathon_dataaccesslog_add")).status_code == 403
    entry = DataAccessLog.objects.get()
    assert (
        staff_client.post(
            reverse("admin:marathon_dataaccesslog_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert DataAccessLog.objects.count() == 1
