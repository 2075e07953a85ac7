from __future__ import annotations

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from petitions import counts
from petitions.models import Signature, Signer
from tests.petitions.conftest import confirm, last_mail, link_from, on_commit_runs, sign, sign_all, signer
from tests.scan import rows_mentioning

NAME = "Bérénice"
SURNAME = "Vanderstraeten"
EMAIL = "berenice.vdst+marathon@example.org"


def sign_as_berenice(client, ten_petitions):
    sign_all(client, ten_petitions[:3], first_name=NAME, last_name=SURNAME, email=EMAIL, postcode="4020")
    mail_with_links = last_mail()
    confirm(client, mail_with_links)
    sign(client, ten_petitions[3], first_name=NAME, last_name=SURNAME, email=EMAIL, postcode="4020")
    return mail_with_links


def test_every_email_carries_a_link_to_erase_ones_data(client, petition):
    sign(client, petition)

    message = last_mail()
    assert "/fr/petitions/effacer/" in message.body
    assert "/fr/petitions/effacer/" in message.alternatives[0][0]


def test_the_erase_link_asks_before_erasing(client, ten_petitions):
    message = sign_as_berenice(client, ten_petitions)

    page = client.get(link_from(message, "effacer"))

    assert page.status_code == 200
    assert "Effacer mes données" in page.content.decode()
    assert Signer.objects.get().erased_at is None


def test_erasure_leaves_no_name_or_email_of_the_signer_in_the_database(client, ten_petitions, admin_user):
    message = sign_as_berenice(client, ten_petitions)
    person = Signer.objects.get()
    LogEntry.objects.log_actions(
        user_id=admin_user.pk, queryset=[person], action_flag=CHANGE, change_message="name fixed"
    )
    assert rows_mentioning(SURNAME)

    with on_commit_runs():
        response = client.post(link_from(message, "effacer"))

    assert response.status_code == 302
    assert "effac" in client.get(response["Location"]).content.decode()
    for text in (NAME, SURNAME, EMAIL, "berenice.vdst", "example.org"):
        assert rows_mentioning(text) == [], text
    assert (
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Signer)).get().object_repr
        == "—"
    )


def test_erasure_keeps_confirmed_signatures_in_the_counts_anonymously(client, ten_petitions):
    message = sign_as_berenice(client, ten_petitions)

    with on_commit_runs():
        client.post(link_from(message, "effacer"))
    counts.forget()

    online = counts.online_counts()
    assert [online[p.pk] for p in ten_petitions[:4]] == [1, 1, 1, 0]
    assert Signature.objects.count() == 3  # the unconfirmed one is gone
    erased = Signer.objects.get()
    assert erased.province == "WLG"
    assert (erased.first_name, erased.last_name, erased.email, erased.postcode) == ("", "", "", "")


def test_links_stop_working_after_erasure_and_the_person_can_sign_again(client, ten_petitions):
    message = sign_as_berenice(client, ten_petitions)
    with on_commit_runs():
        client.post(link_from(message, "effacer"))

    assert client.post(link_from(message, "confirmer")).status_code == 400
    assert client.get(link_from(message, "effacer")).status_code == 400

    sign(client, ten_petitions[0], email=EMAIL)
    assert signer("berenice.vdst@example.org").erased_at is None
