"""Back office › Báo cáo: periods with their rates, opening a period, one period's assignments."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.documents.views import job_state
from xaso.inputs.params import query_id
from xaso.reporting.consolidated import consolidation_request, consolidations_readable
from xaso.reporting.forms import AssignForm, ConsolidateForm, PeriodOpenForm
from xaso.reporting.models import ReportingPeriod, ReportState
from xaso.reporting.province import may_follow_province
from xaso.reporting.selectors import (
    assignments_readable,
    may_manage_commune,
    may_review_commune,
    periods_readable,
    reporting_rates,
    reports_readable,
    reports_writable,
    timeliness,
)
from xaso.reporting.sending import period_send
from xaso.reporting.services import period_assign, period_open, period_unassign
from xaso.units.selectors import communes_owned, scope_for

ERR_NOT_FOUND = "Không tìm thấy kỳ báo cáo này trong phạm vi của bạn."
MSG_OPENED = "Đã mở “{title}” và giao cho {count} đơn vị; các đơn vị đã được thông báo."
MSG_ASSIGNED = "Đã giao thêm cho {count} đơn vị."
MSG_UNASSIGNED = "Đã bỏ giao báo cáo cho {unit}."
MSG_CONSOLIDATING = "Đang tạo báo cáo tổng hợp; tiến độ hiện dưới đây, tệp tải về được khi xong."
MSG_SENT = "Đã ghi nhận gửi báo cáo tổng hợp lên Sở Khoa học và Công nghệ; cán bộ theo dõi của tỉnh đã được thông báo."
SHOWN_PERIODS = 30


class ReportingMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if scope_for(user=request.user).is_empty:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class ReportingHomeView(ReportingMixin, TemplateView):
    template_name = "reporting/admin/home.html"
    page_title = "Báo cáo định kỳ, đột xuất"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        periods = list(periods_readable(user=user)[:SHOWN_PERIODS])
        rates = reporting_rates(reports=assignments_readable(user=user), by="period", today=today)
        context["periods"] = [(period, rates.get(period.pk)) for period in periods]
        mine = (
            reports_writable(user=user)
            .filter(unit_id__in=scope_for(user=user).own_unit_ids)
            .order_by("-period__deadline", "unit__path")[:SHOWN_PERIODS]
        )
        context["mine"] = [(report, timeliness(report, today=today)) for report in mine]
        context["can_open"] = communes_owned(user=user).exists()
        context["follows_province"] = may_follow_province(user=user)
        return context


class PeriodOpenView(ReportingMixin, FormView):
    template_name = "reporting/admin/open.html"
    page_title = "Mở kỳ báo cáo"
    form_class = PeriodOpenForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not communes_owned(user=request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form: PeriodOpenForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            period = period_open(
                commune=data["commune"],
                kind=data["kind"],
                year=data["year"],
                user=self.request.user,
                unit_kinds=data["unit_kinds"],
                units=data["units"],
                title=data["title"],
                data_start=data["data_start"],
                data_end=data["data_end"],
                deadline=data["deadline"],
                instructions=data["instructions"],
                questions=form.question_lines(),
                late=data["late"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, problems in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                form.add_error(None, exc.messages)
            return self.form_invalid(form)
        messages.success(self.request, MSG_OPENED.format(title=period.title, count=period.reports.count()))
        return redirect(reverse("reporting_period", args=[period.pk]))


class PeriodView(ReportingMixin, View):
    template_name = "reporting/admin/period.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        period = periods_readable(user=request.user).filter(pk=kwargs["pk"]).first()
        if period is None:
            raise Http404(ERR_NOT_FOUND)
        self.period: ReportingPeriod = period
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return self.period.title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reporting_home"), "label": "Báo cáo định kỳ"},
            {"url": "", "label": self.period.title},
        ]

    def render(self, *, status: int = 200, **overrides: Any) -> HttpResponse:
        user, period = self.request.user, self.period
        today = timezone.localdate()
        assignments = assignments_readable(user=user).filter(period=period).order_by("unit__path")
        readable = set(reports_readable(user=user).filter(period=period).values_list("pk", flat=True))
        manages = may_manage_commune(user=user, commune_id=period.commune_id)
        consolidates = may_review_commune(user=user, commune_id=period.commune_id)
        jobs = list(consolidations_readable(period=period, user=user)[:10])
        context = {
            **self.get_context_data(),
            "period": period,
            "rates": reporting_rates(reports=assignments, by="period", today=today).get(period.pk),
            "rows": [
                (r, timeliness(r, today=today), r.pk in readable) for r in assignments.select_related("submitted_by")
            ],
            "manages": manages,
            "assign_form": AssignForm(period=period) if manages else None,
            "not_started": ReportState.NOT_STARTED,
            "questions": list(period.questions.all()),
            "consolidate_form": ConsolidateForm() if consolidates else None,
            "consolidations": [(job, job_state(job)) for job in jobs],
            "sends": consolidates,
            "sent_state": job_state(period.sent_job) if period.sent_job else None,
        }
        context.update(overrides)
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action", "")
        if action == "consolidate":
            return self._consolidate(request)
        if action == "send":
            return self._send(request)
        if not may_manage_commune(user=request.user, commune_id=self.period.commune_id):
            raise PermissionDenied
        if action == "assign":
            form = AssignForm(request.POST, period=self.period)
            if not form.is_valid():
                return self.render(status=400, assign_form=form)
            created = period_assign(period=self.period, units=form.cleaned_data["units"], user=request.user)
            messages.success(request, MSG_ASSIGNED.format(count=len(created)))
        elif action == "unassign":
            report = self.period.reports.filter(pk=query_id(request.POST, "report") or 0).select_related("unit").first()
            if report is None:
                raise Http404
            try:
                period_unassign(report=report, user=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return self.render(status=400)
            messages.success(request, MSG_UNASSIGNED.format(unit=report.unit.name))
        return redirect(reverse("reporting_period", args=[self.period.pk]))

    def _consolidate(self, request: HttpRequest) -> HttpResponse:
        if not may_review_commune(user=request.user, commune_id=self.period.commune_id):
            raise PermissionDenied
        form = ConsolidateForm(request.POST)
        if not form.is_valid():
            return self.render(status=400, consolidate_form=form)
        try:
            consolidation_request(
                period=self.period,
                user=request.user,
                number=form.cleaned_data["number"],
                issued_on=form.cleaned_data["issued_on"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.render(status=400, consolidate_form=form)
        messages.success(request, MSG_CONSOLIDATING)
        return redirect(reverse("reporting_period", args=[self.period.pk]) + "#consolidated")

    def _send(self, request: HttpRequest) -> HttpResponse:
        if not may_review_commune(user=request.user, commune_id=self.period.commune_id):
            raise PermissionDenied
        job_id = _uuid(request.POST.get("job"))
        job = (
            consolidations_readable(period=self.period, user=request.user).filter(pk=job_id).first() if job_id else None
        )
        if job is None:
            raise Http404
        try:
            period_send(period=self.period, job=job, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self.render(status=400)
        messages.success(request, MSG_SENT)
        return redirect(reverse("reporting_period", args=[self.period.pk]) + "#consolidated")


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None
