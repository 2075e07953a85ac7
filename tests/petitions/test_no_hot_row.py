"""Signing and confirming write only the signer's own rows: never a row every signer shares."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from marathon.celery import app
from marathon.outbox.services import outbox_dispatch
from tests.petitions.conftest import confirm, sign, sign_all

WRITES_RE = re.compile(r'(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.I)
# Rows that belong to one signer (or one of their signatures, or their e-mail).
PER_SIGNER = {"petitions_signer", "petitions_signature", "outbox_email", "petitions_countdelta"}


def tables_written(queries) -> set[tuple[str, str]]:
    written = set()
    for query in queries:
        for verb, table in WRITES_RE.findall(query["sql"]):
            # ON CONFLICT ... DO UPDATE SET is the inserted row itself; FOR UPDATE OF a lock.
            if table.upper() not in {"SET", "OF"}:
                written.add((verb.upper(), table))
    return written


def test_signing_one_or_all_and_confirming_update_no_shared_row(client, ten_petitions):
    # As in production: beat hands the e-mails out and rolls the counts up, not the request.
    app.conf.task_always_eager = False
    try:
        with CaptureQueriesContext(connection) as signing:
            sign(client, ten_petitions[0])
            sign_all(client, ten_petitions, email="tout@example.org")
        app.conf.task_always_eager = True
        outbox_dispatch()  # beat's sweep, here in-process: it sends the e-mails
        app.conf.task_always_eager = False
        with CaptureQueriesContext(connection) as confirming:
            confirm(client)
    finally:
        app.conf.task_always_eager = True

    written = tables_written(signing.captured_queries + confirming.captured_queries)
    assert written, "the capture saw the writes"
    assert {table for _verb, table in written} <= PER_SIGNER | {"django_session"}, written
    assert ("UPDATE", "petitions_petitiontally") not in written
    # A count is a new row per confirmation (+1), never an update of a counter.
    assert ("INSERT INTO", "petitions_countdelta") in written
