"""Forms a village head fills on a phone in a minute: a support visit, this month's household counts.

Plain HTML inputs (date, month, numeric keypad) rather than the desktop date picker; the
choices are limited to the village's own team and the commune's plan. The rules themselves
live in villages.services, which the views call.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from xaso.backoffice.widgets import NativeDateInput
from xaso.units.models import OrgUnit
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import communes_owned
from xaso.villages.models import ERR_NEGATIVE, HouseholdSnapshot, Platform, SupportVisit, TeamMember, role_rank
from xaso.villages.selectors import villages_writable, visit_tasks, visit_tasks_default
from xaso.villages.services import platform_save, team_member_save

ERR_MONTH_FORMAT = "Tháng chưa đúng; hãy chọn tháng, hoặc ghi theo dạng 11/2026."
ERR_NUMBER = "Hãy ghi một số nguyên, ví dụ 12."
NUMERIC = {"inputmode": "numeric", "pattern": "-?[0-9]*", "autocomplete": "off"}


def _count_field(label: str, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        error_messages={"min_value": ERR_NEGATIVE, "invalid": ERR_NUMBER},
        widget=forms.NumberInput(attrs=NUMERIC),
    )


class TaskChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code}: {obj.text[:110]}…" if len(obj.text) > 110 else f"{obj.code}: {obj.text}"


class VisitForm(forms.ModelForm):
    class Meta:
        model = SupportVisit
        fields = [
            "date",
            "members",
            "helped_ecommerce",
            "helped_cashless",
            "helped_online_services",
            "households_helped",
            "work",
            "tasks",
            "evidence",
        ]
        widgets = {
            "date": NativeDateInput,
            "members": forms.CheckboxSelectMultiple,
            "tasks": forms.CheckboxSelectMultiple,
            "households_helped": forms.NumberInput(attrs=NUMERIC),
            "work": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"households_helped": {"invalid": ERR_NUMBER}}
        field_classes = {"tasks": TaskChoices}

    def __init__(self, *args: Any, village: OrgUnit, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.village = village
        self.instance.village = village
        members = TeamMember.objects.filter(village=village)
        if self.instance.pk:
            members = members.filter(is_active=True) | members.filter(visits=self.instance)
        else:
            members = members.filter(is_active=True)
        member_field = self.fields["members"]
        task_field = self.fields["tasks"]
        date_field = self.fields["date"]
        assert isinstance(member_field, forms.ModelMultipleChoiceField)
        assert isinstance(task_field, forms.ModelMultipleChoiceField)
        assert isinstance(date_field, forms.DateField)
        member_field.queryset = members.distinct().order_by(role_rank(), "full_name")
        task_field.queryset = visit_tasks(commune_id=int(village.commune_id or 0))
        date_field.input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        if not self.instance.pk and not self.is_bound:
            self.initial["date"] = timezone.localdate().isoformat()
            self.initial["tasks"] = [task.pk for task in visit_tasks_default(village=village)]


def parse_month(raw: str) -> dt.date:
    """ "2026-11" (from <input type=month>) or "11/2026" -> 2026-11-01."""
    raw = raw.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", raw) or re.fullmatch(r"(\d{1,2})/(\d{4})", raw)
    if match is None:
        raise ValidationError(ERR_MONTH_FORMAT)
    first, second = match.groups()
    year, month = (int(first), int(second)) if len(first) == 4 else (int(second), int(first))
    if not 1 <= month <= 12:
        raise ValidationError(ERR_MONTH_FORMAT)
    return dt.date(year, month, 1)


class SnapshotForm(forms.Form):
    month = forms.CharField(label="Tháng", widget=forms.TextInput(attrs={"type": "month"}))
    cashless_households = _count_field(
        "Số hộ thanh toán không dùng tiền mặt", "Hộ có dùng chuyển khoản, quét mã QR hoặc ví điện tử."
    )
    ecommerce_households = _count_field(
        "Số hộ bán hàng trên sàn thương mại điện tử", "Mỗi hộ tính một lần, dù bán trên nhiều sàn."
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=255)

    def __init__(self, *args: Any, platforms: list[Platform], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.platforms = platforms
        for platform in platforms:
            self.fields[self.platform_field(platform)] = _count_field(f"Số hộ bán trên {platform.name}")
        # The month first, then the platforms, then the total they add up to.
        order = ["month", "cashless_households", *[self.platform_field(p) for p in platforms]]
        self.order_fields([*order, "ecommerce_households", "note"])

    @staticmethod
    def platform_field(platform: Platform) -> str:
        return f"platform_{platform.pk}"

    def clean_month(self) -> dt.date:
        return parse_month(self.cleaned_data["month"])

    def platform_counts(self) -> dict[Platform, int]:
        return {p: self.cleaned_data[self.platform_field(p)] for p in self.platforms}

    @classmethod
    def initial_from(cls, *, month: dt.date, snapshot: HouseholdSnapshot | None) -> dict[str, Any]:
        initial: dict[str, Any] = {"month": month.strftime("%Y-%m")}
        if snapshot is not None:
            initial["cashless_households"] = snapshot.cashless_households
            initial["ecommerce_households"] = snapshot.ecommerce_households
            for count in snapshot.platform_counts.all():
                initial[f"platform_{count.platform_id}"] = count.households
        return initial


# -- back-office snippets -------------------------------------------------------------------------------


class TeamMemberForm(ScopedAdminForm):
    scoped_fields = {"village": villages_writable}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        villages = self.fields["village"].queryset
        if not self.instance.pk and not self.is_bound and villages.count() == 1:
            self.initial["village"] = villages.get().pk

    def save(self, commit: bool = True) -> TeamMember:
        member: TeamMember = super().save(commit=False)
        return team_member_save(member=member) if commit else member


class PlatformForm(ScopedAdminForm):
    scoped_fields = {"commune": communes_owned}

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        communes = self.fields["commune"].queryset
        if not self.instance.pk and not self.is_bound and communes.count() == 1:
            self.initial["commune"] = communes.get().pk

    def save(self, commit: bool = True) -> Platform:
        platform: Platform = super().save(commit=False)
        return platform_save(platform=platform) if commit else platform
