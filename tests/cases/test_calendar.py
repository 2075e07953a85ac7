"""The campaign's calendar: one place says what one can still do, and every page and
form follows it by itself (issue 17, item 1)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.calendar import Stage, next_deadline, season_dates, state_of
from kits.models import KitOrder
from petitions.models import Signature
from petitions.services import petition_ensure
from tests.factories import make_campaign, make_case
from tests.kits.helpers import order_form_data
from tests.petitions.conftest import form_data

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
SEASON = season_dates(datetime.date(2027, 1, 11))


def on(day: str) -> datetime.date:
    return datetime.date.fromisoformat(day)


@pytest.mark.parametrize(
    ("today", "stage", "kits", "petitions", "letters"),
    [
        ("2026-09-30", Stage.COMING, False, True, True),
        ("2026-10-01", Stage.OPEN, True, True, True),
        ("2026-12-20", Stage.OPEN, True, True, True),
        ("2026-12-21", Stage.WRITING, False, True, True),
        ("2027-01-11", Stage.WRITING, False, True, True),
        ("2027-01-12", Stage.COUNTING, False, False, False),
        ("2027-02-10", Stage.HANDED_OVER, False, False, False),
    ],
)
def test_the_state_on_each_day_of_the_season(today, stage, kits, petitions, letters):
    campaign = make_campaign(**SEASON)
    state = state_of(campaign, on(today))

    assert (state.stage, state.kit_ordering_open, state.petitions_open, state.letters_welcome) == (
        stage,
        kits,
        petitions,
        letters,
    )


@pytest.mark.parametrize(
    ("today", "deadline"),
    [
        ("2026-12-06", "2027-01-11"),
        ("2027-01-10", "2027-01-11"),
        ("2027-01-11", "2028-01-11"),
        ("2026-06-15", "2027-01-11"),
    ],
)
def test_the_next_deadline_is_the_next_11_january(today, deadline):
    assert next_deadline(on(today)) == on(deadline)


@pytest.mark.parametrize("today", ["2026-12-06", "2026-06-15", "2026-12-30", "2027-01-05", "2026-01-12"])
def test_the_demo_season_is_open_for_everything_on_any_day(today):
    dates = season_dates(next_deadline(on(today)), today=on(today))
    state = state_of(make_campaign(**dates), on(today))

    assert state.kit_ordering_open and state.petitions_open and state.letters_welcome
    assert dates["kit_ordering_closes_on"] <= dates["letters_deadline"] < dates["handover_on"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"kit_ordering_opens_on": on("2026-12-01"), "kit_ordering_closes_on": on("2026-11-01")},
            "kit_ordering_closes_on",
        ),
        ({"kit_ordering_closes_on": on("2027-02-01")}, "kit_ordering_closes_on"),
        ({"handover_on": on("2027-01-11")}, "handover_on"),
    ],
)
def test_dates_out_of_order_are_refused_in_french(change, field):
    campaign = make_campaign(**SEASON)
    for name, value in change.items():
        setattr(campaign, name, value)

    with pytest.raises(ValidationError) as refused:
        campaign.full_clean()
    assert field in refused.value.message_dict
    assert any("kits" in message or "remise" in message for message in refused.value.message_dict[field])


# --- What pages say and offer -------------------------------------------------------------


def campaign_on(stage: str):
    """A current campaign whose calendar puts today at the given stage."""
    today = timezone.localdate()
    deadline = {"coming": 60, "open": 30, "writing": 5, "counting": -5, "handed-over": -40}[stage]
    deadline = today + datetime.timedelta(days=deadline)
    dates = {
        "letters_deadline": deadline,
        "petitions_close_on": deadline,
        "kit_ordering_opens_on": today + 10 * DAY if stage == "coming" else deadline - 90 * DAY,
        "kit_ordering_closes_on": deadline - 10 * DAY,
        "handover_on": today - 2 * DAY if stage == "handed-over" else None,
    }
    campaign = make_campaign(**dates)
    assert campaign.state.stage == stage
    return campaign


def test_while_open_home_counts_the_days_and_offers_every_action(client):
    campaign_on("open")
    html = client.get("/fr/").content.decode()

    assert "Plus que 30 jours" in html
    assert 'href="/fr/kit/commander/"' in html and 'href="/fr/petitions/signer-tout/"' in html


def test_before_kits_open_the_order_form_says_when(client):
    campaign = campaign_on("coming")
    home = client.get("/fr/").content.decode()
    assert "à partir du" in home and 'href="/fr/kit/commander/"' not in home

    page = client.get("/fr/kit/commander/")
    html = page.content.decode()
    assert page.status_code == 200 and "La commande de kits ouvre bientôt" in html
    assert 'name="form_token"' not in html
    assert campaign.kit_ordering_opens_on.strftime("%Y") in html
    assert client.post("/fr/kit/commander/", order_form_data()).status_code == 403
    assert not KitOrder.objects.exists()


def test_after_kits_close_home_and_the_form_say_letters_are_still_welcome(client):
    campaign_on("writing")
    home = client.get("/fr/").content.decode()
    assert "Il est encore temps d’imprimer le kit" in home
    assert 'href="/fr/kit/commander/"' not in home and 'href="/fr/petitions/signer-tout/"' in home

    # The steps no longer tell people to order by post.
    for page in (home, client.get("/fr/comment-ca-marche/").content.decode()):
        assert "Imprimez vous-même le kit d’écriture" in page and "Commandez votre kit d’écriture" not in page

    html = client.get("/fr/kit/commander/").content.decode()
    assert "La commande de kits est fermée" in html and "pouvaient être commandés jusqu’au" in html
    assert 'name="form_token"' not in html


def test_after_petitions_close_every_sign_form_says_so_with_its_count_and_no_form(client):
    campaign = campaign_on("counting")
    case = make_case(campaign=campaign)
    petition = petition_ensure(case=case)

    home = client.get("/fr/").content.decode()
    assert "Nous comptons vos lettres" in home and 'href="/fr/resultats/"' in home
    assert 'href="/fr/petitions/signer-tout/"' not in home

    for path in (
        f"/fr/petitions/{petition.pk}/signer/",
        "/fr/petitions/signer-tout/",
        case.get_absolute_url(),
    ):
        html = client.get(path).content.decode()
        assert "clôturées le" in html, path
        assert 'name="email"' not in html, path
    refused = client.post(f"/fr/petitions/{petition.pk}/signer/", form_data())
    assert refused.status_code == 410
    assert (
        client.post("/fr/petitions/signer-tout/", {**form_data(), "petitions": [petition.pk]}).status_code
        == 410
    )
    assert not Signature.objects.exists()


def test_after_the_deadline_the_printable_kit_says_letters_come_too_late(client):
    campaign_on("counting")

    html = client.get("/fr/kit/imprimer/").content.decode()

    assert "arrivent trop tard" in html


def test_after_the_handover_home_thanks_and_points_to_the_results(client):
    campaign_on("handed-over")
    html = client.get("/fr/").content.decode()

    assert "nous avons remis vos lettres" in html and 'href="/fr/resultats/"' in html
    assert 'href="/fr/kit/imprimer/"' not in html


def test_the_marathon_date_picker_offers_the_campaigns_window(client):
    campaign = campaign_on("open")
    html = client.get("/fr/kit/commander/").content.decode()

    assert f'min="{timezone.localdate().isoformat()}"' in html
    assert f'max="{campaign.letters_deadline.isoformat()}"' in html


# --- Staff ----------------------------------------------------------------------------


def test_preparing_packs_before_the_deadline_asks_staff_to_confirm(staff_client):
    from marathon.tally.models import Handover
    from tests.factories import make_embassy

    campaign = campaign_on("writing")
    make_case(campaign=campaign, country="GT")
    make_embassy(country="GT")
    url = reverse("admin:tally_handover_prepare")

    asked = staff_client.post(url)
    assert asked.status_code == 200
    assert "Préparer les dossiers avant la date limite" in asked.content.decode()
    assert not Handover.objects.exists()

    assert staff_client.post(url, {"apply": "1"}).status_code == 302
    assert Handover.objects.count() == 1


def test_after_the_deadline_packs_are_prepared_at_once(staff_client):
    from marathon.tally.models import Handover
    from tests.factories import make_embassy

    campaign = campaign_on("counting")
    make_case(campaign=campaign, country="GT")
    make_embassy(country="GT")

    assert staff_client.post(reverse("admin:tally_handover_prepare")).status_code == 302
    assert Handover.objects.count() == 1


def test_the_admin_lists_what_each_campaign_allows_today(staff_client):
    campaign_on("writing")

    html = staff_client.get(reverse("admin:cases_campaign_changelist")).content.decode()

    assert "commande de kits fermée, lettres bienvenues" in html
