"""Back-office screens of learning: learners and results, enrolment by unit, learner slips, certificates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from xaso.inputs.params import query_id
from xaso.learning import selectors, services
from xaso.learning.admin_forms import UnitEnrolForm
from xaso.learning.models import Completion, Enrolment
from xaso.learning.views import certificate_response
from xaso.units.models import OrgUnit
from xaso.units.selectors import units_readable, units_writable

MSG_ENROLLED = "Đã ghi danh {count} người của {unit} vào khóa “{course}”."
MSG_NOBODY_NEW = "Mọi người phù hợp của {unit} đã ghi danh khóa “{course}” từ trước."
PAGE_SIZE = 200


def _may_read(request: HttpRequest) -> bool:
    return bool(request.user.has_perm("learning.view_enrolment"))


def _may_enrol(request: HttpRequest) -> bool:
    return bool(request.user.has_perm("learning.add_enrolment")) and units_writable(user=request.user).exists()


def _enrol_form(request: HttpRequest, data: Any = None) -> UnitEnrolForm:
    return UnitEnrolForm(
        data,
        courses=selectors.courses_readable(user=request.user).order_by("title"),
        units=units_writable(user=request.user).exclude(kind="commune").order_by("path"),
    )


def _filtered(request: HttpRequest) -> tuple[QuerySet[Enrolment], Any, OrgUnit | None]:
    rows = (
        selectors.enrolments_readable(user=request.user)
        .select_related("learner__unit", "course", "completion")
        .annotate(passed=Count("passes", distinct=True))
    )
    course = selectors.courses_readable(user=request.user).filter(pk=query_id(request.GET, "khoa")).first()
    unit = units_readable(user=request.user).filter(pk=query_id(request.GET, "don-vi")).first()
    if course is not None:
        rows = rows.filter(course=course)
    if unit is not None:
        rows = rows.filter(learner__unit=unit)
    return rows.order_by("course__title", "learner__unit__path", "learner__name"), course, unit


def learners(request: HttpRequest) -> HttpResponse:
    if not _may_read(request):
        raise PermissionDenied
    rows, course, unit = _filtered(request)
    lesson_counts = dict(
        selectors.courses_readable(user=request.user).annotate(n=Count("lessons")).values_list("pk", "n")
    )
    context = {
        "page_title": "Học viên và kết quả",
        "header_icon": "group",
        "rows": rows[:PAGE_SIZE],
        "total": rows.count(),
        "lesson_counts": lesson_counts,
        "courses": selectors.courses_readable(user=request.user).order_by("title"),
        "units": units_readable(user=request.user).exclude(kind__in=["province", "department"]).order_by("path"),
        "course": course,
        "unit": unit,
        "enrol_form": _enrol_form(request) if _may_enrol(request) else None,
        "writable_ids": set(
            selectors.enrolments_writable(user=request.user)
            .filter(pk__in=[r.pk for r in rows[:PAGE_SIZE]])
            .values_list("pk", flat=True)
        ),
    }
    return render(request, "learning/admin/learners.html", context)


@require_POST
def enrol_unit(request: HttpRequest) -> HttpResponse:
    if not _may_enrol(request):
        raise PermissionDenied
    form = _enrol_form(request, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("learning_learners")
    course, unit = form.cleaned_data["course"], form.cleaned_data["unit"]
    try:
        made = services.unit_enrol(course=course, unit=unit, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("learning_learners")
    text = MSG_ENROLLED if made else MSG_NOBODY_NEW
    messages.success(request, text.format(count=len(made), unit=unit.name, course=course.title))
    return redirect(reverse("learning_learners") + f"?khoa={course.pk}&don-vi={unit.pk}")


def slips(request: HttpRequest) -> HttpResponse:
    """Printable learner slips (name, code, link) for those whose data the person writes."""
    if not _may_enrol(request):
        raise PermissionDenied
    rows, course, unit = _filtered(request)
    rows = rows.filter(pk__in=selectors.enrolments_writable(user=request.user).values("pk"))
    base = request.build_absolute_uri("/").rstrip("/")
    context = {"rows": rows, "course": course, "unit": unit, "base": base}
    return render(request, "learning/admin/slips.html", context)


def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    if not _may_read(request):
        raise PermissionDenied
    readable = selectors.enrolments_readable(user=request.user)
    completion = (
        Completion.objects.filter(pk=pk, enrolment__in=readable)
        .select_related("enrolment__learner", "enrolment__course__commune")
        .first()
    )
    if completion is None:
        raise Http404("Không tìm thấy giấy chứng nhận trong phạm vi của bạn.")
    return certificate_response(completion)
