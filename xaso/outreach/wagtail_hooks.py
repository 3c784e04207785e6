"""Schools and enterprises in the back office: scoped lists and forms, and a showcase's way to the portal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.urls import path
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSetGroup

from xaso.backoffice.widgets import NativeDateInput
from xaso.outreach import dashboard as dashboard_panels
from xaso.outreach import selectors, views
from xaso.outreach.forms import ClubForm, ClubSessionForm, EnterpriseSessionForm, SchoolEventForm, ShowcaseForm
from xaso.outreach.models import Club, ClubSession, EnterpriseSession, SchoolEvent, Showcase
from xaso.outreach.report import outreach_sections
from xaso.outreach.services import delivered_delete
from xaso.units.scoping import ScopedSnippetViewSet, ServiceCreateView, ServiceEditView


class DeliveredDeleteView(DeleteView):
    """Deleting a session, event or showcase also removes the activity it was counted as."""

    def delete_action(self) -> None:
        delivered_delete(item=self.object)


class OutreachViewSet(ScopedSnippetViewSet):
    add_view_class = ServiceCreateView
    edit_view_class = ServiceEditView
    inspect_view_enabled = True
    search_backend_name = None
    # Which kinds of unit may write here; the menu item shows only to those who read rows or
    # write for such a unit (a school's reporter does not see the enterprise lists).
    writable_units: Any = None

    def get_menu_item(self, order: int | None = None) -> MenuItem:
        item = super().get_menu_item(order)
        viewset = self
        original = item.is_shown

        def is_shown(request: HttpRequest) -> bool:
            if not original(request):
                return False
            user = request.user
            return viewset.writable_units(user=user).exists() or viewset.get_queryset(request).exists()

        item.is_shown = is_shown
        return item


class ClubViewSet(OutreachViewSet):
    model = Club
    icon = "group"
    menu_label = "Câu lạc bộ trong trường"
    menu_name = "clubs"
    url_prefix = "truong-hoc/cau-lac-bo"
    writable_units = staticmethod(selectors.schools_writable)
    list_display = ["name", "unit", "field", "members_count", "is_active"]
    list_filter = ["unit", "is_active"]
    search_fields = ["name", "field"]
    edit_handler = ObjectList(
        [
            FieldPanel("unit", widget=forms.Select),
            FieldRowPanel([FieldPanel("name"), FieldPanel("field")]),
            FieldRowPanel(
                [FieldPanel("members_count"), FieldPanel("founded_on", widget=NativeDateInput), FieldPanel("is_active")]
            ),
        ],
        base_form_class=ClubForm,
    )


class ClubSessionViewSet(OutreachViewSet):
    model = ClubSession
    icon = "date"
    menu_label = "Sinh hoạt câu lạc bộ"
    menu_name = "club_sessions"
    url_prefix = "truong-hoc/sinh-hoat"
    delete_view_class = DeliveredDeleteView
    writable_units = staticmethod(selectors.schools_writable)
    list_display = ["topic", "club", "date", "pupils", "teachers"]
    list_filter = ["club"]
    search_fields = ["topic", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("club", widget=forms.Select),
            FieldRowPanel([FieldPanel("date", widget=NativeDateInput), FieldPanel("topic")]),
            FieldRowPanel([FieldPanel("pupils"), FieldPanel("teachers")]),
            FieldPanel("description"),
            FieldPanel("tasks", widget=forms.CheckboxSelectMultiple),
            FieldPanel("evidence"),
        ],
        base_form_class=ClubSessionForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("club__unit")


class SchoolEventViewSet(OutreachViewSet):
    model = SchoolEvent
    icon = "pick"
    menu_label = "Cuộc thi, diễn đàn"
    menu_name = "school_events"
    url_prefix = "truong-hoc/cuoc-thi-dien-dan"
    delete_view_class = DeliveredDeleteView
    writable_units = staticmethod(selectors.schools_writable)
    list_display = ["title", "unit", "kind", "date_start", "pupils", "entries", "awards"]
    list_filter = ["kind", "unit"]
    search_fields = ["title", "description", "partners"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit", widget=forms.Select), FieldPanel("kind")]),
            FieldPanel("title"),
            FieldRowPanel(
                [FieldPanel("date_start", widget=NativeDateInput), FieldPanel("date_end", widget=NativeDateInput)]
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("pupils"), FieldPanel("teachers"), FieldPanel("guests")]),
                    FieldRowPanel([FieldPanel("entries"), FieldPanel("awards")]),
                ],
                heading="Số lượng",
            ),
            FieldPanel("partners"),
            FieldPanel("description"),
            FieldPanel("tasks", widget=forms.CheckboxSelectMultiple),
            FieldPanel("evidence"),
        ],
        base_form_class=SchoolEventForm,
    )


class EnterpriseSessionViewSet(OutreachViewSet):
    model = EnterpriseSession
    icon = "user"
    menu_label = "Phổ biến cho doanh nghiệp"
    menu_name = "enterprise_sessions"
    url_prefix = "doanh-nghiep/pho-bien"
    delete_view_class = DeliveredDeleteView
    writable_units = staticmethod(selectors.enterprise_side_writable)
    list_display = ["title", "unit", "date", "enterprises", "participants"]
    list_filter = ["unit"]
    search_fields = ["title", "content"]
    edit_handler = ObjectList(
        [
            FieldPanel("unit", widget=forms.Select),
            FieldRowPanel([FieldPanel("date", widget=NativeDateInput), FieldPanel("title")]),
            FieldRowPanel([FieldPanel("enterprises"), FieldPanel("participants"), FieldPanel("officials")]),
            FieldPanel("content"),
            FieldPanel("tasks", widget=forms.CheckboxSelectMultiple),
            FieldPanel("evidence"),
        ],
        base_form_class=EnterpriseSessionForm,
    )


class PortalColumn(Column):
    """The showcase's draft article, or the way to create it."""

    cell_template_name = "outreach/admin/portal_cell.html"

    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        context["showcase"] = instance
        return context


class ShowcaseViewSet(OutreachViewSet):
    model = Showcase
    icon = "pick"
    menu_label = "Mô hình, sáng kiến"
    menu_name = "showcases"
    url_prefix = "doanh-nghiep/mo-hinh"
    delete_view_class = DeliveredDeleteView
    writable_units = staticmethod(selectors.enterprise_side_writable)
    list_display = ["title", "owner_name", "kind", "date", PortalColumn("article", label="Trang thông tin")]
    list_filter = ["kind", "unit"]
    search_fields = ["title", "owner_name", "summary"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit", widget=forms.Select), FieldPanel("enterprise", widget=forms.Select)]),
            FieldRowPanel([FieldPanel("owner_name"), FieldPanel("kind")]),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldPanel("details"),
            FieldRowPanel(
                [FieldPanel("date", widget=NativeDateInput), FieldPanel("channel"), FieldPanel("participants")]
            ),
            FieldPanel("tasks", widget=forms.CheckboxSelectMultiple),
            FieldPanel("evidence"),
        ],
        base_form_class=ShowcaseForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("article", "unit")


class OutreachGroup(SnippetViewSetGroup):
    items = (ClubViewSet, ClubSessionViewSet, SchoolEventViewSet, EnterpriseSessionViewSet, ShowcaseViewSet)
    menu_icon = "pick"
    menu_label = "Trường học, doanh nghiệp"
    menu_name = "truong-hoc-doanh-nghiep"
    menu_order = 170


register_snippet(OutreachGroup)


@hooks.register("register_admin_urls")
def register_outreach_urls() -> list[Any]:
    return [
        path(
            "doanh-nghiep/mo-hinh/<int:pk>/trang-thong-tin/",
            views.ShowcaseArticleView.as_view(),
            name="outreach_showcase_article",
        ),
    ]


@hooks.register("before_bulk_action")
def no_bulk_delete(request: HttpRequest, action_type: str, objects: list[Any], action_class_instance: Any) -> Any:
    """Bulk deletion would leave the activities behind: these are deleted one by one."""
    if (
        action_type == "delete"
        and objects
        and isinstance(objects[0], ClubSession | SchoolEvent | EnterpriseSession | Showcase)
    ):
        from django.contrib import messages
        from django.shortcuts import redirect

        messages.error(request, views.ERR_BULK_DELETE)
        return redirect(request.META.get("HTTP_REFERER") or "wagtailadmin_home")
    return None


@hooks.register("programme_dashboard_panels")
def outreach_dashboard_panel(*, request: HttpRequest, dashboard: Any) -> dict[str, Any] | None:
    return dashboard_panels.outreach_panel(user=request.user, dashboard=dashboard)


# What this app says in every programme report (xaso.documents.sections).
hooks.register("programme_report_sections", outreach_sections)
