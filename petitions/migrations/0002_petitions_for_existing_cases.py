from django.db import migrations


def create_petitions(apps, schema_editor):
    # Cases made before this app existed get their petition; new ones get it from
    # petitions.services.petition_ensure (case admin, seed_demo).
    Case = apps.get_model("cases", "Case")
    Petition = apps.get_model("petitions", "Petition")
    PetitionTally = apps.get_model("petitions", "PetitionTally")
    for case in Case.objects.filter(petition__isnull=True):
        petition = Petition.objects.create(case=case, text=case.ask)
        PetitionTally.objects.create(petition=petition)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("petitions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_petitions, migrations.RunPython.noop)]
