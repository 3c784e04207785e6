"""Correcting the draft part by part: each form shows what was read and saves what the owner
typed; a saved item loses its doubt marks; a form based on an older version is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.intake import draft as d
from xaso.intake.models import PlanDraft

pytestmark = pytest.mark.django_db


def edit_url(draft, section, number=""):
    return reverse("intake_draft_edit", args=[draft.pk]) + f"?phan={section}" + (f"&so={number}" if number else "")


def reload(draft) -> d.Draft:
    return d.Draft.from_json(PlanDraft.objects.get(pk=draft.pk).draft)


def target_post(draft, **overrides):
    data = {
        "version": draft.version,
        "text": "Tổ chức ít nhất 02 hoạt động ghi nhận, tôn vinh mỗi năm",
        "period_start": 2026,
        "period_end": 2026,
        "indicator": "honour_activities",
        "moc-TOTAL_FORMS": 1,
        "moc-INITIAL_FORMS": 0,
        "moc-0-year": 2026,
        "moc-0-comparison": "at_least",
        "moc-0-value": "2",
        "moc-0-unit": "hoạt động",
    }
    return data | overrides


def test_the_target_form_shows_what_was_read(demo, read_draft, client_for):
    draft = read_draft()
    html = client_for(demo.thu).get(edit_url(draft, "muc-tieu", "4")).content.decode()
    assert "Mục tiêu 4" in html
    assert 'name="indicator"' in html
    assert 'value="honour_activities" selected' in html
    assert 'name="moc-0-year" value="2026"' in html
    # the lines the target came from are shown beside the form
    first = draft.draft["targets"][3]["lines"][0]
    assert f'<li value="{first}">' in html


def test_a_corrected_target_is_saved_and_no_longer_doubtful(demo, read_draft, client_for):
    draft = read_draft()
    # as a browser posts it: the blank extra row sends its select's first option
    blank_row = {
        "moc-TOTAL_FORMS": 2,
        "moc-1-year": "",
        "moc-1-comparison": "at_least",
        "moc-1-value": "",
        "moc-1-unit": "",
    }
    response = client_for(demo.thu).post(edit_url(draft, "muc-tieu", "4"), target_post(draft, **blank_row))
    assert response.status_code == 302
    target = reload(draft).targets[3]
    assert target.text == "Tổ chức ít nhất 02 hoạt động ghi nhận, tôn vinh mỗi năm"
    assert [(m.year, m.comparison, m.value, m.unit) for m in target.milestones] == [
        (2026, "at_least", 2.0, "hoạt động")
    ]
    assert target.flags == ["edited"]
    saved = PlanDraft.objects.get(pk=draft.pk)
    assert saved.version == draft.version + 1
    assert saved.updated_by == demo.thu


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"moc-0-year": 2027}, "Mốc năm 2027 nằm ngoài giai đoạn 2026–2026 của mục tiêu."),
        ({"moc-0-value": ""}, "Mốc năm 2026: chỉ tiêu định lượng cần giá trị"),
        ({"moc-0-value": "-5"}, "lớn hơn hoặc bằng 0"),
        ({"period_end": 2025}, "Năm kết thúc không được trước năm bắt đầu."),
        ({"moc-0-DELETE": "on"}, "Mục tiêu cần ít nhất một mốc (năm, giá trị)."),
        ({"text": ""}, "Trường này là bắt buộc."),
    ],
)
def test_bad_target_values_are_refused_next_to_the_field(demo, read_draft, client_for, overrides, message):
    draft = read_draft()
    response = client_for(demo.thu).post(edit_url(draft, "muc-tieu", "4"), target_post(draft, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PlanDraft.objects.get(pk=draft.pk).version == draft.version


def test_a_form_based_on_an_older_version_is_refused(demo, read_draft, client_for):
    draft = read_draft()
    client = client_for(demo.thu)
    client.post(edit_url(draft, "muc-tieu", "4"), target_post(draft))
    response = client.post(edit_url(draft, "muc-tieu", "5"), target_post(draft), follow=True)
    assert "Bản nháp vừa được Nông Thị Thu sửa lúc" in response.content.decode()
    assert reload(draft).targets[4].text != "Tổ chức ít nhất 02 hoạt động ghi nhận, tôn vinh mỗi năm"


def test_a_target_is_added_and_another_removed(demo, read_draft, client_for):
    draft = read_draft()
    client = client_for(demo.thu)
    client.post(edit_url(draft, "muc-tieu", "moi"), target_post(draft))
    client.post(edit_url(draft, "muc-tieu", "1"), {"version": draft.version + 1, "delete": "1"})
    targets = reload(draft).targets
    assert len(targets) == 9
    assert targets[-1].text.startswith("Tổ chức ít nhất 02")


def task_post(draft, **overrides):
    data = {
        "version": draft.version,
        "group": 0,
        "text": "Xây dựng chuyên mục về Nghị quyết 57 trên Trang thông tin điện tử xã.",
        "lead": "Phòng VH-XH",
        "coordinating": "Trường Tiểu học Tân Thanh\nPhòng VH-XH",
        "recurrence": "annual",
        "deadline": "2026-06-30",
    }
    return data | overrides


def test_a_task_is_corrected_with_its_units_and_deadline(demo, read_draft, client_for):
    draft = read_draft()
    response = client_for(demo.thu).post(edit_url(draft, "nhiem-vu", "1.1"), task_post(draft))
    assert response.status_code == 302
    task = reload(draft).task_groups[0].tasks[0]
    assert (task.lead, task.coordinating, task.recurrence, task.deadline) == (
        ["Phòng VH-XH"],
        ["Trường Tiểu học Tân Thanh"],
        "annual",
        "2026-06-30",
    )
    unit_map = PlanDraft.objects.get(pk=draft.pk).unit_map
    assert unit_map["Phòng VH-XH"]["units"] == ["ls-tt-vhxh"]
    assert unit_map["Trường Tiểu học Tân Thanh"]["units"] == ["ls-tt-th"]


def test_a_task_moves_to_another_group(demo, read_draft, client_for):
    draft = read_draft()
    client_for(demo.thu).post(edit_url(draft, "nhiem-vu", "1.1"), task_post(draft, group=2))
    plan = reload(draft)
    assert [len(g.tasks) for g in plan.task_groups] == [5, 7, 5]
    assert plan.task_groups[2].tasks[-1].text.startswith("Xây dựng chuyên mục")


def test_a_task_without_a_lead_unit_is_refused(demo, read_draft, client_for):
    draft = read_draft()
    response = client_for(demo.thu).post(edit_url(draft, "nhiem-vu", "1.1"), task_post(draft, lead="  "))
    assert response.status_code == 400
    assert "Nhiệm vụ cần ít nhất một đơn vị chủ trì." in response.content.decode()


def test_the_general_part_and_a_list_part_are_corrected(demo, read_draft, client_for):
    draft = read_draft()
    client = client_for(demo.thu)
    general = client.get(edit_url(draft, "chung")).content.decode()
    assert 'value="33/KH-UBND"' in general
    data = {
        "version": draft.version,
        "code": "45/KH-UBND",
        "document_type": "Kế hoạch",
        "issued_on": "2025-09-02",
        "issuer": "Ủy ban nhân dân xã Tân Thanh",
        "issuer_header": "ỦY BAN NHÂN DÂN\nXÃ TÂN THANH",
        "place": "Xã Tân Thanh",
        "title": "Thực hiện Chương trình truyền thông Nghị quyết 57",
        "start_year": 2025,
        "end_year": 2030,
        "objectives_heading": "MỤC TIÊU",
        "general_objective": "Nâng cao nhận thức.",
        "funding": "Ngân sách xã.",
        "funding_sources": ["state_budget"],
        "reporting": "Báo cáo trước ngày 05/6 và 05/01.",
        "reporting_ad_hoc": "on",
    }
    assert client.post(edit_url(draft, "chung"), data).status_code == 302
    plan = reload(draft)
    assert (plan.identity.code, plan.identity.document_type, plan.identity.issued_on) == (
        "45/KH-UBND",
        "KẾ HOẠCH",
        "2025-09-02",
    )
    assert [s.text for s in plan.funding_sources] == ["state_budget"]

    bases = {
        "version": draft.version + 1,
        "muc-TOTAL_FORMS": 1,
        "muc-INITIAL_FORMS": 0,
        "muc-0-code": "57-NQ/TW",
        "muc-0-kind": "Nghị quyết",
        "muc-0-issued_on": "2024-12-22",
        "muc-0-issuer": "Bộ Chính trị",
        "muc-0-summary": "về đột phá phát triển khoa học, công nghệ",
    }
    assert client.post(edit_url(draft, "can-cu"), bases).status_code == 302
    assert [(b.code, b.issued_on) for b in reload(draft).legal_bases] == [("57-NQ/TW", "2024-12-22")]


def test_an_unknown_part_or_item_is_not_found(demo, read_draft, client_for):
    draft = read_draft()
    client = client_for(demo.thu)
    for section, number in (
        ("khong-co", ""),
        ("muc-tieu", "99"),
        ("muc-tieu", "0"),
        ("nhiem-vu", "1.x"),
        ("muc-tieu", "١"),
    ):
        assert client.get(edit_url(draft, section, number)).status_code == 404


def test_leaders_cannot_correct(demo, read_draft, client_for, tan_thanh):
    from xaso.testing.factories import grant

    grant(demo.hung, tan_thanh, "leader")
    draft = read_draft()
    response = client_for(demo.hung).post(edit_url(draft, "muc-tieu", "4"), target_post(draft))
    assert response.status_code in (302, 403)
    assert PlanDraft.objects.get(pk=draft.pk).version == draft.version


def test_a_blank_extra_row_of_a_list_is_left_out(demo, read_draft, client_for):
    from xaso.intake.forms import responsibilities_initial

    draft = read_draft()
    rows = responsibilities_initial(reload(draft), "")
    data = {"version": draft.version, "muc-TOTAL_FORMS": len(rows) + 1, "muc-INITIAL_FORMS": 0}
    for index, row in enumerate(rows):
        data |= {f"muc-{index}-{key}": value for key, value in row.items()}
        if index:
            data[f"muc-{index}-DELETE"] = "on"
    data["muc-0-items"] = "Tham mưu xây dựng kế hoạch.\nTổng hợp báo cáo."
    # the blank extra row, as a browser posts it: its select sends the first option
    data |= {f"muc-{len(rows)}-heading": "", f"muc-{len(rows)}-unit_kind": "office", f"muc-{len(rows)}-items": ""}
    assert client_for(demo.thu).post(edit_url(draft, "to-chuc"), data).status_code == 302
    assert [(r.heading, r.items) for r in reload(draft).responsibilities] == [
        ("Phòng Văn hóa - Xã hội xã", ["Tham mưu xây dựng kế hoạch.", "Tổng hợp báo cáo."])
    ]
