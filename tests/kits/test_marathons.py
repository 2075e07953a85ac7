from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from kits import links, services
from kits.models import MarathonReport, OrganisedMarathon
from kits.tasks import queue_report_requests
from marathon.outbox.services import outbox_dispatch
from tests.factories import make_campaign, make_case
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def test_public_upcoming_marathons_are_listed_by_province_without_private_details(client, campaign):
    make_kit_order(
        kind="school",
        organisation_name="Collège Saint-Michel",
        age_band="14-18",
        contact_name="Madame Secret",
        postcode="1040",
        city="Etterbeek",
        marathon={"date": days(5), "is_public": True},
    )
    make_kit_order(
        kind="family",
        contact_name="Famille Discrète",
        postcode="4000",
        city="Liège",
        marathon={"date": days(7), "is_public": True, "expected_writers": 6},
    )
    make_kit_order(city="Mons", postcode="7000", marathon={"date": days(6), "is_public": False})
    make_kit_order(city="Arlon", postcode="6700", marathon={"date": days(-1), "is_public": True})
    make_kit_order(
        city="Gand", postcode="9000", status="cancelled", marathon={"date": days(8), "is_public": True}
    )

    page = client.get("/fr/kit/marathons/").content.decode()
    assert "Collège Saint-Michel" in page
    assert "Etterbeek" in page and "Liège" in page
    headings = re.findall(r'<h2 id="province-\d+">([^<]+)</h2>', page)
    assert headings == ["Bruxelles-Capitale", "Liège"]
    listed = page[page.index("</svg>") :]  # after the map, which names every province
    assert listed.index("Bruxelles-Capitale") < listed.index("Etterbeek") < listed.index("Liège")
    assert "En famille ou entre amis" in page  # a family is shown by its kind, never by name
    assert "6 participant·es attendu·es" in page
    for hidden in ("Madame Secret", "Famille Discrète", "Mons", "Arlon", "Gand"):
        assert hidden not in page


def test_the_organiser_is_asked_for_a_report_the_day_after_the_marathon(campaign, cases):
    past = make_kit_order(contact_name="Org Anisatrice", marathon={"date": days(-1), "town": "Wavre"})
    make_kit_order(marathon={"date": TODAY()})  # today: not yet
    make_kit_order(status="cancelled", marathon={"date": days(-2)})
    assert queue_report_requests.delay().get() == 1
    assert outbox_dispatch() == 1  # beat's next sweep of the outbox
    [message] = mail.outbox
    assert message.to == [past.email]
    assert past.reference in message.subject
    assert message.subject.startswith("Votre marathon : combien de lettres avez-vous écrites")
    assert message.body.startswith("Bonjour,\n")  # the site's words first, nothing the orderer typed
    assert "Wavre" in message.body
    assert re.search(r"/fr/kit/marathons/bilan/[^/\s]+/", message.body)
    assert past.reference in message.alternatives[0][0]
    past.marathon.refresh_from_db()
    assert past.marathon.report_requested_at is not None
    # The next run does not ask again.
    assert queue_report_requests.delay().get() == 0
    assert outbox_dispatch() == 0
    assert len(mail.outbox) == 1


def report_url(marathon: OrganisedMarathon) -> str:
    return f"/fr/kit/marathons/bilan/{links.marathon_report_token(marathon)}/"


def test_the_signed_link_records_letters_and_cards_per_case(client, campaign, cases):
    order = make_kit_order(marathon={"date": days(-1)})
    url = report_url(order.marathon)
    page = client.get(url).content.decode()
    assert order.reference in page
    for case in cases:
        assert case.person_name in page
    data = {
        "writers": "23",
        f"letters_{cases[0].pk}": "40",
        f"cards_{cases[0].pk}": "12",
        f"letters_{cases[1].pk}": "5",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    marathon = OrganisedMarathon.objects.get()
    assert marathon.reported_writers == 23
    assert marathon.reported_at is not None
    report = MarathonReport.objects.get(marathon=marathon, case=cases[0])
    assert (report.letters, report.cards) == (40, 12)
    # Sending again corrects rather than adds.
    client.post(url, {**data, f"letters_{cases[0].pk}": "41"})
    assert MarathonReport.objects.get(marathon=marathon, case=cases[0]).letters == 41
    assert MarathonReport.objects.filter(marathon=marathon, case=cases[0]).count() == 1
    assert "Vous nous avez déjà envoyé vos chiffres" in client.get(url).content.decode()


def test_a_bad_count_is_explained_next_to_its_case_and_nothing_is_saved(client, campaign, cases):
    order = make_kit_order(marathon={"date": days(-1)})
    url = report_url(order.marathon)
    response = client.post(
        url, {f"letters_{cases[0].pk}": "-4", f"cards_{cases[1].pk}": "99999999", "writers": "1"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Indiquez 0 ou plus." in page
    assert "10 000 au maximum." in page
    assert MarathonReport.objects.count() == 0
    assert OrganisedMarathon.objects.get().reported_at is None


def test_a_tampered_or_expired_link_is_refused(client, campaign, cases, settings):
    order = make_kit_order(marathon={"date": days(-1)})
    token = links.marathon_report_token(order.marathon)
    response = client.get(f"/fr/kit/marathons/bilan/{token[:-2]}xx/")
    assert response.status_code == 404
    assert "Ce lien ne fonctionne plus" in response.content.decode()
    assert client.get(f"/fr/kit/marathons/bilan/{token}/").status_code == 200
    settings.MARATHON_REPORT_LINK_DAYS = -1
    assert client.get(f"/fr/kit/marathons/bilan/{token}/").status_code == 404


def test_the_link_of_a_cancelled_order_is_refused(client, campaign, cases):
    order = make_kit_order(status="cancelled", marathon={"date": days(-1)})
    assert client.get(report_url(order.marathon)).status_code == 404


def test_reported_letters_are_summed_per_case_for_the_results(campaign, cases):
    first = make_kit_order(marathon={"date": days(-3)}).marathon
    second = make_kit_order(marathon={"date": days(-2)}).marathon
    cancelled = make_kit_order(status="cancelled", marathon={"date": days(-2)}).marathon
    services.marathon_report_save(
        marathon=first, writers=10, counts={cases[0].pk: (10, 4), cases[1].pk: (3, 0)}
    )
    services.marathon_report_save(marathon=second, writers=5, counts={cases[0].pk: (7, 1)})
    services.marathon_report_save(marathon=cancelled, writers=5, counts={cases[0].pk: (100, 100)})
    old_campaign = make_campaign(year=2020, is_current=False)
    old_case = make_case(campaign=old_campaign)
    old = make_kit_order(campaign=old_campaign, marathon={"date": days(-300)}).marathon
    services.marathon_report_save(marathon=old, writers=1, counts={old_case.pk: (9, 9)})
    totals = services.reported_by_case(campaign)
    assert totals[cases[0].pk] == {"letters": 17, "cards": 5}
    assert totals[cases[1].pk] == {"letters": 3, "cards": 0}
    assert cases[2].pk not in totals
    assert old_case.pk not in totals


def test_organisers_of_old_marathons_are_not_asked_months_later(campaign, cases):
    make_kit_order(marathon={"date": days(-45)})
    assert services.marathon_report_requests_queue() == 0
    assert mail.outbox == []


def test_an_organiser_whose_address_fails_is_not_asked_again_and_again(campaign, cases):
    from marathon.outbox.models import MAX_ATTEMPTS, Email

    make_kit_order(marathon={"date": days(-1)})
    assert services.marathon_report_requests_queue() == 1
    Email.objects.update(attempts=MAX_ATTEMPTS)  # given up after failing every time

    assert services.marathon_report_requests_queue() == 0
    assert Email.objects.count() == 1


def test_organisers_figures_show_on_the_results_page_and_the_desk_apart_from_the_counted(
    client, campaign, cases, django_user_model
):
    """Issue 19, item 5: the report form promises "nous les ajoutons aux résultats"."""
    from django.contrib.auth.models import Permission

    from marathon.tally.services import results_refresh

    first = make_kit_order(marathon={"date": days(-3)}).marathon
    second = make_kit_order(marathon={"date": days(-2)}).marathon
    services.marathon_report_save(
        marathon=first, writers=10, counts={cases[0].pk: (10, 4), cases[1].pk: (3, 0)}
    )
    services.marathon_report_save(marathon=second, writers=5, counts={cases[0].pk: (7, 1)})
    assert services.reported_totals(campaign) == {"letters": 20, "cards": 5, "marathons": 2}

    results = results_refresh()
    assert results["total"] == 0  # never added to what volunteers counted
    html = client.get("/fr/resultats/").content.decode()
    section = re.search(r'<section[^>]*aria-labelledby="reported-title".*?</section>', html, re.S).group(0)
    assert "2 marathons organisés" in section and "<strong>20</strong> lettres" in section
    assert re.search(rf"{cases[0].person_name}</th><td>17</td><td>5</td>", section)

    counter = django_user_model.objects.create_user("benevole", password="a-long-password-42")
    counter.user_permissions.add(Permission.objects.get(codename="use_counting_desk"))
    client.force_login(counter)
    desk = client.get("/fr/comptage/").content.decode()
    panel = re.search(r'aria-labelledby="organiser-reported-title".*?</section>', desk, re.S).group(0)
    assert (
        "<strong>20</strong> lettres annoncées" in panel
        and "<strong>2</strong> marathons qui ont répondu" in panel
    )


def test_without_reports_nothing_is_announced(client, campaign, cases):
    from marathon.tally.services import results_refresh

    results_refresh()

    assert "reported-title" not in client.get("/fr/resultats/").content.decode()
