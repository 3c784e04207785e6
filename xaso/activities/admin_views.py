"""Back-office screens beyond the snippet views: the XLSX template and the bulk import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.activities.services import activities_import
from xaso.activities.spreadsheet import SpreadsheetError, read_rows, template_workbook, validate_rows
from xaso.backoffice.views import HereInBreadcrumbs
from xaso.units.selectors import units_writable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 5 * 1024 * 1024
MSG_IMPORTED = "Đã nhập {count} hoạt động."
MSG_REJECTED = "Tệp bị từ chối, chưa hoạt động nào được nhập. Hãy sửa các lỗi dưới đây rồi nhập lại."
ERR_UPLOAD_TOO_BIG = "Tệp nặng quá 5 MB; hãy chia thành nhiều tệp."


def _may_import(request: HttpRequest) -> bool:
    return bool(request.user.has_perm("activities.add_activity")) and units_writable(user=request.user).exists()


def activity_template(request: HttpRequest) -> HttpResponse:
    if not _may_import(request):
        raise PermissionDenied
    response = HttpResponse(template_workbook(user=request.user), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-hoat-dong.xlsx"'
    return response


class ActivityImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp hoạt động (.xlsx)",
        help_text="Tệp điền theo mẫu của Xã số. Nếu có dòng lỗi, cả tệp không được nhập.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise ValidationError(ERR_UPLOAD_TOO_BIG)
        return upload


class ActivityImportView(HereInBreadcrumbs, WagtailAdminTemplateMixin, FormView):
    template_name = "activities/admin/import.html"
    form_class = ActivityImportForm
    page_title = "Nhập hoạt động từ tệp Excel"
    header_icon = "upload"
    problems: list[str] = []

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not _may_import(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["problems"] = self.problems
        return context

    def form_valid(self, form: ActivityImportForm) -> HttpResponse:
        try:
            upload = form.cleaned_data["file"]
            records = validate_rows(read_rows(upload.read(), name=upload.name), user=self.request.user)
            created = activities_import(records=records, user=self.request.user, filename=upload.name)
        except SpreadsheetError as exc:
            self.problems = exc.problems
        except ValidationError as exc:
            self.problems = exc.messages
        if self.problems:
            messages.error(self.request, MSG_REJECTED)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, MSG_IMPORTED.format(count=len(created)))
        return redirect(reverse("wagtailsnippets_activities_activity:list"))
