from django.db import migrations


def seed(apps, schema_editor):
    from xaso.vi.seed_abbreviations import ABBREVIATIONS

    Abbreviation = apps.get_model("vi", "Abbreviation")
    for text, expansion in ABBREVIATIONS.items():
        Abbreviation.objects.get_or_create(text=text, commune=None, defaults={"expansion": expansion})


class Migration(migrations.Migration):
    dependencies = [("vi", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
