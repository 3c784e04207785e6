from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from xaso.documents.services import may_request_for
from xaso.plans.models import Plan
from xaso.plans.selectors import plans_readable
from xaso.units.selectors import UserLike

ERR_YEAR = "Năm báo cáo phải nằm trong thời gian của kế hoạch ({start}–{end})."


class SampleReportForm(forms.Form):
    plan = forms.ModelChoiceField(label="Kế hoạch", queryset=Plan.objects.none(), empty_label=None)
    year = forms.IntegerField(label="Năm báo cáo", min_value=2000, max_value=2100)
    period = forms.CharField(
        label="Kỳ báo cáo",
        max_length=120,
        help_text=(
            "Ví dụ: 6 tháng đầu năm 2026; năm 2026. Báo cáo nhanh là bản dự thảo (phần khó khăn, đề xuất do Phòng "
            "viết), không lấy số; báo cáo gửi Sở là báo cáo tổng hợp của kỳ báo cáo."
        ),
    )

    def __init__(self, *args: Any, user: UserLike, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = plans_readable(user=user).select_related("commune")
        allowed = [plan.pk for plan in plans if may_request_for(user=user, unit=plan.commune)]
        self.fields["plan"].queryset = plans.filter(pk__in=allowed)  # type: ignore[attr-defined]
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["period"].initial = f"6 tháng đầu năm {today.year}" if today.month <= 6 else f"năm {today.year}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        plan, year = cleaned.get("plan"), cleaned.get("year")
        if plan and year and not plan.start_year <= year <= plan.end_year:
            self.add_error("year", ERR_YEAR.format(start=plan.start_year, end=plan.end_year))
        return cleaned
