"""Back office › Nhật ký thao tác: who did what, when, in the communes the person may audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.audit.models import AuditAction
from xaso.audit.selectors import audit_communes_readable, audit_entries_readable
from xaso.backoffice.views import HereInBreadcrumbs
from xaso.backoffice.widgets import NativeDateInput
from xaso.units.models import OrgUnit

PER_PAGE = 50


class AuditFilter(forms.Form):
    xa: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(
        label="Xã", queryset=OrgUnit.objects.none(), required=False, empty_label="Mọi xã"
    )
    thao_tac = forms.ChoiceField(label="Thao tác", choices=[("", "Mọi thao tác"), *AuditAction.choices], required=False)
    nguoi = forms.CharField(label="Người thực hiện", max_length=100, required=False)
    tu_ngay = forms.DateField(label="Từ ngày", required=False, widget=NativeDateInput)
    den_ngay = forms.DateField(label="Đến ngày", required=False, widget=NativeDateInput)

    def __init__(self, *args: Any, communes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["xa"].queryset = communes  # type: ignore[attr-defined]  # a ModelChoiceField


class AuditLogView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    template_name = "audit/log.html"
    page_title = "Nhật ký thao tác"
    header_icon = "history"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.form = AuditFilter(request.GET or None, communes=audit_communes_readable(user=request.user))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entries = audit_entries_readable(user=self.request.user)
        if self.form.is_valid():
            data = self.form.cleaned_data
            if data["xa"]:
                entries = entries.filter(commune=data["xa"])
            if data["thao_tac"]:
                entries = entries.filter(action=data["thao_tac"])
            if data["nguoi"]:
                entries = entries.filter(actor__icontains=data["nguoi"])
            if data["tu_ngay"]:
                entries = entries.filter(at__date__gte=data["tu_ngay"])
            if data["den_ngay"]:
                entries = entries.filter(at__date__lte=data["den_ngay"] or dt.date.max)
        page = Paginator(entries, PER_PAGE).get_page(self.request.GET.get("trang"))
        context.update(form=self.form, page=page)
        return context
