"""Back-office screens for moving a plan in and out as a YAML document."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.plans.document import PlanDocumentError, dump_plan_yaml, parse_plan_yaml
from xaso.plans.forms import PlanImportForm
from xaso.plans.selectors import plans_editable, plans_readable
from xaso.plans.services import plan_import, plan_to_document
from xaso.units.selectors import scope_for

MSG_IMPORTED = "Đã nhập kế hoạch {code}: {count} mục thay đổi."
MSG_UNCHANGED = "Tệp giống hệt kế hoạch {code} hiện có; không có gì thay đổi."
MSG_REJECTED = "Tệp bị từ chối, kế hoạch không thay đổi. Hãy sửa các lỗi dưới đây rồi nhập lại."


def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plans_readable(user=request.user).filter(pk=pk).first()
    if plan is None:
        raise Http404("Không tìm thấy kế hoạch trong phạm vi của bạn.")
    text = dump_plan_yaml(plan_to_document(plan=plan))
    filename = "ke-hoach-" + plan.code.replace("/", "-") + ".yaml"
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class PlanImportExportView(HereInBreadcrumbs, WagtailAdminTemplateMixin, FormView):
    template_name = "plans/admin/import_export.html"
    form_class = PlanImportForm
    page_title = "Nhập, xuất tệp kế hoạch"
    header_icon = "download"
    problems: list[str] = []

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if scope_for(user=request.user).is_empty:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["plans"] = plans_readable(user=user).select_related("commune")
        context["can_import"] = scope_for(user=user).is_superuser or bool(scope_for(user=user).owned_commune_ids)
        context["problems"] = self.problems
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scope = scope_for(user=request.user)
        if not (scope.is_superuser or scope.owned_commune_ids):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: PlanImportForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        try:
            document, lines = parse_plan_yaml(upload.read())
            result = plan_import(document=document, user=self.request.user, lines=lines)
        except PlanDocumentError as exc:
            self.problems = exc.problems
            messages.error(self.request, MSG_REJECTED)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if result.changes:
            messages.success(self.request, MSG_IMPORTED.format(code=result.plan.code, count=len(result.changes)))
        else:
            messages.info(self.request, MSG_UNCHANGED.format(code=result.plan.code))
        if plans_editable(user=self.request.user).filter(pk=result.plan.pk).exists():
            return redirect(reverse("wagtailsnippets_plans_plan:edit", args=[result.plan.pk]))
        return redirect(reverse("plans_import_export"))
