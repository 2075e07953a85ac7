"""The head's links, the header and the footer of every page: made once per process and
language, each page's own path put in its links to the other languages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

from cases import current
from cases.models import Campaign
from marathon.templatetags.marathon import _page_parts
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PARTS = {"includes/site_head.html", "includes/site_header.html", "includes/site_footer.html"}


@pytest.fixture(autouse=True)
def _made_afresh():
    _page_parts.forget()
    yield
    _page_parts.forget()


def parts_rendered(response) -> set[str]:
    return {template.name for template in response.templates} & PARTS


def switcher(response) -> str:
    html = response.content.decode()
    return html[html.index('class="language-bar"') : html.index("</nav>", html.index('class="language-bar"'))]


def test_the_header_and_footer_are_made_once_per_language(client, campaign):
    first, second = make_case(campaign=campaign), make_case(campaign=campaign)
    assert parts_rendered(client.get(first.get_absolute_url())) == PARTS
    assert parts_rendered(client.get(second.get_absolute_url())) == set()
    assert parts_rendered(client.get("/fr/")) == set()
    assert parts_rendered(client.get(f"/nl/cas/{second.slug}/")) == PARTS


def test_each_page_gets_its_own_path_and_current_language_in_the_switcher(client, campaign):
    first, second = make_case(campaign=campaign), make_case(campaign=campaign)
    client.get(first.get_absolute_url())
    for language in ("fr", "nl"):
        response = client.get(f"/{language}/cas/{second.slug}/")
        links = switcher(response)
        for other in ("fr", "nl", "en"):
            assert f'href="/{other}/cas/{second.slug}/" hreflang="{other}"' in links
        assert first.slug not in links
        assert re.findall(r'href="/(\w\w)/[^"]*"[^>]*aria-current="true"', links) == [language]
        html = response.content.decode()
        assert f'hreflang="nl" href="{settings.SITE_URL}/nl/cas/{second.slug}/"' in html
        assert f'hreflang="x-default" href="{settings.SITE_URL}/fr/cas/{second.slug}/"' in html


def test_a_path_is_escaped_in_the_switcher(client, db):
    response = client.get('/fr/cas/"><script>/')
    assert response.status_code == 404
    assert 'href="/nl/cas/&quot;&gt;&lt;script&gt;/"' in switcher(response)


def test_the_navigation_follows_the_campaigns_calendar(client, campaign):
    case = make_case(campaign=campaign)
    assert "/fr/kit/commander/" in client.get(case.get_absolute_url()).content.decode().split("</header>")[0]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Campaign.objects.filter(pk=campaign.pk).update(kit_ordering_closes_on=yesterday)
    current.forget()
    # Ordering closed: the same page offers to print the kit, from a header made again.
    response = client.get(case.get_absolute_url())
    header = response.content.decode().split("</header>")[0]
    assert parts_rendered(response) == PARTS
    assert "/fr/kit/commander/" not in header
    assert "/fr/kit/imprimer/" in header
