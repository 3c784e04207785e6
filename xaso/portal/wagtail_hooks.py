"""The portal in the back office: audiences list; a new commune home page gets its groups and workflow."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.documents import get_permission_policy as document_permission_policy
from wagtail.snippets.models import register_snippet

from xaso.access.pages import pages_reachable
from xaso.portal.access import portal_setup
from xaso.portal.models import Audience, HomePage, PortalPage
from xaso.portal.pagecache import mark_cacheable
from xaso.portal.selectors import document_published
from xaso.units.scoping import ScopedAdminForm, ScopedSnippetViewSet
from xaso.units.selectors import communes_owned

ERR_AUDIENCE_COMMUNE = "Hãy chọn xã dùng danh mục này; danh mục chung do quản trị hệ thống quản lý."


class AudienceForm(ScopedAdminForm):
    scoped_fields = {"commune": communes_owned}

    def clean_commune(self) -> Any:
        commune = self.cleaned_data.get("commune")
        if commune is None and not getattr(self.for_user, "is_superuser", False):
            raise ValidationError(ERR_AUDIENCE_COMMUNE)
        return commune


class AudienceViewSet(ScopedSnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Đối tượng bạn đọc"
    menu_name = "audiences"
    url_prefix = "trang-thong-tin/doi-tuong"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "slug", "commune", "sort_order"]
    ordering = ["sort_order", "name"]
    edit_handler = ObjectList(
        [
            FieldPanel("commune"),
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("sort_order"),
        ],
        base_form_class=AudienceForm,
    )


register_snippet(AudienceViewSet)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def set_up_commune_portal(request: HttpRequest, page: Any) -> None:
    if isinstance(page.specific, HomePage) and page.specific.commune_id:
        portal_setup(home=page.specific)


@hooks.register("before_serve_page")
def allow_page_cache(page: Any, request: HttpRequest, serve_args: Any, serve_kwargs: Any) -> None:
    """Public portal pages (and their feeds, QR codes) may be kept by xaso.portal.pagecache."""
    if isinstance(page, PortalPage) and not page.get_view_restrictions().exists():
        mark_cacheable(request)


@hooks.register("construct_page_chooser_queryset")
def chooser_pages_of_own_portals(pages: Any, request: HttpRequest) -> Any:
    # One tree holds every commune's portal: the chooser offers only the person's own.
    return pages.filter(pk__in=pages_reachable(user=request.user).values("pk"))


@hooks.register("before_serve_document")
def serve_only_published_documents(document: Any, request: HttpRequest) -> HttpResponse | None:
    """A file uploaded to a commune's collection is public once a live page links it; before that
    (a draft's attachment, a file not yet used) only the portal's own editors may download it."""
    if document_published(document=document):
        return None
    policy = document_permission_policy()
    if request.user.is_authenticated and policy.user_has_any_permission_for_instance(
        request.user, ["change", "choose"], document
    ):
        return None
    return HttpResponseNotFound("Không có tệp này.")
