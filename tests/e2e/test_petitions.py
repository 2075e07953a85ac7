from __future__ import annotations

import re

import pytest
from django.core import mail

from petitions.services import petition_ensure
from tests.e2e.conftest import screenshot
from tests.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = [
    "Bernardo Caal Xol",
    "Zhang Zhan",
    "Janna Jihad",
    "Idris Khattak",
    "Sarah Mardini",
    "Germain Rukuki",
    "Nassima al-Sada",
    "Paing Phyo Min",
    "Mikita Zalatarou",
    "Kyiv Pride",
]


@pytest.fixture
def ten_cases(campaign):
    cases = [
        make_case(campaign=campaign, person_name=name, slug=re.sub(r"[^a-z]+", "-", name.lower()), order=n)
        for n, name in enumerate(NAMES)
    ]
    return [petition_ensure(case=case) for case in cases]


def counts_on(page) -> dict[str, int]:
    shown = page.locator(".petition-list .count-online")
    return {
        page.locator(".petition-list li").nth(n).get_attribute("data-petition") or str(n): int(
            shown.nth(n).get_attribute("data-count")
        )
        for n in range(shown.count())
    }


def fill_details(page, email: str = "anne.dupont@example.org") -> None:
    page.get_by_label("Prénom").fill("Anne")
    page.get_by_label(re.compile(r"^\s*Nom\W*$")).fill("Dupont")
    page.get_by_role("textbox", name=re.compile(r"^\s*E-mail")).fill(email)
    page.get_by_label("Code postal").fill("1050")


def test_a_supporter_signs_all_ten_confirms_by_email_and_sees_each_count_go_up(page, ten_cases):
    page.goto("/fr/")
    page.get_by_role("link", name="Je signe les 10 pétitions").first.click()
    page.wait_for_url("**/fr/petitions/signer-tout/")
    boxes = page.get_by_role("checkbox", name=re.compile("—"))
    assert boxes.count() == 10
    assert all(boxes.nth(n).is_checked() for n in range(10))
    before = counts_on(page)
    assert list(before.values()) == [0] * 10
    assert not page.get_by_label("Je souhaite recevoir des nouvelles").is_checked()
    screenshot(page, "petitions-sign-all")

    fill_details(page)
    page.get_by_role("button", name="Je signe les pétitions cochées").click()

    page.wait_for_url("**/fr/petitions/verifiez-votre-boite/")
    assert page.get_by_role("heading", level=1).inner_text() == "Vérifiez votre boîte mail"
    screenshot(page, "petitions-check-mailbox")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    for name in NAMES:
        assert name in message.body
    link = re.search(r"https?://\S+/fr/petitions/confirmer/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    page.set_content(message.alternatives[0][0])
    screenshot(page, "petitions-confirmation-email")

    page.goto("/" + path)
    screenshot(page, "petitions-confirm")
    page.get_by_role("button", name="Confirmer ma signature").click()
    page.wait_for_url("**/fr/petitions/merci/")
    assert "Merci" in page.get_by_role("heading", level=1).inner_text()
    screenshot(page, "petitions-thanks")

    page.goto("/fr/petitions/signer-tout/")
    after = counts_on(page)
    assert list(after.values()) == [1] * 10
    assert page.locator(".petitions-total").get_attribute("data-count") == "10"


def test_a_bad_email_on_the_case_page_is_shown_next_to_the_field_with_the_rest_kept(page, ten_cases):
    case = ten_cases[0].case
    page.goto(case.get_absolute_url())
    form = page.locator("form.sign-form")
    form.get_by_label("Prénom").fill("Anne")
    form.get_by_label(re.compile(r"^\s*Nom\W*$")).fill("Dupont")
    form.get_by_role("textbox", name=re.compile(r"^\s*E-mail")).fill("anne.dupont@gmial.com")
    form.get_by_label("Code postal").fill("1050")
    screenshot(page, "petitions-case-form")

    form.get_by_role("button", name="Je signe").click()

    error = page.locator("#id_email_error")
    assert "Vouliez-vous dire anne.dupont@gmail.com" in error.inner_text()
    email = page.get_by_role("textbox", name=re.compile(r"^\s*E-mail"))
    assert "is-invalid" in email.get_attribute("class")
    assert "id_email_error" in (email.get_attribute("aria-describedby") or "")
    assert page.get_by_label("Prénom").input_value() == "Anne"
    assert page.get_by_label(re.compile(r"^\s*Nom\W*$")).input_value() == "Dupont"
    assert page.get_by_label("Code postal").input_value() == "1050"
    assert (
        page.get_by_role("textbox", name=re.compile(r"^\s*E-mail")).input_value() == "anne.dupont@gmial.com"
    )
    screenshot(page, "petitions-bad-email")
    assert mail.outbox == []
