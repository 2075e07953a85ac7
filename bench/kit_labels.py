"""How long the labels-and-packing-slips PDF takes, and how big it is, for N orders.

    DATABASE_URL=postgres://... .venv/bin/python bench/kit_labels.py 24 240 480

Creates a throwaway campaign and orders inside a transaction that is rolled back,
renders the PDF the way the Celery task does (in this process), prints the numbers.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marathon.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases.models import Authority, Campaign, Case  # noqa: E402
from kits.contents import kit_order_contents  # noqa: E402
from kits.models import KitOrder, new_reference  # noqa: E402
from marathon.lib.pdf import render_pdf  # noqa: E402


class Rollback(Exception):
    pass


def run(count: int) -> None:
    try:
        with transaction.atomic():
            campaign = Campaign.objects.create(
                year=1900 + count % 90,
                title="Bench",
                letters_deadline=datetime.date.today(),
                return_address="Bench",
            )
            authority = Authority.objects.create(
                country="BE", name="A", title="T", postal_address="X", salutation="S"
            )
            for n in range(10):
                Case.objects.create(
                    campaign=campaign,
                    slug=f"b{n}",
                    person_name=f"B {n}",
                    country="BE",
                    headline="h",
                    summary="s",
                    story="s",
                    ask="a",
                    authority=authority,
                    model_letter="m",
                    is_published=True,
                )
            orders = KitOrder.objects.bulk_create(
                KitOrder(
                    campaign=campaign,
                    reference=new_reference(),
                    form_token=uuid.uuid4(),
                    kind="school",
                    contact_name=f"Marie-Christine Vanderhaeghen {n}",
                    email="b@example.be",
                    organisation_name="Athénée royal Jean Rey, 5e B",
                    age_band="10-14",
                    street=f"Chaussée de Charleroi {n}",
                    postcode="1060",
                    city="Saint-Gilles",
                    province="BRU",
                    writers=24,
                    consented_at=timezone.now(),
                )
                for n in range(count)
            )
            slips = [(o, kit_order_contents(o, cases=10)) for o in orders]
            pages = [orders[i : i + 24] for i in range(0, count, 24)]
            label_pages = [[p[i : i + 3] for i in range(0, len(p), 3)] for p in pages]
            started = time.perf_counter()
            pdf = render_pdf(
                "kits/pdf/labels.html",
                {"label_pages": label_pages, "slips": slips, "batch": None, "generated_at": timezone.now()},
            )
            elapsed = time.perf_counter() - started
            print(
                f"{count:5d} orders: {elapsed:6.2f} s, {len(pdf) / 1024:8.0f} KiB, {elapsed / count * 1000:6.1f} ms/order"
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["24", "240"]:
        run(int(arg))
