"""The "counters" group: volunteers who may use the counting desk and nothing else."""

from django.db import migrations

GROUP = "counters"
CODENAME = "use_counting_desk"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally made after all migrations ran; this one is needed now.
    content_type, _ = ContentType.objects.get_or_create(app_label="tally", model="letterbatch")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can record batches at the counting desk"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set([permission])


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tally", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
