"""The interim and final reviews: built from what the units recorded (schools and enterprises, funding,
villages, activities), in the Decree 30 frame every programme document shares, read back from the DOCX
with python-docx; every figure is the one count of the commune's activities (xaso.indicators.figures)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest

from xaso.activities.models import Activity
from xaso.documents.builders import BuildError
from xaso.documents.numbering import is_draft
from xaso.documents.tests.reading import read
from xaso.documents.validation import ERR_DRAFT_ISSUED, DocumentError, document_problems
from xaso.documents.writer import DRAFT_MARK, nd30_docx
from xaso.documents.xlsx import xlsx_annex
from xaso.funding.demo import load_funding
from xaso.funding.selectors import funding_summary
from xaso.indicators.figures import figures_count
from xaso.outreach.demo import load_outreach
from xaso.reviews.document import (
    ERR_DRAFT_NUMBERED,
    ERR_OUTSIDE,
    ERR_PERIOD,
    ERR_PLAN,
    SHORTCOMINGS_PROMPT,
    build_programme_review,
)
from xaso.villages.demo import load_villages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]
START, END = dt.date(2025, 1, 1), dt.date(2026, 10, 31)
SHORTCOMINGS = "Một số thôn chưa cập nhật số hộ thanh toán không dùng tiền mặt hằng tháng."


def quiet(_: str) -> None:
    return None


@pytest.fixture
def recorded(demo):
    load_villages(quiet)
    load_outreach(quiet)
    load_funding(quiet)
    return demo


def build(demo, user, **changes):
    params = {
        "plan_id": demo.plan.pk,
        "kind": "interim",
        "start": START.isoformat(),
        "end": END.isoformat(),
        "number": 45,
        "shortcomings": SHORTCOMINGS,
    }
    params.update(changes)
    return build_programme_review(params=params, user=user, progress=lambda *_: None)


def all_text(data: bytes) -> str:
    doc = read(data)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_interim_review_says_what_the_units_recorded_once(recorded):
    demo = recorded
    rendering = build(demo, demo.lan)
    assert document_problems(rendering.document) == []
    counts = figures_count(rows=Activity.objects.filter(commune=demo.plan.commune), start=START, end=END)
    text = all_text(nd30_docx(rendering.document))

    assert "BÁO CÁO" in text
    assert "Sơ kết giai đoạn 2025–2026 thực hiện Kế hoạch số 33/KH-UBND" in text
    assert "Số: 45/BC-UBND" in text
    assert counts["club_sessions"] > 0
    # The text and Table 1 say the same number of club sessions, support visits, showcases.
    assert f"tổ chức {counts['club_sessions']} buổi sinh hoạt câu lạc bộ" in text
    assert f"| Sinh hoạt câu lạc bộ | {counts['club_sessions']} |" in text
    assert f"các tổ đã tổ chức {counts['support_visits']} buổi hỗ trợ" in text
    assert (
        f"Hỗ trợ thương mại điện tử, thanh toán không dùng tiền mặt (tổ công nghệ số) | {counts['support_visits']} |"
        in text
    )
    assert f"giới thiệu {counts['showcases']} mô hình, sáng kiến" in text
    assert f"tổ chức {counts['enterprise_sessions']} buổi phổ biến" in text
    total = f"{counts['activities']:,}".replace(",", ".")
    assert f"Trong kỳ, các đơn vị tổ chức {total} hoạt động truyền thông" in text
    assert f"| Tổng cộng | {total} |" in text
    f = funding_summary(user=demo.lan, commune=demo.plan.commune, start=START, end=END)
    assert f.spent > 0
    assert f"Tổng dự toán được giao {f.allocated:,} đồng".replace(",", ".") in text
    assert "Ngân sách nhà nước cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số" in text
    assert SHORTCOMINGS in text
    assert "Trên đây là báo cáo sơ kết giai đoạn 2025–2026" in text
    assert rendering.filename == "bao-cao-so-ket-2025-2026"
    assert xlsx_annex(sheets=list(rendering.annex))[:2] == b"PK"


def test_tables_are_numbered_in_order_of_appearance_and_cited_by_their_number(recorded):
    doc = read(nd30_docx(build(recorded, recorded.lan).document))
    captions = [p.text for p in doc.paragraphs if p.text.startswith("Bảng ")]
    assert [c.split(".")[0] for c in captions] == ["Bảng 1", "Bảng 2", "Bảng 3"]
    assert captions[0] == "Bảng 1. Hoạt động truyền thông theo loại hình"
    assert captions[1] == "Bảng 2. Kết quả thực hiện các chỉ tiêu của Kế hoạch"
    assert captions[2] == "Bảng 3. Kinh phí thực hiện theo nguồn (đồng)"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "(chi tiết tại Bảng 1)" in text


def test_without_the_office_s_assessment_it_is_a_draft_and_cannot_be_numbered(recorded):
    demo = recorded
    with pytest.raises(BuildError) as error:
        build(demo, demo.lan, shortcomings="")
    assert str(error.value) == ERR_DRAFT_NUMBERED
    with pytest.raises(BuildError):
        build(demo, demo.lan, shortcomings="", number=None, issued_on="2026-11-20")

    draft = build(demo, demo.lan, shortcomings="", number=None)
    assert is_draft(draft.document)
    text = all_text(nd30_docx(draft.document))
    assert SHORTCOMINGS_PROMPT in text
    header = read(nd30_docx(draft.document)).sections[0].first_page_header
    assert DRAFT_MARK in header.paragraphs[0].text
    assert "Số:       /BC-UBND".replace(" ", "\u00a0")[4:] in text.replace(" ", "\u00a0")
    # A numbered draft never reaches a file, whoever builds it.
    numbered = replace(draft.document, header=replace(draft.document.header, number=7))
    with pytest.raises(DocumentError) as refused:
        nd30_docx(numbered)
    assert refused.value.problems == [ERR_DRAFT_ISSUED.format(count=1, first=SHORTCOMINGS_PROMPT)]

    complete = build(demo, demo.lan)
    assert not is_draft(complete.document)
    assert DRAFT_MARK not in read(nd30_docx(complete.document)).sections[0].first_page_header.paragraphs[0].text
    assert SHORTCOMINGS_PROMPT not in all_text(nd30_docx(complete.document))


def test_zero_clauses_are_left_out(demo):
    text = all_text(nd30_docx(build(demo, demo.lan).document))
    assert " 0 lượt" not in text
    assert "trong đó 0" not in text
    assert not re.search(r"(?<![\d.])0 (lượt|học sinh|hoạt động|buổi)", text)
    # A report the commune signs names neither the software nor its formulas.
    assert "Xã số" not in text
    assert "tử số" not in text
    assert "mẫu số" not in text
    assert "chưa có học viên nào hoàn thành khóa học trực tuyến" in text


def test_the_recipients_start_with_as_above_and_the_direction_is_the_office_s(recorded):
    rendering = build(recorded, recorded.hung)
    assert rendering.document.header.addressees == ("Sở Khoa học và Công nghệ tỉnh Lạng Sơn",)
    assert rendering.document.recipients.items[0] == "Như trên"
    text = all_text(nd30_docx(rendering.document))
    assert "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH, TRIỂN KHAI" in text


def test_the_final_review_looks_beyond_the_plan(recorded):
    rendering = build(recorded, recorded.hung, kind="final", number=None)
    text = all_text(nd30_docx(rendering.document))
    assert "Tổng kết giai đoạn 2025–2026" in text
    assert "giai đoạn tiếp theo" in text
    assert rendering.filename == "bao-cao-tong-ket-2025-2026"


def test_the_province_reads_the_same_figures_and_an_outsider_gets_nothing(recorded):
    demo = recorded
    own, province = (all_text(nd30_docx(build(demo, user).document)) for user in (demo.lan, demo.quang))
    assert province == own
    with pytest.raises(BuildError) as error:
        build(demo, demo.outsider)
    assert str(error.value) == ERR_PLAN
    with pytest.raises(BuildError) as error:
        build(demo, demo.thu)
    assert str(error.value) == ERR_PLAN


def test_a_period_backwards_or_outside_the_plan_is_refused(demo):
    with pytest.raises(BuildError) as error:
        build(demo, demo.lan, start="2026-06-30", end="2026-01-01")
    assert str(error.value) == ERR_PERIOD
    with pytest.raises(BuildError) as error:
        build(demo, demo.lan, start="2024-01-01")
    assert str(error.value) == ERR_OUTSIDE.format(start=2025, end=2030)
    with pytest.raises(BuildError):
        build(demo, demo.lan, kind="nonsense")
