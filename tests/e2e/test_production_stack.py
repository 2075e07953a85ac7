"""A supporter on a phone, against the processes production runs: granian serving the site
(`python -m marathon.serve`, DEBUG off), a Celery worker with beat sending the e-mail from
the outbox and rolling the count up. The other browser tests use Django's test server and
e-mails sent in-process; this one shows the real stack gives the same journey, with its
styles and scripts loaded and nothing refused by the Content-Security-Policy."""

from __future__ import annotations

import re
import time

import pytest

from petitions.services import petition_ensure
from tests.celery_worker import written_mails
from tests.conftest import wait_for
from tests.e2e.conftest import PHONE, screenshot
from tests.petitions.test_worker import confirm_path

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_supporter_signs_on_a_case_page_confirms_from_the_email_and_the_count_goes_up(
    browser, production_web, worker_with_beat, case
):
    petition_ensure(case=case)
    server = production_web()
    context = browser.new_context(base_url=f"http://127.0.0.1:{server.port}", locale="fr-BE", **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("requestfailed", lambda request: problems.append(f"{request.url} {request.failure}"))
    page.on(
        "response",
        lambda response: response.status >= 400 and problems.append(f"{response.status} {response.url}"),
    )

    page.goto(case.get_absolute_url())
    # The stylesheet came through granian and WhiteNoise: Bootstrap's button is styled.
    button = page.locator("form.sign-form").get_by_role("button", name="Je signe")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
    assert page.locator(".count-online").first.get_attribute("data-count") == "0"

    form = page.locator("form.sign-form")
    form.get_by_label("Prénom").fill("Anne")
    form.get_by_label(re.compile(r"^\s*Nom\W*$")).fill("Dupont")
    form.get_by_role("textbox", name=re.compile(r"^\s*E-mail")).fill("anne.dupont@example.org")
    form.get_by_label("Code postal").fill("1050")
    button.click()
    page.wait_for_url("**/fr/petitions/verifiez-votre-boite/")
    screenshot(page, "production-check-mailbox")

    # Beat's sweep hands the e-mail to the worker, which writes it.
    mail_text = wait_for(lambda: written_mails(worker_with_beat.mail_dir), timeout=30)[0]
    page.goto(confirm_path(mail_text))
    page.get_by_role("button", name="Confirmer ma signature").click()
    page.wait_for_url("**/fr/petitions/merci/")
    assert "Merci" in page.get_by_role("heading", level=1).inner_text()
    screenshot(page, "production-thanks")

    # Beat's roll-up, the counts' memory and the page cache: a few seconds at most.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        page.goto(case.get_absolute_url())
        if page.locator(".count-online").first.get_attribute("data-count") == "1":
            break
        time.sleep(1)
    assert page.locator(".count-online").first.get_attribute("data-count") == "1"
    assert problems == []
    context.close()
