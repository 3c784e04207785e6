"""What a person's browser would send back: the fields of a page's form, as the operator sees them."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from typing import Any

from django.apps import apps
from django.db import connection

# Free-text fields an attacker would rewrite.
REWRITTEN = ("title", "name", "full_name", "nominee", "text", "topic", "description", "summary", "results")
CHANGED = "ĐÃ BỊ SỬA TỪ NGOÀI PHẠM VI"


class _FormParser(HTMLParser):
    """The POST forms of a page: each with its fields and their current values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select: str | None = None
        self.select_value: str | None = None
        self.select_first: str | None = None
        self.option_value: str | None = None
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.in_form = True
            self.fields = []
        if not self.in_form:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select, self.select_value, self.select_first = name, None, None
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.select_first is None and value:
                self.select_first = value
            if "selected" in a:
                self.select_value = value
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.in_form:
            self.in_form = False
            self.forms.append(self.fields)
        elif tag == "select" and self.select:
            value = self.select_value if self.select_value is not None else self.select_first
            if value is not None:
                self.fields.append((self.select, value))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea, self.text))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.text += data


def form_payload(html: str) -> dict[str, Any]:
    """The fields of the page's main POST form (the one with the most fields), free text rewritten."""
    parser = _FormParser()
    parser.feed(html)
    fields = max(parser.forms, key=len, default=[])
    payload: dict[str, Any] = {}
    for name, value in fields:
        if name.rsplit("-", 1)[-1] in REWRITTEN:
            value = CHANGED
        payload.setdefault(name, [])
        payload[name].append(value)
    return payload


# Rows that change by merely looking (sessions, editing presence, profiles made on first visit).
NOT_DATA = {
    "sessions.session",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "wagtailadmin.admin",
    # Wagtail subscribes whoever opens a page's editor to its comments (the operator, here).
    "wagtailcore.pagesubscription",
}


def database_fingerprint() -> dict[str, str]:
    """A digest of every table that holds the product's data, by model."""
    digests: dict[str, str] = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in NOT_DATA or model._meta.proxy or not model._meta.managed:
            continue
        table = connection.ops.quote_name(model._meta.db_table)
        key = connection.ops.quote_name(model._meta.pk.column)
        digest = hashlib.sha256()
        with connection.cursor() as cursor:
            # The stored values themselves (a model's Python values may print differently each time).
            cursor.execute(f"SELECT * FROM {table} ORDER BY {key}")  # noqa: S608 - names from model metadata
            for row in cursor.fetchall():
                digest.update(repr(row).encode())
        digests[label] = digest.hexdigest()
    return digests


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(label for label in after if before.get(label) != after[label])
