"""Events people can join: the marathons page is in the menu and on home; organisers may
publish a venue, times and a contact; a public marathon can be added to a calendar
(issue 19, item 4)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from kits import links
from kits.models import KitOrder, OrganisedMarathon
from tests.kits.helpers import make_kit_order, order_form_data

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=5)


def marathon_data(**extra) -> dict:
    return order_form_data(
        kind="school",
        organisation_name="Athénée royal de Namur",
        age_band="14-18",
        marathon_date=SOON.isoformat(),
        marathon_is_public="on",
        **extra,
    )


DETAILS = {
    "marathon_venue": "Bibliothèque de l’athénée",
    "marathon_address": "Rue du Collège 12",
    "marathon_starts_at": "14:00",
    "marathon_ends_at": "16:30",
    "marathon_accessibility": "Accès de plain-pied",
    "marathon_public_contact": "marathon@athenee.example.be",
}


def test_the_marathons_page_is_in_the_menu_and_on_home(client, campaign):
    html = client.get("/fr/").content.decode()

    assert html.count('href="/fr/kit/marathons/"') >= 2  # the menu (twice: phone and desktop) and home


def test_an_organiser_who_publishes_the_details_shows_them(client, campaign):
    response = client.post("/fr/kit/commander/", marathon_data(**DETAILS, marathon_details_public="on"))
    assert response.status_code == 302
    marathon = OrganisedMarathon.objects.get()
    assert marathon.details_public and marathon.venue == "Bibliothèque de l’athénée"

    page = client.get("/fr/kit/marathons/").content.decode()

    for shown in ("Bibliothèque de l’athénée", "Rue du Collège 12", "14:00–16:30", "Accès de plain-pied"):
        assert shown in page
    assert "marathon@athenee.example.be" in page
    assert f'href="/fr/kit/marathons/{marathon.pk}/calendrier.ics"' in page


def test_details_are_kept_private_unless_the_organiser_asks(client, campaign):
    client.post("/fr/kit/commander/", marathon_data(**DETAILS))

    page = client.get("/fr/kit/marathons/").content.decode()

    assert "Athénée royal de Namur" in page  # listed, as agreed
    for private in ("Bibliothèque", "Rue du Collège", "14:00", "marathon@athenee"):
        assert private not in page


def test_a_marathon_registered_before_the_new_consent_shows_only_what_was_agreed(client, campaign):
    make_kit_order(
        campaign=campaign,
        kind="school",
        organisation_name="École ancienne",
        marathon={"date": SOON, "is_public": True, "venue": "Préau", "public_contact": "x@example.be"},
    )

    page = client.get("/fr/kit/marathons/").content.decode()

    assert "École ancienne" in page and "Préau" not in page and "x@example.be" not in page


def test_a_public_marathon_can_be_added_to_a_calendar(client, campaign):
    client.post("/fr/kit/commander/", marathon_data(**DETAILS, marathon_details_public="on"))
    marathon = OrganisedMarathon.objects.get()

    response = client.get(f"/fr/kit/marathons/{marathon.pk}/calendrier.ics")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("dtstart").hour == 14 and event.decoded("dtend").minute == 30
    assert "Bibliothèque de l’athénée" in str(event["location"])
    assert "Athénée royal de Namur" in str(event["summary"])


def test_a_private_past_or_cancelled_marathon_has_no_calendar_file(client, campaign):
    private = make_kit_order(campaign=campaign, marathon={"date": SOON, "is_public": False}).marathon
    past = make_kit_order(
        campaign=campaign,
        marathon={"date": timezone.localdate() - datetime.timedelta(days=3), "is_public": True},
    ).marathon
    cancelled = make_kit_order(
        campaign=campaign, status=KitOrder.Status.CANCELLED, marathon={"date": SOON, "is_public": True}
    ).marathon

    for marathon in (private, past, cancelled):
        assert client.get(f"/fr/kit/marathons/{marathon.pk}/calendrier.ics").status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("marathon_starts_at", "25:99", "Indiquez une heure"),
        ("marathon_ends_at", "<b>", "Indiquez une heure"),
        ("marathon_venue", "x" * 151, "150"),
        ("marathon_public_contact", "y" * 151, "150"),
    ],
)
def test_bad_details_are_explained_in_french_and_nothing_is_saved(client, campaign, field, value, message):
    response = client.post("/fr/kit/commander/", marathon_data(**{field: value}))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not KitOrder.objects.exists()


def test_an_end_before_the_start_is_refused(client, campaign):
    response = client.post(
        "/fr/kit/commander/", marathon_data(marathon_starts_at="16:00", marathon_ends_at="15:00")
    )

    assert response.status_code == 400 and "La fin vient après le début." in response.content.decode()


def test_the_map_shows_how_many_marathons_each_province_has(client, campaign):
    for postcode in ("5000", "5100", "1050"):
        make_kit_order(campaign=campaign, postcode=postcode, marathon={"date": SOON, "is_public": True})

    page = client.get("/fr/kit/marathons/").content.decode()

    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count('class="map-tile') == 11  # ten provinces and Brussels
    assert 'href="#province-WNA"' in svg and "Namur : 2 marathons à venir" in svg
    assert "Bruxelles-Capitale : 1 marathon à venir" in svg
    assert 'id="province-WNA"' in page  # the tile leads to its list
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # nothing from elsewhere


def edit_url(marathon) -> str:
    return f"/fr/kit/marathons/modifier/{links.marathon_edit_token(marathon)}/"


def test_the_confirmation_email_carries_the_link_to_change_or_call_off(client, campaign):
    from django.core import mail

    from marathon.outbox.services import outbox_dispatch

    client.post("/fr/kit/commander/", marathon_data())
    outbox_dispatch()

    message = mail.outbox[-1]
    assert "/fr/kit/marathons/modifier/" in message.body
    assert "Modifier ou annuler mon marathon" in message.alternatives[0][0]


def test_an_organiser_changes_the_time_and_publishes_the_details_through_the_link(client, campaign):
    marathon = make_kit_order(
        campaign=campaign, marathon={"date": SOON, "is_public": True, "town": "Namur"}
    ).marathon
    form = client.get(edit_url(marathon)).content.decode()
    assert "Mon marathon" in form and 'value="Namur"' in form

    response = client.post(
        edit_url(marathon),
        {
            "date": SOON.isoformat(),
            "town": "Namur",
            "expected_writers": "30",
            "is_public": "on",
            "venue": "Salle des fêtes",
            "starts_at": "10:00",
            "ends_at": "12:00",
            "details_public": "on",
        },
    )

    assert response.status_code == 200 and "Votre marathon est mis à jour" in response.content.decode()
    marathon.refresh_from_db()
    assert (marathon.venue, marathon.expected_writers, marathon.details_public) == (
        "Salle des fêtes",
        30,
        True,
    )
    assert "Salle des fêtes" in client.get("/fr/kit/marathons/").content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2001-01-01"}, "Cette date est passée"),
        ({"date": "2999-01-01"}, "Vos lettres doivent nous parvenir au plus tard le"),
        ({"starts_at": "12:00", "ends_at": "11:00"}, "La fin vient après le début."),
        ({"venue": "<script>alert(1)</script>"}, ""),
        ({"expected_writers": "-3"}, ""),
    ],
)
def test_bad_changes_are_refused_and_nothing_changes(client, campaign, data, message):
    marathon = make_kit_order(
        campaign=campaign, marathon={"date": SOON, "is_public": True, "town": "Namur"}
    ).marathon
    base = {"date": SOON.isoformat(), "town": "Namur", "expected_writers": "12", "is_public": "on"}

    response = client.post(edit_url(marathon), {**base, **data})

    assert response.status_code == 400
    assert message in response.content.decode()
    marathon.refresh_from_db()
    assert marathon.venue == "" and marathon.expected_writers != 30


def test_an_organiser_calls_the_marathon_off(client, campaign):
    marathon = make_kit_order(
        campaign=campaign, marathon={"date": SOON, "is_public": True, "town": "Wavre"}
    ).marathon

    response = client.post(edit_url(marathon), {"call_off": "1"})

    assert "Votre marathon est annulé" in response.content.decode()
    assert "Wavre" not in client.get("/fr/kit/marathons/").content.decode().split("</svg>")[-1]
    assert client.get(edit_url(marathon)).status_code == 404  # the link has done its work
    assert client.get(f"/fr/kit/marathons/{marathon.pk}/calendrier.ics").status_code == 404
    marathon.refresh_from_db()
    assert marathon.cancelled_at and KitOrder.objects.get().status != KitOrder.Status.CANCELLED
