"""A phone behind a busy carrier address: past the connection's soft limit the sign form
asks for proof, the browser gives it by itself (or the person answers a question without
JavaScript), and the signature is recorded (issue 18, finding 8)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from petitions.models import Signature
from petitions.services import petition_ensure
from tests.e2e.conftest import PHONE, screenshot
from tests.e2e.test_petitions import fill_details
from tests.factories import make_case
from tests.petitions.conftest import form_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def petitions(campaign):
    return [petition_ensure(case=make_case(campaign=campaign, order=n)) for n in range(3)]


@pytest.fixture(autouse=True)
def _one_post_then_proof(settings):
    from marathon.lib import ratelimit

    ratelimit._down_until = 0.0
    settings.PETITIONS_RATE_PER_IP = (1, 600)
    settings.PETITIONS_RATE_PER_IP_WITH_PROOF = (50, 600)


def use_up_the_soft_limit(petition) -> None:
    """Someone else on the same carrier address signed first (the test client is 127.0.0.1 too)."""
    response = Client().post(f"/fr/petitions/{petition.pk}/signer/", form_data(email="neighbour@example.org"))
    assert response.status_code == 302


def test_past_the_limit_the_phone_proves_itself_and_the_signatures_are_recorded(page, petitions):
    use_up_the_soft_limit(petitions[0])
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto("/fr/")
    page.get_by_role("link", name="Je signe les 10 pétitions").first.click()
    page.wait_for_url("**/fr/petitions/signer-tout/")
    fill_details(page, email="chloe@example.org")
    page.get_by_role("button", name="Je signe les pétitions cochées").click()

    # The answer: the same form, filled in, with one last step that needs nothing of the person.
    page.get_by_role("heading", name="Une dernière étape").wait_for()
    assert page.get_by_label("Prénom").input_value() == "Anne"
    screenshot(page, "proof-asked")
    # The widget works out its proof and the form goes again by itself.
    page.wait_for_url("**/fr/petitions/verifiez-votre-boite/", timeout=60_000)

    assert Signature.objects.filter(signer__email="chloe@example.org").count() == 3
    # No script error, nothing the CSP blocked (the answer that asks is a 429, as it should be).
    assert [problem for problem in problems if "status of 429" not in problem] == []


def test_without_javascript_the_question_is_answered_and_the_signature_recorded(
    browser, live_server, petitions
):
    use_up_the_soft_limit(petitions[0])
    context = browser.new_context(
        base_url=live_server.url, locale="fr-BE", java_script_enabled=False, **PHONE
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(f"/fr/petitions/{petitions[1].pk}/signer/")
        fill_details(page, email="paul@example.org")
        page.get_by_role("button", name="Je signe").click()

        question = page.get_by_label(re.compile(r"Combien font \d \+ \d"))
        first, second = re.search(r"(\d) \+ (\d)", question.evaluate("e => e.labels[0].textContent")).groups()
        screenshot(page, "proof-question-without-javascript")
        question.fill(str(int(first) + int(second)))
        page.get_by_role("button", name="Je signe").click()

        page.wait_for_url("**/fr/petitions/verifiez-votre-boite/")
        assert Signature.objects.filter(signer__email="paul@example.org").count() == 1
    finally:
        context.close()
