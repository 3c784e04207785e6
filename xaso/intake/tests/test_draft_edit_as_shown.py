"""Every part of the draft saved exactly as its form shows it — what a browser sends, management
fields included, through the project's formset guard — is accepted and changes no text, value or
unit: only the marks say a person has checked it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from xaso.access.tests.forms import _FormParser
from xaso.intake import draft as d
from xaso.intake.models import PlanDraft

pytestmark = pytest.mark.django_db

PARTS = [
    ("chung", ""),
    ("can-cu", ""),
    ("muc-dich", ""),
    ("nhom", ""),
    ("han-bao-cao", ""),
    ("noi-nhan", ""),
    ("to-chuc", ""),
    ("muc-tieu", "4"),
    ("nhiem-vu", "2.1"),
]


def as_shown(html: str) -> dict[str, list[str]]:
    parser = _FormParser()
    parser.feed(html)
    (form,) = [fields for fields in parser.forms if any(name == "version" for name, _ in fields)][:1]
    payload: dict[str, list[str]] = {}
    for name, value in form:
        # A browser drops the newline that opens a textarea's content.
        payload.setdefault(name, []).append(value.removeprefix("\n"))
    return payload


def content(plan: d.Draft) -> Any:
    data = plan.to_json()

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("flags", "lines", "tiers")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    stripped = strip(data)
    for basis in stripped["legal_bases"]:
        basis.pop("text")  # the reference as first written ("Quyết định số … ngày …"), rebuilt on save
    return stripped


@pytest.mark.parametrize(("part", "number"), PARTS)
def test_a_part_saved_as_shown_is_accepted_and_unchanged(demo, read_draft, client_for, part, number):
    draft = read_draft()
    before = content(d.Draft.from_json(draft.draft))
    client = client_for(demo.thu)
    url = reverse("intake_draft_edit", args=[draft.pk]) + f"?phan={part}" + (f"&so={number}" if number else "")
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, as_shown(page.content.decode()))
    assert response.status_code == 302, response.content.decode()[-3000:]
    saved = PlanDraft.objects.get(pk=draft.pk)
    assert saved.version == draft.version + 1
    after = content(d.Draft.from_json(saved.draft))
    if part == "chung":
        # Saving the general part records the owner's reading of the funding sources and paragraphs.
        for key in ("funding_sources",):
            before.pop(key), after.pop(key)
    assert after == before
