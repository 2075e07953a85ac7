"""Signing in one round trip on Postgres: the function petitions_signature_request.

petitions.services.signature_create used to send BEGIN, three statements and COMMIT:
five round trips, each statement parsed and planned by Postgres again. As one PL/pgSQL
call in a transaction of its own, with its plans cached per connection, signature_create
costs less than half the CPU it did, in the web process and in Postgres alike (measured
in-process; bench/sign.py's figures are in the README). The function runs the same three
statements, the last split into an INSERT and an UPDATE. They cannot be one SQL
statement: the signer row is written twice (its details, then its count of e-mails),
which data-modifying CTEs do not allow.

To change the function, add a migration with CREATE OR REPLACE FUNCTION: this one is
history. The literal 8 is OUTBOX_MAX_ATTEMPTS, as frozen in the predicate of the index
one_waiting_email_per_signer (migration 0004), which ON CONFLICT must repeat
(tests/petitions/test_sign.py checks they agree). SQLite (make run with nothing
configured) has no such functions: petitions.portable takes the same steps there.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION petitions_signature_request(
    p_key uuid, p_email text, p_canonical text, p_email_domain text, p_first_name text,
    p_last_name text, p_postcode text, p_country text, p_province text,
    p_news_opt_in boolean, p_news_opt_in_at timestamptz, p_now timestamptz,
    p_petitions bigint[], p_consent_version text, p_consent_text text, p_ip_range text,
    p_max_emails integer)
RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    v_signer bigint;
    v_emails integer;
    v_pending integer;
    v_outbox bigint;
BEGIN
    -- The signer, by canonical address. A confirmed signer's details are not changed by
    -- a form anyone can fill in with their address. The row stays locked to the end: a
    -- concurrent request for the same address waits here.
    INSERT INTO petitions_signer AS s (
        key, email, email_canonical, email_domain, first_name, last_name, postcode, country,
        province, news_opt_in, news_opt_in_at, confirmed_at, confirmation_emails, erased_at,
        created_at, updated_at)
    VALUES (p_key, p_email, p_canonical, p_email_domain, p_first_name, p_last_name,
        p_postcode, p_country, p_province, p_news_opt_in, p_news_opt_in_at, NULL, 0, NULL,
        p_now, p_now)
    ON CONFLICT (email_canonical) DO UPDATE SET
        email = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.email ELSE s.email END,
        first_name = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.first_name ELSE s.first_name END,
        last_name = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.last_name ELSE s.last_name END,
        postcode = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.postcode ELSE s.postcode END,
        country = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.country ELSE s.country END,
        province = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.province ELSE s.province END,
        news_opt_in = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.news_opt_in ELSE s.news_opt_in END,
        news_opt_in_at = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.news_opt_in_at ELSE s.news_opt_in_at END,
        updated_at = EXCLUDED.updated_at
    RETURNING id, confirmation_emails INTO v_signer, v_emails;

    -- One signature per signer and petition; asking again for a pending one renews it.
    INSERT INTO petitions_signature AS g (
        signer_id, petition_id, created_at, requested_at, confirmed_at, consent_version,
        consent_text, ip_range, invalidated_at, invalidation_reason)
    SELECT v_signer, petition_id, p_now, p_now, NULL, p_consent_version, p_consent_text,
        p_ip_range, NULL, ''
    FROM unnest(p_petitions) AS petition_id
    ON CONFLICT (signer_id, petition_id) DO UPDATE SET requested_at = EXCLUDED.requested_at
        WHERE g.confirmed_at IS NULL AND g.invalidated_at IS NULL;
    GET DIAGNOSTICS v_pending = ROW_COUNT;
    IF v_pending = 0 OR v_emails >= p_max_emails THEN
        RETURN NULL;
    END IF;

    -- A confirmation e-mail, unless one is waiting already.
    INSERT INTO petitions_outboxemail (kind, signer_id, created_at, due_at, sent_at, attempts, last_error)
    VALUES ('confirm', v_signer, p_now, p_now, NULL, 0, '')
    ON CONFLICT (signer_id, kind) WHERE sent_at IS NULL AND attempts < 8 DO NOTHING
    RETURNING id INTO v_outbox;
    IF v_outbox IS NOT NULL THEN
        UPDATE petitions_signer SET confirmation_emails = confirmation_emails + 1 WHERE id = v_signer;
    END IF;
    RETURN v_outbox;
END
$$;
"""

DROP = """
DROP FUNCTION IF EXISTS petitions_signature_request(
    uuid, text, text, text, text, text, text, text, text, boolean, timestamptz, timestamptz,
    bigint[], text, text, text, integer)
"""


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: psycopg would read a % in the SQL as a placeholder.
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0004_one_waiting_email_per_signer"),
    ]

    operations = [
        migrations.RunPython(_on_postgres(CREATE), _on_postgres(DROP)),
    ]
