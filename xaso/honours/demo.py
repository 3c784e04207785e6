"""Demo commendations (made up): one decided and on the honour roll, one under review, one submitted.

Idempotent: nothing is added when a proposal for the same nominee exists.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image

from xaso.honours.models import Proposal, ProposalEvidence
from xaso.honours.services import proposal_decide, proposal_review, proposal_save, proposal_submit
from xaso.units.models import OrgUnit

Log = Callable[[str], None]

# (unit, reporter, kind, nominee, position, achievement, summary, how far: submitted/reviewed/decided)
DEMO = [
    (
        "ls-hvt-thcs",
        "thcs.mai",
        "collective",
        "Câu lạc bộ Tin học trẻ",
        "Trường THCS Hoàng Văn Thụ",
        "Sản xuất 15 video ngắn và 6 infographic về an toàn trên mạng, Bình dân học vụ số; hướng dẫn 120 phụ huynh "
        "cài đặt và dùng dịch vụ công trực tuyến năm học 2025–2026.",
        "Làm video ngắn, infographic về an toàn trên mạng và hướng dẫn phụ huynh dùng dịch vụ công trực tuyến.",
        "decided",
    ),
    (
        "ls-hvt-t-napan",
        "thon.napan",
        "collective",
        "Tổ công nghệ số cộng đồng thôn Nà Pàn",
        "Thôn Nà Pàn",
        "Hỗ trợ 35 hộ mở gian hàng hồi, quế trên sàn Postmart; vận động 80 hộ thanh toán không dùng tiền mặt.",
        "Hỗ trợ bà con bán hồi, quế trên sàn thương mại điện tử và thanh toán không dùng tiền mặt.",
        "reviewed",
    ),
    (
        "ls-hvt-th",
        "tieuhoc.ha",
        "individual",
        "Vi Văn Khoa",
        "Giáo viên, Trường Tiểu học Hoàng Văn Thụ",
        "Xây dựng 20 bài giảng điện tử và thư viện số cho học sinh lớp 4, lớp 5.",
        "Xây dựng bài giảng điện tử và thư viện số cho học sinh tiểu học.",
        "submitted",
    ),
]
DECISION = ("215/QĐ-UBND", dt.date(2025, 12, 20))


def _photo() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (200, 40, 40)).save(buffer, "JPEG", quality=70)
    return ContentFile(buffer.getvalue(), name="minh-chung.jpg")


@transaction.atomic
def load_demo_honours(log: Log) -> None:
    users = get_user_model().objects
    lan, hung = users.filter(username="vhxh.lan").first(), users.filter(username="pct.hung").first()
    made = 0
    for code, reporter, kind, nominee, position, achievement, summary, stage in DEMO:
        unit, user = OrgUnit.objects.filter(code=code).first(), users.filter(username=reporter).first()
        if unit is None or user is None or lan is None or hung is None:
            continue
        if Proposal.objects.filter(unit=unit, nominee=nominee).exists():
            continue
        proposal = Proposal(
            unit=unit,
            kind=kind,
            nominee=nominee,
            nominee_position=position,
            achievement=achievement,
            public_summary=summary,
            public_consent=True,
        )
        proposal.evidence = [ProposalEvidence(file=_photo(), caption="Ảnh minh chứng (minh họa)")]
        proposal = proposal_save(proposal=proposal, user=user)
        proposal_submit(proposal=proposal, user=user)
        if stage in ("reviewed", "decided"):
            proposal_review(proposal=proposal, user=lan, note="Hồ sơ đủ điều kiện.")
        if stage == "decided":
            proposal_decide(proposal=proposal, user=hung, number=DECISION[0], date=DECISION[1])
        made += 1
    log(f"Khen thưởng mẫu: thêm {made} đề nghị.")
