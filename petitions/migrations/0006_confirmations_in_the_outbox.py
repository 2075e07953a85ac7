"""Confirmation e-mails join the site's one outbox (marathon.outbox): the function
petitions_signature_request writes its e-mail there, with the recipient's language.

Unsent rows of petitions_outboxemail are moved over first, so no e-mail waiting at the
moment of the upgrade is lost. The literal 8 is marathon.outbox.models.MAX_ATTEMPTS, as
frozen in the predicate of the index one_waiting_email_per_cause, which ON CONFLICT must
repeat (tests/petitions/test_sign.py checks they agree). To change the function, add a
migration with CREATE OR REPLACE FUNCTION: this one is history.
"""

from django.db import migrations

MOVE = """
INSERT INTO outbox_email (kind, object_id, language, created_at, due_at, sent_at, attempts, last_error)
SELECT 'petitions.confirm', signer_id, 'fr', created_at, due_at, NULL, attempts, last_error
FROM petitions_outboxemail WHERE sent_at IS NULL AND attempts < 8
ON CONFLICT DO NOTHING
"""

CREATE = """
CREATE OR REPLACE FUNCTION petitions_signature_request(
    p_key uuid, p_email text, p_canonical text, p_email_domain text, p_first_name text,
    p_last_name text, p_postcode text, p_country text, p_province text,
    p_news_opt_in boolean, p_news_opt_in_at timestamptz, p_now timestamptz,
    p_petitions bigint[], p_consent_version text, p_consent_text text, p_ip_range text,
    p_max_emails integer, p_language text)
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
    INSERT INTO outbox_email (kind, object_id, language, created_at, due_at, sent_at, attempts, last_error)
    VALUES ('petitions.confirm', v_signer, p_language, p_now, p_now, NULL, 0, '')
    ON CONFLICT (kind, object_id) WHERE sent_at IS NULL AND attempts < 8 DO NOTHING
    RETURNING id INTO v_outbox;
    IF v_outbox IS NOT NULL THEN
        UPDATE petitions_signer SET confirmation_emails = confirmation_emails + 1 WHERE id = v_signer;
    END IF;
    RETURN v_outbox;
END
$$;
"""

DROP_OLD = """
DROP FUNCTION IF EXISTS petitions_signature_request(
    uuid, text, text, text, text, text, text, text, text, boolean, timestamptz, timestamptz,
    bigint[], text, text, text, integer)
"""


DROP = """
DROP FUNCTION IF EXISTS petitions_signature_request(
    uuid, text, text, text, text, text, text, text, text, boolean, timestamptz, timestamptz,
    bigint[], text, text, text, integer, text)
"""




def _on_postgres(*statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                # No parameters: psycopg would read a % in the SQL as a placeholder.
                schema_editor.execute(sql, params=None)

    return run


def _move_rows_portable(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        return
    Old = apps.get_model("petitions", "OutboxEmail")
    Email = apps.get_model("outbox", "Email")
    Email.objects.bulk_create(
        [
            Email(
                kind="petitions.confirm",
                object_id=row.signer_id,
                language="fr",
                created_at=row.created_at,
                due_at=row.due_at,
                attempts=row.attempts,
                last_error=row.last_error,
            )
            for row in Old.objects.filter(sent_at__isnull=True, attempts__lt=8)
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0005_signature_request_function"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_on_postgres(MOVE), migrations.RunPython.noop),
        migrations.RunPython(_move_rows_portable, migrations.RunPython.noop),
        migrations.RunPython(_on_postgres(DROP_OLD, CREATE), _on_postgres(DROP)),
        migrations.DeleteModel(name="OutboxEmail"),
    ]
