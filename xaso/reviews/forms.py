from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from xaso.documents.services import may_request_for
from xaso.plans.models import Plan
from xaso.plans.selectors import plans_readable
from xaso.reviews.document import FINAL, INTERIM, review_period_problems
from xaso.units.selectors import UserLike

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
ERR_FUTURE_END = "Ngày kết thúc kỳ chưa tới: chỉ sơ kết, tổng kết những gì đã diễn ra."
ERR_DRAFT_NUMBERED = (
    "Chưa viết phần “Hạn chế, nguyên nhân” nên báo cáo còn là dự thảo: chưa cấp số, chưa ghi ngày ban hành được. "
    "Hãy viết phần này, hoặc bỏ trống số và ngày để tạo bản dự thảo."
)


def _date(label: str, *, required: bool = True, help_text: str = "Dạng 30/06/2027.") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )


class ReviewForm(forms.Form):
    plan = forms.ModelChoiceField(label="Kế hoạch", queryset=Plan.objects.none(), empty_label=None)
    kind = forms.ChoiceField(
        label="Loại báo cáo",
        choices=[(INTERIM, "Sơ kết (giữa kỳ)"), (FINAL, "Tổng kết (cuối kỳ)")],
        widget=forms.RadioSelect,
        initial=INTERIM,
    )
    start = _date("Từ ngày", help_text="Thường là ngày bắt đầu kế hoạch. Dạng 01/01/2025.")
    end = _date("Đến ngày", help_text="Ngày cuối của kỳ sơ kết, tổng kết. Dạng 30/06/2027.")
    shortcomings = forms.CharField(
        label="Hạn chế, nguyên nhân",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "Đánh giá của Phòng: những hạn chế và nguyên nhân, mỗi ý một dòng. Bỏ trống thì báo cáo là bản dự thảo "
            "(in chữ “DỰ THẢO”, chừa chỗ viết phần này), chưa lấy số được."
        ),
    )
    number = forms.IntegerField(
        label="Số văn bản", min_value=1, required=False, help_text="Bỏ trống nếu là bản dự thảo chưa lấy số."
    )
    issued_on = _date("Ngày ban hành", required=False, help_text="Dạng 05/07/2027; bỏ trống nếu là bản dự thảo.")

    def __init__(self, *args: Any, user: UserLike, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = plans_readable(user=user).select_related("commune").filter(is_active=True)
        allowed = [plan.pk for plan in plans if may_request_for(user=user, unit=plan.commune)]
        self.fields["plan"].queryset = plans.filter(pk__in=allowed)  # type: ignore[attr-defined]
        first = plans.filter(pk__in=allowed).first()
        today = timezone.localdate()
        if first is not None:
            self.fields["start"].initial = dt.date(first.start_year, 1, 1)
        self.fields["end"].initial = today

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        plan, start, end = cleaned.get("plan"), cleaned.get("start"), cleaned.get("end")
        if plan and start and end:
            problem = review_period_problems(plan=plan, start=start, end=end)
            if problem:
                self.add_error("end", problem)
            elif end > timezone.localdate():
                self.add_error("end", ERR_FUTURE_END)
        if not (cleaned.get("shortcomings") or "").strip() and (cleaned.get("number") or cleaned.get("issued_on")):
            self.add_error("shortcomings", ERR_DRAFT_NUMBERED)
        return cleaned
