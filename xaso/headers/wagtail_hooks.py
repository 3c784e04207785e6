from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def scriptless_init() -> str:
    return format_html('<script src="{}" defer></script>', static("headers/init.js"))
