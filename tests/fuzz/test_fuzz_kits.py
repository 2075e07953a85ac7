"""Generated input through the kit forms: the order form and an organiser's marathon report."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from kits.forms import validate_note_text, validate_phone, validate_postal_text
from kits.links import marathon_report_token
from kits.models import KitOrder, MarathonReport, OrganisedMarathon
from marathon.lib.belgium import province_for_postcode
from tests.factories import make_campaign, make_case
from tests.fuzz import strategies as s
from tests.fuzz.conftest import FUZZ, rolled_back, row_counts
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TABLES = ("kits_kitorder", "kits_organisedmarathon", "auth_user")

ORDER_FIELDS = {
    "form_token": st.one_of(st.uuids().map(str), st.sampled_from(["", "not-a-uuid", "0" * 32])),
    "kind": st.sampled_from(["individual", "family", "school", "group", "staff", ""]),
    "organisation_name": s.short_text,
    "age_band": st.sampled_from(["", "10-14", "14-18", "0-99"]),
    "contact_name": st.one_of(s.names, st.just("Léa Dupont")),
    "email": s.emails,
    "phone": st.sampled_from(
        ["", "0470 12 34 56", "+32 2 123 45 67", "12", "+" + "9" * 20, "(02) 123.45.67"]
    ),
    "street": s.short_text,
    "box": st.sampled_from(["", "3", "bte 12", "A" * 11]),
    "postcode": s.postcodes,
    "city": s.short_text,
    "writers": s.whole_numbers,
    "marathon_date": st.one_of(
        st.just(""),
        st.integers(-3, 60).map(lambda days: (TODAY + datetime.timedelta(days=days)).isoformat()),
        s.dates,
    ),
    "marathon_town": s.short_text,
    "marathon_postcode": st.one_of(st.just(""), s.postcodes),
    "marathon_expected_writers": s.whole_numbers,
    "marathon_is_public": s.checkbox,
    "note": st.one_of(s.short_text, st.text(max_size=1200)),
    "consent": st.sampled_from(["on", "on", "on", ""]),
}


@pytest.fixture
def campaign(db):
    return make_campaign(year=TODAY.year, letters_deadline=TODAY + datetime.timedelta(days=45))


def assert_order_passes_validation(order: KitOrder, campaign) -> None:
    assert order.kind in KitOrder.Kind.values
    assert 2 <= len(order.contact_name) <= 100 and order.contact_name == " ".join(order.contact_name.split())
    for text in (order.contact_name, order.organisation_name, order.street, order.box, order.city):
        validate_postal_text(text)
    assert order.street and order.city and len(order.street) <= 150 and len(order.city) <= 80
    validate_email(order.email)
    assert order.email == order.email.lower().strip()
    if order.phone:
        validate_phone(order.phone)
    assert re.fullmatch(r"[1-9][0-9]{3}", order.postcode)
    assert order.province == province_for_postcode(order.postcode)
    assert 1 <= order.writers <= KitOrder.MAX_WRITERS
    validate_note_text(order.note)
    assert len(order.note) <= 1000
    if order.kind in (KitOrder.Kind.SCHOOL, KitOrder.Kind.GROUP):
        assert order.organisation_name
    if order.kind == KitOrder.Kind.SCHOOL:
        assert order.age_band in KitOrder.AgeBand.values
    else:
        assert order.age_band == ""
    # What the form does not offer stays as a new order starts.
    assert order.status == KitOrder.Status.RECEIVED and order.campaign == campaign
    assert order.confirmation_sent_at is None and order.shipped_email_sent_at is None
    assert re.fullmatch(r"MDL-[2-9A-HJ-NP-Z]{4}", order.reference)
    assert order.consented_at is not None and order.cancel_reason == ""
    marathon = OrganisedMarathon.objects.filter(order=order).first()
    if marathon is not None:
        assert TODAY <= marathon.date <= campaign.letters_deadline
        assert 1 <= marathon.expected_writers <= 5000
        validate_postal_text(marathon.town)
        assert marathon.town and marathon.report_requested_at is None and marathon.reported_at is None


def test_generated_input_to_the_kit_order_form(client, campaign):
    users = get_user_model().objects.count()

    @FUZZ
    @given(data=s.form(ORDER_FIELDS))
    def submit(data):
        with rolled_back():
            response = s.post_form(client, "/fr/kit/commander/", data)
            assert response.status_code in {302, 400}, (response.status_code, data)
            rows = row_counts(*TABLES)
            assert rows["auth_user"] == users
            if response.status_code == 302:
                order = KitOrder.objects.get()
                assert response["Location"] == f"/fr/kit/commande/{order.form_token}/"
                assert str(order.form_token) == data["form_token"]
                assert_order_passes_validation(order, campaign)
            else:
                assert rows == {**dict.fromkeys(TABLES, 0), "auth_user": users}, data

    submit()


def test_generated_input_to_an_organisers_marathon_report(client, campaign):
    cases = [make_case(campaign=campaign) for _ in range(3)]
    order = make_kit_order(campaign=campaign, marathon={"date": TODAY - datetime.timedelta(days=2)})
    token = marathon_report_token(order.marathon)
    count_fields = {f"{kind}_{case.pk}": s.whole_numbers for case in cases for kind in ("letters", "cards")}
    other_case = make_case(campaign=make_campaign(year=TODAY.year - 1, is_current=False))

    @FUZZ
    @given(
        data=s.form({"writers": s.whole_numbers, **count_fields}),
        foreign=st.dictionaries(
            st.sampled_from([f"letters_{other_case.pk}", "letters_0", "cards_-1"]), s.whole_numbers
        ),
        link=st.one_of(st.just(token), st.just(token), st.text(min_size=1, max_size=80)),
    )
    def submit(data, foreign, link):
        with rolled_back():
            response = s.post_form(
                client,
                f"/fr/kit/marathons/bilan/{uuid.uuid4().hex if link != token else link}/",
                {**foreign, **data},
            )
            assert response.status_code in {302, 400, 404}, (response.status_code, data)
            marathon = OrganisedMarathon.objects.get()
            reports = list(MarathonReport.objects.all())
            if response.status_code == 302:
                assert link == token and response["Location"] == "/fr/kit/marathons/bilan/merci/"
                assert marathon.reported_at is not None
                assert marathon.reported_writers is None or 0 <= marathon.reported_writers <= 5000
                assert {report.case_id for report in reports} == {case.pk for case in cases}
                assert all(0 <= r.letters <= 10_000 and 0 <= r.cards <= 10_000 for r in reports)
            else:
                assert reports == [] and marathon.reported_at is None
            assert marathon.report_requested_at is None and marathon.order.status == KitOrder.Status.RECEIVED

    submit()
