"""axe-core, run in the browser on every public page in French, Dutch and English at the
size of a phone, finds no serious or critical violation (issue 20).

The demo campaign is loaded; the pages are those a visitor reaches from /<lang>/ along the
site's own links, with those only a form or an e-mail leads to (tests/marathon/
test_no_french_left.py makes them). axe-core is the copy bundled with axe-playwright-python
(axe.min.js in the package): nothing is fetched from the network, and a request that
would leave the test server is refused and reported.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from tests.e2e.conftest import PHONE
from tests.marathon.test_no_french_left import pages_only_a_form_or_an_email_leads_to

pytestmark = pytest.mark.django_db(transaction=True)

MAX_PAGES = 40
MIN_PAGES = 15
BLOCKING = ("serious", "critical")
# Not pages: files, the admin, what a click would change.
SKIP = (".pdf", ".ics", "/admin/", "/media/", "/static/", "deconnexion", "logout", "mailto:", "tel:")
# A broken e-mail link and a missing page: the pages a visitor meets when something is wrong.
BROKEN = ("petitions/confirmer/not-a-link/", "kit/marathons/bilan/not-a-link/", "cas/no-such-person/")


def _page_path(href: str, origin: str, language: str) -> str | None:
    parts = urlsplit(href)
    if parts.netloc != origin or not parts.path.startswith(f"/{language}/"):
        return None
    if any(skip in href for skip in SKIP):
        return None
    # The printables' own addresses answer with the PDF (or a redirect to it): a download.
    rest = parts.path[len(language) + 1 :]
    if rest.startswith("/kit/imprimer/") and rest != "/kit/imprimer/":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _violations(page, path: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        nodes = violation["nodes"]
        for node in nodes[:3]:
            target = " >> ".join(
                " ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            found.append(
                f"{path}: {violation['id']} ({violation['impact']}) {target} — {violation['help']}"
                f" — {node['html'][:160]}"
            )
        if len(nodes) > 3:
            found.append(f"{path}: {violation['id']} … and {len(nodes) - 3} more element(s)")
    return found


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_axe_finds_no_serious_or_critical_violation_on_any_public_page_at_phone_size(
    browser, live_server, language
):
    call_command("seed_demo", verbosity=0)
    extra = pages_only_a_form_or_an_email_leads_to(language, broken_links=False)
    extra += [f"/{language}/{path}" for path in BROKEN]

    origin = urlsplit(live_server.url).netloc
    context = browser.new_context(base_url=live_server.url, locale=f"{language}-BE", **PHONE)
    outside = []

    def only_the_test_server(route) -> None:
        if urlsplit(route.request.url).netloc in (origin, "") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_test_server)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        to_visit, seen, crawled, problems = [f"/{language}/"], set(), [], []
        while to_visit and len(crawled) < MAX_PAGES:
            path = to_visit.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = page.goto(path)
            assert response is not None and response.status < 400, (path, response and response.status)
            landed = urlsplit(page.url)
            if landed.path != urlsplit(path).path:  # a redirect: the page is its target's
                seen.add(landed.path)
            crawled.append(path)
            problems += _violations(page, path)
            for href in page.eval_on_selector_all(
                "a[href]", "links => links.map(a => new URL(a.getAttribute('href'), location.href).href)"
            ):
                target = _page_path(href.split("#")[0], origin, language)
                if target and target not in seen:
                    to_visit.append(target)
        for path in extra:
            response = page.goto(path)
            assert response is not None and response.status < 500, (path, response and response.status)
            problems += _violations(page, path)
    finally:
        context.close()

    assert len(crawled) >= MIN_PAGES, crawled
    assert problems == [] and outside == [], (
        f"{len(problems)} serious or critical axe violation(s) in {language} "
        f"({len(crawled)} pages crawled, {len(extra)} more):\n"
        + "\n".join(problems)
        + (f"\nrequests that would have left the test server: {outside}" if outside else "")
    )
