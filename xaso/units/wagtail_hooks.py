"""Units and people's roles in the back office."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from xaso.units.forms import MembershipForm, OrgUnitForm
from xaso.units.models import Membership, OrgUnit
from xaso.units.roles import roles_changed
from xaso.units.scoping import ScopedSnippetViewSet


class OrgUnitViewSet(ScopedSnippetViewSet):
    model = OrgUnit
    icon = "group"
    menu_label = "Đơn vị"
    menu_name = "units"
    url_prefix = "don-vi/danh-sach"
    inspect_view_enabled = True
    # The tree's bookkeeping (materialised path, depth, child count) means nothing to an official.
    inspect_view_fields_exclude = ["path", "depth", "numchild"]
    list_display = ["name", "kind", "code", "is_active"]
    list_filter = ["kind", "is_active"]
    list_per_page = 50
    ordering = ["path"]
    edit_handler = ObjectList(
        [
            FieldPanel("parent"),
            FieldPanel("name"),
            FieldPanel("short_name"),
            FieldPanel("code"),
            FieldPanel("kind"),
            FieldPanel("is_active"),
        ],
        base_form_class=OrgUnitForm,
    )


class MembershipViewSet(ScopedSnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = "Vai trò người dùng"
    menu_name = "memberships"
    url_prefix = "don-vi/vai-tro"
    list_display = ["user", "role", "unit", "position"]
    list_filter = ["role"]
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("unit"), FieldPanel("role"), FieldPanel("position")],
        base_form_class=MembershipForm,
    )


class UnitGroup(SnippetViewSetGroup):
    items = (OrgUnitViewSet, MembershipViewSet)
    menu_icon = "group"
    menu_label = "Đơn vị, vai trò"
    menu_name = "don-vi"
    menu_order = 300


register_snippet(UnitGroup)


# Roles edited on these screens skip units.services; tell the apps that derive rights from roles.
@hooks.register("before_edit_snippet")
def remember_previous_holder(request: HttpRequest, instance: Any) -> None:
    if isinstance(instance, Membership):
        request._xaso_previous_holder = instance.user  # type: ignore[attr-defined]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def roles_changed_on_save(request: HttpRequest, instance: Any) -> None:
    if isinstance(instance, Membership):
        roles_changed(user=instance.user)
        previous = getattr(request, "_xaso_previous_holder", None)
        if previous is not None and previous.pk != instance.user_id:
            roles_changed(user=previous)


@hooks.register("after_delete_snippet")
def roles_changed_on_delete(request: HttpRequest, instances: list[Any]) -> None:
    for instance in instances:
        if isinstance(instance, Membership):
            roles_changed(user=instance.user)
