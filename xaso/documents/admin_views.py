"""Back office: try the Decree 30 document layer on the plan, and follow renderings in progress."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.documents.forms import SampleReportForm
from xaso.documents.sample import BUILDER
from xaso.documents.selectors import render_jobs_readable
from xaso.documents.services import render_job_request, render_job_retry, render_job_retryable
from xaso.documents.views import ERR_NOT_FOUND, job_state
from xaso.units.selectors import scope_for

MSG_QUEUED = "Đã đưa “{title}” vào hàng đợi; tiến độ hiện dưới đây."
MSG_RETRIED = "Đang tạo lại “{title}”."
RECENT = 20


class RenderJobsView(HereInBreadcrumbs, WagtailAdminTemplateMixin, FormView):
    template_name = "documents/admin/render_jobs.html"
    form_class = SampleReportForm
    page_title = "Văn bản theo Nghị định 30"
    header_icon = "doc-full"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if scope_for(user=request.user).is_empty:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        jobs = list(render_jobs_readable(user=self.request.user)[:RECENT])
        context["jobs"] = [(job, job_state(job), render_job_retryable(job=job)) for job in jobs]
        context["can_request"] = context["form"].fields["plan"].queryset.exists()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "retry" in request.POST:
            return self._retry(request, request.POST["retry"])
        return super().post(request, *args, **kwargs)

    def _retry(self, request: HttpRequest, job_id: str) -> HttpResponse:
        try:
            job = render_jobs_readable(user=request.user).filter(pk=job_id).first()
        except ValidationError:  # not a UUID
            job = None
        if job is None:
            raise Http404(ERR_NOT_FOUND)
        try:
            render_job_retry(job=job, user=request.user)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.info(request, MSG_RETRIED.format(title=job.title))
        return redirect(reverse("documents_render_jobs"))

    def form_valid(self, form: SampleReportForm) -> HttpResponse:
        data = form.cleaned_data
        plan = data["plan"]
        job = render_job_request(
            builder=BUILDER,
            params={"plan_id": plan.pk, "year": data["year"], "period": data["period"]},
            title=f"Báo cáo nhanh (dự thảo) kết quả {data['period']} thực hiện Kế hoạch {plan.code}",
            unit=plan.commune,
            user=self.request.user,
        )
        messages.success(self.request, MSG_QUEUED.format(title=job.title))
        return redirect(reverse("documents_render_jobs"))
