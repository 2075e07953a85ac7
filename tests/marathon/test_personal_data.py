from __future__ import annotations

import datetime
import json
import re

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core import mail
from django.utils import timezone

from kits import services as kit_services
from kits.models import KitOrder, KitOrderStatusChange, LabelBatch
from marathon.models import DataAccessLog, PersonalDataRequest
from marathon.tally.models import Handover
from marathon.tally.services import handover_pack_render
from petitions.models import Signer
from petitions.services import petition_ensure
from tests.factories import make_embassy
from tests.kits.helpers import make_kit_order
from tests.petitions.conftest import confirm, on_commit_runs, sign
from tests.scan import files_mentioning, rows_mentioning

pytestmark = pytest.mark.django_db

NAME, SURNAME = "Bérengère", "Vanderkelen"
EMAIL = "Berengere.VDK+marathon@example.org"


def ask_for_link(client, email: str = EMAIL):
    with on_commit_runs():
        return client.post("/fr/mes-donnees/", {"email": email})


def manage_path() -> str:
    # The last link sent (other e-mails waiting went out with it, after it: it is urgent).
    links = [
        found.group(1)
        for message in mail.outbox
        if (found := re.search(r"https?://[^/\s]+(/fr/mes-donnees/[^\s/]+/)", message.body))
    ]
    return links[-1]


@pytest.fixture
def berengere(client, campaign, case, settings, django_capture_on_commit_callbacks, admin_user):
    """Someone who signed (confirmed), ordered a kit with a marathon, and got labels printed;
    the embassy's handover pack lists her signature."""
    sign(
        client,
        petition_ensure(case=case),
        first_name=NAME,
        last_name=SURNAME,
        email=EMAIL.lower(),
        postcode="4020",
    )
    confirm(client)
    order = make_kit_order(
        campaign=campaign,
        contact_name=f"{NAME} {SURNAME}",
        email=EMAIL,
        note=f"Merci ! {NAME}",
        marathon={"date": timezone.localdate(), "is_public": True},
    )
    kit_services.kit_order_ship(order_id=order.pk, by=admin_user)
    LogEntry.objects.log_actions(
        user_id=admin_user.pk, queryset=[order], action_flag=CHANGE, change_message="address fixed"
    )
    with django_capture_on_commit_callbacks(execute=True):
        batch = kit_services.label_batch_create(
            orders=KitOrder.objects.filter(pk__in=[order.pk, make_kit_order(campaign=campaign).pk]),
            by=admin_user,
        )
    batch.refresh_from_db()
    assert files_mentioning(SURNAME, settings.MEDIA_ROOT, batch.file.storage.location)
    # Her signature is listed by name in the pack for the embassy of the case's country.
    handover = Handover.objects.create(campaign=campaign, embassy=make_embassy(country=case.country))
    handover = handover_pack_render(handover_id=handover.pk)
    assert files_mentioning(SURNAME, handover.file.storage.location)
    mail.outbox.clear()
    return order


def test_anyone_can_ask_and_gets_the_same_answer(client, db):
    response = ask_for_link(client, "personne.inconnue@example.org")
    assert response.status_code == 302 and response["Location"] == "/fr/mes-donnees/envoye/"
    assert len(mail.outbox) == 1
    assert "/fr/mes-donnees/" in mail.outbox[0].body
    assert "personne.inconnue" not in manage_path()  # the link never carries the address


def test_requests_from_one_connection_are_limited_ipv6_by_its_64(client, db, settings):
    settings.PERSONAL_DATA_RATE_PER_IP = settings.PERSONAL_DATA_RATE_PER_IP_WITH_PROOF = (2, 3600)

    def ask(n: int, address: str):
        with on_commit_runs():
            return client.post("/fr/mes-donnees/", {"email": f"person{n}@example.org"}, REMOTE_ADDR=address)

    statuses = [ask(n, f"2001:db8:7:7::{n + 1}").status_code for n in range(2)]
    refused = ask(2, "2001:db8:7:7:ffff::9")

    assert statuses == [302, 302]
    assert refused.status_code == 429
    assert "Trop de demandes depuis votre connexion" in refused.content.decode()
    assert ask(3, "2001:db8:7:8::1").status_code == 302
    assert PersonalDataRequest.objects.count() == 3


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Ce champ est obligatoire."),
        ("pas-une-adresse", "Saisissez une adresse de courriel valide."),
        ("x" * 300 + "@example.org", "au plus 254 caractères"),
        ("<script>alert(1)</script>@example.org", "Saisissez une adresse de courriel valide."),
        ("anne@example.invalid", "ne peut pas recevoir"),
    ],
)
def test_bad_addresses_get_a_french_message_and_nothing_is_sent(client, db, email, message):
    response = ask_for_link(client, email)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PersonalDataRequest.objects.count() == 0
    assert mail.outbox == []


def test_the_link_shows_everything_held_under_the_address(client, berengere):
    ask_for_link(client, "berengere.vdk@EXAMPLE.org")  # another spelling of the same address
    page = client.get(manage_path())
    html = page.content.decode()
    assert page.status_code == 200
    assert NAME in html and berengere.reference in html
    assert page["Cache-Control"] == "private, no-store"


def test_the_download_holds_signatures_and_orders_and_is_logged(client, berengere):
    ask_for_link(client)
    response = client.get(manage_path() + "telecharger/")
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["signer"]["last_name"] == SURNAME
    assert len(data["signatures"]) == 1 and data["signatures"][0]["confirmed_at"]
    assert data["kit_orders"][0]["reference"] == berengere.reference
    assert data["kit_orders"][0]["marathon"]["public"] is True
    assert DataAccessLog.objects.filter(action=DataAccessLog.Action.SUBJECT_EXPORT).count() == 1


def test_erasure_leaves_no_name_or_email_in_any_table_or_stored_file(client, berengere, settings):
    ask_for_link(client)
    path = manage_path()
    with on_commit_runs():
        response = client.post(path + "effacer/")
    assert response["Location"] == "/fr/mes-donnees/efface/"

    for needle in [NAME, SURNAME, "berengere.vdk"]:
        assert rows_mentioning(needle) == [], needle
        private = LabelBatch._meta.get_field("file").storage.location
        assert files_mentioning(needle, settings.MEDIA_ROOT, private) == [], needle

    order = KitOrder.objects.get(pk=berengere.pk)
    assert order.erased_at and order.writers == berengere.writers and order.postcode == berengere.postcode
    assert not order.marathon.is_public
    assert Signer.objects.get().erased_at
    # The link is spent: nothing left to show under that address.
    assert client.get(path).status_code == 400


def test_a_forged_or_expired_link_is_refused(client, berengere, settings):
    assert client.get("/fr/mes-donnees/pas-un-jeton/").status_code == 400
    ask_for_link(client)
    PersonalDataRequest.objects.update(created_at=timezone.now() - datetime.timedelta(days=30))
    settings.PERSONAL_DATA_LINK_DAYS = 0
    assert client.get(manage_path()).status_code == 400


def test_kit_addresses_are_forgotten_after_the_retention_time(campaign, admin_user):
    old = make_kit_order(campaign=campaign, contact_name="Ancienne Commande")
    recent = make_kit_order(campaign=campaign, contact_name="Commande Récente")
    waiting = make_kit_order(campaign=campaign, contact_name="Pas Encore Envoyée")
    for order in (old, recent):
        kit_services.kit_order_ship(order_id=order.pk, by=admin_user)
    KitOrderStatusChange.objects.filter(order=old).update(
        changed_at=timezone.now() - datetime.timedelta(days=settings.KIT_ORDER_RETENTION_DAYS + 1)
    )

    assert kit_services.kit_orders_erase_expired() == 1

    assert KitOrder.objects.get(pk=old.pk).contact_name == ""
    assert KitOrder.objects.get(pk=recent.pk).contact_name == "Commande Récente"
    assert KitOrder.objects.get(pk=waiting.pk).contact_name == "Pas Encore Envoyée"


def test_requests_are_forgotten_once_their_links_expired(client, db):
    ask_for_link(client, "quelqu.un@example.org")
    PersonalDataRequest.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    from marathon.services import personal_data_requests_forget

    assert personal_data_requests_forget() == 1
    assert PersonalDataRequest.objects.count() == 0


def test_one_mailbox_gets_a_few_link_emails_however_many_addresses_ask(client, db, settings):
    settings.PERSONAL_DATA_RATE_PER_EMAIL = (3, 3600)
    variants = [
        "victime.x@gmail.com",
        "victimex@gmail.com",
        "v.i.c.t.i.m.e.x@googlemail.com",
        "VictimeX+a@gmail.com",
    ]
    for n in range(15):
        with on_commit_runs():
            response = client.post(
                "/fr/mes-donnees/", {"email": variants[n % 4]}, REMOTE_ADDR=f"203.0.113.{n}"
            )
        # The same answer every time: whether anything is sent is not for the asker to know.
        assert response.status_code == 302 and response["Location"] == "/fr/mes-donnees/envoye/"

    assert len(mail.outbox) == 3
    assert PersonalDataRequest.objects.count() == 3


def test_the_personal_data_page_shows_the_news_subscription_and_unsubscribes(client, db):
    from petitions.models import NewsSubscriber

    NewsSubscriber.objects.create(
        email="abonne@example.org",
        email_canonical="abonne@example.org",
        first_name="Abo",
        consented_at=timezone.now(),
        consent_text="Je souhaite recevoir des nouvelles de l’organisation par e-mail.",
    )
    ask_for_link(client, "abonne@example.org")
    path = manage_path()
    page = client.get(path).content.decode()
    assert "Vous recevez nos nouvelles" in page

    client.post(f"{path}nouvelles/")

    assert not NewsSubscriber.objects.exists()
    assert "Vous ne recevez pas nos nouvelles." in client.get(path).content.decode()
