"""Wagtail's inline scripts, replaced by data that headers/init.js turns into the same calls.

Wagtail 8 still writes a few `<script>` elements whose code varies with the form (chooser widgets,
date and time pickers, inline panels); a strict Content-Security-Policy refuses them. Each becomes
`<script type="application/json" data-xaso-init>{"new"|"call": NAME, "args": [...]}</script>`, inert
data, and init.js (a file of this server) makes the call for the names it knows, when the page is
parsed or when a modal inserts the element.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.safestring import SafeString, mark_safe

# What init.js will construct or call; anything else is refused on both sides.
CONSTRUCTORS = frozenset(
    {
        "Chooser",
        "PageChooser",
        "ImageChooser",
        "DocumentChooser",
        "SnippetChooser",
        "InlinePanel",
        "MultipleChooserPanel",
    }
)
FUNCTIONS = frozenset({"createTaskChooser", "initDateChooser", "initTimeChooser", "initDateTimeChooser"})
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_JS_CALL = re.compile(r"^\s*(new\s+)?([A-Za-z_$][\w$]*)\((.*)\);?\s*$", re.S)


def init_element(name: str, args: list[Any]) -> SafeString:
    if name in CONSTRUCTORS:
        data = {"new": name, "args": args}
    elif name in FUNCTIONS:
        data = {"call": name, "args": args}
    else:
        raise ValueError(f"{name} is not a call headers/init.js makes")
    text = json.dumps(data, separators=(",", ":")).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/json" data-xaso-init>{text}</script>')  # noqa: S308


def init_element_from_js(code: str) -> SafeString:
    """The data element for one of Wagtail's init lines, `new X("id", {...});` or `f("id", {...});`,
    whose arguments are JSON (Wagtail writes them with json.dumps)."""
    match = _JS_CALL.match(code)
    if match is None:
        raise ValueError(f"not a call with JSON arguments: {code[:80]}")
    return init_element(match.group(2), json.loads(f"[{match.group(3)}]"))


def chooser_render(
    self: Any, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
) -> SafeString:
    """BaseChooser.render without the inline script (installed by HeadersConfig.ready)."""
    try:
        id_ = attrs["id"]  # type: ignore[index]
    except (KeyError, TypeError) as exc:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from exc
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    return mark_safe(f"{widget_html}{init_element_from_js(self.render_js_init(id_, name, value_data))}")  # noqa: S308
