"""The consolidated report's content: drawn from the approved unit reports and the commune's figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xaso.documents.api import BuildError, Paragraph, Section, Table, document_problems
from xaso.funding.models import BudgetLine, Spending
from xaso.funding.services import budget_line_save, spending_save
from xaso.reporting import consolidated
from xaso.reporting.consolidated import build_consolidated_report, consolidation_request
from xaso.reporting.tests.helpers import OFFICE_TEXT, PRIMARY_TEXT, VILLAGE_TEXT, unit
from xaso.testing.factories import activity

pytestmark = pytest.mark.django_db


def build(user, **params):
    steps = []
    rendering = build_consolidated_report(
        params={"period_id": params.pop("period").pk, **params}, user=user, progress=lambda p, s: steps.append((p, s))
    )
    return rendering, steps


def text_of(block) -> str:
    if isinstance(block, Paragraph):
        return block.text if isinstance(block.text, str) else "".join(run.text for run in block.text)
    if isinstance(block, Section):
        return block.title + "\n" + "\n".join(text_of(b) for b in block.body)
    if isinstance(block, Table):
        return block.title + "\n" + "\n".join(" | ".join(str(c) for c in row) for row in block.rows)
    raise AssertionError(block)


def section(rendering, title):
    for block in rendering.document.body:
        if isinstance(block, Section) and block.title == title:
            return text_of(block)
    raise AssertionError(title)


def test_the_header_signature_and_recipients_follow_the_plan(demo, cycle):
    rendering, steps = build(demo.lan, period=cycle, number=12, issued_on="2026-06-10")
    header = rendering.document.header
    assert (header.number, header.symbol, header.document_type) == (12, "BC-UBND", "BÁO CÁO")
    assert header.issued_on == dt.date(2026, 6, 10)
    assert header.place == "Xã Hoàng Văn Thụ"
    assert header.summary.startswith("Kết quả thực hiện Kế hoạch số 33/KH-UBND")
    assert header.summary.endswith("6 tháng đầu năm 2026")
    assert header.addressees == ("Sở Khoa học và Công nghệ tỉnh Lạng Sơn",)
    signature = rendering.document.signature
    assert (signature.authority, signature.title, signature.name) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Hùng")
    assert rendering.document.recipients.items[0] == "Như trên"
    assert document_problems(rendering.document) == []
    assert [s for _, s in steps] == [consolidated.STEP_READ, consolidated.STEP_FIGURES, consolidated.STEP_WRITE]


def test_results_come_from_the_approved_reports_only(demo, cycle):
    rendering, _ = build(demo.lan, period=cycle)
    results = section(rendering, "Kết quả của các phòng chuyên môn, đơn vị")
    assert "- Trường THCS Hoàng Văn Thụ: Tổ chức 2 buổi ngoại khóa" in results
    assert "Lồng ghép nội dung chuyển đổi số vào tiết sinh hoạt lớp." in results  # a second line of its own
    assert VILLAGE_TEXT.results in results
    assert OFFICE_TEXT.results not in results  # returned for revision: not consolidated
    direction = section(rendering, "Công tác chỉ đạo, triển khai")
    assert "Phòng Kinh tế" in direction  # listed among the units not yet approved


def test_results_per_task_group_count_the_approved_units_activities(demo, cycle):
    rendering, _ = build(demo.lan, period=cycle)
    groups = section(rendering, "Kết quả thực hiện nhiệm vụ, giải pháp")
    assert "các đơn vị tổ chức 3 hoạt động truyền thông với 575 lượt người tham gia" in groups
    assert "NV-2.1. " in groups
    assert "2 hoạt động, 530 lượt người tham gia (Trường Tiểu học Hoàng Văn Thụ, Trường THCS Hoàng Văn Thụ)" in groups
    assert "Bảng 2. Hoạt động truyền thông theo loại" in groups
    assert "Phổ biến cho doanh nghiệp" not in groups  # the Economic office's session was not approved


def test_difficulties_proposals_and_next_tasks_are_gathered_by_unit(demo, cycle):
    rendering, _ = build(demo.lan, period=cycle)
    assert "- Trường Tiểu học Hoàng Văn Thụ: Giáo viên tin học còn thiếu." in section(rendering, "Khó khăn, vướng mắc")
    proposals = section(rendering, "Đề xuất, kiến nghị")
    assert PRIMARY_TEXT.proposals in proposals
    assert "Đề xuất khen thưởng" in proposals
    assert "Đề nghị biểu dương em Nông Văn Bình." in proposals
    assert "Tổ chức ngày hội STEM vào tháng 10." in section(rendering, "Phương hướng, nhiệm vụ kỳ tới")


def test_the_targets_table_sets_the_years_milestones_against_what_was_achieved(demo, cycle):
    rendering, _ = build(demo.lan, period=cycle)
    targets = section(rendering, "Kết quả thực hiện các chỉ tiêu")
    assert "Bảng 1. Kết quả thực hiện các chỉ tiêu năm 2026" in targets
    table = next(
        b for b in rendering.document.body if isinstance(b, Section) and b.title.startswith("Kết quả thực hiện các chỉ")
    )
    rows = next(b for b in table.body if isinstance(b, Table)).rows
    assert len(rows) == demo.plan.targets.filter(milestones__year=2026).count()
    assert all(row[2] for row in rows)  # every row states its milestone


def test_the_annex_has_the_figures_by_target_kind_task_and_unit(demo, cycle):
    rendering, _ = build(demo.lan, period=cycle)
    assert [sheet.title for sheet in rendering.annex] == ["Chỉ tiêu", "Hoạt động", "Nhiệm vụ", "Đơn vị", "Kinh phí"]
    units = {row[1]: row for row in rendering.annex[3].table.rows}
    assert units["Trường Tiểu học Hoàng Văn Thụ"][2:5] == ("Đã duyệt", dt.date(2026, 6, 8), "Muộn")
    assert units["Phòng Kinh tế"][2] == "Trả lại để sửa"
    assert units["Văn phòng HĐND và UBND xã"][2:5] == ("Chưa bắt đầu", None, "Chưa gửi")


def test_without_any_approved_report_there_is_nothing_to_consolidate(demo, half_year):
    with pytest.raises(ValidationError) as error:
        consolidation_request(period=half_year, user=demo.lan)
    assert error.value.messages == [consolidated.ERR_NOTHING_APPROVED]
    with pytest.raises(BuildError, match="Chưa có báo cáo nào"):
        build(demo.lan, period=half_year)


@pytest.mark.parametrize("persona", ["mai", "quang", "thu", "linh"])
def test_only_the_office_and_the_leaders_request_it(demo, cycle, persona):
    with pytest.raises(PermissionDenied):
        consolidation_request(period=cycle, user=getattr(demo, persona))


def test_a_period_out_of_scope_cannot_be_built(demo, cycle):
    with pytest.raises(BuildError, match="phạm vi"):
        build(demo.thu, period=cycle)


def targets_rows(rendering):
    table = next(
        b for b in rendering.document.body if isinstance(b, Section) and b.title.startswith("Kết quả thực hiện các chỉ")
    )
    return {row[1]: row for row in next(b for b in table.body if isinstance(b, Table)).rows}


def test_targets_take_the_indicators_values_as_of_the_cut_off(demo, cycle):
    honour = demo.plan.targets.get(code="MT-2026-2")
    before = targets_rows(build(demo.lan, period=cycle)[0])[honour.text]
    assert before[2:] == ("ít nhất 1 hoạt động", "0", "Có nguy cơ chậm")  # 5 months of 12 gone
    activity(
        unit("ls-hvt"),
        kind="commendation",
        audience="residents",
        participants=60,
        officials=10,
        date_start=dt.date(2026, 4, 30),
    )
    activity(
        unit("ls-hvt"),
        kind="commendation",
        audience="residents",
        participants=60,
        officials=10,
        date_start=dt.date(2026, 6, 2),
    )  # after the cut-off (31/5): not in this period
    after = targets_rows(build(demo.lan, period=cycle)[0])[honour.text]
    assert after[2:] == ("ít nhất 1 hoạt động", "1", "Đạt")


def test_the_funding_of_the_period_is_stated_by_source_with_its_totals(demo, cycle):
    line = budget_line_save(
        line=BudgetLine(plan=demo.plan, year=2026, source="state_budget", title="Chi CĐS 2026", amount=10_000_000)
    )
    task = demo.plan.tasks.get(code="NV-1.5")
    spending_save(
        spending=Spending(
            line=line, task=task, date=dt.date(2026, 5, 4), amount=2_500_000, description="Sản xuất video"
        )
    )
    rendering, _ = build(demo.lan, period=cycle)
    text = section(rendering, "Kinh phí thực hiện")
    assert "Tổng dự toán được giao 10.000.000 đồng, đã chi 2.500.000 đồng (25%)" in text
    total = rendering.annex[4].table.rows[-1]
    assert total[1:] == ("Tổng cộng", 10_000_000, 2_500_000, 7_500_000)
    titles = [block.title for block in rendering.document.body if isinstance(block, Section)]
    assert titles.index("Kinh phí thực hiện") == titles.index("Kết quả thực hiện các chỉ tiêu") + 1
