from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def control_names() -> str:
    return format_html('<script src="{}" defer></script>', static("adminvi/labels.js"))


@hooks.register("insert_global_admin_css")
def contrast_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("adminvi/contrast.css"))
