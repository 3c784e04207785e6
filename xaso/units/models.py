"""Organisation units (province > commune > office, school, village...) and people's roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from treebeard.mp_tree import MP_Node


class UnitKind(models.TextChoices):
    PROVINCE = "province", "Tỉnh"
    DEPARTMENT = "department", "Sở, ban, ngành tỉnh"
    COMMUNE = "commune", "Xã"
    OFFICE = "office", "Phòng chuyên môn, đơn vị thuộc UBND xã"
    SCHOOL = "school", "Trường học"
    VILLAGE = "village", "Thôn"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    ORGANISATION = "organisation", "Tổ chức chính trị - xã hội"


# Which kinds may sit directly under which: the tree the plan describes.
ALLOWED_CHILD_KINDS: dict[str, frozenset[str]] = {
    UnitKind.PROVINCE: frozenset({UnitKind.DEPARTMENT, UnitKind.COMMUNE}),
    UnitKind.DEPARTMENT: frozenset(),
    UnitKind.COMMUNE: frozenset(
        {UnitKind.OFFICE, UnitKind.SCHOOL, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION}
    ),
    UnitKind.OFFICE: frozenset(),
    UnitKind.SCHOOL: frozenset(),
    UnitKind.VILLAGE: frozenset(),
    UnitKind.ENTERPRISE: frozenset(),
    UnitKind.ORGANISATION: frozenset(),
}


class OrgUnit(MP_Node):
    code = models.SlugField(
        "mã đơn vị",
        max_length=64,
        unique=True,
        help_text="Mã ổn định dùng trong tệp kế hoạch và báo cáo, ví dụ ls-hvt-vhxh.",
    )
    name = models.CharField("tên đơn vị", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=64, blank=True)
    kind = models.CharField("loại đơn vị", max_length=16, choices=UnitKind.choices)
    # Denormalised so that every commune-scoped query is one indexed equality, not a
    # path prefix scan; set by units.services, never edited by hand.
    commune = models.ForeignKey(
        "self",
        verbose_name="xã",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    is_demo = models.BooleanField(
        "dữ liệu mẫu", default=False, help_text="Tên đơn vị do Xã số đặt để minh họa, không có trong kế hoạch gốc."
    )
    is_active = models.BooleanField("đang hoạt động", default=True)

    node_order_by: list[str] = []

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in UnitKind]),
                name="units_orgunit_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        return UnitKind(self.kind).label


class Role(models.TextChoices):
    PROGRAMME_OWNER = "programme_owner", "Chủ trì chương trình (Phòng Văn hóa - Xã hội)"
    LEADER = "leader", "Lãnh đạo (duyệt, ký)"
    REPORTER = "reporter", "Cán bộ báo cáo của đơn vị"
    PORTAL_EDITOR = "portal_editor", "Biên tập viên trang thông tin"
    PROVINCE_VIEWER = "province_viewer", "Cán bộ theo dõi cấp tỉnh"
    PROVINCE_ADMIN = "province_admin", "Quản trị cấp tỉnh (đưa xã lên Xã số)"


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    position = models.CharField("chức vụ", max_length=128, blank=True, help_text="Ví dụ: Phó Chủ tịch UBND xã.")
    created_at = models.DateTimeField("ngày giao", auto_now_add=True)

    class Meta:
        verbose_name = "vai trò của người dùng"
        verbose_name_plural = "vai trò của người dùng"
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="units_membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="units_membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
