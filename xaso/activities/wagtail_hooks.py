"""Activities in the back office: the scoped list, the form with evidence, export and bulk import."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db import transaction
from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.actions.delete import DeleteAction
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from xaso.activities import admin_views, services
from xaso.activities.forms import ActivityForm
from xaso.activities.models import Activity
from xaso.backoffice.menu import PermissionMenuItem
from xaso.backoffice.widgets import NativeDateInput, NativeDateRangeWidget
from xaso.units.models import OrgUnit
from xaso.units.scoping import ScopedSnippetViewSet
from xaso.units.selectors import units_readable


def _units_in_scope(request: HttpRequest | None) -> Any:
    return units_readable(user=request.user) if request else OrgUnit.objects.none()


class ActivityFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(label="Đơn vị", queryset=_units_in_scope)
    date_start = django_filters.DateFromToRangeFilter(label="Ngày thực hiện", widget=NativeDateRangeWidget)

    class Meta:
        model = Activity
        fields = ["kind", "status", "audience", "unit", "date_start"]


class ActivityViewSet(ScopedSnippetViewSet):
    model = Activity
    icon = "date"
    menu_label = "Hoạt động đã thực hiện"
    menu_name = "activities"
    url_prefix = "hoat-dong/danh-sach"
    inspect_view_enabled = True
    list_display = ["title", "unit", "kind", "date_label", "participants", "status"]
    filterset_class = ActivityFilterSet
    search_fields = ["title", "description"]
    search_backend_name = None
    ordering = ["-date_start", "-pk"]
    list_per_page = 50
    list_export = [
        "date_start",
        "date_end",
        "unit.code",
        "unit.name",
        "get_kind_display",
        "title",
        "task_codes",
        "get_audience_display",
        "participants",
        "officials",
        "pupils",
        "residents",
        "reach",
        "url",
        "get_status_display",
    ]
    export_headings = {
        "date_start": "Ngày thực hiện",
        "date_end": "Đến ngày",
        "unit.code": "Mã đơn vị",
        "unit.name": "Đơn vị",
        "get_kind_display": "Loại hoạt động",
        "title": "Tên hoạt động",
        "task_codes": "Nhiệm vụ",
        "get_audience_display": "Đối tượng chính",
        "participants": "Số người tham dự",
        "officials": "Trong đó: cán bộ, công chức, viên chức, NLĐ",
        "pupils": "Trong đó: học sinh",
        "residents": "Trong đó: người dân",
        "reach": "Lượt xem, lượt nghe",
        "url": "Đường dẫn",
        "get_status_display": "Trạng thái",
    }
    export_filename = "hoat-dong"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit", widget=forms.Select), FieldPanel("status")]),
            FieldPanel("kind"),
            FieldPanel("title"),
            FieldRowPanel(
                [
                    FieldPanel("date_start", widget=NativeDateInput),
                    FieldPanel("date_end", widget=NativeDateInput),
                    FieldPanel("audience"),
                ]
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("participants"),
                            FieldPanel("officials"),
                            FieldPanel("pupils"),
                            FieldPanel("residents"),
                        ]
                    ),
                    FieldRowPanel([FieldPanel("reach"), FieldPanel("url")]),
                ],
                heading="Số lượng",
            ),
            FieldPanel("tasks", widget=forms.CheckboxSelectMultiple),
            FieldPanel("description"),
            InlinePanel("evidence", heading="Minh chứng (ảnh, danh sách ký nhận, tài liệu)", label="tệp minh chứng"),
            MultiFieldPanel(
                [
                    FieldPanel("attendees", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("guiding_documents", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("science_tasks", widget=forms.CheckboxSelectMultiple),
                ],
                heading="Gắn với danh sách của xã (nếu có)",
                classname="collapsed",
            ),
        ],
        base_form_class=ActivityForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("unit").prefetch_related("tasks")


class ActivityGroup(SnippetViewSetGroup):
    items = (ActivityViewSet,)
    menu_icon = "date"
    menu_label = "Hoạt động"
    menu_name = "hoat-dong"
    menu_order = 150

    def get_submenu_items(self) -> list[MenuItem]:
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                "Nhập từ tệp Excel",
                reverse("activities_import"),
                permission="activities.add_activity",
                name="activity-import",
                icon_name="upload",
            ),
        ]


register_snippet(ActivityGroup)


class ActivityDeleteAction(DeleteAction):
    """The back office's delete goes through activities.services, which keeps the monthly
    tally and the registry's attendance dates exact and removes the evidence files."""

    def _delete(self) -> None:
        with transaction.atomic():
            if self.log_action:
                log(instance=self.instance, action=self.log_action, user=self.user, deleted=True)
            services.activity_delete(activity=self.instance)


@hooks.register("register_actions")
def register_activity_actions(registry: Any) -> None:
    registry.register(Activity, ActivityDeleteAction)


class ActivityBulkDelete(DeleteBulkAction):
    """The list's bulk delete, through the same service (Wagtail's own deletes rows directly)."""

    models = [Activity]

    @classmethod
    def execute_action(cls, objects: list[Activity], user: Any = None, **kwargs: Any) -> tuple[int, int]:
        with transaction.atomic():
            for item in objects:
                log(instance=item, action="wagtail.delete", user=user, deleted=True)
            return services.activities_delete(activity_ids=[item.pk for item in objects]), 0


# After Wagtail's snippet bulk actions (order 0), so that this one replaces "delete" for activities.
hooks.register("register_bulk_action", ActivityBulkDelete, order=1)


@hooks.register("register_admin_urls")
def register_activity_urls() -> list[Any]:
    return [
        path("hoat-dong/nhap/", admin_views.ActivityImportView.as_view(), name="activities_import"),
        path("hoat-dong/mau-nhap.xlsx", admin_views.activity_template, name="activities_template"),
    ]
