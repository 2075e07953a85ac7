from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import TestCase

from petitions import counts, lookup
from petitions.models import Petition, Signer
from petitions.services import petition_ensure
from tests.factories import make_case


@pytest.fixture(autouse=True)
def _fresh_caches():
    counts.forget()
    lookup.forget()
    yield
    counts.forget()
    lookup.forget()


@pytest.fixture
def petition(case) -> Petition:
    return petition_ensure(case=case)


@pytest.fixture
def ten_petitions(campaign) -> list[Petition]:
    return [petition_ensure(case=make_case(campaign=campaign)) for _ in range(10)]


def form_data(**overrides) -> dict:
    data = {
        "first_name": "Anne",
        "last_name": "Dupont",
        "email": "anne.dupont@example.org",
        "postcode": "1050",
        "country": "BE",
    }
    data.update(overrides)
    return data


def on_commit_runs():
    """Run transaction.on_commit callbacks (tests run inside a transaction that never commits)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def sign(client, petition: Petition, **overrides):
    with on_commit_runs():
        return client.post(f"/fr/petitions/{petition.pk}/signer/", form_data(**overrides))


def sign_all(client, petitions, **overrides):
    with on_commit_runs():
        return client.post(
            "/fr/petitions/signer-tout/", form_data(petitions=[p.pk for p in petitions], **overrides)
        )


def confirm(client, message=None):
    with on_commit_runs():
        return client.post(link_from(message or last_mail(), "confirmer"))


def link_from(message, name: str) -> str:
    """The path of a signed link (confirmer/effacer) found in an e-mail's text."""
    match = re.search(rf"https?://[^/\s]+(/fr/petitions/{name}/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def last_mail():
    assert mail.outbox, "no e-mail was sent"
    return mail.outbox[-1]


def signer(email: str = "anne.dupont@example.org") -> Signer:
    return Signer.objects.get(email_canonical=email)
