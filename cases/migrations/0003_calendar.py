import datetime

import django.utils.timezone
from django.db import migrations, models


def dates_from_the_deadline(apps, schema_editor):
    """Existing campaigns: petitions close with the letters deadline, kit ordering two
    weeks before it, or already if staff had unticked "kit ordering open"."""
    Campaign = apps.get_model("cases", "Campaign")
    yesterday = django.utils.timezone.localdate() - datetime.timedelta(days=1)
    for campaign in Campaign.objects.all():
        closes_on = campaign.letters_deadline - datetime.timedelta(days=14)
        if not campaign.kit_ordering_open:
            closes_on = min(closes_on, yesterday)
        campaign.kit_ordering_closes_on = closes_on
        campaign.petitions_close_on = campaign.letters_deadline
        campaign.save(update_fields=["kit_ordering_closes_on", "petitions_close_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_staff_text_lengths"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="kit_ordering_opens_on",
            field=models.DateField(
                blank=True,
                help_text="Empty: kits can be ordered as soon as the campaign is the current one.",
                null=True,
                verbose_name="kit ordering opens on",
            ),
        ),
        migrations.AddField(
            model_name="campaign",
            name="kit_ordering_closes_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="campaign",
            name="petitions_close_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="campaign",
            name="handover_on",
            field=models.DateField(
                blank=True,
                help_text="The day letters and signatures are handed to the embassies, once known.",
                null=True,
                verbose_name="handover",
            ),
        ),
        migrations.RunPython(dates_from_the_deadline, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="campaign",
            name="kit_ordering_closes_on",
            field=models.DateField(
                help_text="The last day kits can be ordered by post: leave time for them to arrive and come back.",
                verbose_name="kit ordering closes on",
            ),
        ),
        migrations.AlterField(
            model_name="campaign",
            name="petitions_close_on",
            field=models.DateField(
                help_text="The last day the online petitions can be signed.", verbose_name="petitions close on"
            ),
        ),
        migrations.RemoveField(
            model_name="campaign",
            name="kit_ordering_open",
        ),
    ]
