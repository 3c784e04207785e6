from __future__ import annotations

import io
from typing import Any

import pytest

from xaso.intake.corpus import seed_variant
from xaso.intake.models import PlanDraft
from xaso.intake.services import draft_paste, draft_upload
from xaso.testing.factories import UserFactory, grant
from xaso.units.models import OrgUnit, Role


def commune_plan_text(name: str = "Tân Thanh") -> str:
    """The seed plan re-typed for another commune of the province (xã Tân Thanh, owner `thu`)."""
    text, _ = seed_variant("docx")
    return text.replace("Hoàng Văn Thụ", name).replace("HOÀNG VĂN THỤ", name.upper())


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def tan_thanh(demo) -> OrgUnit:
    return OrgUnit.objects.get(code="ls-tt")


@pytest.fixture
def tt_leader(tan_thanh) -> Any:
    user = UserFactory(username="ct.tanthanh", last_name="Hoàng Văn", first_name="Nam")
    grant(user, tan_thanh, Role.LEADER)
    return user


@pytest.fixture
def plan_text() -> str:
    return commune_plan_text()


@pytest.fixture
def read_draft(demo, tan_thanh, django_capture_on_commit_callbacks):
    """read_draft(text=..., user=thu) -> a draft of xã Tân Thanh read by the immediate task backend."""

    def read(text: str | None = None, *, user: Any = None, name: str = "", data: bytes = b"", run: bool = True):
        with django_capture_on_commit_callbacks(execute=run):
            if data:
                draft = draft_upload(commune=tan_thanh, user=user or demo.thu, name=name, data=data)
            else:
                draft = draft_paste(commune=tan_thanh, user=user or demo.thu, text=text or commune_plan_text())
        return PlanDraft.objects.get(pk=draft.pk)

    return read
