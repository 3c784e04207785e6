"""Back office › Log-in record: successful and failed log-ins of the people the reader may follow."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.signin.models import LoginOutcome
from xaso.signin.selectors import logins_readable, logins_visible

PER_PAGE = 50


class LoginFilter(forms.Form):
    outcome = forms.ChoiceField(label="Kết quả", required=False, choices=[("", "Tất cả"), *LoginOutcome.choices])
    q = forms.CharField(label="Tên đăng nhập", required=False, max_length=150)


class LoginLogView(HereInBreadcrumbs, WagtailAdminTemplateMixin, View):
    template_name = "signin/logins.html"
    page_title = "Nhật ký đăng nhập"
    header_icon = "history"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not logins_visible(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        form = LoginFilter(request.GET or None)
        events = logins_readable(user=request.user).select_related("user")
        if form.is_valid():
            if form.cleaned_data["outcome"]:
                events = events.filter(outcome=form.cleaned_data["outcome"])
            if form.cleaned_data["q"]:
                events = events.filter(username__icontains=form.cleaned_data["q"])
        page = Paginator(events, PER_PAGE).get_page(request.GET.get("p"))
        query = request.GET.copy()
        query.pop("p", None)
        context = self.get_context_data(form=form, page=page, query=query.urlencode())
        return TemplateResponse(request, self.template_name, context)
