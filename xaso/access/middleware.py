"""Every URL is reached only as the declaration says (xaso/access/policy.py VIEWS).

This is the gate (who may open a screen at all); which rows a screen then shows is decided
by the selectors it reads. A URL with no declared rule answers 404: a new screen is closed
until someone says who may see it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import ResolverMatch, reverse
from wagtail.admin.auth import permission_denied

from xaso.access.pages import page_reachable
from xaso.access.policy import MODELS, VIEWS
from xaso.access.rules import PAGES, ViewRule, match_view
from xaso.units.selectors import scope_for

logger = logging.getLogger(__name__)

ERR_UNDECLARED = "Không có trang này."
ERR_NOT_IN_SCOPE = "Không tìm thấy mục này trong phạm vi của bạn."


def view_key(match: ResolverMatch) -> str:
    """How VIEWS names a URL: its namespaced name, or "route:<pattern>" for a URL without a name."""
    return match.view_name if match.url_name else route_key(match.route)


def route_key(route: str) -> str:
    # Django drops the "^" of regex patterns inside an include when it joins them; so do we.
    return "route:" + route.replace("^", "")


@cache
def rule_for(key: str) -> ViewRule | None:
    return match_view(key, VIEWS)


def _has_model_access(user: Any, label: str) -> bool:
    model = apps.get_model(label)
    app_label, name = model._meta.app_label, model._meta.model_name
    return any(user.has_perm(f"{app_label}.{action}_{name}") for action in ("view", "add", "change", "delete"))


def request_allowed(request: HttpRequest, rule: ViewRule) -> bool:
    user = request.user
    authenticated = bool(user.is_authenticated and user.is_active)
    if not authenticated:
        return rule.allows(roles=(), is_authenticated=False, is_superuser=False, has_model_access=False)
    return rule.allows(
        roles=scope_for(user=user).roles,
        is_authenticated=True,
        is_superuser=user.is_superuser,
        has_model_access=bool(rule.model) and rule.model in MODELS and _has_model_access(user, rule.model),
    )


def rows_allowed(request: HttpRequest, rule: ViewRule, view_kwargs: dict[str, Any]) -> bool:
    """Every row the URL names is one the person may read."""
    for param, kind in rule.rows:
        if param not in view_kwargs:
            continue
        value = view_kwargs[param]
        if kind == PAGES:
            if not page_reachable(user=request.user, page_id=value):
                return False
        elif not MODELS[kind].readable_rows(user=request.user).filter(pk=value).exists():
            return False
    return True


class AccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None:
            return None
        key = view_key(match)
        rule = rule_for(key)
        if rule is None:
            logger.error("Địa chỉ chưa khai báo quyền truy cập (xaso/access/policy.py): %s", key)
            raise Http404(ERR_UNDECLARED)
        if request_allowed(request, rule):
            if not rows_allowed(request, rule, view_kwargs):
                raise Http404(ERR_NOT_IN_SCOPE)
            return None
        if not request.user.has_perm("wagtailadmin.access_admin"):
            # As Wagtail does for the back office: whoever cannot enter it is asked to sign in.
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if request.path.startswith(reverse("wagtailadmin_home")):
            # Wagtail's own answer in the back office: back to the home page, with a message.
            response: HttpResponse = permission_denied(request)
            return response
        raise PermissionDenied
