"""Plain helpers for the kit tests: valid form data and orders, with keyword overrides."""

from __future__ import annotations

import itertools
import uuid

from django.utils import timezone

from cases.models import Campaign
from kits.models import KitOrder, OrganisedMarathon, new_reference
from marathon.lib.belgium import province_for_postcode

_seq = itertools.count(1)


def order_form_data(**overrides) -> dict:
    data = {
        "form_token": str(uuid.uuid4()),
        "kind": "individual",
        "contact_name": "Léa Dupont",
        "email": "lea@example.be",
        "phone": "",
        "organisation_name": "",
        "age_band": "",
        "street": "Rue de l'Été 12",
        "box": "",
        "postcode": "5000",
        "city": "Namur",
        "writers": "3",
        "marathon_date": "",
        "marathon_town": "",
        "marathon_postcode": "",
        "marathon_expected_writers": "",
        "note": "",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_kit_order(
    *, campaign: Campaign | None = None, marathon: dict | None = None, **overrides
) -> KitOrder:
    n = next(_seq)
    postcode = overrides.pop("postcode", "1050")
    values = {
        "campaign": campaign or Campaign.objects.current(),
        "reference": new_reference(),
        "form_token": uuid.uuid4(),
        "kind": KitOrder.Kind.INDIVIDUAL,
        "contact_name": f"Personne Commande {n}",
        "email": f"commande{n}@example.be",
        "street": f"Rue des Lettres {n}",
        "postcode": postcode,
        "city": "Ixelles",
        "province": province_for_postcode(postcode),
        "writers": 4,
        "consented_at": timezone.now(),
    }
    values.update(overrides)
    order = KitOrder.objects.create(**values)
    if marathon is not None:
        OrganisedMarathon.objects.create(
            order=order,
            **{
                "town": order.city,
                "province": order.province,
                "expected_writers": order.writers,
                **marathon,
            },
        )
    return order
