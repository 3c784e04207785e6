"""Learning in the back office: courses (scoped snippets), learners and results, enrolment by unit."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from xaso.backoffice.menu import PermissionMenuItem
from xaso.learning import admin_views
from xaso.learning.admin_forms import CourseForm
from xaso.learning.models import Course
from xaso.learning.report import learning_sections
from xaso.units.scoping import ScopedSnippetViewSet


class CourseViewSet(ScopedSnippetViewSet):
    model = Course
    icon = "doc-full"
    menu_label = "Khóa học"
    menu_name = "courses"
    url_prefix = "hoc-tap/khoa-hoc"
    list_display = ["title", "audience", "counts_towards", "is_published", "commune"]
    list_filter = ["audience", "is_published"]
    search_fields = ["title", "summary"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("commune"), FieldPanel("slug")]),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("audience"), FieldPanel("counts_towards")]),
            FieldRowPanel([FieldPanel("open_enrolment"), FieldPanel("is_published")]),
            InlinePanel(
                "lessons",
                heading="Bài học (theo thứ tự; bài sau mở khi đạt bài trước)",
                label="bài học",
                panels=[
                    FieldPanel("title"),
                    FieldPanel("reading"),
                    MultiFieldPanel([FieldPanel("media"), FieldPanel("media_transcript")], heading="Âm thanh, video"),
                    FieldPanel("quiz"),
                    FieldPanel("pass_mark"),
                ],
            ),
        ],
        base_form_class=CourseForm,
    )


class LearningGroup(SnippetViewSetGroup):
    items = (CourseViewSet,)
    menu_icon = "doc-full"
    menu_label = "Học tập"
    menu_name = "hoc-tap"
    menu_order = 160

    def get_submenu_items(self) -> list[MenuItem]:
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                "Học viên và kết quả",
                reverse("learning_learners"),
                permission="learning.view_enrolment",
                name="learning-learners",
                icon_name="group",
            ),
        ]


register_snippet(LearningGroup)


@hooks.register("register_admin_urls")
def register_learning_urls() -> list[Any]:
    return [
        path("hoc-tap/hoc-vien/", admin_views.learners, name="learning_learners"),
        path("hoc-tap/ghi-danh/", admin_views.enrol_unit, name="learning_enrol_unit"),
        path("hoc-tap/phieu-hoc-vien/", admin_views.slips, name="learning_slips"),
        path("hoc-tap/chung-nhan/<int:pk>/", admin_views.certificate, name="learning_certificate"),
    ]


# What this app says in every programme report (xaso.documents.sections).
hooks.register("programme_report_sections", learning_sections)
