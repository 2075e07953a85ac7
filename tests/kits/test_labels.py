from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from kits import services
from kits.models import KitOrder, LabelBatch
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db

POSTCODES = ["1000", "1348", "2000", "3500", "4000", "5000", "6000", "6700", "7000", "8000", "9000"]


def make_batch(orders, django_capture_on_commit_callbacks, by=None) -> LabelBatch:
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.label_batch_create(
            orders=KitOrder.objects.filter(pk__in=[o.pk for o in orders]), by=by
        )
    batch.refresh_from_db()
    return batch


def pdf_pages(batch: LabelBatch) -> list[str]:
    with batch.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return [page.extract_text() for page in reader.pages]


def test_labels_carry_each_selected_orders_name_and_postcode(
    campaign, cases, django_capture_on_commit_callbacks
):
    orders = [
        make_kit_order(contact_name=f"Destinataire {n:02d}", postcode=POSTCODES[n % len(POSTCODES)])
        for n in range(5)
    ]
    left_out = make_kit_order(contact_name="Pas Sélectionné", postcode="9999")
    batch = make_batch(orders, django_capture_on_commit_callbacks)
    assert batch.status == LabelBatch.Status.READY
    pages = pdf_pages(batch)
    labels = pages[0]
    for order in orders:
        assert order.contact_name in labels
        assert f"{order.postcode} {order.city}" in labels
        assert order.reference in labels
    assert left_out.contact_name not in "".join(pages)
    # One packing slip per order after the labels.
    assert len(pages) == 1 + len(orders)


def test_25_orders_make_two_pages_of_labels_then_their_slips(
    campaign, cases, django_capture_on_commit_callbacks
):
    orders = [make_kit_order(contact_name=f"Destinataire {n:02d}", postcode="5000") for n in range(25)]
    batch = make_batch(orders, django_capture_on_commit_callbacks)
    pages = pdf_pages(batch)
    assert len(pages) == 2 + 25
    on_first = [o for o in orders if o.contact_name in pages[0]]
    on_second = [o for o in orders if o.contact_name in pages[1]]
    assert len(on_first) == 24
    assert len(on_second) == 1
    assert all("Bordereau de colis" in page for page in pages[2:])


def test_a_packing_slip_lists_the_box_contents_and_the_marathon(
    campaign, cases, django_capture_on_commit_callbacks
):
    import datetime

    order = make_kit_order(
        kind="school",
        organisation_name="Institut Saint-Joseph",
        age_band="10-14",
        writers=24,
        note="<b>Livrer à l'accueil</b>",
        marathon={"date": datetime.date.today() + datetime.timedelta(days=5)},
    )
    slip = pdf_pages(make_batch([order], django_capture_on_commit_callbacks))[1]
    assert order.reference in slip
    assert "Institut Saint-Joseph" in slip
    assert "Fiches des cas pour jeunes lecteurs (jeu de 10)" in slip
    assert "Lettres types, pour chaque cas 12" in slip
    assert "Guide pour l’enseignant·e 1" in slip
    assert "24 participant·es attendu·es" in slip
    assert "<b>Livrer à l'accueil</b>" in slip  # shown as typed, not as markup


def test_the_pdf_is_stored_outside_the_public_media_folder(
    campaign, cases, django_capture_on_commit_callbacks
):
    batch = make_batch([make_kit_order()], django_capture_on_commit_callbacks)
    path = Path(batch.file.path).resolve()
    assert path.is_file()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError, match="no public URL"):
        batch.file.url  # noqa: B018


def test_making_the_pdf_twice_keeps_it_and_a_change_replaces_it(
    campaign, cases, django_capture_on_commit_callbacks
):
    order = make_kit_order()
    batch = make_batch([order], django_capture_on_commit_callbacks)
    first = Path(batch.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        services.label_batch_render(batch_id=batch.pk)
    batch.refresh_from_db()
    assert Path(batch.file.path) == first and first.is_file()  # same orders: nothing to do

    KitOrder.objects.filter(pk=order.pk).update(street="Rue Neuve 2")
    with django_capture_on_commit_callbacks(execute=True):
        services.label_batch_render(batch_id=batch.pk)
    batch.refresh_from_db()
    assert Path(batch.file.path).is_file()
    assert not first.exists()


def test_a_file_left_by_a_worker_killed_before_recording_it_is_removed_by_the_next_run(
    campaign, cases, django_capture_on_commit_callbacks
):
    batch = make_batch([make_kit_order()], django_capture_on_commit_callbacks)
    recorded = Path(batch.file.path)
    leftover = recorded.with_name(f"labels-{batch.pk}-deadbeef.pdf")
    leftover.write_bytes(b"%PDF-1.7 written, never recorded")
    other_batch = recorded.with_name(f"labels-{batch.pk + 1}-cafebabe.pdf")
    other_batch.write_bytes(b"%PDF-1.7 another batch's file")
    # The worker had been making the sheet of an edited order when it died.
    batch.orders.update(street="Rue Neuve 2")

    with django_capture_on_commit_callbacks(execute=True):
        services.label_batch_render(batch_id=batch.pk)

    batch.refresh_from_db()
    assert sorted(path.name for path in recorded.parent.iterdir()) == sorted(
        [Path(batch.file.name).name, other_batch.name]
    )


def test_a_failed_pdf_is_marked_failed_with_the_error(
    campaign, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("font missing")

    monkeypatch.setattr("marathon.lib.pdf.render_pdf", broken)
    batch = make_batch([make_kit_order()], django_capture_on_commit_callbacks)
    assert batch.status == LabelBatch.Status.FAILED
    assert "font missing" in batch.error
