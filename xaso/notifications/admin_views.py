"""Back office › Thông báo: a person's messages, newest first; opening one marks it read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.notifications.selectors import notifications_for
from xaso.notifications.services import notification_mark_read

SHOWN = 100
ERR_NOT_FOUND = "Không tìm thấy thông báo này."


class NotificationsView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    template_name = "notifications/admin/list.html"
    page_title = "Thông báo"
    header_icon = "mail"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["notifications"] = list(notifications_for(user=self.request.user)[:SHOWN])
        return context


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = notifications_for(user=request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404(ERR_NOT_FOUND)
    notification_mark_read(user=request.user, ids=[pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(reverse("notifications_list"))


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notification_mark_read(user=request.user)
    return redirect(reverse("notifications_list"))
