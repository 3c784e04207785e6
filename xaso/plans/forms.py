"""Back-office forms of the plan, limited to what the person may choose."""

from __future__ import annotations

from typing import Any

from django import forms

from xaso.plans import selectors
from xaso.plans.document import ERR_TOO_BIG, MAX_BYTES
from xaso.plans.models import TaskUnitRole
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import communes_owned, report_recipients, units_in_owned_communes

ERR_UNIT_OUTSIDE = "Đơn vị “{unit}” không thuộc xã của kế hoạch."
ERR_GROUP_OTHER_PLAN = "Nhóm nhiệm vụ này thuộc kế hoạch khác."
ERR_NO_LEAD = "Nhiệm vụ cần ít nhất một đơn vị chủ trì."
ERR_UNIT_TWICE = "Đơn vị “{unit}” được chọn hai lần."


class PlanForm(ScopedAdminForm):
    scoped_fields = {
        "commune": communes_owned,
        "reporting_via": units_in_owned_communes,
        "reporting_recipient": report_recipients,
    }
    scoped_child_fields = {
        "responsibilities": {"unit": units_in_owned_communes},
        "recipients": {"unit": report_recipients},
    }


class TargetForm(ScopedAdminForm):
    scoped_fields = {"plan": selectors.plans_editable}


class TaskForm(ScopedAdminForm):
    scoped_fields = {"plan": selectors.plans_editable, "group": selectors.task_groups_editable}
    scoped_child_fields = {"task_units": {"unit": units_in_owned_communes}}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        plan, group = cleaned.get("plan"), cleaned.get("group")
        if plan and group and group.plan_id != plan.pk:
            self.add_error("group", ERR_GROUP_OTHER_PLAN)
        links = [
            form.cleaned_data
            for form in self.formsets["task_units"].forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        seen: set[int] = set()
        for link in links:
            unit = link.get("unit")
            if unit is None:
                continue
            if plan and unit.commune_id != plan.commune_id:
                raise forms.ValidationError(ERR_UNIT_OUTSIDE.format(unit=unit))
            if unit.pk in seen:
                raise forms.ValidationError(ERR_UNIT_TWICE.format(unit=unit))
            seen.add(unit.pk)
        if not any(link.get("role") == TaskUnitRole.LEAD for link in links):
            raise forms.ValidationError(ERR_NO_LEAD)
        return cleaned


class TaskGroupForm(ScopedAdminForm):
    scoped_fields = {"plan": selectors.plans_editable}


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp kế hoạch (.yaml)",
        help_text=(
            "Tệp dữ liệu kế hoạch (.yaml) xuất từ Xã số hoặc soạn theo cùng mẫu. "
            "Tệp lỗi sẽ bị từ chối và không thay đổi gì."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(ERR_TOO_BIG)
        return upload
