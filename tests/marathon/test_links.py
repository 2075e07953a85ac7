"""Every kind of e-mailed link is made and read by marathon.lib.links, and refuses a
tampered, an expired and a wrong-purpose token through the page it opens."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kits.links import marathon_edit_token, marathon_report_token, order_not_me_token, reminders_stop_token
from marathon.emails import personal_data_token
from marathon.lib import links
from marathon.models import PersonalDataRequest
from petitions.models import NewsSubscriber, Signer
from petitions.tokens import news_unsubscribe_token, signer_token
from tests.factories import make_case
from tests.kits.helpers import make_kit_order

pytestmark = pytest.mark.django_db

# Each kind: its purpose, how a test makes one, the page it opens, what a refusal answers.
KINDS = {
    "confirm": (links.Purpose.CONFIRM_SIGNATURES, "/fr/petitions/confirmer/{}/", {400, 410}),
    "erase": (links.Purpose.ERASE_SIGNER, "/fr/petitions/effacer/{}/", {400, 410}),
    "report": (links.Purpose.MARATHON_REPORT, "/fr/kit/marathons/bilan/{}/", {404}),
    "marathon-edit": (links.Purpose.MARATHON_EDIT, "/fr/kit/marathons/modifier/{}/", {404}),
    "personal-data": (links.Purpose.PERSONAL_DATA, "/fr/mes-donnees/{}/", {400}),
    "not-me": (links.Purpose.KIT_ORDER_NOT_ME, "/fr/kit/commande/pas-moi/{}/", {404}),
    "reminders-stop": (links.Purpose.KIT_REMINDERS_STOP, "/fr/kit/rappels/arreter/{}/", {404}),
    "news": (links.Purpose.NEWS_UNSUBSCRIBE, "/fr/petitions/nouvelles/desinscription/{}/", {404}),
}


@pytest.fixture
def made(campaign):
    """A valid link of each kind, and the payload it carries."""
    make_case(campaign=campaign)  # the report page lists the campaign's cases
    signer = Signer.objects.create(email="anne@example.org", email_canonical="anne@example.org")
    order = make_kit_order(marathon={"date": timezone.localdate() - datetime.timedelta(days=1)})
    upcoming = make_kit_order(marathon={"date": timezone.localdate() + datetime.timedelta(days=3)})
    request = PersonalDataRequest.objects.create(email="anne@example.org")
    return {
        "confirm": signer_token(signer=signer, purpose=links.Purpose.CONFIRM_SIGNATURES),
        "erase": signer_token(signer=signer, purpose=links.Purpose.ERASE_SIGNER),
        "report": marathon_report_token(order.marathon),
        "marathon-edit": marathon_edit_token(upcoming.marathon),
        "not-me": order_not_me_token(order),
        "reminders-stop": reminders_stop_token(order),
        "news": news_unsubscribe_token(
            NewsSubscriber.objects.create(
                email="anne@example.org",
                email_canonical="anne@example.org",
                consented_at=timezone.now(),
                consent_text="…",
            )
        ),
        "personal-data": personal_data_token(request),
    }


@pytest.mark.parametrize("kind", KINDS)
def test_a_valid_link_opens_its_page(client, made, kind):
    _purpose, path, _refused = KINDS[kind]
    assert client.get(path.format(made[kind])).status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_a_tampered_link_is_refused(client, made, kind):
    _purpose, path, refused = KINDS[kind]
    token = made[kind]
    tampered = token[:-3] + ("xyz" if not token.endswith("xyz") else "abc")
    assert client.get(path.format(tampered)).status_code in refused
    with pytest.raises(links.LinkError):
        links.read_token(tampered, purpose=KINDS[kind][0])


@pytest.mark.parametrize("kind", KINDS)
def test_an_expired_link_is_refused(client, made, kind, settings):
    purpose, path, refused = KINDS[kind]
    setattr(settings, links._LIFETIME_SETTING[purpose][0], -1)
    assert client.get(path.format(made[kind])).status_code in refused
    with pytest.raises(links.LinkExpired):
        links.read_token(made[kind], purpose=purpose)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("other", KINDS)
def test_a_link_made_for_another_purpose_is_refused(client, made, kind, other):
    if kind == other:
        return
    _purpose, path, refused = KINDS[kind]
    assert client.get(path.format(made[other])).status_code in refused
    with pytest.raises(links.LinkError):
        links.read_token(made[other], purpose=KINDS[kind][0])


def test_every_purpose_has_a_lifetime_setting(settings):
    for purpose in links.Purpose:
        assert links.lifetime_seconds(purpose) > 0


def test_every_link_kind_is_tested_here():
    # The form proof is a token in a page, not a link (tests/marathon/test_proof.py).
    assert {purpose for purpose, _path, _refused in KINDS.values()} == set(links.Purpose) - {
        links.Purpose.FORM_PROOF
    }
