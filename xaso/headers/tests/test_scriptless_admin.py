"""Wagtail's chooser widgets, date pickers and inline panels write their init as JSON data, not code."""

from __future__ import annotations

import json
import re

import pytest
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from xaso.headers.scriptless import init_element, init_element_from_js
from xaso.units.models import OrgUnit

DATA = re.compile(r'<script type="application/json" data-xaso-init>(.*?)</script>', re.S)


def _data(html: str) -> dict:
    assert "<script>" not in html
    match = DATA.search(html)
    assert match is not None
    return json.loads(match.group(1))


def test_a_page_chooser_writes_its_constructor_and_arguments(db):
    html = AdminPageChooser().render("page", None, attrs={"id": "id_page"})
    data = _data(html)
    assert data["new"] == "PageChooser"
    assert data["args"][0] == "id_page"
    assert "modalUrl" in data["args"][1]


def test_a_snippet_chooser_too(db):
    data = _data(AdminSnippetChooser(OrgUnit).render("unit", None, attrs={"id": "id_unit"}))
    assert data["new"] == "SnippetChooser"


def test_a_date_picker_writes_its_call():
    data = _data(AdminDateInput().render("start", "2026-03-02", attrs={"id": "id_start"}))
    assert data == {"call": "initDateChooser", "args": ["id_start", data["args"][1]]}
    assert data["args"][1]["dayOfWeekStart"] is not None


def test_text_that_closes_the_element_is_escaped():
    html = init_element("InlinePanel", [{"label": "</script><script>alert(1)</script>"}])
    assert html.count("</script>") == 1
    assert json.loads(DATA.findall(html)[0])["args"][0]["label"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("code", ['alert("x");', 'new Function("return 1");', 'window.location("x");'])
def test_only_the_known_calls_are_accepted(code):
    with pytest.raises(ValueError, match=r"not a call"):
        init_element_from_js(code)
