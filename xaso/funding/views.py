"""The funding summary in the back office: a commune's budget lines and spending for one year or the
whole programme, by year and source and by task group. Read-only; scope from funding.selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.funding.selectors import budget_lines_readable, funding_communes_readable, funding_summary
from xaso.inputs.params import query_year
from xaso.plans.models import Plan
from xaso.units.selectors import scope_for

ERR_NO_FUNDING = "Bạn không theo dõi kinh phí của xã nào."


def programme_span(*, commune_id: int, today: dt.date) -> tuple[int, int]:
    plan = Plan.objects.filter(commune_id=commune_id, is_active=True).order_by("-issued_on").first()
    if plan is None:
        return today.year, today.year
    return plan.start_year, plan.end_year


class FundingSummaryView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    template_name = "funding/admin/summary.html"
    page_title = "Tổng hợp kinh phí"
    header_icon = "table"

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.has_perm("funding.view_budgetline"):
            raise PermissionDenied(ERR_NO_FUNDING)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        communes = list(funding_communes_readable(user=self.request.user))
        if not communes:
            context["error"] = ERR_NO_FUNDING
            return context
        raw = self.request.GET.get("xa", "")
        commune = next((c for c in communes if str(c.pk) == raw), communes[0])
        today = timezone.localdate()
        first, last = programme_span(commune_id=commune.pk, today=today)
        year = query_year(self.request.GET, "nam", None, first=first, last=last)
        start, end = (
            (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else (dt.date(first, 1, 1), dt.date(last, 12, 31))
        )
        user = self.request.user
        context.update(
            communes=communes,
            commune=commune,
            year=year,
            years=list(range(first, last + 1)),
            summary=funding_summary(user=user, commune=commune, start=start, end=end),
            lines=budget_lines_readable(user=user).filter(commune=commune, year__gte=start.year, year__lte=end.year),
            can_edit=user.has_perm("funding.add_spending")
            and (scope_for(user=user).is_superuser or commune.pk in scope_for(user=user).owned_commune_ids),
        )
        return context
