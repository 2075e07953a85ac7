"""A campaign with two embassies' worth of cases, letters and signatures, for the handover tests."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from petitions.models import Signature, Signer
from petitions.services import petition_ensure
from tests.factories import make_campaign, make_case, make_embassy
from tests.tally.conftest import make_batch, make_counter

_seq = itertools.count(1)


def add_signature(case, *, first="Anne", last="Dupont", postcode="1050", confirmed=True, invalidated=False,
                  erased=False, email=None) -> Signature:  # fmt: skip
    n = next(_seq)
    now = timezone.now()
    email = email or f"{first.lower()}.{last.lower()}.{n}@example.org"
    signer = Signer.objects.create(
        email=email if not erased else "",
        email_canonical=email if not erased else None,
        email_domain="example.org",
        first_name="" if erased else first,
        last_name="" if erased else last,
        postcode="" if erased else postcode,
        confirmed_at=now if confirmed else None,
        erased_at=now if erased else None,
    )
    return Signature.objects.create(
        signer=signer,
        petition=petition_ensure(case=case),
        created_at=now - datetime.timedelta(days=n % 5),
        requested_at=now,
        confirmed_at=now if confirmed else None,
        consent_version="1",
        consent_text="Je signe.",
        invalidated_at=now if invalidated else None,
    )


def handover_world() -> dict:
    """Guatemala: two cases; China: one case; Iran: a case with no embassy at all.

    Counts that must reach the Guatemalan embassy are known in advance; everything
    else (other country, unconfirmed, invalidated) must stay out of its pack.
    """
    today = timezone.localdate()
    campaign = make_campaign(year=today.year, letters_deadline=today + datetime.timedelta(days=30))
    gt_embassy = make_embassy(country="GT", name="Ambassade du Guatemala")
    cn_embassy = make_embassy(country="CN", name="Ambassade de Chine", address="Boulevard du Souverain 400")
    bernardo = make_case(
        campaign=campaign, country="GT", person_name="Bernardo Caal Xol", cards_route="embassy"
    )
    juana = make_case(campaign=campaign, country="GT", person_name="Juana Ramírez")
    zhang = make_case(campaign=campaign, country="CN", person_name="Zhang Zhan")
    make_case(campaign=campaign, country="IR", person_name="Narges Mohammadi")
    counter = make_counter()
    make_batch(campaign=campaign, recorded_by=counter,
               counts={(bernardo, "letter"): 120, (bernardo, "card"): 33, (juana, "letter"): 7})  # fmt: skip
    make_batch(campaign=campaign, recorded_by=counter,
               counts={(bernardo, "letter"): 5, (bernardo, "signature"): 41, (zhang, "letter"): 900})  # fmt: skip
    make_batch(campaign=campaign, recorded_by=counter, counts={(juana, "card"): 2, (juana, "signature"): 3})
    signers = [
        add_signature(bernardo, first="Amélie", last="Lambert", postcode="4000"),
        add_signature(bernardo, first="Bruno", last="Peeters", postcode="1000"),
        add_signature(juana, first="Chloé", last="Dubois", postcode="5000"),
        add_signature(bernardo, erased=True),
    ]
    # Must not count: pending, invalidated, and another country's case.
    add_signature(bernardo, first="Paul", last="Pendant", confirmed=False)
    add_signature(juana, first="Ivan", last="Invalide", invalidated=True)
    add_signature(zhang, first="Charles", last="Chinois")
    return {
        "campaign": campaign,
        "gt": gt_embassy,
        "cn": cn_embassy,
        "bernardo": bernardo,
        "juana": juana,
        "zhang": zhang,
        "named_signers": [s.signer for s in signers[:3]],
        "expected_gt": {
            bernardo.pk: {"letters": 125, "cards": 33, "paper": 41, "online": 3},
            juana.pk: {"letters": 7, "cards": 2, "paper": 3, "online": 1},
        },
    }
