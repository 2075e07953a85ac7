"""The embassy pack follows the one lifecycle for worker-made files
(marathon.lib.workerfiles): its fields take that lifecycle's names."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tally", "0005_handover_pack_signatures"),
    ]

    operations = [
        migrations.RenameField("handover", "pack", "file"),
        migrations.RenameField("handover", "pack_hash", "content_hash"),
        migrations.RenameField("handover", "pack_status", "status"),
        migrations.RenameField("handover", "pack_queued_at", "queued_at"),
        migrations.RenameField("handover", "pack_made_at", "made_at"),
        migrations.RenameField("handover", "pack_error", "error"),
        migrations.RenameField("handover", "pack_attempts", "attempts"),
        migrations.AlterField(
            model_name='handover',
            name='content_hash',
            field=models.CharField(blank=True, max_length=64, verbose_name='content hash'),
        ),
        migrations.AlterField(
            model_name='handover',
            name='made_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='made at'),
        ),
        migrations.AlterField(
            model_name='handover',
            name='queued_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='queued at'),
        ),
        migrations.AlterField(
            model_name='handover',
            name='status',
            field=models.CharField(choices=[('not-started', 'not started'), ('pending', 'being made'), ('ready', 'ready'), ('failed', 'failed'), ('outdated', 'outdated')], default='not-started', max_length=12, verbose_name='pack status'),
        ),
    ]
