"""Two officers on the same edit screen: the avatar of the one only viewing is a button that a screen
reader can name (the audit crawl found it nameless once a commune officer opened a record a reporter had
just opened)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from xaso.testing.personas import PERSONAS


def _session(user, *, idle: bool) -> SimpleNamespace:
    return SimpleNamespace(user=user, is_idle=idle, is_editing=False, revision_id=None)


@pytest.mark.django_db
@pytest.mark.parametrize(("idle", "doing"), [(False, "Đang xem"), (True, "Đang không hoạt động")])
def test_a_person_viewing_the_same_record_is_named(demo, idle, doing):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    lan, mai = users.get(username=PERSONAS["lan"]), users.get(username=PERSONAS["mai"])
    with translation.override("vi"):
        page = render_to_string(
            "wagtailadmin/shared/editing_sessions/list.html",
            {"sessions": [_session(mai, idle=idle)], "current_session": _session(lan, idle=False)},
        )
    button = re.search(r'<button class="w-editing-sessions__session"[^>]*>', page)
    assert button is not None
    name = re.search(r'aria-label="([^"]+)"', button.group(0))
    assert name is not None, button.group(0)
    assert name.group(1).endswith(f" - {doing}")
    assert name.group(1).split(" - ")[0].strip()
