"""The reviews state the plan's targets against the commune's indicators: a numbered section with a
table in the DOCX and a sheet of the XLSX annex, computed over the review's span and judged against
the milestone of the year it ends in; the final review adds the plan's 2030 target."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from xaso.documents.builders import BuildError
from xaso.documents.tests.reading import read
from xaso.documents.writer import nd30_docx
from xaso.documents.xlsx import xlsx_annex
from xaso.reporting.report import REVIEW_TITLE
from xaso.reviews.document import ERR_PLAN, build_programme_review
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

HONOUR_TARGET = "Tổ chức các hoạt động ghi nhận, tôn vinh"
STATE_TASKS_TARGET = "nhiệm vụ khoa học"


def build(demo, user, **changes):
    params = {
        "plan_id": demo.plan.pk,
        "kind": "interim",
        "start": "2025-01-01",
        "end": "2026-10-31",
        "number": 45,
        "shortcomings": "Một số đơn vị cập nhật số liệu chậm.",
    }
    params.update(changes)
    return build_programme_review(params=params, user=user, progress=lambda *_: None)


def docx_targets(rendering):
    """(section heading, table rows as cell texts) of the targets table of the DOCX."""
    doc = read(nd30_docx(rendering.document))
    headings = [p.text for p in doc.paragraphs if "CHỈ TIÊU" in p.text and p.text.isupper()]
    titles = [p.text.split(". ", 1)[-1] for p in doc.paragraphs if p.text.startswith("Bảng ")]
    assert REVIEW_TITLE in titles
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT" and "Đánh giá" in t.rows[0].cells[-1].text)
    return headings, [[cell.text for cell in row.cells] for row in table.rows]


def xlsx_targets(rendering):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_annex(sheets=list(rendering.annex))))
    assert "Chỉ tiêu" in book.sheetnames
    return [[cell for cell in row if cell is not None] for row in book["Chỉ tiêu"].iter_rows(values_only=True)]


def row_of(rows, words):
    return next(row for row in rows if any(words in str(cell) for cell in row))


def test_the_interim_review_has_a_numbered_targets_section_with_the_commune_s_figures(demo):
    headings, rows = docx_targets(build(demo, demo.lan))

    assert headings == ["III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"]
    # The column says what it holds: each row's own milestone, with its year.
    assert rows[0] == ["STT", "Chỉ tiêu", "Mốc đánh giá", "Kết quả trong kỳ", "Đánh giá"]
    assert len(rows) == 1 + demo.plan.targets.count()
    honour = row_of(rows, HONOUR_TARGET)
    assert honour[2:] == ["ít nhất 1 hoạt động (năm 2026)", "0", "Chậm, chưa đạt"]
    later = row_of(rows, STATE_TASKS_TARGET)
    assert later[2] == "100% (năm 2028)"
    assert later[4] in {"Chưa đến kỳ", "Đạt", "Chưa có dữ liệu"}


def test_logging_a_commendation_moves_the_honour_target_in_the_docx_and_the_xlsx(demo):
    before = build(demo, demo.lan)
    assert row_of(xlsx_targets(before), HONOUR_TARGET)[-2:] == ["0", "Chậm, chưa đạt"]

    vhxh = OrgUnit.objects.get(code="ls-hvt-vhxh")
    activity(vhxh, kind="commendation", date_start=dt.date(2026, 5, 19), title="Tôn vinh sáng kiến chuyển đổi số")
    after = build(demo, demo.lan)

    _, rows = docx_targets(after)
    assert row_of(rows, HONOUR_TARGET)[2:] == ["ít nhất 1 hoạt động (năm 2026)", "1", "Đạt"]
    sheet = xlsx_targets(after)
    assert sheet[0] == ["Kết quả thực hiện các chỉ tiêu của Kế hoạch giai đoạn 2025–2026"]
    assert row_of(sheet, HONOUR_TARGET)[-3:] == ["ít nhất 1 hoạt động (năm 2026)", "1", "Đạt"]
    text = "\n".join(p.text for p in read(nd30_docx(after.document)).paragraphs)
    assert "Đến ngày 31/10/2026, trong 9 chỉ tiêu của Kế hoạch:" in text


def test_an_activity_outside_the_review_span_does_not_count(demo):
    vhxh = OrgUnit.objects.get(code="ls-hvt-vhxh")
    activity(vhxh, kind="commendation", date_start=dt.date(2026, 11, 5), title="Tôn vinh sau kỳ sơ kết")
    _, rows = docx_targets(build(demo, demo.lan))
    assert row_of(rows, HONOUR_TARGET)[3] == "0"


def test_the_final_review_adds_the_2030_target(demo):
    rendering = build(demo, demo.hung, kind="final")
    _, rows = docx_targets(rendering)
    assert rows[0] == ["STT", "Chỉ tiêu", "Mốc đánh giá", "Mục tiêu đến năm 2030", "Kết quả trong kỳ", "Đánh giá"]
    assert row_of(rows, STATE_TASKS_TARGET)[3] == "100%"
    assert row_of(rows, HONOUR_TARGET)[3] == "—"
    assert row_of(xlsx_targets(rendering), STATE_TASKS_TARGET)[3] == "100%"


def test_the_interim_review_names_the_targets_still_to_reach(demo):
    rendering = build(demo, demo.lan)
    _, rows = docx_targets(rendering)
    text = "\n".join(p.text for p in read(nd30_docx(rendering.document)).paragraphs)
    later = tuple(f"(năm {year})" for year in range(2027, 2031))
    due = [row[0] for row in rows[1:] if row[-1] not in ("Đạt", "Chưa đến kỳ") and not row[2].endswith(later)]
    assert row_of(rows, HONOUR_TARGET)[0] in due
    number = next(p.split(".")[0] for p in text.splitlines() if p.endswith(REVIEW_TITLE))
    assert (
        f"phấn đấu hoàn thành các chỉ tiêu chưa đạt (số thứ tự {', '.join(due)} tại {number}) và các chỉ tiêu" in text
    )


def test_the_province_reads_the_same_targets_and_others_get_nothing(demo):
    _, own = docx_targets(build(demo, demo.lan))
    _, province = docx_targets(build(demo, demo.quang))
    assert province == own
    for outsider in (demo.outsider, demo.thu):
        with pytest.raises(BuildError) as error:
            build(demo, outsider)
        assert str(error.value) == ERR_PLAN
