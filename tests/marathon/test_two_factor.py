from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import login_with_second_factor

pytestmark = pytest.mark.django_db

SIGNERS = "/admin/petitions/signer/"
ORDERS = "/admin/kits/kitorder/"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("coord", "coord@example.org", "a-long-password-42")


def _code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key).token():06d}"


@pytest.mark.parametrize("url", [SIGNERS, ORDERS, "/admin/"])
def test_a_password_alone_does_not_reach_personal_data(client, superuser, url):
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:second-factor"))


def test_personal_data_opens_once_the_second_factor_is_given(client, superuser):
    assert login_with_second_factor(client, superuser).get(SIGNERS).status_code == 200


def test_first_login_enrols_the_authenticator_app_then_lets_in(client, superuser, settings):
    # django-otp makes each failure slow down the next try; this test retries at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client.force_login(superuser)
    page = client.get(reverse("admin:second-factor"), {"next": SIGNERS})
    html = page.content.decode()
    assert page.status_code == 200
    assert "data:image/svg+xml" in html  # the QR code, served inline (no third party)
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)

    wrong = client.post(reverse("admin:second-factor"), {"token": "000000", "next": SIGNERS})
    assert wrong.status_code == 400
    assert "Ce code n’est pas valide" in wrong.content.decode()
    assert client.get(SIGNERS).status_code == 302

    right = client.post(reverse("admin:second-factor"), {"token": _code(device), "next": SIGNERS})
    assert right.status_code == 302 and right["Location"] == SIGNERS
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(SIGNERS).status_code == 200


def test_the_next_parameter_cannot_send_staff_to_another_site(client, superuser):
    client.force_login(superuser)
    device = TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    response = client.post(
        reverse("admin:second-factor"), {"token": _code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("admin:index")


def test_staff_who_only_edit_cases_need_no_second_factor(client, django_user_model):
    editor = django_user_model.objects.create_user("ed", password="a-long-password-42", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="cases"))
    client.force_login(editor)
    assert client.get("/admin/cases/case/").status_code == 200
    assert client.get(SIGNERS).status_code == 403


def test_staff_with_a_permission_on_signers_need_it(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="a-long-password-42", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_signer"))
    client.force_login(clerk)
    assert client.get(SIGNERS).status_code == 302
    assert client.get("/admin/cases/case/").status_code == 302


def test_counters_are_not_asked_for_a_second_factor_at_the_desk(client, django_user_model, campaign):
    volunteer = django_user_model.objects.create_user("vol", password="a-long-password-42", is_staff=True)
    volunteer.groups.add(Group.objects.get(name="counters"))
    client.force_login(volunteer)
    assert client.get(reverse("tally:desk")).status_code == 200


def test_logout_works_before_the_second_factor(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_wrong_codes_slow_down_the_next_tries(client, superuser):
    client.force_login(superuser)
    device = TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    client.post(reverse("admin:second-factor"), {"token": "000000"})
    right = client.post(reverse("admin:second-factor"), {"token": _code(device)})
    assert right.status_code == 400  # throttled, even with the right code
    assert client.get(SIGNERS).status_code == 302
