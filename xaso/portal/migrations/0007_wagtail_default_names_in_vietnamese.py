"""Wagtail's own migrations create two groups ("Editors", "Moderators") and a workflow and task
("Moderators approval") in English; the back office shows their names to administrators."""

from django.db import migrations

GROUPS = {"Editors": "Biên tập viên (chung)", "Moderators": "Kiểm duyệt viên (chung)"}
APPROVAL = ("Moderators approval", "Kiểm duyệt viên (chung) duyệt")


def _rename(apps, groups, approval):
    Group = apps.get_model("auth", "Group")
    for old, new in groups.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    old, new = approval
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    _rename(apps, GROUPS, APPROVAL)


def backwards(apps, schema_editor):
    _rename(apps, {new: old for old, new in GROUPS.items()}, APPROVAL[::-1])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_audience_commune"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
