from __future__ import annotations

import dataclasses
import datetime
import re
import threading
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.utils import timezone

from marathon.outbox.models import Email as OutboxEmail
from marathon.outbox.services import outbox_dispatch, outbox_email_send
from marathon.outbox.tasks import send_emails as send_outbox_emails
from petitions.models import Signer
from petitions.services import signature_create


def sign(petition, email="anne@example.org") -> None:
    # Without running on_commit (the in-process sweep): the row is recorded, nothing sent yet.
    signature_create(
        petitions=[petition],
        first_name="Anne",
        last_name="Dupont",
        email=email,
        postcode="1050",
        country="BE",
        news_opt_in=False,
    )


def sender(row: OutboxEmail, results: list):
    """A worker's send of row, to run in a thread (with its own connection, closed after)."""

    def send() -> None:
        try:
            results.append(outbox_email_send(email_id=row.pk))
        finally:
            connection.close()

    return send


def queue_one(petition, email="anne@example.org") -> OutboxEmail:
    sign(petition, email)
    signer = Signer.objects.get(email=email)
    return OutboxEmail.objects.get(kind="petitions.confirm", object_id=signer.pk, sent_at__isnull=True)


def test_the_email_to_send_is_recorded_in_the_signing_transaction(db, petition):
    row = queue_one(petition)

    assert row.kind == "petitions.confirm"
    assert row.language == "fr"
    assert row.due_at <= timezone.now()
    assert mail.outbox == []


def test_a_task_delivered_twice_sends_one_email(db, petition):
    row = queue_one(petition)

    assert send_outbox_emails([row.pk]) == 1
    assert send_outbox_emails([row.pk]) == 0

    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.sent_at is not None


def test_a_failed_send_is_retried_later_by_the_sweep_and_sent_once(db, petition):
    row = queue_one(petition)
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=ConnectionRefusedError("smtp down")):
        assert outbox_email_send(email_id=row.pk) is False
    row.refresh_from_db()
    assert row.attempts == 1
    assert "smtp down" in row.last_error
    assert row.due_at > timezone.now()

    assert outbox_dispatch() == 0  # not due yet
    OutboxEmail.objects.filter(pk=row.pk).update(due_at=timezone.now() - datetime.timedelta(seconds=1))
    assert outbox_dispatch() == 1
    assert outbox_dispatch() == 0
    assert len(mail.outbox) == 1


def test_a_worker_dying_mid_send_leaves_the_email_for_the_sweep(db, petition):
    row = queue_one(petition)

    class WorkerKilled(BaseException):
        pass

    with (
        mock.patch.object(EmailMultiAlternatives, "send", side_effect=WorkerKilled),
        pytest.raises(WorkerKilled),
    ):
        outbox_email_send(email_id=row.pk)

    row.refresh_from_db()
    assert row.sent_at is None
    assert outbox_dispatch() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_email_at_once_send_it_once(petition):
    with mock.patch("petitions.services.outbox_dispatch"):
        row = queue_one(petition)
    original_send = EmailMultiAlternatives.send

    def slow_send(message, *args, **kwargs):
        time.sleep(0.5)
        return original_send(message, *args, **kwargs)

    results = []
    worker = sender(row, results)

    with mock.patch.object(EmailMultiAlternatives, "send", slow_send):
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(results) == [False, True]
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_everything_was_confirmed_meanwhile(db, petition):
    from petitions.services import signer_confirm

    row = queue_one(petition)
    signer_confirm(signer=Signer.objects.get(pk=row.object_id))

    assert outbox_email_send(email_id=row.pk) is False
    assert mail.outbox == []


def test_each_attempt_at_one_email_has_the_same_message_id(db, petition):
    row = queue_one(petition)
    with mock.patch.object(EmailMultiAlternatives, "send", side_effect=OSError):
        outbox_email_send(email_id=row.pk)
    OutboxEmail.objects.filter(pk=row.pk).update(due_at=timezone.now())
    outbox_dispatch()

    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<outbox-{row.pk}@")


def test_signing_publishes_no_task_the_sweep_hands_the_emails_out_in_chunks(db, petition, settings):
    with mock.patch("marathon.outbox.tasks.send_emails.apply_async") as publish:
        rows = [queue_one(petition, email=f"signer{n}@example.org") for n in range(5)]
        assert publish.call_count == 0  # the request that signs never talks to the broker

        assert outbox_dispatch(chunk=2) == 5

    handed = [call.args[0][0] for call in publish.call_args_list]
    assert handed == [[rows[0].pk, rows[1].pk], [rows[2].pk, rows[3].pk], [rows[4].pk]]
    # Claimed: the next sweeps leave them to the workers that have them.
    assert all(row.due_at > timezone.now() for row in OutboxEmail.objects.all())
    with mock.patch("marathon.outbox.tasks.send_emails.apply_async") as publish:
        assert outbox_dispatch() == 0
    assert mail.outbox == []


def test_an_email_whose_task_was_lost_is_handed_out_again_when_the_lease_ends(db, petition):
    row = queue_one(petition)
    with mock.patch("marathon.outbox.tasks.send_emails.apply_async"):  # published, then lost
        assert outbox_dispatch() == 1
    assert outbox_dispatch() == 0

    OutboxEmail.objects.filter(pk=row.pk).update(due_at=timezone.now() - datetime.timedelta(seconds=1))
    assert outbox_dispatch() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anne@example.org"]


def test_when_the_broker_refuses_the_rest_is_left_for_the_next_sweep(db, petition):
    rows = [queue_one(petition, email=f"signer{n}@example.org") for n in range(3)]
    calls = []

    def publish(args, **kwargs):
        calls.append(args[0])
        if len(calls) == 2:
            raise ConnectionRefusedError("broker down")

    with mock.patch("marathon.outbox.tasks.send_emails.apply_async", side_effect=publish):
        assert outbox_dispatch(chunk=1) == 1

    due = OutboxEmail.objects.filter(due_at__lte=timezone.now()).values_list("pk", flat=True)
    assert sorted(due) == [rows[1].pk, rows[2].pk]
    assert outbox_dispatch() == 2  # the broker is back
    assert sorted(message.to[0] for message in mail.outbox) == ["signer1@example.org", "signer2@example.org"]


def test_a_chunk_is_sent_over_one_mail_connection(db, petition):
    rows = [queue_one(petition, email=f"signer{n}@example.org") for n in range(3)]

    # A message without the chunk's connection would ask for one of its own.
    with mock.patch("django.core.mail.get_connection", side_effect=AssertionError):
        assert send_outbox_emails([row.pk for row in rows]) == 3

    assert len(mail.outbox) == 3
    assert OutboxEmail.objects.filter(sent_at__isnull=True).count() == 0


def test_the_database_keeps_one_waiting_email_per_cause(db, petition):
    from django.db import IntegrityError, transaction

    row = queue_one(petition)
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboxEmail.objects.create(
            kind=row.kind,
            object_id=row.object_id,
            language="fr",
            created_at=timezone.now(),
            due_at=timezone.now(),
        )

    # Signing again while it waits queues nothing more; once given up, a new one may be.
    queue_one(petition)
    assert OutboxEmail.objects.filter(kind=row.kind, object_id=row.object_id).count() == 1
    OutboxEmail.objects.filter(pk=row.pk).update(attempts=8)
    sign(petition)
    assert OutboxEmail.objects.filter(kind=row.kind, object_id=row.object_id).count() == 2


@pytest.mark.django_db(transaction=True)
def test_an_email_a_sweep_holds_for_a_moment_is_still_sent_by_its_task(petition):
    # A sweep's claim locks rows briefly; the task that then comes for one of them must
    # not take the lock for "someone else is sending it" and leave it for the lease.
    with mock.patch("petitions.services.outbox_dispatch"):
        row = queue_one(petition)
    results = []
    worker = sender(row, results)

    from django.db import connections

    with connections["default"].cursor() as cursor:
        cursor.execute("BEGIN")
        cursor.execute("SELECT id FROM outbox_email WHERE id = %s FOR UPDATE", [row.pk])
        thread = threading.Thread(target=worker)
        thread.start()
        time.sleep(0.3)
        cursor.execute("COMMIT")
    thread.join()

    assert results == [True]
    assert len(mail.outbox) == 1


def test_a_kind_that_fails_to_build_its_email_does_not_hold_up_the_others(db, petition):
    broken = OutboxEmail.objects.create(
        kind="kits.renamed", object_id=1, language="fr", created_at=timezone.now(), due_at=timezone.now()
    )
    good = queue_one(petition)

    assert send_outbox_emails([broken.pk, good.pk]) == 1

    assert [message.to for message in mail.outbox] == [["anne@example.org"]]
    broken.refresh_from_db()
    assert (broken.attempts, broken.sent_at) == (1, None)
    assert "kits.renamed" in broken.last_error
    assert broken.due_at > timezone.now()  # backed off, so it gives up after MAX_ATTEMPTS


def test_a_failed_stamp_after_sending_does_not_send_it_again(db, petition, monkeypatch):
    from marathon.outbox import kinds

    row = queue_one(petition)
    kind = kinds.get("petitions.confirm")

    def stamp_fails(object_id, at):
        raise RuntimeError("stamp failed")

    monkeypatch.setitem(kinds._kinds, kind.name, dataclasses.replace(kind, sent=stamp_fails))
    assert outbox_email_send(email_id=row.pk) is True
    row.refresh_from_db()
    assert row.sent_at is not None
    assert outbox_dispatch() == 0
    assert len(mail.outbox) == 1


def queries_to_send(n: int, petition) -> int:
    from django.test.utils import CaptureQueriesContext

    rows = [queue_one(petition, email=f"chunk{n}-{petition.pk}-{i}@example.org") for i in range(n)]
    with CaptureQueriesContext(connection) as queries:
        assert send_outbox_emails([row.pk for row in rows]) == n
    return len(queries.captured_queries)


def test_a_chunk_reads_its_rows_signers_and_cases_once_and_each_email_costs_three_statements(
    db, ten_petitions
):
    from django.test.utils import CaptureQueriesContext

    queries_to_send(1, ten_petitions[0])  # the countries' names, read once per process
    one, twenty_five = queries_to_send(1, ten_petitions[1]), queries_to_send(25, ten_petitions[2])
    # Per e-mail: open its transaction (a savepoint here), mark its row sent (which locks it
    # while the mail server talks), close.
    assert twenty_five - one == 3 * 24
    # Per chunk: its rows, then the signers with their pending signatures, and the cases named.
    assert one - 3 == 3

    # Ten e-mails naming ten different cases, one of them eleven: still one read of the cases.
    for n, petition in enumerate(ten_petitions):
        sign(petition, email=f"many{n}@example.org")
    for petition in ten_petitions:
        sign(petition, email="all@example.org")
    waiting = list(OutboxEmail.objects.filter(sent_at__isnull=True).values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        assert send_outbox_emails(waiting) == 11
    assert len(queries.captured_queries) == 3 + 3 * 11
    assert any(len(message.body.split("\n- ")) == 11 for message in mail.outbox)


def test_emails_someone_waits_for_are_claimed_and_published_first(db, petition, campaign):
    from kits.emails import ORDER_SHIPPED
    from marathon.outbox.services import email_queue
    from tests.kits.helpers import make_kit_order

    shipped = [make_kit_order(campaign=campaign, status="shipped") for _ in range(3)]
    email_queue(kind=ORDER_SHIPPED, object_ids=[order.pk for order in shipped])
    confirmation = queue_one(petition)  # queued after them, by the signing function in SQL
    assert confirmation.priority == 0
    assert set(OutboxEmail.objects.exclude(pk=confirmation.pk).values_list("priority", flat=True)) == {1}

    with mock.patch("marathon.outbox.tasks.send_emails.apply_async") as publish:
        assert outbox_dispatch(chunk=2) == 4

    handed = [(call.args[0][0], call.kwargs["priority"]) for call in publish.call_args_list]
    later = sorted(OutboxEmail.objects.filter(priority=1).values_list("pk", flat=True))
    # Chunks never mix the two; the broker's priority 0 is served first, 9 last.
    assert handed == [([confirmation.pk], 0), (later[:2], 9), (later[2:], 9)]


def test_a_confirmation_is_written_once_for_everyone_who_signed_for_the_same_people(db, petition):
    from django.template import loader

    from marathon.lib import mail as lib_mail
    from marathon.lib import stencil

    lib_mail._written.forget()
    hostile = '<script>alert("x")</script> & Zoë'
    rows = [queue_one(petition, email=f"same{n}@example.org") for n in range(3)]
    Signer.objects.filter(email="same2@example.org").update(first_name=hostile)
    with mock.patch.object(lib_mail, "render_to_string", wraps=loader.render_to_string) as render:
        assert send_outbox_emails([row.pk for row in rows]) == 3
    assert render.call_count == 3  # subject, text and HTML, once for the three

    first, _second, third = mail.outbox
    links = [re.search(r"http\S+/petitions/confirmer/\S+/", message.body).group(0) for message in mail.outbox]
    assert len(set(links)) == 3  # each their own link
    assert first.body.startswith("Bonjour Anne,") and links[0] in first.alternatives[0][0]
    assert third.body.startswith(f"Bonjour {hostile},")  # the text part as typed
    html = third.alternatives[0][0]
    assert "Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Zoë," in html
    assert "<script>" not in html and stencil._MARK not in html + third.body + third.subject
    assert petition.case.person_name in html


def test_a_case_renamed_by_staff_shows_in_the_next_confirmation(db, petition):
    from marathon.lib import mail as lib_mail

    lib_mail._written.forget()
    send_outbox_emails([queue_one(petition, email="before@example.org").pk])
    type(petition.case).objects.filter(pk=petition.case.pk).update(person_name="Nom corrigé")
    send_outbox_emails([queue_one(petition, email="after@example.org").pk])

    assert petition.case.person_name in mail.outbox[0].body
    assert "Nom corrigé" in mail.outbox[1].body and "Nom corrigé" in mail.outbox[1].alternatives[0][0]


def test_the_links_put_in_are_the_addresses_reverse_gives_in_each_language(db, petition):
    from django.urls import reverse
    from django.utils import translation

    from petitions.emails import signer_links
    from petitions.tokens import Purpose, signer_token

    sign(petition)
    signer = Signer.objects.get(email="anne@example.org")
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            links = signer_links(signer.key)
            token = signer_token(signer=signer, purpose=Purpose.CONFIRM_SIGNATURES)
            assert links["confirm_url"].endswith(reverse("petitions:confirm", args=[token]))
            assert f"/{language}/" in links["erase_url"]
