"""French, Dutch and English: addresses, the switcher, and people answered in their language."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cases import countries
from cases.countries import country_name
from cases.models import Campaign, Case, CountryName, Embassy
from kits import printing
from kits.services import kit_order_ship, kit_reminders_queue
from marathon.lib.admin import missing_in, missing_translations
from marathon.models import PersonalDataRequest
from marathon.outbox.models import Email
from marathon.outbox.services import outbox_dispatch
from marathon.tally import handover
from marathon.tally.models import Handover
from petitions.models import Signature, Signer
from petitions.services import petition_ensure
from tests.factories import in_admin_form, make_campaign, make_case
from tests.kits.helpers import make_kit_order
from tests.petitions.conftest import form_data, on_commit_runs

pytestmark = pytest.mark.django_db


# --- Addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "cookie", "expected"),
    [
        ("nl-BE,nl;q=0.9,fr;q=0.5", None, "/nl/"),
        ("en-GB,en;q=0.9", None, "/en/"),
        ("de-DE", None, "/fr/"),
        ("", None, "/fr/"),
        ("nl-BE", "en", "/en/"),  # the language chosen before wins over the browser's
    ],
)
def test_the_bare_address_chooses_the_language(client, accept, cookie, expected):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_link_from_before_the_languages_opens_its_french_page(client, case):
    petition_ensure(case=case)
    response = client.get(f"/cas/{case.slug}/?utm_source=courriel")
    assert response.status_code == 301
    assert response["Location"] == f"/fr/cas/{case.slug}/?utm_source=courriel"
    # Without its slash, and a signed link of an e-mail sent last year.
    assert client.get(f"/cas/{case.slug}")["Location"] == f"/fr/cas/{case.slug}/"
    assert client.get("/petitions/confirmer/abc.def/")["Location"] == "/fr/petitions/confirmer/abc.def/"
    # A form posted to an old address is sent on as posted.
    posted = client.post(f"/petitions/{case.petition.pk}/signer/", form_data())
    assert posted.status_code == 308
    assert posted["Location"] == f"/fr/petitions/{case.petition.pk}/signer/"
    assert Signature.objects.count() == 0


def test_an_address_that_never_existed_is_not_found_in_french(client, db):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert client.get("/nl/bestaat-niet/").status_code == 404
    assert client.get("/de/cas/").status_code == 404


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_page_says_its_language_and_offers_the_same_page_in_the_others(client, case, language):
    petition_ensure(case=case)
    path = f"/{language}/cas/{case.slug}/"
    html = client.get(path).content.decode()
    assert f'<html lang="{language}">' in html
    for other in ("fr", "nl", "en"):
        assert (
            f'<link rel="alternate" hreflang="{other}" href="{settings.SITE_URL}/{other}/cas/{case.slug}/">'
            in html
        )
        assert f'href="/{other}/cas/{case.slug}/" hreflang="{other}" lang="{other}"' in html
    assert f'hreflang="x-default" href="{settings.SITE_URL}/fr/cas/{case.slug}/"' in html
    switcher = html[html.index('class="language-bar"') :]
    assert re.search(rf'href="/{language}/cas/{case.slug}/"[^>]*aria-current="true"', switcher)


def test_the_language_read_in_is_remembered_once(client, case):
    petition_ensure(case=case)
    first = client.get(f"/nl/cas/{case.slug}/")
    assert first.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    assert first.cookies[settings.LANGUAGE_COOKIE_NAME]["httponly"]
    assert settings.LANGUAGE_COOKIE_NAME not in client.get(f"/nl/cas/{case.slug}/").cookies
    assert client.get("/")["Location"] == "/nl/"
    # An error page does not change it.
    assert settings.LANGUAGE_COOKIE_NAME not in client.get("/en/nope/").cookies


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_catalogue_speaks_the_prefix_language(client, case, language):
    petition_ensure(case=case)
    html = client.get(f"/{language}/cas/{case.slug}/").content.decode()
    with translation.override(language):
        sign, how = translation.gettext("I sign"), translation.gettext("How it works")
    with translation.override("fr"):
        french_how = translation.gettext("How it works")
    assert sign in html and how in html
    assert french_how not in html


def test_the_home_screen_app_starts_at_the_bare_address(client, db):
    assert client.get("/manifest.webmanifest").json()["start_url"] == "/"


# --- What staff write, per language -----------------------------------------------------------


def test_a_missing_translation_shows_the_french_and_is_listed_for_staff(client, campaign):
    case = make_case(campaign=campaign, headline="Libérez-la.", headline_nl="Laat haar vrij.")
    petition_ensure(case=case)
    assert "Laat haar vrij." in client.get(f"/nl/cas/{case.slug}/").content.decode()
    assert "Libérez-la." in client.get(f"/en/cas/{case.slug}/").content.decode()

    def label(name: str) -> str:
        return str(Case._meta.get_field(name).verbose_name)

    missing = missing_translations(case)
    assert label("headline") not in missing["nl"]
    assert label("summary") in missing["nl"] and label("story") in missing["nl"]
    assert label("headline") in missing["en"]
    assert label("photo_alt") not in missing["en"]  # nothing written in French either
    assert set(Case.objects.filter(missing_in(Case, "en"))) == {case}


def test_staff_see_what_is_missing_in_the_admin(staff_client, campaign):
    make_case(campaign=campaign, person_name="Zhang Zhan")
    html = staff_client.get(reverse("admin:cases_case_changelist") + "?missing=nl").content.decode()
    assert "Zhang Zhan" in html
    assert "NL:" in html and "EN:" in html


def test_staff_edit_the_dutch_headline_and_the_dutch_page_shows_it_at_once(
    staff_client, client, case, django_capture_on_commit_callbacks, settings
):
    settings.PAGE_CACHE_SECONDS = 60  # as in production: the pages below come from the cache
    petition_ensure(case=case)
    french = case.headline
    for language in ("fr", "nl", "en"):  # the pages are in the page cache
        client.get(f"/{language}/cas/{case.slug}/")
    data = {
        name: getattr(case, name)
        for name in ("order", "person_name", "slug", "headline", "summary", "story", "ask", "model_letter")
    }
    data.update(
        campaign=case.campaign_id,
        authority=case.authority_id,
        country=str(case.country),
        is_published="on",
        postcard_message=case.postcard_message,
        postcard_address=case.postcard_address,
        cards_route=case.cards_route,
    )
    form = in_admin_form(Case, data)
    form["headline_nl"] = "Een nieuwe kop in het Nederlands."
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:cases_case_change", args=[case.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]

    assert "Een nieuwe kop in het Nederlands." in client.get(f"/nl/cas/{case.slug}/").content.decode()
    assert french in client.get(f"/fr/cas/{case.slug}/").content.decode()
    assert "Een nieuwe kop" not in client.get(f"/en/cas/{case.slug}/").content.decode()


def test_countries_are_named_in_the_readers_language(db):
    CountryName.objects.create(country="BY", name="Bélarus", name_after_de="du Bélarus")
    countries.forget()
    with translation.override("fr"):
        assert country_name("BY") == "Bélarus"
    with translation.override("nl"):
        assert country_name("BY") == "Wit-Rusland"  # the library's, not the French staff wrote
    with translation.override("en"):
        assert country_name("BY") == "Belarus"


# --- People are answered in their language ----------------------------------------------------


def test_a_signature_in_dutch_keeps_its_language_and_its_email_is_dutch_from_a_worker(client, case):
    petition = petition_ensure(case=case)
    case.headline_nl = "Laat haar vrij."
    case.save()
    client.post(f"/nl/petitions/{petition.pk}/signer/", form_data())  # its e-mail waits
    signer = Signer.objects.get()
    signature = Signature.objects.get()
    assert signer.language == signature.language == "nl"
    assert "petitie" in signature.consent_text
    row = Email.objects.get()
    assert row.language == "nl"

    # Sent by a worker, which speaks French: still Dutch, links included.
    with translation.override("fr"):
        outbox_dispatch()
    [message] = mail.outbox
    assert "/nl/petitions/confirmer/" in message.body
    assert "Bevestig" in message.subject or "bevestig" in message.subject


def test_a_kit_ordered_in_english_is_answered_in_english_even_when_staff_ship_it_in_french(client, db):
    campaign = make_campaign(letters_deadline=timezone.localdate() + datetime.timedelta(days=7))
    make_case(campaign=campaign)
    with translation.override("en"):
        order = make_kit_order(campaign=campaign, language="en")
    with translation.override("fr"), on_commit_runs():
        kit_order_ship(order_id=order.pk, by=None)
        outbox_dispatch()
    shipped = Email.objects.get(kind="kits.shipped")
    assert shipped.language == "en"
    message = mail.outbox[-1]
    assert "on its way" in message.subject.lower()
    assert "/en/" in message.body


def test_reminders_go_out_in_each_orders_language(db):
    campaign = make_campaign(
        letters_deadline=timezone.localdate() + datetime.timedelta(days=5),
        kit_ordering_closes_on=timezone.localdate() + datetime.timedelta(days=5),
        petitions_close_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    dutch = make_kit_order(campaign=campaign, language="nl")
    french = make_kit_order(campaign=campaign)
    with translation.override("fr"):
        assert kit_reminders_queue() == 2
    languages = dict(Email.objects.filter(kind="kits.reminder").values_list("object_id", "language"))
    assert languages == {dutch.pk: "nl", french.pk: "fr"}


def test_a_personal_data_request_keeps_its_language(client, db):
    with on_commit_runs():
        client.post("/en/mes-donnees/", {"email": "someone@example.org"})
    request = PersonalDataRequest.objects.get()
    assert request.language == "en"
    assert Email.objects.get(kind="marathon.personal-data").language == "en"


# --- Printables and packs ------------------------------------------------------------------


def test_each_language_has_its_own_printables(campaign):
    case = make_case(campaign=campaign, ask="Libérez-la.", ask_nl="Laat haar vrij.")
    specs = {
        language: printing.current_spec(
            kind=printing.Kind.FACT_SHEET, campaign_id=campaign.pk, case_id=case.pk, language=language
        )
        for language in ("fr", "nl", "en")
    }
    assert specs["nl"].case.ask == "Laat haar vrij."
    assert specs["en"].case.ask == "Libérez-la."  # no English yet: the French
    assert len({spec.content_hash for spec in specs.values()}) == 3
    assert specs["nl"].filename.endswith("-fiche-nl.pdf")
    assert specs["fr"].filename.endswith("-fiche.pdf")
    assert specs["nl"].case.url.startswith(f"{settings.SITE_URL}/nl/cas/")
    # Writing the English makes the English document new, and leaves the others.
    Case.objects.filter(pk=case.pk).update(ask_en="Free her.")
    campaign = Campaign.objects.get(pk=campaign.pk)
    for language in ("fr", "nl"):
        assert (
            printing.current_hash(
                kind=printing.Kind.FACT_SHEET, campaign=campaign, case_id=case.pk, language=language
            )
            == specs[language].content_hash
        )
    assert (
        printing.current_hash(
            kind=printing.Kind.FACT_SHEET, campaign=campaign, case_id=case.pk, language="en"
        )
        != specs["en"].content_hash
    )


def test_an_embassy_pack_is_french_unless_staff_set_another_language(campaign):
    case = make_case(campaign=campaign, country="GT")
    petition_ensure(case=case)
    CountryName.objects.create(country="GT", name="Guatemala", name_after_de="du Guatemala")
    countries.forget()
    embassy = Embassy.objects.create(
        country="GT", name="Ambassade du Guatemala", address="Av. 1\n1000 Bruxelles"
    )
    french = handover.pack_data(Handover(campaign=campaign, embassy=embassy))
    assert french.language == "fr" and french.country == "du Guatemala"
    embassy.language = "nl"
    dutch = handover.pack_data(Handover(campaign=campaign, embassy=embassy))
    assert dutch.language == "nl" and dutch.country == "Guatemala"
    assert dutch.content_hash != french.content_hash


def test_the_results_speak_the_readers_language_from_one_snapshot(client, campaign):
    from marathon.tally.models import PastResult
    from marathon.tally.services import results_refresh

    case = make_case(campaign=campaign, country="BY", person_name="Mikita Zalatarou")
    petition_ensure(case=case)
    PastResult.objects.create(
        year=2020, combined=240_000, note="Plus de 240 000.", note_nl="Meer dan 240.000."
    )
    countries.forget()
    with translation.override("fr"):
        results_refresh()  # as beat does, in a worker that speaks French

    dutch = client.get("/nl/resultats/").content.decode()
    assert f'href="/nl/cas/{case.slug}/"' in dutch and "/fr/cas/" not in dutch
    assert "Wit-Rusland" in dutch and "Meer dan 240.000." in dutch
    english = client.get("/en/resultats/").content.decode()
    assert "Belarus" in english and "Plus de 240 000." in english  # no English note: the French
    assert "Meer dan 240.000." in client.get("/nl/campagnes/").content.decode()  # a year known by its figures
