"""The back office as Xã số's users meet it: Vietnamese, self-contained, no help menu
pointing at English documentation on another host."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("construct_main_menu")
def hide_wagtail_help(request: Any, menu_items: list[Any]) -> None:
    menu_items[:] = [item for item in menu_items if item.name != "help"]


@hooks.register("insert_global_admin_css")
def phone_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("backoffice/phone.css"))
