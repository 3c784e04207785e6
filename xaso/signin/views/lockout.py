"""The lock-out page a locked account or address gets, and the superuser's screen to lift a lock."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.signin.forms import UnlockForm
from xaso.signin.selectors import lockout_ends_at, lockouts_current
from xaso.signin.services import client_address, login_unlock

LOCKED_OUT = (
    "Đăng nhập tạm thời bị khóa vì mật khẩu đã bị nhập sai {limit} lần (cho tài khoản này hoặc từ địa chỉ "
    "mạng này). Mọi lần đăng nhập, kể cả với mật khẩu đúng, đều bị từ chối cho đến {until}."
)
LOCKED_OUT_HELP = "Nếu cần vào ngay, hãy nhờ quản trị hệ thống mở khóa."
UNLOCKED = "Đã mở khóa {what}."
NOTHING_TO_UNLOCK = "Không có gì để mở khóa."


def _until(request: HttpRequest, username: str) -> str:
    ends = lockout_ends_at(username=username, address=client_address(request))
    ends = timezone.localtime(ends or timezone.now() + settings.AXES_COOLOFF_TIME)
    return f"{ends:%H:%M} ngày {ends:%d/%m/%Y}"


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """django-axes' AXES_LOCKOUT_CALLABLE: the Vietnamese page for a refused log-in (status 429)."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))
    message = LOCKED_OUT.format(limit=settings.AXES_FAILURE_LIMIT, until=_until(request, username))
    context = {"message": message, "help": LOCKED_OUT_HELP, "minutes": settings.LOGIN_LOCK_MINUTES}
    return render(request, "signin/locked_out.html", context, status=429)


class LockoutsView(HereInBreadcrumbs, WagtailAdminTemplateMixin, View):
    """Back office › Settings › Log-in lock-outs (superusers): who is locked until when, and unlock."""

    template_name = "signin/lockouts.html"
    page_title = "Tài khoản, địa chỉ bị khóa đăng nhập"
    header_icon = "lock"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        context = self.get_context_data(
            lockouts=lockouts_current(),
            limit=settings.AXES_FAILURE_LIMIT,
            minutes=settings.LOGIN_LOCK_MINUTES,
        )
        return TemplateResponse(request, self.template_name, context)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UnlockForm(request.POST)
        if form.is_valid() and (form.cleaned_data["username"] or form.cleaned_data["address"]):
            username, address = form.cleaned_data["username"], form.cleaned_data["address"] or ""
            login_unlock(username=username, address=address)
            what = f"tài khoản {username}" if username else f"địa chỉ {address}"
            messages.success(request, UNLOCKED.format(what=what))
        else:
            messages.error(request, NOTHING_TO_UNLOCK)
        return HttpResponseRedirect(reverse("signin_lockouts"))
