"""Autovacuum visits the outbox as often as it churns.

Every e-mail leaves two dead row versions (the sweep's claim, then "sent"): at a few
hundred signatures a second, Postgres's default (vacuum once a fifth of the table is
dead) lets the dead rows pile up between visits, and the sweep's and the workers' index
scans slow down with them. A few thousand dead rows are enough to call it here.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SETTINGS = "autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0.02"


def vacuum_often(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE outbox_email SET ({SETTINGS})")


def vacuum_as_default(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE outbox_email RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,"
            " autovacuum_analyze_scale_factor)"
        )


class Migration(migrations.Migration):
    dependencies = [("outbox", "0002_priority")]

    operations = [migrations.RunPython(vacuum_often, vacuum_as_default)]
