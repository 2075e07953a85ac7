"""The reader's language: kept with each signer, signature, kit order, request for one's data
and news subscription (marathon.lib.languages); petitions_signature_request writes the
signer's and the signatures' from p_language, which it already gave the confirmation
e-mail. Same parameters, so CREATE OR REPLACE keeps its callers.
"""

import importlib

from django.db import migrations, models

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
        created_at, updated_at, language)
    VALUES (p_key, p_email, p_canonical, p_email_domain, p_first_name, p_last_name,
        p_postcode, p_country, p_province, p_news_opt_in, p_news_opt_in_at, NULL, 0, NULL,
        p_now, p_now, p_language)
    ON CONFLICT (email_canonical) DO UPDATE SET
        email = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.email ELSE s.email END,
        first_name = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.first_name ELSE s.first_name END,
        last_name = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.last_name ELSE s.last_name END,
        postcode = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.postcode ELSE s.postcode END,
        country = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.country ELSE s.country END,
        province = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.province ELSE s.province END,
        news_opt_in = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.news_opt_in ELSE s.news_opt_in END,
        news_opt_in_at = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.news_opt_in_at ELSE s.news_opt_in_at END,
        language = CASE WHEN s.confirmed_at IS NULL THEN EXCLUDED.language ELSE s.language END,
        updated_at = EXCLUDED.updated_at
    RETURNING id, confirmation_emails INTO v_signer, v_emails;

    -- One signature per signer and petition; asking again for a pending one renews it.
    INSERT INTO petitions_signature AS g (
        signer_id, petition_id, created_at, requested_at, confirmed_at, consent_version,
        consent_text, ip_range, invalidated_at, invalidation_reason, language)
    SELECT v_signer, petition_id, p_now, p_now, NULL, p_consent_version, p_consent_text,
        p_ip_range, NULL, '', p_language
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


# Going back restores the function as migration 0006 made it.
PREVIOUS = importlib.import_module("petitions.migrations.0006_confirmations_in_the_outbox").CREATE


def _on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: psycopg would read a % in the SQL as a placeholder.
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('petitions', '0008_text_in_three_languages'),
    ]

    operations = [
        migrations.AddField(
            model_name='newssubscriber',
            name='language',
            field=models.CharField(choices=[('fr', 'French'), ('nl', 'Dutch'), ('en', 'English')], db_default='fr', default='fr', max_length=10, verbose_name='language'),
        ),
        migrations.AddField(
            model_name='signature',
            name='language',
            field=models.CharField(choices=[('fr', 'French'), ('nl', 'Dutch'), ('en', 'English')], db_default='fr', default='fr', max_length=10, verbose_name='language'),
        ),
        migrations.AddField(
            model_name='signer',
            name='language',
            field=models.CharField(choices=[('fr', 'French'), ('nl', 'Dutch'), ('en', 'English')], db_default='fr', default='fr', max_length=10, verbose_name='language'),
        ),
        migrations.RunPython(_on_postgres(CREATE), _on_postgres(PREVIOUS)),
    ]
