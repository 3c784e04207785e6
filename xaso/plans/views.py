"""Public, read-only pages of the programme plan."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from xaso.plans.models import Plan
from xaso.plans.selectors import plan_default, plan_full


def plan_current(request: HttpRequest) -> HttpResponse:
    plan = plan_default()
    if plan is None:
        return render(request, "plans/plan_none.html", status=404)
    return redirect("plans:detail", pk=plan.pk)


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        plan = plan_full(plan_id=pk)
    except Plan.DoesNotExist as exc:
        raise Http404("Không có kế hoạch này.") from exc
    return render(request, "plans/plan_detail.html", {"plan": plan})
