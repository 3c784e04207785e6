"""A commune's page: its people and the state of their set-up, resending links by e-mail, and the
units its draft plan names — matched to the imported units, or proposed for creation."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from xaso.intake.models import PlanDraft
from xaso.intake.services import draft_paste
from xaso.intake.tests.conftest import commune_plan_text
from xaso.onboarding.tests.rosters import workbook
from xaso.testing.factories import UserFactory, grant
from xaso.units.models import OrgUnit
from xaso.units.services import unit_create

pytestmark = pytest.mark.django_db

UNITS = [
    ["", "Phòng Văn hóa - Xã hội", "Phòng VH-XH", "Phòng, đơn vị thuộc UBND xã", ""],
    ["", "Trường Tiểu học Tân Tiến", "", "Trường học", ""],
]
PEOPLE = [
    ["Nguyễn Thị Hằng", "tt.hang", "hang@xa.example", "Phòng VH-XH", "Chủ trì chương trình", ""],
    ["Vi Văn Hải", "tt.hai", "", "Trường Tiểu học Tân Tiến", "Cán bộ báo cáo", ""],
]


@pytest.fixture
def draft_first(demo, tan_tien, django_capture_on_commit_callbacks):
    """A plan read before the commune's units exist: an owner set up by hand uploads it."""
    office = unit_create(code="ls-tan-tien-tam", name="Tổ công tác", kind="office", parent=tan_tien)
    owner = UserFactory(username="tt.tam")
    grant(owner, office, "programme_owner")
    with django_capture_on_commit_callbacks(execute=True):
        draft = draft_paste(commune=tan_tien, user=owner, text=commune_plan_text("Tân Tiến"))
    return PlanDraft.objects.get(pk=draft.pk)


def test_the_units_a_draft_names_are_matched_once_imported(demo, tan_tien, draft_first, post_roster, client_for):
    assert draft_first.unit_map["Phòng Văn hóa - Xã hội xã"]["units"] == []
    page = client_for(demo.hoa).get(reverse("onboarding_commune", args=[tan_tien.pk])).content.decode()
    assert "Phòng Văn hóa - Xã hội xã <small>(đề xuất: office)</small>" in page
    post_roster(tan_tien, workbook(UNITS, PEOPLE))
    unit_map = PlanDraft.objects.get(pk=draft_first.pk).unit_map
    assert unit_map["Phòng Văn hóa - Xã hội xã"]["units"] == ["ls-tan-tien-phong-van-hoa-xa-hoi"]
    assert unit_map["Các trường học trên địa bàn xã"]["units"] == ["ls-tan-tien-truong-tieu-hoc"]


def test_names_still_unknown_are_proposed_and_created_on_request(demo, tan_tien, draft_first, client_for):
    client = client_for(demo.hoa)
    response = client.post(
        reverse("onboarding_commune", args=[tan_tien.pk]),
        {"action": "create_proposed", "tao-Phòng Văn hóa - Xã hội xã": "1"},
        follow=True,
    )
    assert "Đã tạo 1 đơn vị kế hoạch nêu tên: Phòng Văn hóa - Xã hội xã." in response.content.decode()
    unit = OrgUnit.objects.get(commune=tan_tien, name="Phòng Văn hóa - Xã hội xã")
    assert PlanDraft.objects.get(pk=draft_first.pk).unit_map["Phòng Văn hóa - Xã hội xã"]["units"] == [unit.code]


def test_people_and_their_set_up_state(demo, tan_tien, post_roster, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_roster(tan_tien, workbook(UNITS, PEOPLE))
    html = client_for(demo.hoa).get(reverse("onboarding_commune", args=[tan_tien.pk])).content.decode()
    hang = html[html.index('data-username="tt.hang"') :][:1200]
    hai = html[html.index('data-username="tt.hai"') :][:1200]
    assert "Đã gửi thư" in hang
    assert "Chưa có đường dẫn" in hai
    assert "— (in phiếu)" in hai


def test_links_are_emailed_again_on_request(
    demo, tan_tien, post_roster, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_roster(tan_tien, workbook(UNITS, PEOPLE))
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(demo.hoa).post(
            reverse("onboarding_commune", args=[tan_tien.pk]), {"action": "email"}, follow=True
        )
    assert "Đã gửi lại đường dẫn đặt mật khẩu qua thư cho 1 người" in response.content.decode()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["hang@xa.example"]


def test_a_commune_outside_the_administrators_province_is_not_found(demo, client_for):
    other = OrgUnit.add_root(instance=OrgUnit(code="cb", name="Tỉnh Cao Bằng", kind="province"))
    commune = other.add_child(instance=OrgUnit(code="cb-x", name="Xã X", kind="commune"))
    assert client_for(demo.hoa).get(reverse("onboarding_commune", args=[commune.pk])).status_code == 404
    assert client_for(demo.hoa).get(reverse("onboarding_commune", args=[999999])).status_code == 404
