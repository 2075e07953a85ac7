from __future__ import annotations

import re

import pytest
import redis
from django.core import mail
from django.db import connection
from django.db.models import F
from django.test import Client

from marathon.lib import ratelimit
from marathon.outbox.models import MAX_ATTEMPTS as OUTBOX_MAX_ATTEMPTS
from marathon.outbox.models import Email as OutboxEmail
from petitions.consent import ONE_PETITION, PETITIONS_TICKED
from petitions.models import Signature, Signer
from petitions.services import signature_create
from tests.petitions.conftest import confirm, form_data, last_mail, sign, sign_all, signer


@pytest.fixture(autouse=True)
def _limiter_fresh():
    ratelimit._down_until = 0.0
    yield
    ratelimit._down_until = 0.0


def test_signing_records_a_pending_signature_and_mails_a_french_confirmation(client, petition):
    response = sign(client, petition)

    assert response.status_code == 302
    assert response["Location"] == "/fr/petitions/verifiez-votre-boite/"
    signature = Signature.objects.get()
    assert signature.petition == petition
    assert signature.confirmed_at is None
    message = last_mail()
    assert message.to == ["anne.dupont@example.org"]
    assert "Confirmez votre signature" in message.subject
    assert "/fr/petitions/confirmer/" in message.body
    assert "/fr/petitions/effacer/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Confirmer ma signature" in html


def test_the_check_mailbox_page_says_to_open_the_email(client, petition):
    response = client.get(sign(client, petition)["Location"])

    html = response.content.decode()
    assert "Vérifiez votre boîte" in html
    # The words of the e-mail's button (issue 19: the page said « Je confirme »).
    assert "« Confirmer ma signature »" in html


def test_the_answer_does_not_tell_whether_the_address_had_signed(client, petition):
    def answer(email: str) -> tuple:
        response = sign(client, petition, email=email)
        page = client.get(response["Location"])
        return response.status_code, response["Location"], page.status_code, page.content

    new = answer("anne.dupont@example.org")
    confirm(client)
    confirmed = answer("anne.dupont@example.org")
    pending = answer("paul@example.org")
    for _ in range(5):
        capped = answer("paul@example.org")  # no e-mail sent any more

    assert new == confirmed == pending == capped
    assert new[:3] == (302, "/fr/petitions/verifiez-votre-boite/", 200)
    assert Signer.objects.get(email="paul@example.org").confirmation_emails == 5


def test_signing_again_while_pending_resends_and_never_duplicates(client, petition):
    sign(client, petition)
    sign(client, petition, email="Anne.Dupont+petitions@EXAMPLE.org")

    assert Signer.objects.count() == 1
    assert Signature.objects.count() == 1
    assert len(mail.outbox) == 2


def test_no_more_than_five_confirmation_emails_reach_a_pending_address(client, petition):
    for _ in range(7):
        assert sign(client, petition).status_code == 302

    assert len(mail.outbox) == 5
    assert Signature.objects.count() == 1


def test_confirming_lets_a_later_signature_get_its_own_email(client, ten_petitions):
    for _ in range(5):
        sign(client, ten_petitions[0])
    confirm(client)

    sign(client, ten_petitions[1])

    assert len(mail.outbox) == 6
    assert signer().signatures.pending().count() == 1


def test_sign_all_records_every_ticked_petition_with_one_email(client, ten_petitions):
    response = sign_all(client, ten_petitions)

    assert response.status_code == 302
    assert Signature.objects.filter(signer=signer()).count() == 10
    assert len(mail.outbox) == 1
    for petition in ten_petitions:
        assert petition.case.person_name in last_mail().body


def test_sign_all_signs_only_the_ticked_ones(client, ten_petitions):
    sign_all(client, ten_petitions[:3])

    assert set(Signature.objects.values_list("petition_id", flat=True)) == {p.pk for p in ten_petitions[:3]}


def test_the_sign_all_page_lists_the_ten_petitions_all_ticked(client, ten_petitions):
    content = client.get("/fr/petitions/signer-tout/").content.decode()

    for petition in ten_petitions:
        assert f'value="{petition.pk}" id="petition-{petition.pk}" checked' in content
        assert petition.case.person_name in content
    assert 'name="news_opt_in"' in content
    assert "/fr/vie-privee/" in content


def test_unticking_every_petition_is_refused_with_a_message(client, ten_petitions):
    response = sign_all(client, [])

    assert response.status_code == 400
    assert "Cochez au moins une pétition" in response.content.decode()
    assert not Signature.objects.exists()


def test_belgium_is_the_country_already_chosen_on_every_form(client, petition):
    for url in (
        f"/fr/petitions/{petition.pk}/signer/",
        petition.case.get_absolute_url(),
        "/fr/petitions/signer-tout/",
    ):
        page = client.get(url).content.decode()
        select = page[page.index('name="country"') : page.index("</select>", page.index('name="country"'))]

        assert re.findall(r'<option value="(\w*)" selected>', select) == ["BE"], url


def test_the_news_box_is_unticked_and_its_consent_kept_apart(client, petition):
    page = client.get(f"/fr/petitions/{petition.pk}/signer/").content.decode()
    assert 'name="news_opt_in"' in page
    assert 'name="news_opt_in" class="form-check-input" id="id_news_opt_in" checked' not in page

    sign(client, petition)
    assert signer().news_opt_in is False

    sign(client, petition, email="paul@example.org", news_opt_in="on")
    paul = signer("paul@example.org")
    assert paul.news_opt_in is True
    assert paul.news_opt_in_at is not None


def test_the_consent_text_and_its_version_are_stored_with_each_signature(client, ten_petitions):
    sign_all(client, ten_petitions[:2])
    sign(client, ten_petitions[2], email="paul@example.org")

    # Each form its own words: the sign-all one speaks of the petitions ticked and their embassies.
    stored = set(Signature.objects.values_list("signer__email", "consent_version", "consent_text"))
    assert stored == {
        ("anne.dupont@example.org", PETITIONS_TICKED.version, PETITIONS_TICKED.text_in("fr")),
        ("paul@example.org", ONE_PETITION.version, ONE_PETITION.text_in("fr")),
    }
    all_page = client.get("/fr/petitions/signer-tout/").content.decode()
    assert "Je signe les pétitions cochées" in all_page and "cette pétition" not in all_page
    one_page = client.get(f"/fr/petitions/{ten_petitions[3].pk}/signer/").content.decode()
    assert ONE_PETITION.text_in("fr")[:60] in one_page
    assert "du pays concerné" not in all_page + one_page


def test_a_filled_honeypot_is_answered_like_a_person_but_nothing_is_kept(client, petition):
    response = sign(client, petition, website="http://spam.example.com")

    assert response.status_code == 302
    assert not Signature.objects.exists()
    assert mail.outbox == []


def test_a_post_without_csrf_token_is_refused(petition):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/fr/petitions/{petition.pk}/signer/", form_data())

    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_past_the_hard_limit_one_address_gets_429_with_the_form_kept(client, petition, settings):
    # Past the soft limit a proof is asked (tests/marathon/test_proof.py); past the hard one, refused.
    settings.PETITIONS_RATE_PER_IP = (2, 600)
    settings.PETITIONS_RATE_PER_IP_WITH_PROOF = (2, 600)
    sign(client, petition, email="a@example.org")
    sign(client, petition, email="b@example.org")

    response = sign(client, petition, email="c@example.org", first_name="Chloé")

    assert response.status_code == 429
    content = response.content.decode()
    assert "Trop de signatures" in content
    assert 'value="Chloé"' in content
    assert Signature.objects.count() == 2


def test_too_many_signatures_for_one_email_are_limited(client, ten_petitions, settings):
    settings.PETITIONS_RATE_PER_EMAIL = (3, 3600)
    for petition in ten_petitions[:3]:
        assert sign(client, petition).status_code == 302

    assert sign(client, ten_petitions[3], email="ANNE.DUPONT+x@example.org").status_code == 429


def test_a_signatures_limits_are_one_round_trip_to_redis(client, ten_petitions, monkeypatch):
    # The connection's limits and the address's, counted by one script: a signature's POST
    # is bound by CPU on the busiest night, and each round trip cost as much as the form.
    sign(client, ten_petitions[0], email="first@example.org")  # the script is loaded once
    sent = []
    real = redis.connection.AbstractConnection.send_packed_command
    monkeypatch.setattr(
        redis.connection.AbstractConnection,
        "send_packed_command",
        lambda self, command, *a, **k: sent.append(command) or real(self, command, *a, **k),
    )

    assert sign(client, ten_petitions[1], email="second@example.org").status_code == 302
    assert len(sent) == 1 and b"EVALSHA" in b"".join(sent[0] if isinstance(sent[0], list) else [sent[0]])


def test_the_limits_still_count_after_redis_forgot_the_script(client, petition, settings):
    settings.PETITIONS_RATE_PER_EMAIL = (1, 3600)
    assert sign(client, petition, email="anne@example.org").status_code == 302
    redis.Redis.from_url(settings.REDIS_URL).script_flush()  # as after a restart of Redis

    assert sign(client, petition, email="anne@example.org").status_code == 429


def test_posts_refused_to_a_connection_do_not_use_up_an_address(client, petition, settings):
    settings.PETITIONS_RATE_PER_IP = (1, 600)
    settings.PETITIONS_RATE_PER_IP_WITH_PROOF = (2, 600)
    settings.PETITIONS_RATE_PER_EMAIL = (2, 3600)
    sign(client, petition, email="someone@example.org")
    for _ in range(5):  # asked for a proof, then refused: none counts against anne
        assert sign(client, petition, email="anne@example.org").status_code == 429

    # Her own posts, each from a connection of its own: two pass, the third is one too many.
    statuses = [
        sign(Client(REMOTE_ADDR=address), petition, email="anne@example.org").status_code
        for address in ("198.51.100.7", "203.0.113.7", "192.0.2.77")
    ]
    assert statuses == [302, 302, 429]


def sign_from(client, petition, n: int, **headers) -> int:
    """Sign with the n-th address, from the connection `headers` describe; the status."""
    data = form_data(email=f"supporter{n}@example.org")
    return client.post(f"/fr/petitions/{petition.pk}/signer/", data, **headers).status_code


PROXY = {"REMOTE_ADDR": "10.0.0.2"}


def test_behind_a_trusted_proxy_each_supporter_has_their_own_limit(client, petition, settings):
    settings.TRUSTED_PROXIES = 1
    settings.PETITIONS_RATE_PER_IP = (2, 600)
    anne = {**PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    # A client may send its own header: the proxy appends the address it saw.
    forged = {**PROXY, "HTTP_X_FORWARDED_FOR": "192.0.2.99, 198.51.100.7"}

    assert [sign_from(client, petition, n, **anne) for n in range(2)] == [302, 302]
    assert sign_from(client, petition, 2, **forged) == 429
    assert sign_from(client, petition, 3, **{**PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.8"}) == 302
    assert Signature.objects.get(signer__email="supporter3@example.org").ip_range == "198.51.100.0/24"


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, petition, settings):
    settings.TRUSTED_PROXIES = 0
    settings.PETITIONS_RATE_PER_IP = (2, 600)
    statuses = [
        sign_from(client, petition, n, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        for n in range(3)
    ]

    assert statuses == [302, 302, 429]
    assert Signature.objects.count() == 2


def test_ipv6_addresses_of_one_subscriber_share_a_limit(client, petition, settings):
    settings.PETITIONS_RATE_PER_IP = (2, 600)
    statuses = [sign_from(client, petition, n, REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}") for n in range(3)]

    assert statuses == [302, 302, 429]
    assert sign_from(client, petition, 3, REMOTE_ADDR="2001:db8:1:3::1") == 302


@pytest.mark.parametrize(
    "address, key",
    [
        ("203.0.113.5", "203.0.113.5"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.5", "203.0.113.5"),
        ("not an address", "not an address"),
        ("", ""),
    ],
)
def test_the_key_a_limit_per_address_counts(address, key):
    assert ratelimit.client_key(address) == key


def test_with_redis_down_people_can_still_sign(client, petition, settings):
    settings.PETITIONS_RATE_PER_IP = (1, 600)
    settings.REDIS_URL = "redis://127.0.0.1:6390/0"  # nothing listens there

    responses = [sign(client, petition, email=f"p{n}@example.org") for n in range(3)]

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert Signature.objects.count() == 3


def test_a_closed_petition_cannot_be_signed(client, petition):
    petition.is_open = False
    petition.save()

    response = sign(client, petition)

    assert response.status_code == 410
    page = response.content.decode()
    assert "Cette pétition est close" in page and 'name="email"' not in page
    assert client.get(f"/fr/petitions/{petition.pk}/signer/").status_code == 200
    assert not Signature.objects.exists()


def test_the_form_cannot_change_a_confirmed_signers_name(client, petition):
    sign(client, petition)
    confirm(client)

    sign(client, petition, first_name="Usurpateur")

    assert signer().first_name == "Anne"


def test_a_pending_signer_can_correct_their_name_by_signing_again(client, petition):
    sign(client, petition, first_name="Ane")
    sign(client, petition, first_name="Anne")

    assert signer().first_name == "Anne"


def test_the_signature_keeps_the_network_not_the_address(client, petition):
    client.post(f"/fr/petitions/{petition.pk}/signer/", form_data(), REMOTE_ADDR="203.0.113.77")

    assert Signature.objects.get().ip_range == "203.0.113.0/24"


def test_the_province_is_derived_from_a_belgian_postcode(client, petition):
    sign(client, petition, postcode="4000")
    sign(client, petition, email="hans@example.org", postcode="10115", country="DE")

    assert signer().province == "WLG"
    assert signer("hans@example.org").province == ""


def test_signing_is_one_round_trip_to_postgres(ten_petitions, django_assert_num_queries):
    # The busiest night is bound by CPU: the signer, the ten signatures and the e-mail are
    # one call of petitions_signature_request, not a transaction of several statements.
    with django_assert_num_queries(1) as captured:
        signature_create(
            petitions=ten_petitions,
            first_name="Anne",
            last_name="Dupont",
            email="Anne.Dupont@Example.org",
            postcode="4000",
            country="BE",
            news_opt_in=True,
            ip_range="192.0.2.0/24",
        )

    assert "petitions_signature_request" in captured.captured_queries[0]["sql"]
    signer = Signer.objects.get()
    assert (signer.email, signer.email_canonical, signer.email_domain) == (
        "Anne.Dupont@Example.org",
        "anne.dupont@example.org",
        "example.org",
    )
    assert (signer.province, signer.news_opt_in, signer.confirmation_emails) == ("WLG", True, 1)
    assert signer.news_opt_in_at is not None
    assert (signer.first_name, signer.last_name, signer.postcode, signer.country) == (
        "Anne",
        "Dupont",
        "4000",
        "BE",
    )
    signatures = signer.signatures.filter(
        confirmed_at=None,
        invalidated_at=None,
        ip_range="192.0.2.0/24",
        consent_version=ONE_PETITION.version,
        consent_text=ONE_PETITION.text_in("fr"),
        requested_at=F("created_at"),
    )
    assert sorted(signatures.values_list("petition_id", flat=True)) == sorted(p.pk for p in ten_petitions)
    assert (
        OutboxEmail.objects.filter(kind="petitions.confirm", object_id=signer.pk, sent_at=None).count() == 1
    )


def test_the_signing_function_repeats_the_waiting_email_index(db):
    # ON CONFLICT names the partial index by its predicate: if OUTBOX_MAX_ATTEMPTS changes,
    # the index's migration does too, and the function needs a new migration of its own.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_functiondef('petitions_signature_request'::regproc)")
        definition = cursor.fetchone()[0]
        cursor.execute("SELECT pg_get_indexdef('one_waiting_email_per_cause'::regclass)")
        index = cursor.fetchone()[0]

    assert f"attempts < {OUTBOX_MAX_ATTEMPTS}" in definition
    assert f"attempts < {OUTBOX_MAX_ATTEMPTS}" in index
