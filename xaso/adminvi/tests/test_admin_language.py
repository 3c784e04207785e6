"""The back office speaks Vietnamese on every screen the programme's people use.

Each test opens a screen as a demo persona and checks two things: Vietnamese words of
the interface are there, and none of the common English words of an untranslated Wagtail
(xaso.adminvi.screen.ENGLISH_WORDS) is — in the visible text, in what screen readers read
out (aria-label, title, placeholder) or in the sidebar menu. The demo's own content (plan
text, unit names) is all Vietnamese, so any English word found comes from the interface.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.adminvi.screen import english_words_on, screen_text
from xaso.plans.models import Target
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db


def read(client, url: str, *, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return screen_text(response.content.decode())


def assert_vietnamese(text: str, *expected: str) -> None:
    missing = [words for words in expected if words not in text]
    assert missing == [], f"thiếu chữ tiếng Việt: {missing}"
    assert english_words_on(text) == [], "còn chữ tiếng Anh trên màn hình"


@pytest.mark.parametrize("persona", ["lan", "mai", "quang"])
def test_it_shows_the_dashboard_and_menu_in_vietnamese(demo, client_for, persona):
    text = read(client_for(getattr(demo, persona)), reverse("wagtailadmin_home"))
    assert_vietnamese(text, "Bảng điều khiển", "Kế hoạch", "Tài khoản", "Từ khóa tìm kiếm")


@pytest.mark.parametrize("persona", ["lan", "mai", "quang"])
def test_it_shows_the_plan_listing_in_vietnamese(demo, client_for, persona):
    text = read(client_for(getattr(demo, persona)), reverse("wagtailsnippets_plans_plan:list"))
    assert_vietnamese(text, "Lọc theo", "Ngày ban hành", "Trang chủ", "33/KH-UBND")


def test_it_shows_pagination_and_bulk_actions_in_vietnamese(demo, client_for):
    text = read(client_for(demo.lan), reverse("wagtailsnippets_plans_target:list"))
    assert_vietnamese(text, "Phân trang", "Trước", "Sau", "Thao tác hàng loạt", "Chọn tất cả")


def test_it_shows_the_target_form_in_vietnamese(demo, client_for):
    target = Target.objects.filter(plan=demo.plan).first()
    text = read(client_for(demo.lan), reverse("wagtailsnippets_plans_target:edit", args=[target.pk]))
    assert_vietnamese(text, "Đang sửa", "Lưu", "Xem chi tiết", "Đang lưu…", "Chuyển lên", "Chuyển xuống")


def test_it_shows_the_history_of_a_target_in_vietnamese(demo, client_for):
    target = Target.objects.filter(plan=demo.plan).first()
    text = read(client_for(demo.lan), reverse("wagtailsnippets_plans_target:history", args=[target.pk]))
    assert_vietnamese(text, "Lịch sử", "Thao tác", "Người dùng")


def test_it_shows_a_target_in_detail_in_vietnamese_without_python_values(demo, client_for):
    target = Target.objects.filter(plan=demo.plan).first()
    text = read(client_for(demo.quang), reverse("wagtailsnippets_plans_target:inspect", args=[target.pk]))
    assert_vietnamese(text, "Xem chi tiết", "Phiên bản lúc")
    assert "None" not in text
    assert '" at ' not in text


def test_it_reads_yes_and_no_in_the_units_listing(demo, client_for):
    text = read(client_for(demo.lan), reverse("wagtailsnippets_units_orgunit:list"))
    assert_vietnamese(text, "Có")
    assert "True" not in text


def test_it_explains_a_refused_form_in_vietnamese(demo, client_for):
    commune = OrgUnit.objects.get(code="ls-hvt")
    response = client_for(demo.lan).post(
        reverse("wagtailsnippets_units_orgunit:add"), {"parent": commune.pk, "name": "", "code": "", "kind": "village"}
    )
    assert response.status_code == 200
    text = screen_text(response.content.decode())
    assert_vietnamese(text, "vì có lỗi", "Trường này là bắt buộc.")


def test_it_shows_the_import_export_screen_in_vietnamese(demo, client_for):
    text = read(client_for(demo.lan), reverse("plans_import_export"))
    assert_vietnamese(text, "Nhập, xuất tệp kế hoạch", "Tải tệp dữ liệu (.yaml)")


def test_it_shows_the_account_screen_in_vietnamese(demo, client_for):
    text = read(client_for(demo.mai), reverse("wagtailadmin_account"))
    assert_vietnamese(text, "Tài khoản", "Mật khẩu")
    # Only Vietnamese and Vietnam's one time zone: no choice of English nor list of the world's zones.
    assert "Ngôn ngữ ưu tiên" not in text
    assert "Múi giờ hiện tại" not in text


def test_it_shows_the_login_screen_in_vietnamese(client, db):
    text = read(client, reverse("wagtailadmin_login"))
    assert_vietnamese(text, "Đăng nhập", "Quên mật khẩu?", "Mật khẩu")


def test_it_refuses_a_wrong_password_in_vietnamese(demo, client):
    response = client.post(reverse("wagtailadmin_login"), {"username": demo.mai.username, "password": "sai"})
    assert response.status_code == 200
    assert_vietnamese(screen_text(response.content.decode()), "không đúng")


def test_it_answers_an_unknown_admin_address_in_vietnamese(demo, client_for):
    text = read(client_for(demo.lan), "/quan-tri/khong-co-trang-nay/", status=404)
    assert_vietnamese(text, "Lỗi 404", "Không tìm thấy trang bạn yêu cầu.")


def test_it_answers_an_object_outside_the_scope_in_vietnamese(demo, client_for):
    other_school = OrgUnit.objects.get(code="ls-hvt-th")
    url = reverse("wagtailsnippets_units_orgunit:edit", args=[other_school.pk])
    assert_vietnamese(read(client_for(demo.mai), url, status=404), "Không tìm thấy trang bạn yêu cầu.")


def test_it_answers_an_unknown_public_address_in_vietnamese(client, db):
    text = read(client, "/khong-co-trang-nay/", status=404)
    assert_vietnamese(text, "Không tìm thấy trang")
    assert "Not Found" not in text
