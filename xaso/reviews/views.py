"""Back office: ask for the interim or final review of a commune's programme. The document is rendered
in the background by xaso.documents; its progress and files are on the documents page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.documents.services import render_job_request
from xaso.plans.selectors import plan_full
from xaso.reporting.achieved import span, target_results
from xaso.reporting.targets_table import targets_summary, targets_table
from xaso.reviews.document import BUILDER, KIND_WORDS, period_words
from xaso.reviews.forms import ReviewForm
from xaso.vi.dates import date_numeric

ERR_NO_RIGHT = "Chỉ Phòng Văn hóa - Xã hội và lãnh đạo UBND xã lập báo cáo sơ kết, tổng kết."
PREVIEW_TITLE = "Các chỉ tiêu của Kế hoạch {code}, kết quả tính đến {date}"
MSG_QUEUED = "Đã đưa “{title}” vào hàng đợi; tiến độ và tệp tải về ở danh sách dưới đây."


def targets_preview(*, plan_id: int, today: dt.date) -> dict[str, Any]:
    """Table 2 of a review of the plan from its start to today (the final review's columns): what the
    office will sign, visible before it asks for the document. The plan is one the person may request."""
    plan = plan_full(plan_id=plan_id)
    start = dt.date(plan.start_year, 1, 1)
    end = min(today, dt.date(plan.end_year, 12, 31))
    if end < start:
        return {}
    results = target_results(plan=plan, period=span(start, end), whole_plan=True, with_end_target=True)
    table = targets_table(
        results,
        title=PREVIEW_TITLE.format(code=plan.code, date=date_numeric(end)),
        year=end.year,
        achieved_title="Kết quả đến nay",
        end_year=plan.end_year,
    )
    summary = targets_summary(results, year=end.year, as_of=date_numeric(end)).text
    return {"targets_preview": table, "targets_summary": summary if isinstance(summary, str) else ""}


class ReviewRequestView(HereInBreadcrumbs, WagtailAdminTemplateMixin, FormView):
    template_name = "reviews/admin/request.html"
    form_class = ReviewForm
    page_title = "Sơ kết, tổng kết thực hiện kế hoạch"
    header_icon = "doc-full"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.has_perm("documents.add_renderjob"):
            raise PermissionDenied(ERR_NO_RIGHT)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = context["form"].fields["plan"].queryset.first()
        context["can_request"] = plan is not None
        context["no_right"] = ERR_NO_RIGHT
        if plan is not None:
            context.update(targets_preview(plan_id=plan.pk, today=timezone.localdate()))
        return context

    def form_valid(self, form: ReviewForm) -> HttpResponse:
        data = form.cleaned_data
        plan = data["plan"]
        issued_on = data["issued_on"]
        title = f"Báo cáo {KIND_WORDS[data['kind']].lower()} {period_words(data['start'], data['end'])} thực hiện Kế hoạch {plan.code}"
        job = render_job_request(
            builder=BUILDER,
            params={
                "plan_id": plan.pk,
                "kind": data["kind"],
                "start": data["start"].isoformat(),
                "end": data["end"].isoformat(),
                "number": data["number"],
                "shortcomings": data["shortcomings"].strip(),
                "issued_on": issued_on.isoformat() if issued_on else None,
            },
            title=title,
            unit=plan.commune,
            user=self.request.user,
        )
        messages.success(self.request, MSG_QUEUED.format(title=job.title))
        return redirect(reverse("documents_render_jobs"))
