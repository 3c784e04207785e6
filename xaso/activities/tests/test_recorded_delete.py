"""recorded_delete: another app's record goes with the activity it is counted as, and its evidence file
once the deletion is committed."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from xaso.activities.models import Activity
from xaso.activities.services import recorded_delete
from xaso.units.models import OrgUnit
from xaso.villages.models import SupportVisit
from xaso.villages.services import support_visit_record, team_member_add

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


class RolledBackError(Exception):
    pass


@transaction.atomic
def delete_then_fail(visit: SupportVisit) -> None:
    recorded_delete(item=visit)
    raise RolledBackError


@pytest.fixture
def visit(demo) -> SupportVisit:
    napan = OrgUnit.objects.get(code="ls-hvt-t-napan")
    recorded = support_visit_record(
        village=napan,
        date=dt.date(2026, 11, 12),
        members=[team_member_add(village=napan, full_name="Hoàng Văn Sơn", role="leader")],
        work="Hướng dẫn 6 hộ đăng bán măng khô trên Postmart",
        households_helped=6,
    )
    recorded.evidence.save("danh-sach-ky-nhan.pdf", ContentFile(b"%PDF-1.4 danh sach"), save=True)
    return recorded


def test_it_removes_the_record_its_activity_and_then_its_evidence_file(visit, django_capture_on_commit_callbacks):
    storage, name, source = visit.evidence.storage, visit.evidence.name, visit.source
    assert name.startswith("to-cong-nghe-so/2026/11/")
    with django_capture_on_commit_callbacks(execute=True):
        recorded_delete(item=visit)
        assert storage.exists(name)
    assert not SupportVisit.objects.exists()
    assert not Activity.objects.filter(source=source).exists()
    assert not storage.exists(name)


def test_a_rolled_back_deletion_keeps_the_record_and_its_file(visit, django_capture_on_commit_callbacks):
    storage, name, pk, source = visit.evidence.storage, visit.evidence.name, visit.pk, visit.source
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RolledBackError):
        delete_then_fail(visit)
    assert callbacks == []
    assert SupportVisit.objects.filter(pk=pk).exists()
    assert Activity.objects.filter(source=source).exists()
    assert storage.exists(name)
