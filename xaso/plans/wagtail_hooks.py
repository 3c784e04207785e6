"""The plan in the back office: plan, targets, task groups and tasks, with revisions."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from xaso.backoffice.menu import PermissionMenuItem
from xaso.plans import admin_views
from xaso.plans.forms import PlanForm, TargetForm, TaskForm, TaskGroupForm
from xaso.plans.models import Plan, Target, Task, TaskGroup
from xaso.units.scoping import ScopedSnippetViewSet


class PlanViewSet(ScopedSnippetViewSet):
    model = Plan
    icon = "doc-full"
    menu_label = "Kế hoạch"
    menu_name = "plans"
    url_prefix = "ke-hoach/van-ban"
    inspect_view_enabled = True
    list_display = ["__str__", "commune", "issued_on", "is_active"]
    list_filter = ["is_active"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("code"), FieldPanel("document_type"), FieldPanel("issued_on")]),
                    FieldPanel("commune"),
                    FieldPanel("issuer"),
                    FieldPanel("issuer_header"),
                    FieldPanel("place"),
                    FieldPanel("title"),
                    FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("is_active")]),
                    MultiFieldPanel(
                        [FieldPanel("signer_authority"), FieldPanel("signer_title"), FieldPanel("signer_name")],
                        heading="Người ký",
                    ),
                    InlinePanel("legal_bases", heading="Căn cứ", label="căn cứ"),
                    FieldPanel("preamble"),
                ],
                heading="Văn bản",
            ),
            ObjectList(
                [
                    InlinePanel("purposes", heading="I. Mục đích, yêu cầu", label="mục đích, yêu cầu"),
                    FieldPanel("objectives_heading"),
                    FieldPanel("general_objective"),
                ],
                heading="Mục đích, mục tiêu chung",
            ),
            ObjectList(
                [
                    FieldPanel("funding_text"),
                    InlinePanel("funding_sources", heading="Nguồn kinh phí", label="nguồn kinh phí"),
                    InlinePanel("responsibilities", heading="V. Tổ chức thực hiện", label="trách nhiệm"),
                    FieldPanel("closing"),
                ],
                heading="Kinh phí, tổ chức thực hiện",
            ),
            ObjectList(
                [
                    FieldPanel("reporting_text"),
                    InlinePanel("reporting_deadlines", heading="Hạn báo cáo định kỳ", label="hạn báo cáo"),
                    FieldRowPanel(
                        [FieldPanel("reporting_ad_hoc"), FieldPanel("reporting_via"), FieldPanel("reporting_recipient")]
                    ),
                    InlinePanel("recipients", heading="Nơi nhận", label="nơi nhận"),
                ],
                heading="Báo cáo, nơi nhận",
            ),
        ],
        base_form_class=PlanForm,
    )


class TargetViewSet(ScopedSnippetViewSet):
    model = Target
    icon = "crosshairs"
    menu_label = "Mục tiêu cụ thể"
    menu_name = "targets"
    url_prefix = "ke-hoach/muc-tieu"
    inspect_view_enabled = True
    list_display = ["code", "text", "period_label", "milestones_summary"]
    list_filter = ["plan", "indicator", "period_start"]
    ordering = ["plan", "sort_order"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("plan"), FieldPanel("code"), FieldPanel("sort_order")]),
            FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end"), FieldPanel("indicator")]),
            FieldPanel("text"),
            InlinePanel("milestones", heading="Mốc hằng năm", label="mốc", min_num=1),
        ],
        base_form_class=TargetForm,
    )


class TaskGroupViewSet(ScopedSnippetViewSet):
    model = TaskGroup
    icon = "folder-open-inverse"
    menu_label = "Nhóm nhiệm vụ"
    menu_name = "task_groups"
    url_prefix = "ke-hoach/nhom-nhiem-vu"
    inspect_view_enabled = True
    list_display = ["number", "key", "title"]
    list_filter = ["plan"]
    edit_handler = ObjectList(
        [FieldRowPanel([FieldPanel("plan"), FieldPanel("number"), FieldPanel("key")]), FieldPanel("title")],
        base_form_class=TaskGroupForm,
    )


class TaskViewSet(ScopedSnippetViewSet):
    model = Task
    icon = "tasks"
    menu_label = "Nhiệm vụ, giải pháp"
    menu_name = "tasks"
    url_prefix = "ke-hoach/nhiem-vu"
    inspect_view_enabled = True
    list_display = ["code", "text", "group", "lead_summary", "recurrence"]
    list_filter = ["plan", "group__key", "recurrence"]
    ordering = ["plan", "group__number", "sort_order"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("plan"), FieldPanel("group"), FieldPanel("code"), FieldPanel("sort_order")]),
            FieldPanel("text"),
            FieldRowPanel([FieldPanel("recurrence"), FieldPanel("deadline")]),
            InlinePanel("task_units", heading="Đơn vị chủ trì, phối hợp", label="đơn vị", min_num=1),
        ],
        base_form_class=TaskForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("group").prefetch_related("task_units__unit")


class PlanGroup(SnippetViewSetGroup):
    items = (PlanViewSet, TargetViewSet, TaskGroupViewSet, TaskViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = "Kế hoạch"
    menu_name = "ke-hoach"
    menu_order = 200

    def get_submenu_items(self) -> list[MenuItem]:
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                "Nhập, xuất tệp kế hoạch",
                reverse("plans_import_export"),
                permission="plans.view_plan",
                name="plan-import-export",
                icon_name="download",
            ),
        ]


register_snippet(PlanGroup)


@hooks.register("register_admin_urls")
def register_plan_urls() -> list[Any]:
    return [
        path("ke-hoach/nhap-xuat/", admin_views.PlanImportExportView.as_view(), name="plans_import_export"),
        path("ke-hoach/<int:pk>/xuat.yaml", admin_views.plan_export, name="plans_export"),
    ]
