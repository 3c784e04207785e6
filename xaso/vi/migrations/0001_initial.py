import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Abbreviation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.CharField(help_text="Đúng như viết trong bài, phân biệt chữ hoa, chữ thường. Ví dụ: UBND, KH&CN, TTg.", max_length=32, verbose_name="chữ viết tắt")),
                ("expansion", models.CharField(help_text="Cách phát thanh viên đọc, ví dụ: Ủy ban nhân dân.", max_length=255, verbose_name="đọc là")),
                ("note", models.CharField(blank=True, max_length=255, verbose_name="ghi chú")),
                ("commune", models.ForeignKey(blank=True, help_text="Để trống: dùng chung cho mọi xã.", limit_choices_to={"kind": "commune"}, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="units.orgunit", verbose_name="xã")),
            ],
            options={
                "verbose_name": "chữ viết tắt (cách đọc)",
                "verbose_name_plural": "từ điển đọc chữ viết tắt",
                "ordering": ["text"],
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("commune__isnull", True)), fields=("text",), name="vi_abbr_shared_unique"),
                    models.UniqueConstraint(condition=models.Q(("commune__isnull", False)), fields=("text", "commune"), name="vi_abbr_commune_unique"),
                    models.CheckConstraint(condition=models.Q(models.Q(("text", ""), _negated=True), models.Q(("expansion", ""), _negated=True)), name="vi_abbr_not_empty"),
                ],
            },
        ),
    ]
