from django.db import migrations

# The dashboard asks, for every task of the plan, whether any recorded activity serves it. With the
# link table indexed by task alone, PostgreSQL reads every link of a task before it can answer; with
# (task, activity) it stops at the first one (bench/activities_dashboard.py).
# The link table is created by the ManyToManyField, which has no Meta to declare the index on.


class Migration(migrations.Migration):
    dependencies = [("activities", "0002_activity_month")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX activities_activity_tasks_task_activity ON activities_activity_tasks (task_id, activity_id)",
            "DROP INDEX activities_activity_tasks_task_activity",
        )
    ]
