"""The registries in the back office, each scoped like the units they belong to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from wagtail import hooks
from wagtail.actions.delete import DeleteAction
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from xaso.registers.forms import AcknowledgementForm, CommuneListForm, PersonForm, VillageProfileForm
from xaso.registers.models import Acknowledgement, GuidingDocument, Person, ScienceTask, VillageProfile
from xaso.registers.services import acknowledgement_delete, acknowledgements_delete
from xaso.units.scoping import ScopedSnippetViewSet


class PersonViewSet(ScopedSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "Cán bộ, công chức, viên chức, NLĐ"
    menu_name = "people"
    url_prefix = "danh-muc/can-bo"
    list_display = ["full_name", "unit", "category", "position", "is_communication_officer", "is_active"]
    list_filter = ["category", "is_communication_officer", "is_active"]
    search_fields = ["full_name", "position"]
    search_backend_name = None
    list_export = ["full_name", "unit.name", "get_category_display", "position", "is_communication_officer"]
    export_headings = {
        "full_name": "Họ và tên",
        "unit.name": "Đơn vị",
        "get_category_display": "Ngạch, loại",
        "position": "Chức vụ",
        "is_communication_officer": "Chuyên trách truyền thông",
    }
    export_filename = "can-bo"
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit", widget=forms.Select), FieldPanel("category")]),
            FieldRowPanel([FieldPanel("full_name"), FieldPanel("position")]),
            FieldRowPanel([FieldPanel("is_communication_officer"), FieldPanel("is_active")]),
        ],
        base_form_class=PersonForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("unit")


class AcknowledgementViewSet(ScopedSnippetViewSet):
    model = Acknowledgement
    icon = "tick-inverse"
    menu_label = "Xác nhận đã được phổ biến"
    menu_name = "acknowledgements"
    url_prefix = "danh-muc/xac-nhan"
    list_display = ["person", "date", "document", "note"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("person", widget=forms.Select), FieldPanel("date")]),
            FieldPanel("document", widget=forms.Select),
            FieldPanel("note"),
        ],
        base_form_class=AcknowledgementForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("person__unit", "document")


class VillageProfileViewSet(ScopedSnippetViewSet):
    model = VillageProfile
    icon = "home"
    menu_label = "Dân số, truyền thanh thôn"
    menu_name = "villages"
    url_prefix = "danh-muc/thon"
    list_display = ["unit", "households", "residents", "has_loudspeaker"]
    edit_handler = ObjectList(
        [
            FieldPanel("unit", widget=forms.Select),
            FieldRowPanel([FieldPanel("households"), FieldPanel("residents")]),
            FieldPanel("has_loudspeaker"),
        ],
        base_form_class=VillageProfileForm,
    )


class GuidingDocumentViewSet(ScopedSnippetViewSet):
    model = GuidingDocument
    icon = "doc-full"
    menu_label = "Văn bản chỉ đạo"
    menu_name = "guiding_documents"
    url_prefix = "danh-muc/van-ban"
    list_display = ["code", "issued_on", "issuer", "title"]
    edit_handler = ObjectList(
        [
            FieldPanel("commune", widget=forms.Select),
            FieldRowPanel([FieldPanel("code"), FieldPanel("issued_on"), FieldPanel("issuer")]),
            FieldPanel("title"),
            FieldPanel("url"),
        ],
        base_form_class=CommuneListForm,
    )


class ScienceTaskViewSet(ScopedSnippetViewSet):
    model = ScienceTask
    icon = "cogs"
    menu_label = "Nhiệm vụ KH&CN dùng ngân sách"
    menu_name = "science_tasks"
    url_prefix = "danh-muc/nhiem-vu-khcn"
    list_display = ["code", "title", "start_year", "end_year", "is_state_secret"]
    edit_handler = ObjectList(
        [
            FieldPanel("commune", widget=forms.Select),
            FieldRowPanel([FieldPanel("code"), FieldPanel("start_year"), FieldPanel("end_year")]),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("host"), FieldPanel("is_state_secret")]),
        ],
        base_form_class=CommuneListForm,
    )


class AcknowledgementDeleteAction(DeleteAction):
    """Deleting an acknowledgement recomputes the person's first acknowledgement, in one transaction."""

    def _delete(self) -> None:
        with transaction.atomic():
            if self.log_action:
                log(instance=self.instance, action=self.log_action, user=self.user, deleted=True)
            acknowledgement_delete(acknowledgement=self.instance)


@hooks.register("register_actions")
def register_acknowledgement_actions(registry: Any) -> None:
    registry.register(Acknowledgement, AcknowledgementDeleteAction)


class AcknowledgementBulkDelete(DeleteBulkAction):
    models = [Acknowledgement]

    @classmethod
    def execute_action(cls, objects: list[Acknowledgement], user: Any = None, **kwargs: Any) -> tuple[int, int]:
        with transaction.atomic():
            for item in objects:
                log(instance=item, action="wagtail.delete", user=user, deleted=True)
            return acknowledgements_delete(acknowledgement_ids=[item.pk for item in objects]), 0


# After Wagtail's snippet bulk actions (order 0), so that this one replaces "delete" for acknowledgements.
hooks.register("register_bulk_action", AcknowledgementBulkDelete, order=1)


class RegisterGroup(SnippetViewSetGroup):
    items = (PersonViewSet, AcknowledgementViewSet, VillageProfileViewSet, GuidingDocumentViewSet, ScienceTaskViewSet)
    menu_icon = "list-ul"
    menu_label = "Danh mục, sổ theo dõi"
    menu_name = "danh-muc"
    menu_order = 250


register_snippet(RegisterGroup)
