from __future__ import annotations

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from xaso.headers.inline import INLINE_SCRIPTS
from xaso.headers.scriptless import init_element

register = template.Library()


@register.simple_tag
def inline_script(name: str, **data: str) -> str:
    """<script data-…>code</script> with code from INLINE_SCRIPTS (its hash is in the policy)."""
    attributes = "".join(f' data-{key.replace("_", "-")}="{{}}"' for key in data)
    # The code is a constant of this project (raw text inside <script>, never escaped); the data is escaped.
    code = mark_safe(INLINE_SCRIPTS[name])  # noqa: S308
    return format_html(f"<script{attributes}>{{}}</script>", *data.values(), code)


@register.simple_tag
def init_data(name: str, options_json: str) -> str:
    """A Wagtail panel's `new Name(JSON.parse(options_json))`, as data for headers/init.js."""
    return init_element(name, [json.loads(options_json)])


@register.simple_tag
def init_call(name: str, element_id: str, config_json: str) -> str:
    """A Wagtail widget's `name("id", config)`, as data for headers/init.js."""
    return init_element(name, [element_id, json.loads(config_json)])
