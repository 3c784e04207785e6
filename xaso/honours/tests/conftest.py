from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from xaso.honours.models import Proposal, ProposalEvidence
from xaso.honours.services import proposal_save
from xaso.units.models import OrgUnit


def jpeg(name: str = "giay-khen.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def school() -> OrgUnit:
    return OrgUnit.objects.get(code="ls-hvt-thcs")


@pytest.fixture
def draft(demo: Any, school: OrgUnit) -> Proposal:
    """A school's proposal with one photo of evidence, drafted by its reporter (mai)."""
    proposal = Proposal(
        unit=school,
        kind="individual",
        nominee="Lưu Thị Hoa",
        nominee_position="Giáo viên Tin học, Trường THCS Hoàng Văn Thụ",
        achievement="Hướng dẫn câu lạc bộ tin học làm 12 video ngắn về an toàn trên mạng.",
        public_summary="Hướng dẫn học sinh làm video ngắn tuyên truyền an toàn trên mạng.",
        public_consent=True,
    )
    proposal.evidence = [ProposalEvidence(file=jpeg(), caption="Ảnh buổi sinh hoạt")]
    return proposal_save(proposal=proposal, user=demo.mai)
