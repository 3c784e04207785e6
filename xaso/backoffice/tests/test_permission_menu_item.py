"""PermissionMenuItem: a back-office menu item shown only to the people holding its permission."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import RequestFactory

from xaso.backoffice.menu import PermissionMenuItem

pytestmark = pytest.mark.django_db

SIDEBAR = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)


def menu_names(client: Any) -> set[str]:
    """The names of every item of the sidebar the person is shown, submenus included."""
    found = SIDEBAR.search(client.get("/quan-tri/").content.decode())
    assert found is not None, "không thấy thanh menu bên trái"
    props = json.loads(found.group(1))
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("name"), str):
                names.add(node["name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return names


@pytest.mark.parametrize(("persona", "shown"), [("lan", True), ("mai", True), ("hung", False), ("quang", False)])
def test_it_is_shown_only_to_who_holds_the_permission(demo, persona, shown):
    item = PermissionMenuItem("Nhập từ tệp Excel", "/quan-tri/", permission="activities.add_activity")
    request = RequestFactory().get("/quan-tri/")
    request.user = getattr(demo, persona)
    assert item.is_shown(request) is shown


def test_it_is_hidden_from_someone_without_a_role(demo):
    request = RequestFactory().get("/quan-tri/")
    request.user = demo.outsider
    item = PermissionMenuItem("Học viên và kết quả", "/quan-tri/", permission="learning.view_enrolment")
    assert not item.is_shown(request)


def test_the_activity_import_is_in_the_menu_of_who_records_activities_only(demo, client_for):
    # A reporter and the Culture–Social office record activities; the commune's leader reads them.
    assert "activity-import" in menu_names(client_for(demo.mai))
    assert "activity-import" in menu_names(client_for(demo.lan))
    leader = menu_names(client_for(demo.hung))
    assert "activities" in leader
    assert "activity-import" not in leader
    # Everyone with a role reads the plan and the learners, so those items are in each menu.
    for persona in (demo.mai, demo.hung, demo.quang):
        assert {"plan-import-export", "learning-learners"} <= menu_names(client_for(persona))


@pytest.mark.parametrize(
    ("persona", "reviews", "funding"),
    [("lan", True, True), ("hung", True, True), ("quang", False, True), ("mai", False, False)],
)
def test_reviews_and_the_funding_summary_are_in_the_menu_of_their_readers_only(
    demo, client_for, persona, reviews, funding
):
    names = menu_names(client_for(getattr(demo, persona)))
    assert ("so-ket-tong-ket" in names) is reviews
    assert ("funding-summary" in names) is funding
