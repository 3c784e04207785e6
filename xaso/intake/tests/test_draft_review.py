"""The review screen: the source text, line by line, beside the draft; each item links to its lines,
doubtful items are marked and say why in Vietnamese; progress shows while the document is read."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from xaso.intake.corpus import strip_marks
from xaso.intake.models import DraftStatus
from xaso.intake.services import draft_run
from xaso.intake.tests.conftest import commune_plan_text

pytestmark = pytest.mark.django_db


def page(client, draft):
    response = client.get(reverse("intake_draft", args=[draft.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_source_lines_and_draft_items_side_by_side(demo, read_draft, client_for):
    draft = read_draft()
    html = page(client_for(demo.thu), draft)
    assert 'class="draft-review"' in html
    # every line of the document is there, numbered, as an anchor the items point to
    assert html.count('<li id="L') == len(draft.lines)
    assert '<li id="L5" value="5">Số: 33/KH-UBND</li>' in html
    # the nine targets and seventeen tasks, each with the lines it came from
    assert "<strong>9</strong> mục tiêu, <strong>17</strong> nhiệm vụ trong <strong>3</strong> nhóm" in html
    target = draft.draft["targets"][0]
    first, last = target["lines"]
    assert f'id="muc-tieu-1" data-lines="{first}-{last}"' in html
    assert f'href="#L{first}" data-lines="{first}-{last}"' in html
    assert 'id="nv-3-4"' in html


def test_doubtful_items_are_marked_and_explained(demo, read_draft, client_for):
    html = page(client_for(demo.thu), read_draft())
    honour = html[html.index('id="muc-tieu-4"') :]
    honour = honour[: honour.index("</li>\n</ul>") if "</li>\n</ul>" in honour[:3000] else 3000]
    assert "Cần xem lại" in honour
    assert "giá trị suy ra, văn bản không ghi số" in honour
    # tasks whose units were read from section V say so
    task = html[html.index('id="nv-1-1"') :][:3000]
    assert "đơn vị suy ra từ phần Tổ chức thực hiện" in task
    # a kind of units ("các trường học") stands for every school: to be checked
    school_task = html[html.index('id="nv-2-1"') :][:3000]
    assert "đơn vị được khớp gần đúng hoặc theo loại, hãy kiểm tra" in school_task
    assert "Các trường học trên địa bàn xã → Trường Tiểu học Tân Thanh" in school_task


def test_restored_words_of_an_accentless_text_are_shown_with_what_was_written(demo, read_draft, client_for):
    draft = read_draft(strip_marks(commune_plan_text()))
    assert draft.text_mode == "plain"
    html = page(client_for(demo.thu), draft)
    assert re.search(r'<mark class="restored( doubtful)?" title="Văn bản gốc: [^"]+">', html)
    assert "Văn bản không dấu: Xã số đã khôi phục dấu" in html
    assert "có từ được khôi phục dấu" in html


def test_problems_that_stop_confirming_are_listed(demo, read_draft, client_for):
    draft = read_draft(commune_plan_text().replace("Số: 33/KH-UBND", "Số:     /KH-UBND"))
    html = page(client_for(demo.thu), draft)
    assert "điểm cần sửa trước khi xác nhận" in html
    assert "văn bản chưa ghi số, ký hiệu" in html


def test_progress_while_reading_and_the_status_as_json(demo, read_draft, client_for):
    draft = read_draft(run=False)
    client = client_for(demo.thu)
    html = page(client, draft)
    assert 'data-finished="0"' in html
    assert "Đang chờ" in html
    state = client.get(reverse("intake_draft_status", args=[draft.pk])).json()
    assert state["status"] == DraftStatus.QUEUED
    assert state["progress"] == 0
    assert not state["finished"]
    draft_run(draft_id=str(draft.pk))
    state = client.get(reverse("intake_draft_status", args=[draft.pk])).json()
    assert state == {
        "id": str(draft.pk),
        "status": "ready",
        "status_label": "Chờ kiểm tra, xác nhận",
        "progress": 100,
        "step": "Đã đọc xong; mời kiểm tra",
        "error": "",
        "finished": True,
        "url": reverse("intake_draft", args=[draft.pk]),
    }


@pytest.mark.parametrize("persona", ["hung", "quang"])
def test_leaders_and_province_viewers_read_without_edit_links(demo, read_draft, client_for, tan_thanh, persona):
    from xaso.testing.factories import grant
    from xaso.units.models import Role

    if persona == "hung":
        grant(demo.hung, tan_thanh, Role.LEADER)
    draft = read_draft()
    client = client_for(getattr(demo, persona))
    html = page(client, draft)
    assert "draft-review" in html
    assert 'class="edit-link"' not in html
    assert "Xác nhận thành kế hoạch của xã" not in html
    assert client.get(reverse("intake_draft_source", args=[draft.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["lan", "hung", "mai", "linh", "outsider"])
def test_everyone_else_finds_nothing(demo, read_draft, client_for, persona):
    draft = read_draft()
    client = client_for(getattr(demo, persona))
    for name in (
        "intake_draft",
        "intake_draft_status",
        "intake_draft_source",
        "intake_draft_edit",
        "intake_draft_units",
    ):
        assert client.get(reverse(name, args=[draft.pk])).status_code in (302, 403, 404), name


def test_the_source_document_downloads_as_uploaded(demo, read_draft, client_for):
    draft = read_draft()
    response = client_for(demo.thu).get(reverse("intake_draft_source", args=[draft.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).decode() == commune_plan_text()
