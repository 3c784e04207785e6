"""The permission matrix: every URL × every persona and anonymous, against the declaration.

For each URL pattern of the project and of the Wagtail admin it exposes, the crawl requests
its concrete addresses (objects of two units of one commune and of another commune) as every
persona, and fails when a response shows the marker of an object outside the persona's reach
(world.visible), or when the server fails. The counts of the whole matrix are in the README.
"""

from __future__ import annotations

import re

import pytest

from xaso.access.middleware import rule_for
from xaso.access.tests.conftest import MATRIX_PERSONAS
from xaso.access.tests.crawl import concrete_requests, concrete_urls, readable_text, url_patterns
from xaso.access.tests.forms import changed_tables, database_fingerprint, form_payload
from xaso.access.tests.world import MARKS, may_see_place, visible

# Wagtail's page that fails on purpose (for operators to test error reporting) is left out.
DELIBERATE_ERRORS = {"wagtailadmin_error_test"}
PATTERNS = [pattern for pattern in url_patterns() if pattern.key not in DELIBERATE_ERRORS]
# A marker standing alone (random tokens in a page, such as CSRF values, may contain look-alikes).
MARKER = re.compile(r"(?<![A-Za-z0-9_-])zq[a-pr-z0-9]*q\d+(?![A-Za-z0-9])")
USERNAMES = {"thu": "tt.vhxh", "mai": "thcs.mai"}


def test_every_url_has_a_declared_rule():
    undeclared = [pattern.route for pattern in PATTERNS if rule_for(pattern.key) is None]
    assert undeclared == [], "Thêm quy tắc cho các địa chỉ này vào xaso/access/policy.py VIEWS"


def test_every_url_can_be_made_concrete(world, db):
    for pattern in PATTERNS:
        assert concrete_urls(pattern, world), pattern.route


@pytest.mark.parametrize("pattern", PATTERNS, ids=[pattern.key for pattern in PATTERNS])
def test_no_persona_reads_outside_their_scope(pattern, world, clients, db):
    problems: list[str] = []
    requests = concrete_requests(pattern, world)
    if pattern.key == "wagtail_bulk_action":
        # Every place's rows at once say as much as one place at a time.
        requests = [(place, url) for place, url in requests if place is None]
    for _place, url in requests:
        for persona in MATRIX_PERSONAS:
            response = clients[persona].get(url)
            if response.status_code >= 500:
                problems.append(f"{persona} {url}: lỗi máy chủ {response.status_code}")
                continue
            text = readable_text(response)
            leaked = {
                marker
                for marker in MARKER.findall(text)
                if marker in MARKS.where and not visible(persona, marker, username=_username(persona))
            }
            if leaked:
                problems.append(f"{persona} {url} [{response.status_code}]: {sorted(leaked)}")
    assert problems == []


def _username(persona: str) -> str:
    return USERNAMES.get(persona, "")


READ_ONLY_EVERYWHERE = ("quang", "outsider", "anonymous")


def _intruders(place: str) -> list[str]:
    """Who must not change what belongs to `place`: those who cannot see it, and the read-only."""
    return [
        persona
        for persona in MATRIX_PERSONAS
        if persona != "admin" and (persona in READ_ONLY_EVERYWHERE or not may_see_place(persona, place))
    ]


@pytest.mark.parametrize("pattern", PATTERNS, ids=[pattern.key for pattern in PATTERNS])
def test_no_persona_writes_outside_their_scope(pattern, world, clients, db):
    """Each address naming one place's object is sent, as everyone who may not change it, the form
    the operator would send (free text rewritten); afterwards no row of the database has changed."""
    requests = [(place, url) for place, url in concrete_requests(pattern, world) if place is not None]
    if not requests:
        return
    problems: list[str] = []
    for place, url in requests:
        shown = clients["admin"].get(url)
        payload = form_payload(readable_text(shown)) if shown.status_code == 200 else {}
        # Taken after the operator's look: Wagtail fills a file's hash and size and makes thumbnails
        # the first time an editor opens it, which is the operator's doing, not an intruder's.
        before = database_fingerprint()
        for persona in _intruders(place):
            response = clients[persona].post(url, payload)
            if response.status_code >= 500:
                problems.append(f"{persona} POST {url}: lỗi máy chủ {response.status_code}")
        changed = changed_tables(before, database_fingerprint())
        if changed:
            problems.append(f"POST {url} bởi {_intruders(place)} đã làm thay đổi {changed}")
            break
    assert problems == []
