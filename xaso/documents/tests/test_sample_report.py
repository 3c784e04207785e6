"""The quick report of a period: the plan, what the units recorded (the same figures as the dashboard
and the consolidated report), in the frame every programme document shares — a draft, since the
difficulties and proposals are the office's to write."""

from __future__ import annotations

import datetime as dt

import pytest

from xaso.activities.models import Activity
from xaso.documents import sample
from xaso.documents.builders import BuildError
from xaso.documents.model import Paragraph, Section
from xaso.documents.numbering import is_draft
from xaso.documents.tests.reading import body_paragraphs, read, texts
from xaso.documents.validation import document_problems
from xaso.documents.writer import DRAFT_MARK, nd30_docx
from xaso.indicators.figures import figures_count
from xaso.indicators.periods import half, year
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 6, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

PARAMS = {"year": 2026, "period": "6 tháng đầu năm 2026"}


def build(demo, user, **changes):
    return sample.build_sample_report(
        params={"plan_id": demo.plan.pk, **PARAMS, **changes}, user=user, progress=lambda *_: None
    )


def test_it_is_a_draft_report_in_the_plans_frame(demo):
    rendering = build(demo, demo.lan)
    assert document_problems(rendering.document) == []
    assert is_draft(rendering.document)
    header = rendering.document.header
    assert (header.number, header.issued_on, header.symbol, header.place) == (None, None, "BC-UBND", "Xã Hoàng Văn Thụ")
    assert header.summary.startswith("Kết quả 6 tháng đầu năm 2026 thực hiện Kế hoạch số 33/KH-UBND")
    assert header.addressees == ("Sở Khoa học và Công nghệ tỉnh Lạng Sơn",)
    assert rendering.document.signature.name == "Hoàng Văn Hùng"
    assert rendering.document.signature.authority == "KT. CHỦ TỊCH"
    assert rendering.document.recipients.archive == "VT, VHXH"
    assert rendering.document.recipients.items[0] == "Như trên"
    assert rendering.filename == "bao-cao-6 tháng đầu năm 2026"
    doc = read(nd30_docx(rendering.document))
    assert doc.sections[0].first_page_header.paragraphs[0].text == DRAFT_MARK


def test_the_period_is_read_from_its_words():
    assert sample.sample_period("6 tháng đầu năm 2026", year_value=2025) == half(2026, 1)
    assert sample.sample_period("6 tháng cuối năm 2027", year_value=2025) == half(2027, 2)
    assert sample.sample_period("Năm 2028", year_value=2025) == year(2028)
    assert sample.sample_period("cả năm", year_value=2026) == year(2026)


def test_each_unit_of_the_commune_has_its_section_with_what_it_recorded(demo):
    thcs = OrgUnit.objects.get(code="ls-hvt-thcs")
    activity(
        thcs, kind="club", audience="schools", participants=25, officials=1, pupils=24, date_start=dt.date(2026, 3, 2)
    )
    rendering = build(demo, demo.lan)
    units = next(
        b
        for b in rendering.document.body
        if isinstance(b, Section)
        for b in b.body
        if isinstance(b, Section) and b.title.startswith("Kết quả của các")
    )
    by_title = {s.title: s for s in units.body if isinstance(s, Section)}
    assert "Thôn Nà Pàn" in by_title
    assert "Trường Tiểu học Tân Thanh" not in by_title
    assert len(by_title) == 22
    said = [p.text for p in by_title["Trường THCS Hoàng Văn Thụ"].body if isinstance(p, Paragraph)]
    assert said[-1] == sample.UNIT_DONE.format(n=1, p=25)
    assert [p.text for p in by_title["Thôn Nà Pàn"].body if isinstance(p, Paragraph)][-1] == sample.UNIT_NONE


def test_its_figures_are_the_count_of_the_period(demo):
    thcs = OrgUnit.objects.get(code="ls-hvt-thcs")
    activity(
        thcs, kind="club", audience="schools", participants=25, officials=1, pupils=24, date_start=dt.date(2026, 3, 2)
    )
    activity(
        thcs, kind="club", audience="schools", participants=25, officials=1, pupils=24, date_start=dt.date(2025, 12, 2)
    )
    counts = figures_count(
        rows=Activity.objects.filter(commune=demo.plan.commune), start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30)
    )
    assert counts["club_sessions"] == 1
    found = "\n".join(texts(body_paragraphs(read(nd30_docx(build(demo, demo.lan).document)))))
    assert "Trong kỳ, các đơn vị tổ chức 1 hoạt động truyền thông với 25 lượt người tham gia" in found
    assert "tổ chức 1 buổi sinh hoạt câu lạc bộ (24 lượt học sinh)" in found


def test_the_targets_of_the_year_are_judged_on_the_count(demo):
    rendering = build(demo, demo.lan)
    (table,) = [s.table for s in rendering.annex if s.title == "Chỉ tiêu"]
    assert [row[2] for row in table.rows] == ["100%", "ít nhất 1 hoạt động"]
    assert [c.title for c in table.columns][2] == "Mục tiêu năm 2026"
    assert all(row[3] for row in table.rows)  # a result in every row, never a placeholder


def test_it_writes_as_an_nd30_docx(demo):
    doc = read(nd30_docx(build(demo, demo.hung).document))
    found = texts(body_paragraphs(doc))
    assert "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH, TRIỂN KHAI" in found
    assert "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP" in found
    assert found[-1].endswith("./.")


def test_a_plan_outside_the_persons_scope_is_not_found(demo):
    with pytest.raises(BuildError) as error:
        build(demo, demo.thu)
    assert str(error.value) == sample.ERR_PLAN


def test_bad_parameters_are_named(demo):
    with pytest.raises(BuildError) as error:
        build(demo, demo.lan, year="hai nghìn")
    assert str(error.value).startswith("Tham số của báo cáo mẫu không hợp lệ")


def test_without_a_signer_the_document_says_who_is_missing(demo):
    demo.plan.signer_name = ""
    demo.plan.save()
    demo.hung.memberships.all().delete()
    rendering = build(demo, demo.lan)
    assert document_problems(rendering.document) == ["Thiếu họ và tên người ký."]
