"""Input an outside test turned into a 500: every one answers 4xx with the site's page,
or is read as the person meant it, and nothing is written that should not be."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kits.models import KitOrder
from marathon.models import PersonalDataRequest
from tests.faults.stack import Browser
from tests.kits.helpers import order_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "postcode", ["1050\n", "1050\r\n", "\u200b1050", "10 50\n", "B-1050\n", "١٠٥٠", "1٠٥٠"]
)
def test_a_postcode_with_a_trailing_newline_or_other_digits_is_read_as_1050(client, campaign, postcode):
    response = client.post("/fr/kit/commander/", order_form_data(postcode=postcode))

    assert response.status_code == 302
    assert KitOrder.objects.get().postcode == "1050"


@pytest.mark.parametrize("postcode", ["1050\n\n7", "105O", "0999", "10500", "𝟏𝟎𝟓𝟎x"])
def test_a_postcode_that_is_not_one_is_explained_in_french(client, campaign, postcode):
    response = client.post("/fr/kit/commander/", order_form_data(postcode=postcode))

    assert response.status_code == 400
    assert "code postal belge" in response.content.decode()
    assert not KitOrder.objects.exists()


def test_a_signer_postcode_in_other_digits_is_stored_in_ascii(client, db):
    from petitions.forms import SignForm

    form = SignForm(
        data={
            "first_name": "Anne",
            "last_name": "Dupont",
            "email": "anne@example.org",
            "postcode": "١٠٥٠\n",
            "country": "BE",
            "consent": "on",
        }
    )
    form.is_valid()
    assert form.cleaned_data.get("postcode") == "1050"


def test_a_username_longer_than_any_on_the_admin_login_is_refused_not_a_500(client, db):
    response = client.post(reverse("admin:login"), {"username": "u" * 256, "password": "x"})

    assert response.status_code == 200
    assert "Saisissez" in response.content.decode() or "correct" in response.content.decode()


@pytest.mark.parametrize("charset", ["latin-1", "iso-8859-15", "utf-16", "x-unknown"])
@pytest.mark.parametrize("path", ["/fr/kit/commander/", "/fr/mes-donnees/", "/fr/petitions/signer-tout/"])
def test_a_form_posted_in_another_charset_gets_the_sites_400_page(client, campaign, charset, path):
    body = b"email=%E9t%E9%40example.org&contact_name=%E9"
    # generic(): the test client would encode the body in that charset itself.
    response = client.generic(
        "POST", path, body, content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )

    assert response.status_code == 400
    # The site's headers, all of them (X-Frame-Options was missing here: seen from outside).
    assert "Content-Security-Policy" in response and response["X-Frame-Options"] == "DENY"
    assert "Requête incomprise" in response.content.decode()
    assert not KitOrder.objects.exists() and not PersonalDataRequest.objects.exists()


def test_a_form_sent_without_its_csrf_token_gets_the_sites_french_page(campaign):
    response = Client(enforce_csrf_checks=True).post("/fr/mes-donnees/", {"email": "anne@example.org"})

    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="fr' in html and "Ce formulaire a expiré" in html
    assert response["X-Frame-Options"] == "DENY"
    assert not PersonalDataRequest.objects.exists()


def test_a_utf8_form_with_its_charset_said_is_read(client, campaign):
    response = client.post(
        "/fr/mes-donnees/",
        "email=anne%40example.org",
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code in {200, 302}


def test_a_large_file_part_in_a_public_form_is_refused_before_it_is_read(client, campaign, settings):
    settings.PUBLIC_FORM_MAX_BYTES = 1024
    big = b"x" * 4096
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/fr/kit/commander/", {**order_form_data(), "attachment": SimpleUploadedFile("a.bin", big)}
    )

    assert response.status_code == 400
    assert not KitOrder.objects.exists()


def raw_post(port: int, path: str, body: bytes, content_type: str, cookie: str = "") -> tuple[int, dict, str]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    connection.putrequest("POST", path)
    connection.putheader("Content-Type", content_type)
    if cookie:
        connection.putheader("Cookie", cookie)
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    headers = {name.title(): value for name, value in response.getheaders()}
    return response.status, headers, response.read().decode("utf-8", "replace")


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=x-unknown",
        "application/x-www-form-urlencoded; charset=utf-16",
        "multipart/form-data; boundary=zz; charset=latin-1",
    ],
)
def test_the_production_server_answers_odd_charsets_with_the_sites_400_page(production_web, content_type):
    from tests.factories import make_campaign

    make_campaign()
    web = production_web()
    # As a browser does: the form first, so the post carries its CSRF cookie and token
    # (the check that reads the body then made this a 500).
    form = Browser(web.port)
    token = form.csrf_token("/fr/mes-donnees/")
    cookie = "; ".join(f"{name}={value}" for name, value in form.cookies.items())
    body = f"email=%E9t%E9%40example.org&csrfmiddlewaretoken={token}".encode()
    status, headers, page = raw_post(web.port, "/fr/mes-donnees/", body, content_type, cookie)

    assert status == 400
    assert "Content-Security-Policy" in headers
    assert "Requête incomprise" in page
    assert not PersonalDataRequest.objects.exists()


def test_the_production_server_refuses_a_file_in_a_public_form(production_web):
    web = production_web(PUBLIC_FORM_MAX_BYTES="1024")
    body = (
        b'--zz\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n'
        + b"x" * 4096
        + b"\r\n--zz--\r\n"
    )
    status, headers, page = raw_post(web.port, "/fr/mes-donnees/", body, "multipart/form-data; boundary=zz")

    assert status == 400
    assert "Content-Security-Policy" in headers
    assert "Requête incomprise" in page


@pytest.mark.django_db(transaction=True)  # the real handler closes the connection after the request
def test_a_charset_python_cannot_even_look_up_gets_the_400_page_not_a_bare_500(campaign):
    import io

    from django.test import RequestFactory

    from marathon.wsgi import application

    body = b"email=anne%40example.org"
    environ = RequestFactory()._base_environ(
        PATH_INFO="/fr/mes-donnees/",
        REQUEST_METHOD="POST",
        CONTENT_TYPE="application/x-www-form-urlencoded; charset=utf-8\x00",
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": io.BytesIO(body)},
    )
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    page = b"".join(application(environ, start_response)).decode()
    assert answer["status"].startswith("400")
    assert "Content-Security-Policy" in answer["headers"]
    assert "Requête incomprise" in page
    assert not PersonalDataRequest.objects.exists()


@pytest.mark.parametrize("name", ["\u3164", "\u3164\u3164 \u3164", "\u115f\u1160", "\uffa0", "A\u3164"])
def test_a_name_of_invisible_letters_is_refused_for_the_embassys_list(name):
    from django.core.exceptions import ValidationError

    from petitions.forms import clean_person_name

    with pytest.raises(ValidationError):
        clean_person_name(name)
