"""Back office: ask for the interim or final review of a commune's programme. The document is rendered
in the background by xaso.documents; its progress and files are on the documents page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.documents.services import render_job_request
from xaso.reviews.document import BUILDER, KIND_WORDS, period_words
from xaso.reviews.forms import ReviewForm

ERR_NO_RIGHT = "Chỉ Phòng Văn hóa - Xã hội và lãnh đạo UBND xã lập báo cáo sơ kết, tổng kết."
MSG_QUEUED = "Đã đưa “{title}” vào hàng đợi; tiến độ và tệp tải về ở danh sách dưới đây."


class ReviewRequestView(WagtailAdminTemplateMixin, FormView):
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
        context["can_request"] = context["form"].fields["plan"].queryset.exists()
        context["no_right"] = ERR_NO_RIGHT
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
                "issued_on": issued_on.isoformat() if issued_on else None,
            },
            title=title,
            unit=plan.commune,
            user=self.request.user,
        )
        messages.success(self.request, MSG_QUEUED.format(title=job.title))
        return redirect(reverse("documents_render_jobs"))
