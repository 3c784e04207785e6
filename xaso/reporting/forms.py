"""Forms of the reporting screens; the rules themselves live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from xaso.reporting.models import PeriodKind, ReportingPeriod, UnitReport
from xaso.reporting.services import (
    LATE_KEEP,
    LATE_NEW_DEADLINE,
    REPORTING_KINDS,
    REQUIRED_SECTIONS,
    SECTIONS,
    ReportText,
)
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, communes_owned

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
SECTION_HELP = {
    "results": "Những việc đơn vị đã làm trong kỳ theo các nhiệm vụ của Kế hoạch: hình thức, số lượng, đối tượng, hiệu quả.",
    "difficulties": "Khó khăn, vướng mắc, hạn chế và nguyên nhân. Nếu không có, ghi “Không có”.",
    "proposals": "Đề xuất, kiến nghị với UBND xã, Phòng Văn hóa - Xã hội, cấp trên. Nếu không có, ghi “Không có”.",
    "commendations": "Tập thể, cá nhân đề nghị khen thưởng, biểu dương và thành tích (nếu có).",
    "next_tasks": "Những việc đơn vị sẽ làm trong kỳ tới (nếu có).",
}


def date_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text or "Dạng 05/06/2026.",
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, report: UnitReport, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        periodic = not report.period.is_ad_hoc
        for name, label in SECTIONS.items():
            required = periodic and name in REQUIRED_SECTIONS
            self.fields[name] = forms.CharField(
                label=f"{label}{' (bắt buộc khi gửi)' if required else ''}",
                required=False,
                strip=False,
                help_text=SECTION_HELP[name],
                widget=forms.Textarea(attrs={"rows": 6 if name == "results" else 4}),
            )
        for number, question in enumerate(report.period.questions.all(), start=1):
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=f"Câu {number}. {question.text}{' (bắt buộc khi gửi)' if question.required else ''}",
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    @classmethod
    def initial_for(cls, report: UnitReport) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": report.version}
        initial.update({name: getattr(report, name) for name in SECTIONS})
        initial.update({f"answer_{key}": value for key, value in (report.answers or {}).items()})
        return initial

    def text(self) -> ReportText:
        data = self.cleaned_data
        answers = {
            name.removeprefix("answer_"): data.get(name) or "" for name in self.fields if name.startswith("answer_")
        }
        return ReportText(**{name: data.get(name) or "" for name in SECTIONS}, answers=answers)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến trả lại (đơn vị cần sửa, bổ sung gì)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Lý do mở lại", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class UnlockForm(forms.Form):
    until = date_field("Cho phép sửa, gửi đến hết ngày", required=True)
    reason = forms.CharField(label="Lý do", required=False)


class PeriodOpenForm(forms.Form):
    commune = forms.ModelChoiceField(label="Xã", queryset=OrgUnit.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label="Loại báo cáo", choices=PeriodKind.choices, initial=PeriodKind.HALF_YEAR)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    unit_kinds = forms.MultipleChoiceField(
        label="Loại đơn vị phải báo cáo",
        required=False,
        choices=[(k.value, UnitKind(k).label) for k in REPORTING_KINDS],
        initial=[k.value for k in REPORTING_KINDS],
        widget=forms.CheckboxSelectMultiple,
    )
    units = forms.ModelMultipleChoiceField(
        label="Thêm từng đơn vị",
        required=False,
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Đơn vị phải báo cáo dù không thuộc các loại đã chọn.",
    )
    title = forms.CharField(
        label="Tên yêu cầu (báo cáo đột xuất)",
        required=False,
        max_length=255,
        help_text="Ví dụ: Báo cáo đột xuất kết quả hưởng ứng phong trào “Bình dân học vụ số”.",
    )
    deadline = date_field(
        "Hạn gửi",
        help_text="Bắt buộc với báo cáo đột xuất, và với báo cáo định kỳ mở sau hạn theo lịch nếu chọn đặt hạn mới; "
        "bỏ trống để theo lịch.",
    )
    late = forms.ChoiceField(
        label="Nếu hạn gửi theo lịch đã qua",
        required=False,
        choices=[
            (LATE_NEW_DEADLINE, "Đặt hạn gửi mới (ô “Hạn gửi”) cho mọi đơn vị"),
            (LATE_KEEP, "Giữ hạn theo lịch: đơn vị gửi muộn, kỳ khóa theo lịch"),
        ],
        widget=forms.RadioSelect,
        help_text="Chỉ cần chọn khi mở báo cáo định kỳ sau hạn gửi theo lịch.",
    )
    data_start = date_field("Số liệu từ ngày", help_text="Bỏ trống để theo lịch (định kỳ) hoặc từ đầu năm (đột xuất).")
    data_end = date_field(
        "Chốt số liệu đến ngày", help_text="Bỏ trống để theo lịch (định kỳ) hoặc đến hôm nay (đột xuất)."
    )
    instructions = forms.CharField(label="Yêu cầu, hướng dẫn", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    questions = forms.CharField(
        label="Câu hỏi (báo cáo đột xuất)",
        required=False,
        help_text="Mỗi câu hỏi một dòng; đơn vị phải trả lời từng câu.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, user: UserLike, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        communes = communes_owned(user=user).order_by("path")
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]
        self.fields["units"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.filter(commune__in=communes, is_active=True).exclude(kind=UnitKind.COMMUNE).order_by("path")
        )
        self.fields["year"].initial = timezone.localdate().year

    def question_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("questions", "").splitlines() if line.strip()]


class AssignForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label="Giao thêm cho đơn vị", queryset=OrgUnit.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, period: ReportingPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assigned = period.reports.values_list("unit_id", flat=True)
        self.fields["units"].queryset = (  # type: ignore[attr-defined]
            OrgUnit.objects.filter(commune_id=period.commune_id, is_active=True)
            .exclude(kind=UnitKind.COMMUNE)
            .exclude(pk__in=assigned)
            .order_by("path")
        )


class ConsolidateForm(forms.Form):
    number = forms.IntegerField(
        label="Số văn bản",
        required=False,
        min_value=1,
        help_text="Số do văn thư cấp; để trống nếu là bản dự thảo (in “Số:      /BC-UBND”).",
    )
    issued_on = date_field("Ngày ban hành", help_text="Dạng 10/06/2026; để trống nếu là bản dự thảo.")
