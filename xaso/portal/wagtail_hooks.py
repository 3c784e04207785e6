"""The portal in the back office: audiences list; a new commune home page gets its groups and workflow."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from xaso.portal.access import portal_setup
from xaso.portal.models import Audience, HomePage, PortalPage
from xaso.portal.pagecache import mark_cacheable


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Đối tượng bạn đọc"
    menu_name = "audiences"
    url_prefix = "trang-thong-tin/doi-tuong"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


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
