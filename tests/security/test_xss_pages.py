from __future__ import annotations

import pytest

from cases.models import ImpactFigure, SuccessStory
from tests.security.xss import PAYLOADS, case_full_of, executable_parts

pytestmark = pytest.mark.django_db

PAGES = ["/fr/", "/fr/cas/", "/fr/cas/histoires/", "/fr/comment-ca-marche/"]


def test_the_checker_finds_what_it_should():
    assert executable_parts("<p>ok</p><script src='/static/x.js'></script>") == []
    assert executable_parts("<script>alert(1)</script>")
    assert executable_parts('<img src=x onerror="alert(1)">')
    assert executable_parts('<a href="javascript:alert(1)">x</a>')


@pytest.mark.parametrize("payload", PAYLOADS)
def test_staff_text_fields_leave_nothing_executable_in_the_pages(client, campaign, payload):
    campaign.title = campaign.intro = payload
    campaign.return_address = payload
    campaign.save()
    case = case_full_of(payload, campaign=campaign)
    SuccessStory.objects.create(
        campaign=campaign, title=payload[:200], person_name=payload[:200], country="DZ", body=payload
    )
    ImpactFigure.objects.create(campaign=campaign, value=payload[:40], label=payload[:200])

    for url in [*PAGES, case.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert executable_parts(response.content.decode()) == [], url
