"""Back-office screens of the villages' teams: the overview of a commune's villages, one village's
dashboard, and the two phone forms (a support visit, the month's household counts).

Thin views: scope comes from villages.selectors (a village outside it answers 404, a readable
but not writable one 403), rules and writes from villages.services.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.indicators.templatetags.indicators import trong_cau
from xaso.inputs.params import query_year
from xaso.units.models import OrgUnit
from xaso.units.selectors import scope_for
from xaso.villages import charts
from xaso.villages.forms import SnapshotForm, VisitForm, parse_month
from xaso.villages.models import HouseholdSnapshot, SupportVisit
from xaso.villages.rules import month_label
from xaso.villages.selectors import (
    commune_villages,
    communes_with_villages,
    platforms_of,
    programme_span,
    village_dashboard,
    villages_readable,
    villages_writable,
    visits_readable,
    visits_writable,
)
from xaso.villages.services import household_snapshot_set, support_visit_delete, support_visit_save

ERR_VILLAGE_NOT_FOUND = "Không tìm thấy thôn này trong phạm vi của bạn."
ERR_VISIT_NOT_FOUND = "Không tìm thấy buổi hỗ trợ này trong phạm vi của bạn."
ERR_READ_ONLY = "Bạn chỉ được xem số liệu của thôn này, không được ghi."
ERR_NO_VILLAGE = "Bạn chưa được giao theo dõi thôn nào."
ERR_FORM = "Chưa lưu được: hãy sửa các ô báo đỏ dưới đây. Những gì đã nhập vẫn còn nguyên."
MSG_VISIT_SAVED = "Đã ghi buổi hỗ trợ ngày {date}; hoạt động đã được tính cho thôn."
MSG_VISIT_DELETED = "Đã xóa buổi hỗ trợ ngày {date} và hoạt động tương ứng."
MSG_SNAPSHOT_SAVED = "Đã lưu số hộ tháng {month} của {village}."


def _village(request: HttpRequest, pk: int, *, write: bool = False) -> OrgUnit:
    village = villages_readable(user=request.user).select_related("commune").filter(pk=pk).first()
    if village is None:
        raise Http404(ERR_VILLAGE_NOT_FOUND)
    if write and not villages_writable(user=request.user).filter(pk=pk).exists():
        raise PermissionDenied(ERR_READ_ONLY)
    return village


def _year(request: HttpRequest, default: int) -> int:
    return query_year(request.GET, "nam", default)


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's Vietnamese messages on the form's fields (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages_ in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target if field != NON_FIELD_ERRORS else None, message)


class VillagesMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if scope_for(user=request.user).is_empty:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        items = [{"url": reverse("villages_index"), "label": "Tổ công nghệ số"}]
        return [*self.breadcrumbs_items, *items, {"url": "", "label": self.get_page_title()}]


class VillagesIndexView(VillagesMixin, TemplateView):
    """The villages of a commune side by side; a village head goes straight to his village."""

    template_name = "villages/admin/index.html"
    page_title = "Tổ công nghệ số cộng đồng các thôn"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        villages = villages_readable(user=request.user)
        if "xa" not in request.GET and villages.count() == 1:
            return redirect(reverse("villages_village", args=[villages.get().pk]))
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        communes = list(communes_with_villages(user=self.request.user))
        if not communes:
            context["error"] = ERR_NO_VILLAGE
            return context
        raw = self.request.GET.get("xa", "")
        commune = next((c for c in communes if str(c.pk) == raw), communes[0])
        today = timezone.localdate()
        start, end = programme_span(commune_id=commune.pk, today=today)
        year = min(max(_year(self.request, today.year), start.year), end.year)
        figures = commune_villages(
            user=self.request.user,
            commune=commune,
            start=max(start, dt.date(year, 1, 1)),
            end=min(end, dt.date(year, 12, 31)),
        )
        context.update(
            communes=communes,
            commune=commune,
            year=year,
            years=list(range(start.year, end.year + 1)),
            figures=figures,
            rows=[
                (
                    row,
                    charts.share_bar(
                        share=row.ecommerce_share,
                        label=f"{row.village.name}: {row.ecommerce_share or 0}% số hộ bán hàng trên sàn",
                    ),
                    charts.share_bar(
                        share=row.cashless_share,
                        colour=charts.CASHLESS,
                        label=f"{row.village.name}: {row.cashless_share or 0}% số hộ thanh toán không dùng tiền mặt",
                    ),
                )
                for row in figures.rows
            ],
            writable=set(villages_writable(user=self.request.user).values_list("pk", flat=True)),
        )
        return context


class VillageDashboardView(VillagesMixin, TemplateView):
    template_name = "villages/admin/village.html"

    def get_page_title(self) -> str:
        return f"Tổ công nghệ số cộng đồng {trong_cau(self.village)}"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.village = _village(request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        dashboard = village_dashboard(village=self.village, today=timezone.localdate())
        context.update(
            village=self.village,
            dashboard=dashboard,
            chart=charts.village_chart(dashboard.months),
            months_desc=list(reversed(dashboard.months)),
            can_write=villages_writable(user=self.request.user).filter(pk=self.village.pk).exists(),
        )
        return context


class VisitFormView(VillagesMixin, TemplateView):
    """Add a visit (`pk` is the village) or change one (`visit` is the visit)."""

    template_name = "villages/admin/visit_form.html"

    def get_page_title(self) -> str:
        return "Sửa buổi hỗ trợ" if self.visit.pk else "Ghi buổi hỗ trợ"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.form: VisitForm | None = None

    def _load(self, request: HttpRequest, **kwargs: Any) -> None:
        if "visit" in kwargs:
            visit = (
                visits_readable(user=request.user).select_related("village__commune").filter(pk=kwargs["visit"]).first()
            )
            if visit is None:
                raise Http404(ERR_VISIT_NOT_FOUND)
            if not visits_writable(user=request.user).filter(pk=visit.pk).exists():
                raise PermissionDenied(ERR_READ_ONLY)
            self.visit, self.village = visit, visit.village
        else:
            self.village = _village(request, kwargs["pk"], write=True)
            self.visit = SupportVisit(village=self.village)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._load(request, **kwargs)
        self.form = VisitForm(instance=self.visit, village=self.village)
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._load(request, **kwargs)
        form = VisitForm(request.POST, request.FILES, instance=self.visit, village=self.village)
        self.form = form
        if form.is_valid():
            try:
                visit = support_visit_save(
                    visit=form.save(commit=False),
                    members=form.cleaned_data["members"],
                    tasks=form.cleaned_data["tasks"],
                    user=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, MSG_VISIT_SAVED.format(date=visit.date.strftime("%d/%m/%Y")))
                return redirect(reverse("villages_village", args=[self.village.pk]))
        messages.error(request, ERR_FORM)
        return self.render_to_response(self.get_context_data(), status=400)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, village=self.village, visit=self.visit)
        return context


class VisitDeleteView(VillagesMixin, TemplateView):
    template_name = "villages/admin/visit_delete.html"
    page_title = "Xóa buổi hỗ trợ"

    def _load(self, request: HttpRequest, pk: int) -> SupportVisit:
        visit = visits_readable(user=request.user).select_related("village").filter(pk=pk).first()
        if visit is None:
            raise Http404(ERR_VISIT_NOT_FOUND)
        if not visits_writable(user=request.user).filter(pk=pk).exists():
            raise PermissionDenied(ERR_READ_ONLY)
        return visit

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.visit = self._load(request, kwargs["visit"])
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        visit = self._load(request, kwargs["visit"])
        village_pk, date = visit.village_id, visit.date
        support_visit_delete(visit=visit)
        messages.success(request, MSG_VISIT_DELETED.format(date=date.strftime("%d/%m/%Y")))
        return redirect(reverse("villages_village", args=[village_pk]))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "visit": self.visit}


class SnapshotView(VillagesMixin, TemplateView):
    """This month's household counts, pre-filled from the month chosen or the latest one entered."""

    template_name = "villages/admin/snapshot_form.html"

    def get_page_title(self) -> str:
        return f"Cập nhật số hộ — {self.village.name}"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.village = _village(request, kwargs["pk"], write=True)
        month = timezone.localdate().replace(day=1)
        if request.GET.get("thang"):
            with contextlib.suppress(ValidationError):
                month = parse_month(request.GET["thang"])
        # Last month's figures are the best first guess for this month: only what changed is typed.
        snapshot = (
            HouseholdSnapshot.objects.filter(village=self.village, month__lte=month)
            .prefetch_related("platform_counts")
            .order_by("-month")
            .first()
        )
        self.form = SnapshotForm(
            initial=SnapshotForm.initial_from(month=month, snapshot=snapshot), platforms=self._platforms()
        )
        self.previous = snapshot
        return super().get(request, *args, **kwargs)

    def _platforms(self) -> list[Any]:
        return platforms_of(commune_id=int(self.village.commune_id or 0))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.village = _village(request, kwargs["pk"], write=True)
        self.previous = None
        form = SnapshotForm(request.POST, platforms=self._platforms())
        self.form = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                snapshot = household_snapshot_set(
                    village=self.village,
                    month=data["month"],
                    ecommerce_households=data["ecommerce_households"],
                    cashless_households=data["cashless_households"],
                    platform_counts=form.platform_counts(),
                    note=data["note"],
                    user=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    MSG_SNAPSHOT_SAVED.format(month=month_label(snapshot.month), village=trong_cau(self.village)),
                )
                return redirect(reverse("villages_village", args=[self.village.pk]))
        messages.error(request, ERR_FORM)
        return self.render_to_response(self.get_context_data(), status=400)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, village=self.village, previous=self.previous)
        return context
