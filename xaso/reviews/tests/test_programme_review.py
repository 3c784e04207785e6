"""The interim and final reviews: built from what the units recorded (schools and enterprises, funding,
villages, activities), in the Decree 30 layout, read back from the DOCX with python-docx."""

from __future__ import annotations

import datetime as dt

import pytest

from xaso.documents.builders import BuildError
from xaso.documents.tests.reading import read
from xaso.documents.validation import document_problems
from xaso.documents.writer import nd30_docx
from xaso.documents.xlsx import xlsx_annex
from xaso.funding.demo import load_funding
from xaso.outreach.demo import load_outreach
from xaso.reviews.document import ERR_OUTSIDE, ERR_PERIOD, ERR_PLAN, build_programme_review
from xaso.reviews.figures import review_figures
from xaso.villages.demo import load_villages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def quiet(_: str) -> None:
    return None


@pytest.fixture
def recorded(demo):
    load_villages(quiet)
    load_outreach(quiet)
    load_funding(quiet)
    return demo


def build(demo, user, **changes):
    params = {"plan_id": demo.plan.pk, "kind": "interim", "start": "2025-01-01", "end": "2026-10-31", "number": 45}
    params.update(changes)
    return build_programme_review(params=params, user=user, progress=lambda *_: None)


def all_text(data: bytes) -> str:
    doc = read(data)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_interim_review_says_what_the_units_recorded(recorded):
    demo = recorded
    rendering = build(demo, demo.lan)
    assert document_problems(rendering.document) == []
    figures = review_figures(
        user=demo.lan, commune=demo.plan.commune, start=dt.date(2025, 1, 1), end=dt.date(2026, 10, 31)
    )
    text = all_text(nd30_docx(rendering.document))

    assert "BÁO CÁO" in text
    assert "Sơ kết giai đoạn 2025–2026 thực hiện Kế hoạch số 33/KH-UBND" in text
    assert "Số: 45/BC-UBND" in text
    o = figures.outreach
    assert o.club_sessions > 0
    assert f"tổ chức {o.club_sessions} buổi sinh hoạt" in text
    assert f"Tổ chức {o.enterprise_sessions} buổi phổ biến" in text
    assert f"giới thiệu {o.showcases} mô hình, sáng kiến" in text
    f = figures.funding
    assert f.spent > 0
    assert f"Tổng dự toán được giao {f.allocated:,} đồng".replace(",", ".") in text
    assert f"đã chi {f.spent:,} đồng".replace(",", ".") in text
    assert "Ngân sách nhà nước cho KH, CN, ĐMST và CĐS" in text
    v = figures.villages
    assert f"các tổ đã tổ chức {v.visits} buổi hỗ trợ" in text
    assert "Hạn chế, nguyên nhân" in text
    assert "Trên đây là báo cáo sơ kết giai đoạn 2025–2026" in text
    assert rendering.filename == "bao-cao-so-ket-2025-2026"
    assert xlsx_annex(sheets=list(rendering.annex))[:2] == b"PK"


def test_the_final_review_looks_beyond_the_plan(recorded):
    rendering = build(recorded, recorded.hung, kind="final", start="2025-01-01", end="2026-10-31", number=None)
    text = all_text(nd30_docx(rendering.document))
    assert "Tổng kết giai đoạn 2025–2026" in text
    assert "giai đoạn tiếp theo" in text
    assert rendering.filename == "bao-cao-tong-ket-2025-2026"


def test_the_province_reads_the_same_figures_and_an_outsider_gets_nothing(recorded):
    demo = recorded
    assert "Tổ chức" in all_text(nd30_docx(build(demo, demo.quang).document))
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
