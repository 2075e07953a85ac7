"""A Dutch- and an English-speaking supporter, each on a phone, from the bare address on.

Each lands on /, gets their language, signs two petitions, confirms from the e-mail (in
their language), orders a kit and downloads the printable kit made in their language.
Labels are looked up in the language's catalogue, and checked to differ from the French,
so a page left in French fails.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from kits.models import KitOrder
from kits.printables import printable_documents_of_campaign
from petitions.consent import PETITIONS_TICKED
from petitions.models import Signature
from petitions.services import petition_ensure
from tests.e2e.conftest import PHONE, screenshot
from tests.factories import make_campaign, make_case
from tests.kits.conftest import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)

# What staff wrote for three of the ten, in each language.
CASES = [
    {
        "slug": "bernardo-caal-xol",
        "person_name": "Bernardo Caal Xol",
        "headline": {
            "fr": "Enfermé pour avoir protégé le fleuve sacré Cahabón.",
            "nl": "Opgesloten omdat hij de heilige rivier Cahabón beschermde.",
            "en": "Jailed for protecting the sacred Cahabón river.",
        },
    },
    {
        "slug": "zhang-zhan",
        "person_name": "Zhang Zhan",
        "headline": {
            "fr": "Emprisonnée pour avoir informé sur le covid-19.",
            "nl": "Opgesloten omdat ze berichtte over covid-19.",
            "en": "Imprisoned for reporting on COVID-19.",
        },
    },
    {
        "slug": "mikita-zalatarou",
        "person_name": "Mikita Zalatarou",
        "headline": {
            "fr": "Arrêté à 16 ans, torturé et emprisonné.",
            "nl": "Op zijn 16de opgepakt, gefolterd en opgesloten.",
            "en": "Arrested at 16, tortured and imprisoned.",
        },
    },
]
ASK = {
    "fr": "Écrivez pour sa libération.",
    "nl": "Schrijf voor zijn vrijlating.",
    "en": "Write for his release.",
}


@pytest.fixture
def three_languages(db):
    campaign = make_campaign(
        kit_ordering_opens_on=timezone.localdate() - datetime.timedelta(days=10),
        letters_deadline=timezone.localdate() + datetime.timedelta(days=45),
    )
    for n, item in enumerate(CASES):
        case = make_case(
            campaign=campaign,
            order=n,
            slug=item["slug"],
            person_name=item["person_name"],
            **{f"headline_{code}": text for code, text in item["headline"].items()},
            **{f"ask_{code}": text for code, text in ASK.items()},
        )
        petition_ensure(case=case)
    return campaign


def in_language(language: str, text: str) -> str:
    """The catalogue's words in that language, which must not be the French ones."""
    with translation.override(language):
        translated = gettext(text)
    with translation.override("fr"):
        assert translated != gettext(text) or language == "fr", text
    return translated


def label(text: str):
    """A field's label exactly (a required one ends with an asterisk)."""
    pattern = r"\s+".join(re.escape(word) for word in text.split())
    return re.compile(rf"^\s*{pattern}\s*\*?\s*$")


@pytest.mark.parametrize(("language", "accept"), [("nl", "nl-BE"), ("en", "en-GB")])
def test_a_supporter_gets_their_language_and_does_everything_in_it(
    browser, live_server, three_languages, language, accept
):
    def t(text: str) -> str:
        return in_language(language, text)

    context = browser.new_context(base_url=live_server.url, locale=accept, **PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)

    # The bare address chooses from the browser's languages.
    page.goto("/")
    page.wait_for_url(f"**/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    expect(page.get_by_text(CASES[0]["headline"][language]).first).to_be_visible()
    assert CASES[0]["headline"]["fr"] not in page.content()
    screenshot(page, f"languages-{language}-home")

    # Two of the petitions, from the sign-all page.
    page.locator(f'a[href="/{language}/petitions/signer-tout/"]:visible').first.click()
    boxes = page.get_by_role("checkbox", name=re.compile("—"))
    expect(boxes).to_have_count(3)
    boxes.nth(2).uncheck()
    page.get_by_label(t("First name")).fill("Els")
    page.get_by_label(label(t("Last name"))).fill("Peeters")
    page.get_by_role("textbox", name=re.compile(r"^\s*E-mail")).fill(f"els.{language}@example.be")
    page.get_by_label(label(t("Postcode"))).fill("2000")
    page.get_by_role("button", name=t("I sign the ticked petitions")).click()
    page.wait_for_url(f"**/{language}/petitions/verifiez-votre-boite/")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Check your mailbox"))
    screenshot(page, f"languages-{language}-check-mailbox")

    # The e-mail is in their language, and so is the page its link opens.
    [message] = mail.outbox
    assert message.subject == t("Confirm your signature — Letter-writing marathon")
    assert t("You did not sign? Ignore this e-mail: nothing is kept without confirmation.") in message.body
    link = re.search(rf"https?://\S+(/{language}/petitions/confirmer/\S+/)", message.body).group(1)
    page.goto(link)
    page.get_by_role("button", name=t("Confirm my signature")).click()
    page.wait_for_url(f"**/{language}/petitions/merci/")
    signatures = Signature.objects.filter(confirmed_at__isnull=False)
    assert signatures.count() == 2
    assert {signature.language for signature in signatures} == {language}
    # The words they read, in their language, under the consent's version.
    assert signatures.first().consent_text == PETITIONS_TICKED.text_in(language)
    assert signatures.first().consent_text != PETITIONS_TICKED.text_in("fr")

    # A kit, ordered in their language.
    page.goto(f"/{language}/")
    page.locator(f'a[href="/{language}/kit/commander/"]:visible').first.click()
    page.get_by_label(t("An individual")).check()
    for text, value in [
        ("Your first and last name", "Els Peeters"),
        ("E-mail", f"els.{language}@example.be"),
        ("Street and number", "Meir 1"),
        ("Postcode", "2000"),
        ("City", "Antwerpen"),
        ("How many people will write?", "3"),
    ]:
        page.get_by_label(label(t(text) if text != "E-mail" else text)).fill(value)
    page.get_by_label(
        t("I agree that my details are used to send me this kit and the e-mails about it.")
    ).check()
    screenshot(page, f"languages-{language}-kit-form")
    page.get_by_role("button", name=t("Order my free kit")).click()
    reference = page.get_by_test_id("reference")
    expect(reference).to_be_visible()
    order = KitOrder.objects.get()
    assert order.language == language
    with translation.override(language):
        subject = gettext("Your letter-writing kit is ordered (%(reference)s)") % {
            "reference": order.reference
        }
    assert mail.outbox[-1].subject == subject
    screenshot(page, f"languages-{language}-kit-thanks")

    # The printable kit, made in their language (tasks run in-process in tests).
    printable_documents_of_campaign(campaign=three_languages, language=language)
    page.goto(f"/{language}/")
    page.locator(f'a[href="/{language}/kit/imprimer/"]:visible').first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Print your kit"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name=t("Download the full kit")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"-kit-complet-{language}.pdf")
    text = " ".join(pdf_text(Path(download.path()).read_bytes()).split())
    assert CASES[1]["headline"][language] in text
    assert ASK[language] in text
    assert CASES[1]["headline"]["fr"] not in text
    context.close()


def test_switching_language_on_a_case_page_keeps_the_case(page, three_languages):
    case = CASES[1]
    page.goto(f"/nl/cas/{case['slug']}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case["person_name"])
    expect(page.get_by_text(case["headline"]["nl"]).first).to_be_visible()
    screenshot(page, "languages-switcher-nl-case")

    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()
    page.wait_for_url(f"**/en/cas/{case['slug']}/")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_contain_text(case["person_name"])
    expect(page.get_by_text(case["headline"]["en"]).first).to_be_visible()

    # The bare address remembers the language chosen, whatever the browser says (French).
    page.goto("/")
    page.wait_for_url("**/en/")

    page.goto(f"/en/cas/{case['slug']}/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    page.wait_for_url(f"**/fr/cas/{case['slug']}/")
    expect(page.get_by_text(case["headline"]["fr"]).first).to_be_visible()
