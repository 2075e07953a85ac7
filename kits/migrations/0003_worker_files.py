"""Label sheets and printable kits share one lifecycle for worker-made files
(marathon.lib.workerfiles): the same names for the same states."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kits", "0002_kit_order_erased_at"),
    ]

    operations = [
        migrations.RenameField("printabledocument", "rendered_at", "made_at"),
        migrations.RenameField("labelbatch", "finished_at", "made_at"),
        migrations.AddField(
            model_name="labelbatch",
            name="content_hash",
            field=models.CharField(blank=True, max_length=64, verbose_name="content hash"),
        ),
        migrations.AddField(
            model_name="labelbatch",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.AddField(
            model_name="labelbatch",
            name="queued_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="queued at"),
        ),
        migrations.AlterField(
            model_name='labelbatch',
            name='made_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='made at'),
        ),
        migrations.AlterField(
            model_name='labelbatch',
            name='status',
            field=models.CharField(choices=[('not-started', 'not started'), ('pending', 'being made'), ('ready', 'ready'), ('failed', 'failed'), ('outdated', 'outdated')], default='pending', max_length=12, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='printabledocument',
            name='status',
            field=models.CharField(choices=[('not-started', 'not started'), ('pending', 'being made'), ('ready', 'ready'), ('failed', 'failed'), ('outdated', 'outdated')], default='pending', max_length=12, verbose_name='status'),
        ),
    ]
