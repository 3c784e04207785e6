"""Wagtail's migrations name the root of the page tree and the root collection "Root"; administrators
read it in the page explorer, the pages' search, the collection and workflow forms and the group
permissions."""

from django.db import migrations

ROOT = ("Root", "Gốc")


def _rename(apps, old, new):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=old).update(name=new)


def forwards(apps, schema_editor):
    _rename(apps, *ROOT)


def backwards(apps, schema_editor):
    _rename(apps, *ROOT[::-1])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0008_image_help_wording"),
        ("wagtailcore", "0025_collection_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
