"""The programme dashboard in the back office: a commune or one unit, a period, downloads."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.indicators import charts, exports
from xaso.indicators.definitions import INDICATORS
from xaso.indicators.periods import Period, parse_period
from xaso.indicators.selectors import (
    Dashboard,
    dashboard_unit_default,
    dashboard_units,
    indicator_detail,
    plan_years,
    programme_dashboard,
    province_overview,
)
from xaso.indicators.status import STATUS_EXPLAINED, Status
from xaso.inputs.params import query_id, query_year
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import scope_for
from xaso.vi.text import fold

ERR_NO_UNIT = "Bạn chưa được giao đơn vị nào nên chưa có số liệu tiến độ để xem."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit(request: HttpRequest) -> OrgUnit:
    if scope_for(user=request.user).is_empty:
        raise PermissionDenied
    if request.GET.get("don-vi"):
        pk = query_id(request.GET, "don-vi")
        unit = dashboard_units(user=request.user).filter(pk=pk).first() if pk else None
        if unit is None:
            raise Http404("Không tìm thấy đơn vị trong phạm vi của bạn.")
        return unit
    unit = dashboard_unit_default(user=request.user)
    if unit is None:
        raise PermissionDenied(ERR_NO_UNIT)
    return unit


def _period(request: HttpRequest, unit: OrgUnit) -> Period | None:
    key = request.GET.get("ky", "")
    if not key:
        return None
    commune = unit if unit.kind == UnitKind.COMMUNE else unit.commune
    years = plan_years(commune=commune)
    if years is None:
        return None
    try:
        return parse_period(key, start_year=years[0], end_year=years[1])
    except ValueError as exc:
        raise Http404(str(exc)) from exc


def _query(unit: OrgUnit, period: Period) -> str:
    return urlencode({"don-vi": unit.pk, "ky": period.key})


class TitledMixin(WagtailAdminTemplateMixin):
    """Breadcrumbs end with the page's own title (Wagtail's default stops at "Home")."""

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class DashboardView(TitledMixin, TemplateView):
    template_name = "indicators/admin/dashboard.html"
    page_title = "Tiến độ chương trình"
    header_icon = "view"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unit = _unit(self.request)
        dashboard = programme_dashboard(
            user=self.request.user, unit=unit, period=_period(self.request, unit), today=timezone.localdate()
        )
        context["unit"] = unit
        context["dashboard"] = dashboard
        if dashboard is None:
            return context
        commune = dashboard.commune
        context["unit_choices"] = dashboard_units(user=self.request.user).filter(commune=commune).order_by("path")
        context["query"] = _query(unit, dashboard.period)
        context["statuses"] = [(s, STATUS_EXPLAINED[s]) for s in Status]
        context["target_rows"] = [
            (
                row,
                charts.progress_bar(
                    share=row.share_of_goal,
                    status=row.status,
                    label=f"{row.target.code}: {row.result.display} so với mốc {row.milestone.label if row.milestone else ''}",
                ),
            )
            for row in dashboard.targets
        ]
        largest = max((r.counts.activities for r in dashboard.units), default=0)
        context["unit_rows"] = [
            (
                row,
                charts.count_bar(
                    value=row.counts.activities,
                    largest=largest,
                    label=f"{row.unit.name}: {row.counts.activities} hoạt động",
                ),
            )
            for row in dashboard.units
        ]
        context["months_chart"] = charts.months_chart(dashboard.months)
        context["province_link"] = (
            bool(scope_for(user=self.request.user).viewed_province_paths) or self.request.user.is_superuser
        )
        context["extra_panels"] = extra_panels(self.request, dashboard)
        return context


def extra_panels(request: HttpRequest, dashboard: Dashboard) -> list[dict[str, Any]]:
    """Other apps add a panel (reporting rates, schools and enterprises, funding) without this app
    knowing them: a `programme_dashboard_panels` hook returns None or {"template": ..., **context},
    with an optional "tables" (exports.Table) that the downloads add after the dashboard's own."""
    return [
        panel
        for hook in hooks.get_hooks("programme_dashboard_panels")
        if (panel := hook(request=request, dashboard=dashboard))
    ]


def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponse:
    unit = _unit(request)
    dashboard = programme_dashboard(
        user=request.user, unit=unit, period=_period(request, unit), today=timezone.localdate()
    )
    if dashboard is None:
        raise Http404("Xã chưa có kế hoạch đang thực hiện.")
    tables = [
        *exports.dashboard_tables(dashboard),
        *(table for panel in extra_panels(request, dashboard) for table in panel.get("tables", ())),
    ]
    # Named as the period is said: "bang-dieu-hanh-ls-hvt-6-thang-dau-nam-2026", "…-nam-2026".
    name = f"bang-dieu-hanh-{unit.code}-{slugify(fold(dashboard.period.label))}"
    if fmt == "xlsx":
        response = HttpResponse(exports.to_xlsx(tables), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    slug = request.GET.get("bang", "muc-tieu")
    table = next((t for t in tables if t.slug == slug), None)
    if table is None:
        raise Http404("Không có bảng này.")
    response = HttpResponse(exports.to_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{slug}.csv"'
    return response


class IndicatorDetailView(TitledMixin, TemplateView):
    template_name = "indicators/admin/indicator.html"
    header_icon = "help"

    def get_page_title(self) -> str:
        return INDICATORS[self.kwargs["key"]].name if self.kwargs["key"] in INDICATORS else "Chỉ số"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if self.kwargs["key"] not in INDICATORS:
            raise Http404("Không có chỉ số này.")
        context = super().get_context_data(**kwargs)
        unit = _unit(self.request)
        detail = indicator_detail(
            user=self.request.user,
            unit=unit,
            key=self.kwargs["key"],
            period=_period(self.request, unit),
            today=timezone.localdate(),
        )
        if detail is None:
            raise Http404("Xã chưa có kế hoạch đang thực hiện.")
        context["detail"] = detail
        context["query"] = _query(unit, detail.period)
        context["dashboard_url"] = reverse("indicators_dashboard") + "?" + _query(unit, detail.period)
        context["statuses"] = [(s, STATUS_EXPLAINED[s]) for s in Status]
        return context


def _province_allowed(request: HttpRequest) -> bool:
    scope = scope_for(user=request.user)
    return scope.is_superuser or bool(scope.viewed_province_paths)


class ProvinceView(TitledMixin, TemplateView):
    template_name = "indicators/admin/province.html"
    page_title = "Tổng hợp các xã"
    header_icon = "site"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if not _province_allowed(self.request):
            raise PermissionDenied
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year_value = _year(self.request, today.year)
        overview = province_overview(user=self.request.user, year_value=year_value, today=today)
        context["overview"] = overview
        context["years"] = sorted({y for row in overview.rows if row.plan for y in row.plan.years} | {year_value})
        context["statuses"] = [(s, STATUS_EXPLAINED[s]) for s in Status if s != Status.COMMUNE_ONLY]
        return context


def _year(request: HttpRequest, default: int) -> int:
    return query_year(request.GET, "nam", default)


def province_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if not _province_allowed(request):
        raise PermissionDenied
    today = timezone.localdate()
    year_value = _year(request, today.year)
    table = exports.province_table(province_overview(user=request.user, year_value=year_value, today=today))
    name = f"tong-hop-cac-xa-nam-{year_value}"
    if fmt == "xlsx":
        response = HttpResponse(exports.to_xlsx([table]), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(exports.to_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
