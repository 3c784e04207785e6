"""Back office › Báo cáo › Các xã: the province follows every commune's reporting, downloads the roll-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.documents.api import xlsx_annex
from xaso.reporting.models import PeriodKind, ReportState
from xaso.reporting.province import may_follow_province, province_rows, provinces_followed, rollup_sheets
from xaso.reporting.schedule import period_words
from xaso.units.models import OrgUnit
from xaso.vi.text import fold

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ProvinceFilter(forms.Form):
    province: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(
        label="Tỉnh", queryset=OrgUnit.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label="Loại báo cáo",
        choices=[
            (PeriodKind.HALF_YEAR.value, PeriodKind.HALF_YEAR.label),
            (PeriodKind.YEAR.value, PeriodKind.YEAR.label),
        ],
    )
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces_followed(user=user)  # type: ignore[attr-defined]


class ProvinceView(WagtailAdminTemplateMixin, View):
    template_name = "reporting/admin/province.html"
    page_title = "Tình hình báo cáo của các xã"
    header_icon = "doc-full"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not may_follow_province(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reporting_home"), "label": "Báo cáo định kỳ"},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        today = timezone.localdate()
        first = provinces_followed(user=request.user).order_by("path").first()
        initial = {"province": first.pk if first else None, "kind": PeriodKind.HALF_YEAR.value, "year": today.year}
        form = ProvinceFilter(request.GET or initial, user=request.user)
        if not form.is_valid():
            return TemplateResponse(
                request, self.template_name, {**self.get_context_data(), "form": form, "rows": []}, status=400
            )
        province, kind, year = form.cleaned_data["province"], form.cleaned_data["kind"], form.cleaned_data["year"]
        rows = province_rows(user=request.user, province=province, kind=kind, year=year, today=today)
        if request.GET.get("format") == "xlsx":
            data = xlsx_annex(sheets=rollup_sheets(rows=rows, province=province, kind=kind, year=year))
            response = HttpResponse(data, content_type=XLSX)
            # Vietnamese words in the name, as the period is said: "…-6-thang-dau-nam-2026.xlsx".
            words = slugify(fold(period_words(kind=kind, year=year, title=PeriodKind(kind).label)))
            filename = f"tong-hop-bao-cao-{province.code}-{words}.xlsx"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        context = {
            **self.get_context_data(),
            "form": form,
            "rows": rows,
            "states": list(ReportState),
            "query": f"province={province.pk}&kind={kind}&year={year}",
        }
        return TemplateResponse(request, self.template_name, context)
