"""Forms of the plan-from-document screens: the upload, and one form per part of the draft.

Each part of the draft is corrected in its own form (`SECTIONS`): what the form shows is read
from the draft (`initial`), what the owner saves is written back (`apply`). An item the owner
saved loses its doubt marks and is marked "edited": a person has checked it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from xaso.backoffice.widgets import NativeDateInput
from xaso.intake import draft as d
from xaso.intake.sources import ERR_UPLOAD_TOO_BIG, MAX_FILE, MAX_TEXT_CHARS, MB
from xaso.plans.models import Comparison, FundingKind, IndicatorKey, Recurrence, ResponsibilityKind, TaskGroupKey
from xaso.units.models import OrgUnit

ERR_ONE_SOURCE = "Hãy chọn một tệp hoặc dán văn bản (một trong hai)."
ERR_PERIOD = "Năm kết thúc không được trước năm bắt đầu."
ERR_MILESTONE_OUTSIDE = "Mốc năm {year} nằm ngoài giai đoạn {start}–{end} của mục tiêu."
ERR_MILESTONE_TWICE = "Năm {year} có hai mốc."
ERR_MILESTONE_VALUE = "Mốc năm {year}: chỉ tiêu định lượng cần giá trị; chỉ tiêu định tính chọn “Hoàn thành”."
ERR_NO_MILESTONE = "Mục tiêu cần ít nhất một mốc (năm, giá trị)."
ERR_NO_LEAD = "Nhiệm vụ cần ít nhất một đơn vị chủ trì."
ERR_DAY = "Ngày {day}/{month} không có trong năm."
EDITED = "edited"
MAX_ROWS = 200

TEXTAREA = {"rows": 3}


class UploadForm(forms.Form):
    commune = forms.ModelChoiceField(label="Xã", queryset=OrgUnit.objects.none(), empty_label=None)
    file = forms.FileField(
        label="Tệp văn bản kế hoạch",
        required=False,
        help_text="Word (.docx), PDF (có chữ hoặc bản quét), ảnh chụp (PNG, JPG, TIFF) đến 20 MB, hoặc .txt.",
    )
    text = forms.CharField(
        label="Hoặc dán toàn văn kế hoạch",
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Dán được cả văn bản không dấu hoặc chép từ bản quét; Xã số khôi phục dấu và đánh dấu chỗ cần xem lại.",
    )

    def __init__(self, *args: Any, communes: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and getattr(upload, "oversized", False):
            # xaso/inputs/limits.py stopped storing it at the address's cap: only its real size is known.
            size, limit = f"{upload.size / MB:.1f}".replace(".", ","), MAX_FILE // MB
            raise ValidationError(ERR_UPLOAD_TOO_BIG.format(name=upload.name, size=size, limit=limit))
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if bool(cleaned.get("file")) == bool((cleaned.get("text") or "").strip()):
            raise ValidationError(ERR_ONE_SOURCE)
        return cleaned


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- the draft's identity and its single paragraphs --------------------------------------------------


class GeneralForm(forms.Form):
    code = forms.CharField(label="Số, ký hiệu", max_length=64, help_text="Ví dụ: 12/KH-UBND.")
    document_type = forms.CharField(label="Loại văn bản", max_length=64)
    issued_on = forms.DateField(label="Ngày ban hành", widget=NativeDateInput)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255)
    issuer_header = forms.CharField(
        label="Tên cơ quan ở góc trái",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi dòng một dòng chữ in hoa.",
    )
    place = forms.CharField(label="Địa danh", max_length=128)
    title = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs=TEXTAREA))
    start_year = forms.IntegerField(label="Từ năm", min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label="Đến năm", min_value=2000, max_value=2100)
    signer_authority = forms.CharField(label="Quyền hạn ký", max_length=64, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=128, required=False)
    signer_name = forms.CharField(label="Họ và tên người ký", max_length=128, required=False)
    objectives_heading = forms.CharField(label="Tiêu đề phần mục tiêu", max_length=255)
    general_objective = forms.CharField(label="Mục tiêu chung", widget=forms.Textarea(attrs=TEXTAREA))
    funding = forms.CharField(label="Kinh phí", widget=forms.Textarea(attrs=TEXTAREA))
    funding_sources = forms.MultipleChoiceField(
        label="Nguồn kinh phí", choices=FundingKind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    reporting = forms.CharField(label="Chế độ báo cáo", widget=forms.Textarea(attrs=TEXTAREA))
    reporting_ad_hoc = forms.BooleanField(label="Có báo cáo đột xuất khi được yêu cầu", required=False)
    closing = forms.CharField(label="Đoạn kết", widget=forms.Textarea(attrs=TEXTAREA), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and start > end:
            self.add_error("end_year", ERR_PERIOD)
        return cleaned


def general_initial(draft: d.Draft, _: str) -> dict[str, Any]:
    ident = draft.identity
    return {
        "code": ident.code,
        "document_type": ident.document_type,
        "issued_on": ident.issued_on or None,
        "issuer": ident.issuer,
        "issuer_header": "\n".join(ident.issuer_header),
        "place": ident.place,
        "title": ident.title,
        "start_year": draft.start_year or None,
        "end_year": draft.end_year or None,
        "signer_authority": ident.signer_authority,
        "signer_title": ident.signer_title,
        "signer_name": ident.signer_name,
        "objectives_heading": draft.objectives_heading,
        "general_objective": draft.general_objective.text if draft.general_objective else "",
        "funding": draft.funding.text if draft.funding else "",
        "funding_sources": [s.text for s in draft.funding_sources],
        "reporting": draft.reporting.text if draft.reporting else "",
        "reporting_ad_hoc": draft.reporting_ad_hoc,
        "closing": draft.closing,
    }


def general_apply(draft: d.Draft, data: dict[str, Any], _: str) -> None:
    ident = draft.identity
    ident.code = _one_line(data["code"])
    ident.document_type = _one_line(data["document_type"]).upper()
    ident.issued_on = data["issued_on"].isoformat()
    ident.issuer = _one_line(data["issuer"])
    ident.issuer_header = _lines(data["issuer_header"])
    ident.place = _one_line(data["place"])
    ident.title = _one_line(data["title"])
    ident.signer_authority = _one_line(data["signer_authority"])
    ident.signer_title = _one_line(data["signer_title"])
    ident.signer_name = _one_line(data["signer_name"])
    ident.flags = {}
    draft.start_year, draft.end_year = data["start_year"], data["end_year"]
    draft.objectives_heading = _one_line(data["objectives_heading"])
    draft.general_objective = _edited(draft.general_objective, _one_line(data["general_objective"]))
    draft.funding = _edited(draft.funding, _one_line(data["funding"]))
    old_sources = {s.text: s for s in draft.funding_sources}
    draft.funding_sources = [old_sources.get(k) or d.Item(text=k, flags=[EDITED]) for k in data["funding_sources"]]
    draft.reporting = _edited(draft.reporting, _one_line(data["reporting"]))
    draft.reporting_ad_hoc = data["reporting_ad_hoc"]
    draft.closing = _one_line(data["closing"])


def _edited(item: d.Item | None, text: str) -> d.Item:
    lines = item.lines if item else []
    return d.Item(text=text, lines=lines, flags=[EDITED])


# -- lists edited as formsets -------------------------------------------------------------------------


class BasisForm(forms.Form):
    code = forms.CharField(label="Số, ký hiệu", max_length=64)
    kind = forms.CharField(label="Loại văn bản", max_length=64, required=False)
    issued_on = forms.DateField(label="Ngày ban hành", widget=NativeDateInput)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255)
    summary = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 2}))
    lines = forms.CharField(widget=forms.HiddenInput, required=False)


class PurposeForm(forms.Form):
    text = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 2}))
    lines = forms.CharField(widget=forms.HiddenInput, required=False)


class GroupForm(forms.Form):
    text = forms.CharField(label="Tên nhóm nhiệm vụ", widget=forms.Textarea(attrs={"rows": 2}))
    key = forms.ChoiceField(label="Loại nhóm", choices=[("", "— chưa chọn —"), *TaskGroupKey.choices], required=False)
    lines = forms.CharField(widget=forms.HiddenInput, required=False)


class DeadlineForm(forms.Form):
    day = forms.IntegerField(label="Trước ngày", min_value=1, max_value=31)
    month = forms.IntegerField(label="Tháng", min_value=1, max_value=12)
    label = forms.CharField(label="Tên kỳ báo cáo", max_length=128)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        day, month = cleaned.get("day"), cleaned.get("month")
        if day and month and day > (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
            raise ValidationError(ERR_DAY.format(day=day, month=month))
        return cleaned


class RecipientForm(forms.Form):
    text = forms.CharField(label="Nơi nhận", max_length=255)
    lines = forms.CharField(widget=forms.HiddenInput, required=False)


class ResponsibilityForm(forms.Form):
    heading = forms.CharField(label="Đơn vị, đối tượng", max_length=255)
    unit_kind = forms.ChoiceField(
        label="Là", choices=ResponsibilityKind.choices, initial=ResponsibilityKind.choices[0][0]
    )
    items = forms.CharField(label="Nhiệm vụ (mỗi dòng một ý)", widget=forms.Textarea(attrs={"rows": 4}))
    lines = forms.CharField(widget=forms.HiddenInput, required=False)


class ListFormSet(forms.BaseFormSet):
    """A part of the draft edited as a whole list. Draft items have no ids, so every row travels as
    a new row (INITIAL_FORMS=0): the project's formset guard (xaso/inputs/formsets.py) asks an id of
    every "initial" row, and nothing here needs one — the list saved replaces the list shown."""

    def initial_form_count(self) -> int:
        return 0


def list_formset(
    form: type[forms.Form],
    *,
    data: Any,
    initial: list[dict[str, Any]],
    prefix: str,
    base: type[ListFormSet] = ListFormSet,
) -> ListFormSet:
    """Shown: one row per item, filled, and a blank one. Sent back: the rows as typed."""
    extra = len(initial) + 1 if data is None else 0
    cls = forms.formset_factory(form, formset=base, extra=extra, can_delete=True, max_num=MAX_ROWS, validate_max=True)
    formset = cls(initial=initial, prefix=prefix) if data is None else cls(data, prefix=prefix)
    return cast(ListFormSet, formset)


def _span(text: str) -> list[int]:
    parts = [int(p) for p in text.split("-") if p.strip().isdigit()]
    return parts[:2]


def _span_text(lines: list[int]) -> str:
    return "-".join(str(n) for n in lines)


def _kept(forms_: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [data for data in forms_ if data and not data.get("DELETE")]


def bases_initial(draft: d.Draft, _: str) -> list[dict[str, Any]]:
    return [
        {
            "code": b.code,
            "kind": b.kind,
            "issued_on": b.issued_on or None,
            "issuer": b.issuer,
            "summary": b.summary,
            "lines": _span_text(b.lines),
        }
        for b in draft.legal_bases
    ]


def bases_apply(draft: d.Draft, rows: list[dict[str, Any]], _: str) -> None:
    draft.legal_bases = [
        d.LegalBasis(
            text=_one_line(f"{row['kind']} {row['code']}"),
            lines=_span(row["lines"]),
            flags=[EDITED],
            code=_one_line(row["code"]),
            kind=_one_line(row["kind"]),
            issued_on=row["issued_on"].isoformat(),
            issuer=_one_line(row["issuer"]),
            summary=_one_line(row["summary"]),
        )
        for row in _kept(rows)
    ]


def purposes_initial(draft: d.Draft, _: str) -> list[dict[str, Any]]:
    return [{"text": p.text, "lines": _span_text(p.lines)} for p in draft.purposes]


def purposes_apply(draft: d.Draft, rows: list[dict[str, Any]], _: str) -> None:
    draft.purposes = [
        d.Item(text=_one_line(row["text"]), lines=_span(row["lines"]), flags=[EDITED]) for row in _kept(rows)
    ]


def groups_initial(draft: d.Draft, _: str) -> list[dict[str, Any]]:
    return [{"text": g.text, "key": g.key, "lines": _span_text(g.lines)} for g in draft.task_groups]


def groups_apply(draft: d.Draft, rows: list[dict[str, Any]], _: str) -> None:
    """Groups keep their tasks by position; a deleted group's tasks go to the group before it."""
    old = draft.task_groups
    kept: list[d.TaskGroup] = []
    orphans: list[d.Task] = []
    for index, row in enumerate(rows):
        if not row:
            continue
        tasks = old[index].tasks if index < len(old) else []
        if row.get("DELETE"):
            (kept[-1].tasks if kept else orphans).extend(tasks)
            continue
        group = d.TaskGroup(text=_one_line(row["text"]), lines=_span(row["lines"]), flags=[EDITED], key=row["key"])
        group.tasks = orphans + list(tasks)
        orphans = []
        kept.append(group)
    draft.task_groups = kept


def reporting_initial(draft: d.Draft, _: str) -> list[dict[str, Any]]:
    return [{"day": x.day, "month": x.month, "label": x.label} for x in draft.deadlines]


def reporting_apply(draft: d.Draft, rows: list[dict[str, Any]], _: str) -> None:
    draft.deadlines = [d.Deadline(row["day"], row["month"], _one_line(row["label"])) for row in _kept(rows)]


def recipients_initial(draft: d.Draft, _: str) -> list[dict[str, Any]]:
    return [{"text": r.text, "lines": _span_text(r.lines)} for r in draft.recipients]


def recipients_apply(draft: d.Draft, rows: list[dict[str, Any]], _: str) -> None:
    draft.recipients = [
        d.Item(text=_one_line(row["text"]), lines=_span(row["lines"]), flags=[EDITED]) for row in _kept(rows)
    ]


def responsibilities_initial(draft: d.Draft, _: str) -> list[dict[str, Any]]:
    return [
        {"heading": r.heading, "unit_kind": r.unit_kind, "items": "\n".join(r.items), "lines": _span_text(r.lines)}
        for r in draft.responsibilities
    ]


def responsibilities_apply(draft: d.Draft, rows: list[dict[str, Any]], _: str) -> None:
    draft.responsibilities = [
        d.Responsibility(
            text=_one_line(row["heading"]),
            lines=_span(row["lines"]),
            flags=[EDITED],
            heading=_one_line(row["heading"]),
            unit_kind=row["unit_kind"],
            items=_lines(row["items"]),
        )
        for row in _kept(rows)
    ]


# -- one target, one task -------------------------------------------------------------------------------


class TargetForm(forms.Form):
    text = forms.CharField(label="Nội dung chỉ tiêu", widget=forms.Textarea(attrs=TEXTAREA))
    period_start = forms.IntegerField(label="Từ năm", min_value=2000, max_value=2100)
    period_end = forms.IntegerField(label="Đến năm", min_value=2000, max_value=2100)
    indicator = forms.ChoiceField(
        label="Chỉ số đo",
        choices=[("", "— chưa chọn —"), *IndicatorKey.choices],
        required=False,
        help_text="Xã số tính tiến độ của chỉ tiêu theo chỉ số này.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", ERR_PERIOD)
        return cleaned


class MilestoneForm(forms.Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    # A blank extra row still posts its select's first option; as the initial value it leaves the row "unchanged".
    comparison = forms.ChoiceField(label="So sánh", choices=Comparison.choices, initial=Comparison.AT_LEAST)
    value = forms.DecimalField(label="Giá trị", min_value=0, max_digits=12, decimal_places=2, required=False)
    unit = forms.CharField(label="Đơn vị tính", max_length=32, required=False, help_text="Ví dụ: %, hoạt động.")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("comparison") and cleaned["comparison"] != "done" and cleaned.get("value") is None:
            raise ValidationError(ERR_MILESTONE_VALUE.format(year=cleaned.get("year", "")))
        return cleaned


class BaseMilestoneFormSet(ListFormSet):
    period: tuple[int, int] | None = None

    def clean(self) -> None:
        super().clean()
        years: set[int] = set()
        kept = [
            f.cleaned_data for f in self.forms if f.is_valid() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(ERR_NO_MILESTONE)
        for data in kept:
            year = data["year"]
            if year in years:
                raise ValidationError(ERR_MILESTONE_TWICE.format(year=year))
            years.add(year)
            if self.period and not self.period[0] <= year <= self.period[1]:
                raise ValidationError(ERR_MILESTONE_OUTSIDE.format(year=year, start=self.period[0], end=self.period[1]))


class TaskForm(forms.Form):
    group = forms.TypedChoiceField(label="Nhóm nhiệm vụ", coerce=int)
    text = forms.CharField(label="Nội dung nhiệm vụ", widget=forms.Textarea(attrs=TEXTAREA))
    lead = forms.CharField(
        label="Đơn vị chủ trì",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi dòng một đơn vị, ghi như văn bản; Xã số khớp tên với đơn vị của xã ở phần “Đơn vị trong kế hoạch”.",
    )
    coordinating = forms.CharField(label="Đơn vị phối hợp", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    recurrence = forms.ChoiceField(label="Tần suất", choices=Recurrence.choices)
    deadline = forms.DateField(label="Thời hạn", required=False, widget=NativeDateInput)

    def __init__(self, *args: Any, groups: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = groups  # type: ignore[attr-defined]

    def clean_lead(self) -> str:
        lead: str = self.cleaned_data["lead"]
        if not _lines(lead):
            raise ValidationError(ERR_NO_LEAD)
        return lead


@dataclass(frozen=True)
class Section:
    label: str
    kind: str  # "form", "formset", "target", "task"
    form: type[forms.Form]
    initial: Callable[[d.Draft, str], Any]
    apply: Callable[[d.Draft, Any, str], None]


SECTIONS: dict[str, Section] = {
    "chung": Section(
        "Thông tin chung, mục tiêu chung, kinh phí, báo cáo", "form", GeneralForm, general_initial, general_apply
    ),
    "can-cu": Section("Căn cứ ban hành", "formset", BasisForm, bases_initial, bases_apply),
    "muc-dich": Section("Mục đích, yêu cầu", "formset", PurposeForm, purposes_initial, purposes_apply),
    "nhom": Section("Nhóm nhiệm vụ", "formset", GroupForm, groups_initial, groups_apply),
    "han-bao-cao": Section("Hạn báo cáo định kỳ", "formset", DeadlineForm, reporting_initial, reporting_apply),
    "noi-nhan": Section("Nơi nhận", "formset", RecipientForm, recipients_initial, recipients_apply),
    "to-chuc": Section(
        "Tổ chức thực hiện", "formset", ResponsibilityForm, responsibilities_initial, responsibilities_apply
    ),
}


def target_initial(target: d.Target) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    start, _, end = target.period.partition("-")
    data = {
        "text": target.text,
        "period_start": int(start) if start.isdigit() else None,
        "period_end": int(end or start) if (end or start).isdigit() else None,
        "indicator": target.indicator,
    }
    milestones = [
        {"year": m.year, "comparison": m.comparison, "value": m.value, "unit": m.unit} for m in target.milestones
    ]
    return data, milestones


def target_apply(draft: d.Draft, index: int | None, data: dict[str, Any], milestones: list[dict[str, Any]]) -> None:
    """Write one target back (index None: a new one at the end)."""
    start, end = data["period_start"], data["period_end"]
    target = draft.targets[index] if index is not None else d.Target(text="")
    target.text = _one_line(data["text"])
    target.period = str(start) if start == end else f"{start}-{end}"
    target.indicator = data["indicator"]
    target.milestones = sorted(
        (
            d.Milestone(
                year=m["year"],
                comparison=m["comparison"],
                value=None if m["comparison"] == "done" or m.get("value") is None else float(m["value"]),
                unit="" if m["comparison"] == "done" else _one_line(m.get("unit") or ""),
            )
            for m in _kept(milestones)
        ),
        key=lambda m: m.year,
    )
    target.flags = [EDITED]
    target.tiers = []
    if index is None:
        draft.targets.append(target)


def task_initial(task: d.Task, group: int) -> dict[str, Any]:
    from xaso.intake.convert import deadline_iso

    return {
        "group": group,
        "text": task.text,
        "lead": "\n".join(task.lead),
        "coordinating": "\n".join(task.coordinating),
        "recurrence": task.recurrence,
        "deadline": deadline_iso(task.deadline) or None,
    }


def task_apply(draft: d.Draft, where: tuple[int, int] | None, data: dict[str, Any]) -> None:
    """Write one task back (where None: a new one at the end of its group); moving groups keeps it last."""
    if where is not None:
        g, k = where
        task = draft.task_groups[g].tasks[k]
        if data["group"] != g:
            draft.task_groups[g].tasks.pop(k)
            draft.task_groups[data["group"]].tasks.append(task)
    else:
        task = d.Task(text="")
        draft.task_groups[data["group"]].tasks.append(task)
    task.text = _one_line(data["text"])
    task.lead = _lines(data["lead"])
    task.coordinating = [name for name in _lines(data["coordinating"]) if name not in task.lead]
    task.recurrence = data["recurrence"]
    task.deadline = data["deadline"].isoformat() if data["deadline"] else ""
    task.flags = [EDITED]
