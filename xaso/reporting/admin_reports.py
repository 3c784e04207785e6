"""Back office › one unit's report: the figures it logged, its text, and the workflow buttons.

Every refusal (locked, already sent, expired, someone else saved first, a missing section,
approving one's own report) is shown on the same page with the person's text still in the
form: nothing typed is lost.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.reporting.forms import ReopenForm, ReportForm, ReturnForm, UnlockForm
from xaso.reporting.models import EDITABLE_STATES, ReportState, UnitReport
from xaso.reporting.prefill import report_figures
from xaso.reporting.selectors import (
    assignments_readable,
    may_manage_commune,
    may_review_commune,
    reports_readable,
    reports_writable,
    timeliness,
)
from xaso.reporting.services import (
    SECTIONS,
    ReportConflictError,
    is_author,
    report_approve,
    report_reopen,
    report_return,
    report_save,
    report_submit,
    report_unlock,
)
from xaso.units.selectors import scope_for

ERR_NOT_FOUND = "Không tìm thấy báo cáo này trong phạm vi của bạn."
MSG_SAVED = "Đã lưu bản nháp."
MSG_SUBMITTED = "Đã gửi báo cáo; Phòng Văn hóa - Xã hội sẽ xem xét và duyệt."
MSG_SAVED_NOT_SUBMITTED = "Đã lưu bản nháp nhưng CHƯA gửi được báo cáo: {problems}"
MSG_RETURNED = "Đã trả lại báo cáo cho {unit} để sửa."
MSG_APPROVED = "Đã duyệt báo cáo của {unit}; báo cáo đã khóa."
MSG_REOPENED = "Đã mở lại báo cáo của {unit}; đơn vị sửa rồi gửi lại."
MSG_UNLOCKED = "Đã cho phép {unit} sửa, gửi báo cáo đến hết ngày {until}."
MSG_UNKNOWN_ACTION = "Không rõ thao tác cần làm; hãy bấm một nút trên trang."


def _messages(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


class ReportView(WagtailAdminTemplateMixin, View):
    template_name = "reporting/admin/report.html"
    header_icon = "doc-full"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if scope_for(user=request.user).is_empty:
            raise PermissionDenied
        report = assignments_readable(user=request.user).filter(pk=kwargs["pk"]).first()
        if report is None:
            raise Http404(ERR_NOT_FOUND)
        self.report: UnitReport = report
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"{self.report.period.title} — {self.report.unit.name}"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("reporting_home"), "label": "Báo cáo định kỳ"},
            {"url": reverse("reporting_period", args=[self.report.period_id]), "label": self.report.period.title},
            {"url": "", "label": self.report.unit.name},
        ]

    # -- rendering ---------------------------------------------------------------------------------

    def render(self, *, status: int = 200, **overrides: Any) -> HttpResponse:
        request, report = self.request, self.report
        user = request.user
        today = timezone.localdate()
        can_read = reports_readable(user=user).filter(pk=report.pk).exists()
        can_write = (
            reports_writable(user=user).filter(pk=report.pk).exists()
            and report.state in EDITABLE_STATES
            and report.may_be_edited_on(today)
        )
        can_review = may_review_commune(user=user, commune_id=report.period.commune_id)
        context = {
            **self.get_context_data(),
            "report": report,
            "period": report.period,
            "can_read": can_read,
            "can_write": can_write,
            "can_review": can_review and report.state == ReportState.SUBMITTED,
            "can_approve": can_review
            and report.state == ReportState.SUBMITTED
            and not is_author(report=report, user=user),
            "can_reopen": can_review and report.state == ReportState.APPROVED,
            "can_unlock": may_manage_commune(user=user, commune_id=report.period.commune_id)
            and report.period.is_expired(today)
            and report.state in EDITABLE_STATES,
            "expired": report.period.is_expired(today) and not report.may_be_edited_on(today),
            "timeliness": timeliness(report, today=today),
            "figures": report_figures(report=report) if can_read else None,
            "events": list(report.events.select_related("actor")) if can_read else [],
            "sections": [(SECTIONS[name], getattr(report, name)) for name in SECTIONS],
            "answers": [
                (n, q, (report.answers or {}).get(str(q.pk), ""))
                for n, q in enumerate(report.period.questions.all(), 1)
            ],
            "form": ReportForm(initial=ReportForm.initial_for(report), report=report),
            "return_form": ReturnForm(),
            "reopen_form": ReopenForm(),
            "unlock_form": UnlockForm(),
            "conflict": None,
        }
        context.update(overrides)
        if context["conflict"] is not None:
            current = context["conflict"]
            context["conflict_sections"] = [(SECTIONS[name], getattr(current, name)) for name in SECTIONS]
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render()

    # -- actions -----------------------------------------------------------------------------------

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action", "")
        handler = {
            "save": self._save,
            "submit": self._save,
            "return": self._return,
            "approve": self._approve,
            "reopen": self._reopen,
            "unlock": self._unlock,
        }.get(action)
        if handler is None:
            messages.error(request, MSG_UNKNOWN_ACTION)
            return self.render(status=400)
        return handler(request, action)

    def _done(self, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect(reverse("reporting_report", args=[self.report.pk]))

    def _refused(self, exc: ValidationError | PermissionDenied, *, status: int, **context: Any) -> HttpResponse:
        messages.error(self.request, _messages(exc))
        self.report = UnitReport.objects.select_related("period", "unit").get(pk=self.report.pk)
        return self.render(status=status, **context)

    def _save(self, request: HttpRequest, action: str) -> HttpResponse:
        form = ReportForm(request.POST, report=self.report)
        if not form.is_valid():
            return self._refused(ValidationError(list(next(iter(form.errors.values())))), status=400, form=form)
        try:
            saved = report_save(
                report=self.report, user=request.user, version=form.cleaned_data["version"], text=form.text()
            )
        except ReportConflictError as exc:
            return self._refused(exc, status=409, form=form, conflict=exc.current)
        except (ValidationError, PermissionDenied) as exc:
            return self._refused(exc, status=403 if isinstance(exc, PermissionDenied) else 400, form=form)
        if action == "save":
            return self._done(MSG_SAVED)
        try:
            report_submit(report=saved, user=request.user, version=saved.version)
        except ValidationError as exc:
            self.report = saved
            bound = ReportForm({**request.POST.dict(), "version": saved.version}, report=saved)
            bound.is_valid()
            for name, problem in getattr(exc, "message_dict", {}).items():
                if name in bound.fields:
                    bound.add_error(name, problem)
            messages.error(request, MSG_SAVED_NOT_SUBMITTED.format(problems=" ".join(exc.messages)))
            return self.render(status=400, form=bound)
        return self._done(MSG_SUBMITTED)

    def _return(self, request: HttpRequest, action: str) -> HttpResponse:
        form = ReturnForm(request.POST)
        form.is_valid()
        try:
            report_return(report=self.report, user=request.user, comment=form.cleaned_data.get("comment", ""))
        except (ValidationError, PermissionDenied) as exc:
            return self._refused(exc, status=403 if isinstance(exc, PermissionDenied) else 400, return_form=form)
        return self._done(MSG_RETURNED.format(unit=self.report.unit.name))

    def _approve(self, request: HttpRequest, action: str) -> HttpResponse:
        try:
            report_approve(report=self.report, user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            return self._refused(exc, status=403 if isinstance(exc, PermissionDenied) else 400)
        return self._done(MSG_APPROVED.format(unit=self.report.unit.name))

    def _reopen(self, request: HttpRequest, action: str) -> HttpResponse:
        form = ReopenForm(request.POST)
        form.is_valid()
        try:
            report_reopen(report=self.report, user=request.user, reason=form.cleaned_data.get("reason", ""))
        except (ValidationError, PermissionDenied) as exc:
            return self._refused(exc, status=403 if isinstance(exc, PermissionDenied) else 400, reopen_form=form)
        return self._done(MSG_REOPENED.format(unit=self.report.unit.name))

    def _unlock(self, request: HttpRequest, action: str) -> HttpResponse:
        form = UnlockForm(request.POST)
        if not form.is_valid():
            return self._refused(ValidationError(list(next(iter(form.errors.values())))), status=400, unlock_form=form)
        until = form.cleaned_data["until"]
        try:
            report_unlock(report=self.report, user=request.user, until=until, reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as exc:
            return self._refused(exc, status=403 if isinstance(exc, PermissionDenied) else 400, unlock_form=form)
        return self._done(MSG_UNLOCKED.format(unit=self.report.unit.name, until=until.strftime("%d/%m/%Y")))
