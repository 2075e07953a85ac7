"""Generated input through the form that asks for a link to one's own data."""

from __future__ import annotations

import pytest
from django.core.validators import validate_email
from hypothesis import given

from marathon.lib.addresses import check_domain
from marathon.models import PersonalDataRequest
from tests.fuzz import strategies as s
from tests.fuzz.conftest import FUZZ, rolled_back, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.PERSONAL_DATA_RATE_PER_IP = (10**9, 60)


def test_the_personal_data_form_never_fails_and_stores_only_valid_addresses(client):
    @FUZZ
    @given(data=s.form({"email": s.emails}))
    def submit(data):
        with rolled_back():
            response = s.post_form(client, "/fr/mes-donnees/", data)
            assert response.status_code in {302, 400}, (response.status_code, data)
            stored = list(PersonalDataRequest.objects.all())
            if response.status_code == 400:
                assert row_counts("marathon_personaldatarequest")["marathon_personaldatarequest"] == 0
            else:
                [request] = stored
                validate_email(request.email)
                check_domain(request.email)
                assert request.email.casefold() == data["email"].strip().casefold()

    submit()
