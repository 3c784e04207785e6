"""Inline lists of a form (a plan's legal bases, a target's milestones, an activity's evidence files)
sent incomplete or inconsistent: refused as a Vietnamese 400 page before any view builds them.

Django formsets trust their management fields: modelcluster reads `<prefix>-<n>-id` for every
"initial" child without checking it was sent, and Wagtail's inline panel sorts children by an ORDER
that an unchanged child never got — a request no browser sends (a script, a replay, a half-sent
form) raised KeyError, a server error. `FormsetGuardMiddleware` checks, for every
`<prefix>-TOTAL_FORMS` in a POST: counts written in ASCII digits, INITIAL ≤ TOTAL ≤ MAX_CHILDREN,
an id for every initial child, and some field for every child announced. Its `process_exception`
catches what is left of the same family (a missing `<prefix>-<n>-<field>` or ORDER while the POST
carries a formset), so that no such request is a server error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.datastructures import MultiValueDictKeyError

MAX_CHILDREN = 1000

TITLE = "Biểu mẫu gửi lên không đầy đủ"
ERR_FORMSET = (
    "Danh sách “{prefix}” trong biểu mẫu gửi lên không khớp với số mục đã khai báo nên chưa lưu gì. "
    "Hãy tải lại trang rồi nhập lại."
)

_COUNT = re.compile(r"[0-9]{1,4}")
_CHILD_KEY = re.compile(r"^[\w-]+-[0-9]+-[\w-]+$|^ORDER$|^DELETE$")


def formset_problem(data: QueryDict) -> str | None:
    """The prefix of the first inconsistent formset of a POST, or None."""
    keys = set(data.keys())
    for key in keys:
        if not key.endswith("-TOTAL_FORMS"):
            continue
        prefix = key.removesuffix("-TOTAL_FORMS")
        total, initial = data.get(key, ""), data.get(f"{prefix}-INITIAL_FORMS", "0")
        if not (_COUNT.fullmatch(total) and _COUNT.fullmatch(initial)):
            return prefix
        count, initial_count = int(total), int(initial)
        if initial_count > count or count > MAX_CHILDREN:
            return prefix
        for index in range(count):
            child = f"{prefix}-{index}-"
            if index < initial_count and not data.get(f"{child}id", "").isdigit():
                return prefix
            if not any(name.startswith(child) for name in keys):
                return prefix
    return None


def refused(request: HttpRequest, prefix: str) -> HttpResponse:
    return render(request, "refused.html", {"title": TITLE, "message": ERR_FORMSET.format(prefix=prefix)}, status=400)


class FormsetGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *args: Any) -> HttpResponse | None:
        if request.method != "POST":
            return None
        prefix = formset_problem(request.POST)
        return refused(request, prefix) if prefix is not None else None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.method != "POST" or not isinstance(exception, KeyError | MultiValueDictKeyError):
            return None
        key = str(exception.args[0]) if exception.args else ""
        carries_formset = any(name.endswith("-TOTAL_FORMS") for name in request.POST)
        if carries_formset and _CHILD_KEY.match(key):
            return refused(request, key.split("-", 1)[0])
        return None
