"""Funding in the back office: budget lines and spending (scoped snippets whose saves go through
funding.services), and the funding summary."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSetGroup

from xaso.backoffice.menu import PermissionMenuItem
from xaso.funding import dashboard as dashboard_panels
from xaso.funding import views
from xaso.funding.document import funding_sections
from xaso.funding.forms import BudgetLineForm, SpendingForm
from xaso.funding.models import BudgetLine, Spending
from xaso.funding.services import budget_line_delete, spending_delete
from xaso.units.scoping import ScopedSnippetViewSet, ServiceCreateView, ServiceEditView

ERR_BULK_DELETE = "Hãy xóa từng mục một: mỗi khoản chi xóa đi được trả lại khoản dự toán của nó."


class ServiceDeleteView(DeleteView):
    """Deletes through a service; a refusal (a line that has spendings) is said, nothing is deleted."""

    service: Any = None

    def delete_action(self) -> None:
        type(self).service(self.object)

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            response: HttpResponse = super().form_valid(form)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return HttpResponseRedirect(reverse(self.index_url_name))
        return response


class BudgetLineDeleteView(ServiceDeleteView):
    service = staticmethod(lambda line: budget_line_delete(line=line))


class SpendingDeleteView(ServiceDeleteView):
    service = staticmethod(lambda spending: spending_delete(spending=spending))


class BudgetLineViewSet(ScopedSnippetViewSet):
    model = BudgetLine
    icon = "form"
    menu_label = "Dự toán kinh phí"
    menu_name = "budget_lines"
    url_prefix = "kinh-phi/du-toan"
    add_view_class = ServiceCreateView
    edit_view_class = ServiceEditView
    delete_view_class = BudgetLineDeleteView
    inspect_view_enabled = True
    search_backend_name = None
    list_display = ["title", "year", "source", "amount_label", "spent_label", "remaining_label"]
    list_filter = ["year", "source"]
    search_fields = ["title", "basis"]
    edit_handler = ObjectList(
        [
            FieldPanel("plan", widget=forms.Select),
            FieldRowPanel([FieldPanel("year"), FieldPanel("source")]),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("amount"), FieldPanel("basis")]),
            FieldPanel("note"),
        ],
        base_form_class=BudgetLineForm,
    )


class SpendingViewSet(ScopedSnippetViewSet):
    model = Spending
    icon = "tasks"
    menu_label = "Khoản chi"
    menu_name = "spendings"
    url_prefix = "kinh-phi/khoan-chi"
    add_view_class = ServiceCreateView
    edit_view_class = ServiceEditView
    delete_view_class = SpendingDeleteView
    inspect_view_enabled = True
    search_backend_name = None
    list_display = ["description", "date", "amount_label", "line", "task"]
    list_filter = ["line__year", "line__source"]
    search_fields = ["description", "voucher"]
    edit_handler = ObjectList(
        [
            FieldPanel("line", widget=forms.Select),
            FieldRowPanel([FieldPanel("date"), FieldPanel("amount"), FieldPanel("voucher")]),
            FieldPanel("description"),
            FieldPanel("task", widget=forms.Select),
            FieldPanel("activity", widget=forms.Select),
        ],
        base_form_class=SpendingForm,
    )


class FundingGroup(SnippetViewSetGroup):
    items = (BudgetLineViewSet, SpendingViewSet)
    menu_icon = "table"
    menu_label = "Kinh phí"
    menu_name = "kinh-phi"
    menu_order = 180

    def get_submenu_items(self) -> list[MenuItem]:
        return [
            PermissionMenuItem(
                "Tổng hợp kinh phí",
                reverse("funding_summary"),
                permission="funding.view_budgetline",
                name="funding-summary",
                icon_name="table",
            ),
            *super().get_submenu_items(),
        ]


register_snippet(FundingGroup)


@hooks.register("register_admin_urls")
def register_funding_urls() -> list[Any]:
    return [path("kinh-phi/", views.FundingSummaryView.as_view(), name="funding_summary")]


@hooks.register("before_bulk_action")
def no_bulk_delete(request: HttpRequest, action_type: str, objects: list[Any], action_class_instance: Any) -> Any:
    if action_type == "delete" and objects and isinstance(objects[0], BudgetLine | Spending):
        messages.error(request, ERR_BULK_DELETE)
        return HttpResponseRedirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))
    return None


@hooks.register("programme_dashboard_panels")
def funding_dashboard_panel(*, request: HttpRequest, dashboard: Any) -> dict[str, Any] | None:
    return dashboard_panels.funding_panel(user=request.user, dashboard=dashboard)


# What this app says in every programme report (xaso.documents.sections).
hooks.register("programme_report_sections", funding_sections)
