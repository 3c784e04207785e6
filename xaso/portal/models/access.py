"""The Wagtail groups Xã số manages for each commune's portal (see xaso.portal.access)."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models


class PortalGroupKind(models.TextChoices):
    EDITORS = "editors", "Biên tập viên"
    APPROVERS = "approvers", "Lãnh đạo duyệt bài"


class PortalGroup(models.Model):
    commune = models.ForeignKey(
        "units.OrgUnit", verbose_name="xã", on_delete=models.CASCADE, related_name="portal_groups"
    )
    kind = models.CharField("loại nhóm", max_length=16, choices=PortalGroupKind.choices)
    group = models.OneToOneField(Group, verbose_name="nhóm", on_delete=models.CASCADE, related_name="portal_group")

    class Meta:
        verbose_name = "nhóm quyền trang thông tin"
        verbose_name_plural = "nhóm quyền trang thông tin"
        constraints = [
            models.UniqueConstraint(fields=["commune", "kind"], name="portal_group_commune_kind_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in PortalGroupKind]), name="portal_group_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.group.name
