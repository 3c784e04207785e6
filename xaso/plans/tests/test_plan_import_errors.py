"""A broken plan file is refused with Vietnamese messages naming the line and field, and
changes nothing."""

import pytest

from xaso.plans.demo import SEED_PLAN
from xaso.plans.document import PlanDocumentError, dump_plan_yaml, parse_plan_yaml
from xaso.plans.services import plan_import, plan_to_document

pytestmark = pytest.mark.django_db


def seed() -> str:
    return SEED_PLAN.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(PlanDocumentError) as excinfo:
        parse_plan_yaml(text)
    return excinfo.value.problems


def test_a_yaml_syntax_error_names_its_line():
    text = seed().replace('  place: "Xã Hoàng Văn Thụ"', "  place: Xã Hoàng: Văn Thụ", 1)
    [problem] = problems(text)
    assert problem.startswith(f"Dòng {line_of(text, 'place:')}")
    assert "lỗi cú pháp YAML" in problem


def test_a_missing_field_names_its_line_and_path():
    text = seed().replace('  closing: "', '  kết_luận: "', 1)
    found = problems(text)
    assert f"Dòng {line_of(text, 'kết_luận')}, trường plan.kết_luận: trường không có trong mẫu kế hoạch." in found
    assert any(p.endswith("trường plan.closing: thiếu trường bắt buộc.") for p in found)


def test_a_wrong_type_names_the_milestone():
    text = seed().replace("        - year: 2029\n", '        - year: "năm sau"\n', 1)
    [problem] = problems(text)
    assert (
        problem == f"Dòng {line_of(text, 'năm sau')}, trường plan.targets[7].milestones[2].year: phải là một số nguyên."
    )


def test_an_impossible_date_is_refused():
    [problem] = problems(seed().replace('issued_on: "2025-08-23"', 'issued_on: "2025-02-30"', 1))
    assert problem.endswith("trường plan.issued_on: ngày không tồn tại.")


def test_an_unknown_indicator_lists_the_allowed_ones():
    [problem] = problems(seed().replace('indicator: "honour_activities"', 'indicator: "khen_thuong"', 1))
    assert "trường plan.targets[4].indicator: giá trị không hợp lệ, phải là một trong:" in problem


def test_a_file_that_is_not_utf8_is_refused():
    assert problems(seed().encode("utf-16")) == ["Tệp không phải văn bản UTF-8. Hãy lưu tệp với bảng mã UTF-8."]


def test_yaml_aliases_are_refused():
    text = seed().replace('  place: "Xã Hoàng Văn Thụ"', '  place: &p "Xã Hoàng Văn Thụ"', 1)
    assert problems(text) == [f"Dòng {line_of(text, '&p')}, cột 10: tệp không được dùng tham chiếu YAML (& hoặc *)."]


def test_an_empty_file_is_refused():
    assert problems(b"  \n") == ["Tệp trống."]


def import_problems(text: str, user) -> list[str]:
    document, lines = parse_plan_yaml(text)
    with pytest.raises(PlanDocumentError) as excinfo:
        plan_import(document=document, user=user, lines=lines)
    return excinfo.value.problems


def test_an_unknown_unit_code_is_refused_and_nothing_changes(demo):
    before = dump_plan_yaml(plan_to_document(plan=demo.plan))
    text = (
        seed()
        .replace("Ít nhất 80% người dân", "Ít nhất 90% người dân")
        .replace('            - "ls-hvt-mttq"\n', '            - "ls-hvt-khong-co"\n', 1)
    )
    [problem] = import_problems(text, demo.lan)
    assert problem == (
        f"Dòng {line_of(text, 'ls-hvt-khong-co')}, trường plan.task_groups[1].tasks[3].coordinating[2]: "
        "không có đơn vị mã “ls-hvt-khong-co”."
    )
    assert dump_plan_yaml(plan_to_document(plan=demo.plan)) == before


def test_a_unit_of_another_commune_cannot_lead_a_task(demo):
    text = seed().replace('            - "ls-hvt-vhxh"\n', '            - "ls-tt-vhxh"\n', 1)
    [problem] = import_problems(text, demo.lan)
    assert "đơn vị “ls-tt-vhxh” không thuộc xã của kế hoạch" in problem


def test_duplicate_target_codes_and_milestones_outside_the_period_are_refused(demo):
    text = (
        seed()
        .replace('code: "MT-2025-2"', 'code: "MT-2025-1"', 1)
        .replace("        - year: 2027\n", "        - year: 2024\n", 1)
    )
    found = import_problems(text, demo.lan)
    assert any("plan.targets[2].code: trùng “MT-2025-1” với một mục khác" in p for p in found)
    assert any("milestones[1].year: năm của mốc phải nằm trong giai đoạn của chỉ tiêu (2027)" in p for p in found)


@pytest.mark.parametrize("persona", ["mai", "hung", "quang", "thu", "outsider"])
def test_only_the_communes_programme_owner_may_import(demo, persona):
    [problem] = import_problems(seed(), getattr(demo, persona))
    assert problem == "Bạn không có quyền nhập kế hoạch cho xã Hoàng Văn Thụ."
