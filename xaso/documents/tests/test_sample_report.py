"""The sample report of the seed plan: everything in it comes from the plan and the units."""

from __future__ import annotations

import pytest

from xaso.documents import sample
from xaso.documents.builders import BuildError
from xaso.documents.model import Section, Table
from xaso.documents.tests.reading import body_paragraphs, read, texts
from xaso.documents.validation import document_problems
from xaso.documents.writer import nd30_docx

pytestmark = pytest.mark.django_db

PARAMS = {"year": 2026, "period": "6 tháng đầu năm 2026", "number": 12, "issued_on": "2026-06-04"}


def build(demo, user, **changes):
    return sample.build_sample_report(
        params={"plan_id": demo.plan.pk, **PARAMS, **changes}, user=user, progress=lambda *_: None
    )


def test_it_is_a_complete_report_from_the_seed_plan(demo):
    rendering = build(demo, demo.lan)
    assert document_problems(rendering.document) == []
    header = rendering.document.header
    assert (header.number, header.symbol, header.place) == (12, "BC-UBND", "Xã Hoàng Văn Thụ")
    assert header.addressees == ("Sở Khoa học và Công nghệ tỉnh Lạng Sơn",)
    assert rendering.document.signature.name == "Hoàng Văn Hùng"
    assert rendering.document.signature.authority == "KT. CHỦ TỊCH"
    assert rendering.document.recipients.archive == "VT, VHXH"
    assert rendering.document.recipients.items[0] == "Như trên"
    assert rendering.filename == "bao-cao-6 tháng đầu năm 2026"


def test_each_unit_of_the_commune_has_its_section(demo):
    rendering = build(demo, demo.lan)
    units = next(b for b in rendering.document.body if isinstance(b, Section) and b.title.startswith("Kết quả của các"))
    titles = [s.title for s in units.body if isinstance(s, Section)]
    assert "Trường THCS Hoàng Văn Thụ" in titles
    assert "Thôn Nà Pàn" in titles
    assert "Trường Tiểu học Tân Thanh" not in titles
    assert len(titles) == 22


def test_the_targets_of_the_year_are_tabled_without_inventing_results(demo):
    rendering = build(demo, demo.lan)
    (table,) = [s.table for s in rendering.annex if s.title == "Chỉ tiêu"]
    assert isinstance(table, Table)
    assert [row[2] for row in table.rows] == ["100%", "ít nhất 1 hoạt động"]
    assert {row[3] for row in table.rows} == {sample.NO_DATA}


def test_it_writes_as_an_nd30_docx(demo):
    doc = read(nd30_docx(build(demo, demo.hung).document))
    found = texts(body_paragraphs(doc))
    assert "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI" in found
    assert "III. KẾT QUẢ CỦA CÁC PHÒNG CHUYÊN MÔN, ĐƠN VỊ" in found
    assert found[-1].endswith("./.")


def test_a_plan_outside_the_persons_scope_is_not_found(demo):
    with pytest.raises(BuildError) as error:
        build(demo, demo.thu)
    assert str(error.value) == sample.ERR_PLAN


def test_bad_parameters_are_named(demo):
    with pytest.raises(BuildError) as error:
        build(demo, demo.lan, issued_on="04/06/2026")
    assert str(error.value).startswith("Tham số của báo cáo mẫu không hợp lệ")


def test_without_a_signer_the_document_says_who_is_missing(demo):
    demo.plan.signer_name = ""
    demo.plan.save()
    demo.hung.memberships.all().delete()
    rendering = build(demo, demo.lan)
    assert document_problems(rendering.document) == ["Thiếu họ và tên người ký."]
