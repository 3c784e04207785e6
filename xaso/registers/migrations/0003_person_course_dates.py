from django.db import migrations, models
from django.db.models import Min, Q


def backfill(apps, schema_editor):
    """Dates for the people who already completed a course that counts towards an indicator."""
    Person = apps.get_model("registers", "Person")
    Completion = apps.get_model("learning", "Completion")
    rows = (
        Completion.objects.filter(enrolment__learner__person__isnull=False)
        .order_by()
        .values("enrolment__learner__person_id")
        .annotate(
            informed=Min("completed_on", filter=Q(enrolment__course__counts_towards="officials_informed")),
            trained=Min("completed_on", filter=Q(enrolment__course__counts_towards="officers_trained")),
        )
    )
    dates = {row["enrolment__learner__person_id"]: (row["informed"], row["trained"]) for row in rows}
    people = list(Person.objects.filter(pk__in=dates))
    for person in people:
        person.first_course_informed_on, person.first_course_trained_on = dates[person.pk]
    Person.objects.bulk_update(people, ["first_course_informed_on", "first_course_trained_on"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("registers", "0002_person_first_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="first_course_informed_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="hoàn thành khóa học về Nghị quyết 57"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="first_course_trained_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="hoàn thành khóa đào tạo chuyên sâu"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
