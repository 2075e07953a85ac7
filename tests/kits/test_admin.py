from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kits.models import KitOrder, LabelBatch
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/kits/kitorder/"


def run_action(client, action: str, orders, **extra):
    data = {"action": action, "_selected_action": [o.pk for o in orders], **extra}
    return client.post(CHANGELIST, data)


def test_the_desk_lists_orders_with_filters_and_a_dashboard_link(staff_client, campaign):
    make_kit_order(contact_name="Anne Lambert", postcode="4000")
    page = staff_client.get(CHANGELIST).content.decode()
    assert "Anne Lambert" in page
    for filter_title in ("statut", "type de commande", "province", "commandée le", "avec un marathon"):
        assert f"Par {filter_title}" in page
    assert reverse("admin:kits_kitorder_dashboard") in page


@pytest.mark.parametrize("query", ["MDL", "lambert", "4000"])
def test_the_desk_searches_by_reference_name_or_postcode(staff_client, campaign, query):
    wanted = make_kit_order(contact_name="Anne Lambert", postcode="4000", reference="MDL-LAMB")
    other = make_kit_order(contact_name="Bruno Claes", postcode="9000", reference="XYZ-0000")
    page = staff_client.get(CHANGELIST, {"q": query}).content.decode()
    assert wanted.contact_name in page
    assert other.contact_name not in page


def test_the_filters_narrow_the_list(staff_client, campaign):
    school = make_kit_order(kind="school", organisation_name="École A", age_band="14-18", postcode="5000")
    with_marathon = make_kit_order(marathon={"date": timezone.localdate() + datetime.timedelta(days=3)})
    shipped = make_kit_order(status="shipped")

    def listed(**params):
        page = staff_client.get(CHANGELIST, params).content.decode()
        return {o.pk for o in (school, with_marathon, shipped) if o.reference in page}

    assert listed(kind="school") == {school.pk}
    assert listed(province="WNA") == {school.pk}
    assert listed(marathon="yes") == {with_marathon.pk}
    assert listed(status="shipped") == {shipped.pk}


def test_marking_two_orders_shipped_records_who_and_emails_each(
    staff_client, campaign, django_capture_on_commit_callbacks
):
    orders = [make_kit_order(), make_kit_order()]
    untouched = make_kit_order()
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, "mark_shipped", orders)
    assert response.status_code == 302
    for order in orders:
        order.refresh_from_db()
        assert order.status == KitOrder.Status.SHIPPED
        assert order.status_changes.get().changed_by.username == "staff"
    assert KitOrder.objects.get(pk=untouched.pk).status == KitOrder.Status.RECEIVED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(o.email for o in orders)


def test_an_order_whose_status_forbids_it_is_left_alone_and_named(staff_client, campaign):
    cancelled = make_kit_order(status="cancelled")
    fresh = make_kit_order()
    response = run_action(staff_client, "mark_packed", [cancelled, fresh])
    page = staff_client.get(response["Location"]).content.decode()
    assert "Commandes marquées comme emballées : 1." in page
    assert f"Non modifiées, leur statut ne le permet pas : {cancelled.reference}" in page
    assert KitOrder.objects.get(pk=fresh.pk).status == KitOrder.Status.PACKED


def test_cancelling_asks_for_a_reason_on_an_intermediate_page(staff_client, campaign):
    order = make_kit_order()
    response = run_action(staff_client, "cancel_orders", [order])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Motif de l’annulation" in page
    assert order.reference in page
    assert KitOrder.objects.get().status == KitOrder.Status.RECEIVED

    # Sent without a reason: the page comes back with the error, nothing changes.
    response = run_action(staff_client, "cancel_orders", [order], apply="1", reason="")
    assert response.status_code == 200
    assert KitOrder.objects.get().status == KitOrder.Status.RECEIVED

    response = run_action(staff_client, "cancel_orders", [order], apply="1", reason="Doublon de MDL-AAAA")
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == KitOrder.Status.CANCELLED
    assert order.cancel_reason == "Doublon de MDL-AAAA"


def test_orders_are_never_deleted_in_bulk(staff_client, campaign):
    page = staff_client.get(CHANGELIST).content.decode()
    assert "delete_selected" not in page
    assert staff_client.get("/admin/kits/kitorder/add/").status_code == 403


def test_the_csv_export_neutralises_formulas(staff_client, campaign):
    make_kit_order(contact_name='=HYPERLINK("http://evil")', city="+Namur", note="@SUM(A1)", phone="-1")
    make_kit_order(contact_name="Sophie Martin")
    response = run_action(staff_client, "export_csv", KitOrder.objects.all())
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    evil = next(r for r in rows if "HYPERLINK" in r["nom du contact"])
    assert evil["nom du contact"] == '\'=HYPERLINK("http://evil")'
    assert evil["localité"] == "'+Namur"
    assert evil["message"] == "'@SUM(A1)"
    assert evil["téléphone"] == "'-1"
    assert any(r["nom du contact"] == "Sophie Martin" for r in rows)


def test_the_dashboard_counts_orders_and_writers_by_kind_province_and_this_week(staff_client, campaign):
    make_kit_order(kind="school", organisation_name="É", age_band="14-18", writers=25, postcode="5000")
    make_kit_order(kind="school", organisation_name="É", age_band="10-14", writers=20, postcode="5100")
    make_kit_order(kind="individual", writers=1, postcode="1050")
    make_kit_order(kind="individual", writers=300, postcode="1050", status="cancelled")
    make_kit_order(writers=2, created_at=timezone.now() - datetime.timedelta(days=9))
    response = staff_client.get(reverse("admin:kits_kitorder_dashboard"))
    assert response.status_code == 200
    context = response.context
    by_kind = {row["kind"]: (row["orders"], row["writers"]) for row in context["by_kind"]}
    assert by_kind == {"school": (2, 45), "individual": (2, 3)}
    by_province = {row["province"]: (row["orders"], row["writers"]) for row in context["by_province"]}
    assert by_province == {"WNA": (2, 45), "BRU": (2, 3)}
    assert context["this_week"] == 3
    assert context["to_ship"] == {"orders": 4, "writers": 48}
    page = response.content.decode()
    assert "Namur" in page and "Une classe" in page


def test_the_dashboard_is_for_staff_only(client, campaign):
    response = client.get(reverse("admin:kits_kitorder_dashboard"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_printing_labels_makes_a_batch_and_staff_download_it(
    staff_client, campaign, cases, django_capture_on_commit_callbacks
):
    orders = [make_kit_order(), make_kit_order()]
    with django_capture_on_commit_callbacks(execute=True):
        response = run_action(staff_client, "print_labels", orders)
    batch = LabelBatch.objects.get()
    assert response["Location"] == reverse("admin:kits_labelbatch_change", args=[batch.pk])
    assert set(batch.orders.all()) == set(orders)
    page = staff_client.get(response["Location"]).content.decode()
    download = reverse("admin:kits_labelbatch_download", args=[batch.pk])
    assert download in page
    response = staff_client.get(download)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_pending_batch_page_refreshes_itself_and_offers_no_link(staff_client, campaign):
    batch = LabelBatch.objects.create()
    page = staff_client.get(reverse("admin:kits_labelbatch_change", args=[batch.pk])).content.decode()
    assert 'http-equiv="refresh"' in page
    assert reverse("admin:kits_labelbatch_download", args=[batch.pk]) not in page
    assert staff_client.get(reverse("admin:kits_labelbatch_download", args=[batch.pk])).status_code == 404


def test_labels_are_not_downloadable_by_visitors_or_non_staff(
    client, django_user_model, campaign, cases, django_capture_on_commit_callbacks
):
    from kits import services

    with django_capture_on_commit_callbacks(execute=True):
        batch = services.label_batch_create(orders=KitOrder.objects.filter(pk=make_kit_order().pk), by=None)
    url = reverse("admin:kits_labelbatch_download", args=[batch.pk])
    assert client.get(url).status_code == 302  # to the login page
    user = django_user_model.objects.create_user("visitor", "v@example.org", "a-long-password-42")
    client.force_login(user)
    assert client.get(url).status_code == 302
    # Not reachable under the public /media/ URL either.
    batch.refresh_from_db()
    assert client.get(f"/media/{batch.file.name}").status_code == 404


def test_deleting_a_batch_deletes_its_pdf(staff_client, campaign, cases, django_capture_on_commit_callbacks):
    from pathlib import Path

    from kits import services

    with django_capture_on_commit_callbacks(execute=True):
        batch = services.label_batch_create(orders=KitOrder.objects.filter(pk=make_kit_order().pk), by=None)
    batch.refresh_from_db()
    path = Path(batch.file.path)
    assert path.is_file()
    staff_client.post(reverse("admin:kits_labelbatch_delete", args=[batch.pk]), {"post": "yes"})
    assert not LabelBatch.objects.exists()
    assert not path.exists()


def test_staff_correct_an_address_and_the_province_follows(staff_client, campaign):
    order = make_kit_order(postcode="1050", city="Ixelles")
    url = reverse("admin:kits_kitorder_change", args=[order.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    data = {
        "kind": "individual",
        "organisation_name": "",
        "age_band": "",
        "writers": "4",
        "language": "fr",
        "contact_name": order.contact_name,
        "email": order.email,
        "phone": "",
        "street": order.street,
        "box": "",
        "postcode": "5000",
        "city": "Namur",
        "note": "",
        "marathon-TOTAL_FORMS": "0",
        "marathon-INITIAL_FORMS": "0",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }
    assert staff_client.post(url, {**data, "postcode": "75001"}).status_code == 200
    assert KitOrder.objects.get().postcode == "1050"
    response = staff_client.post(url, data)
    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.postcode, order.province) == ("5000", "WNA")
