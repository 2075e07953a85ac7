"""A database that cannot answer gives a French "try again" page (503), never the 500 page.

The real thing (Postgres restarted under traffic) is in tests/faults/; these check the
handler with the failure simulated.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from petitions.models import Signature
from tests.petitions.conftest import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser() -> Client:
    # The default test client re-raises a view's exception instead of showing the error page.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "error", [OperationalError("server closed the connection"), InterfaceError("connection already closed")]
)
def test_a_signature_the_database_cannot_take_gets_a_try_again_page(browser, case, error):
    from petitions.services import petition_ensure

    petition = petition_ensure(case=case)
    with mock.patch("petitions.services.signature_create", side_effect=error):
        response = browser.post(f"/fr/petitions/{petition.pk}/signer/", form_data())

    assert response.status_code == 503
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Réessayez dans quelques instants" in page
    assert "pas été enregistrée" in page
    assert response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert Signature.objects.count() == 0


def test_the_try_again_page_needs_no_database(browser, case):
    # The home page's own queries fail, and so would any query the error page made.
    with mock.patch("cases.models.Campaign.objects.current", side_effect=OperationalError("down")):
        response = browser.get("/fr/")

    assert response.status_code == 503
    assert "Réessayez dans quelques instants" in response.content.decode()


def test_other_errors_still_get_the_500_page(browser, case):
    with mock.patch("cases.models.Campaign.objects.current", side_effect=ZeroDivisionError):
        response = browser.get("/fr/")

    assert response.status_code == 500
    assert "Oups, une erreur" in response.content.decode()
