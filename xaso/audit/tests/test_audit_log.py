"""The audit trail: every write (imports included) and every log-in, shown per commune to those who answer for it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from xaso.activities.models import Activity
from xaso.activities.tests.test_activity_import import GOOD
from xaso.audit.models import AuditAction, AuditEntry
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

LOG = reverse("audit_log")
# Entries of this test's day only: the test database's own set-up is in the trail too.
TODAY = {"tu_ngay": "2026-11-20", "den_ngay": "2026-11-20"}


def test_a_write_in_the_back_office_is_recorded_with_who_what_and_where(demo, client_for):
    client = client_for(demo.mai)
    thcs = OrgUnit.objects.get(code="ls-hvt-thcs")
    book = load_workbook(io.BytesIO(client.get(reverse("activities_template")).content))
    book["Hoạt động"].append(GOOD)
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post(
        reverse("activities_import"), {"file": SimpleUploadedFile("ngay-hoi-stem.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 302
    imported = Activity.objects.get(title="Ngày hội STEM")
    created = AuditEntry.objects.get(action=AuditAction.CREATE, model="hoạt động", object_id=str(imported.pk))
    assert created.user == demo.mai
    assert "Lý Thị Mai" in created.actor
    assert (created.commune_id, created.unit_id) == (thcs.commune_id, thcs.pk)
    assert created.title == "Ngày hội STEM"
    assert created.address == "127.0.0.1"
    summary = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert summary.title == "Nhập 1 hoạt động từ tệp ngay-hoi-stem.xlsx"
    assert summary.data["activities"] == [imported.pk]


def test_changes_and_deletions_are_recorded_and_background_work_is_the_systems(demo):
    done = activity(OrgUnit.objects.get(code="ls-hvt-thcs"), title="Tọa đàm")
    done.title = "Tọa đàm chuyển đổi số"
    done.save()
    done.delete()
    actions = list(AuditEntry.objects.filter(model="hoạt động").order_by("pk").values_list("action", "actor"))
    assert actions == [("create", "Hệ thống"), ("change", "Hệ thống"), ("delete", "Hệ thống")]


def test_the_trail_points_to_the_log_in_record(demo, client_for):
    page = client_for(demo.lan).get(LOG, TODAY).content.decode()
    assert f'href="{reverse("signin_logins")}"' in page


@pytest.fixture
def both_communes(demo):
    activity(OrgUnit.objects.get(code="ls-hvt-thcs"), title="Tọa đàm ở Hoàng Văn Thụ")
    activity(OrgUnit.objects.get(code="ls-tt-th"), title="Hội thi ở Tân Thanh")


@pytest.mark.parametrize(
    ("persona", "sees", "does_not_see"),
    [
        ("lan", "Tọa đàm ở Hoàng Văn Thụ", "Hội thi ở Tân Thanh"),
        ("hung", "Tọa đàm ở Hoàng Văn Thụ", "Hội thi ở Tân Thanh"),
        ("thu", "Hội thi ở Tân Thanh", "Tọa đàm ở Hoàng Văn Thụ"),
    ],
)
def test_each_commune_reads_only_its_own_trail(both_communes, demo, client_for, persona, sees, does_not_see):
    page = client_for(getattr(demo, persona)).get(LOG, TODAY).content.decode()
    assert sees in page
    assert does_not_see not in page


def test_the_province_reads_every_commune_of_the_province(both_communes, demo, client_for):
    page = client_for(demo.quang).get(LOG, TODAY).content.decode()
    assert "Tọa đàm ở Hoàng Văn Thụ" in page
    assert "Hội thi ở Tân Thanh" in page


@pytest.mark.parametrize("persona", ["mai", "son", "linh"])
def test_reporters_and_editors_do_not_read_the_trail(both_communes, demo, client_for, persona):
    response = client_for(getattr(demo, persona)).get(LOG)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_the_trail_filters_by_commune_action_person_and_dates(both_communes, demo, client_for):
    client = client_for(demo.quang)
    tt = OrgUnit.objects.get(code="ls-tt")
    page = client.get(LOG, {"xa": tt.pk, "thao_tac": "create", "tu_ngay": "2026-11-20", "den_ngay": "2026-11-20"})
    text = page.content.decode()
    assert "Hội thi ở Tân Thanh" in text
    assert "Tọa đàm ở Hoàng Văn Thụ" not in text


@pytest.mark.parametrize(
    "query", [{"xa": "²"}, {"xa": "999999999999999999999"}, {"tu_ngay": "2026-02-30"}, {"trang": "x"}]
)
def test_a_bad_filter_gets_a_message_not_an_error(both_communes, demo, client_for, query):
    response = client_for(demo.lan).get(LOG, query)
    assert response.status_code == 200
    assert "Điều kiện lọc chưa đúng" in response.content.decode() or "trang" in query


def test_lan_cannot_filter_her_way_into_another_commune(both_communes, demo, client_for):
    tt = OrgUnit.objects.get(code="ls-tt")
    text = client_for(demo.lan).get(LOG, {"xa": tt.pk, **TODAY}).content.decode()
    assert "Hội thi ở Tân Thanh" not in text
