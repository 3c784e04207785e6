"""Enterprise sessions and showcases: counted as activities of the unit that organised them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.activities.models import Activity
from xaso.activities.rules import ERR_DATE_FUTURE
from xaso.outreach.models import EnterpriseSession, Showcase
from xaso.outreach.services import (
    ENTERPRISE_SIDE,
    ERR_ENTERPRISE_KIND,
    ERR_ENTERPRISES_OVER,
    ERR_OFFICIALS_OVER,
    ERR_UNIT_KIND,
    KIND_WORDS,
    enterprise_session_save,
    showcase_save,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def enterprise_session(unit, **fields):
    values = {
        "unit": unit,
        "title": "Phổ biến chính sách hỗ trợ doanh nghiệp đổi mới công nghệ",
        "date": dt.date(2026, 10, 8),
        "enterprises": 9,
        "participants": 18,
        "officials": 3,
    }
    values.update(fields)
    return EnterpriseSession(**values)


def showcase(unit, **fields):
    values = {
        "unit": unit,
        "owner_name": "Hợp tác xã Nông nghiệp Hoàng Văn Thụ",
        "kind": "model",
        "title": "Sơ chế, đóng gói hồi có truy xuất nguồn gốc bằng mã QR",
        "summary": "Hợp tác xã gắn mã QR cho từng lô hồi khô; người mua quét mã để biết vùng trồng và ngày thu hái.",
        "date": dt.date(2026, 11, 5),
        "participants": 30,
    }
    values.update(fields)
    return Showcase(**values)


def test_an_enterprise_session_is_an_activity_for_enterprises(demo, units):
    saved = enterprise_session_save(session=enterprise_session(units.kt), tasks=demo.plan.tasks.filter(code="NV-3.1"))
    activity = Activity.objects.get(source=saved.source)
    assert (activity.unit, activity.kind, activity.audience) == (units.kt, "enterprise_session", "enterprises")
    assert (activity.participants, activity.officials) == (18, 3)
    assert activity.serves_enterprises


def test_counts_that_cannot_be_are_refused(demo, units):
    with pytest.raises(ValidationError) as error:
        enterprise_session_save(session=enterprise_session(units.kt, officials=20))
    assert error.value.message_dict["officials"] == [ERR_OFFICIALS_OVER.format(officials=20, participants=18)]
    with pytest.raises(ValidationError) as error:
        enterprise_session_save(session=enterprise_session(units.kt, enterprises=25))
    assert error.value.message_dict["enterprises"] == [ERR_ENTERPRISES_OVER.format(enterprises=25, participants=18)]
    assert not EnterpriseSession.objects.exists()


def test_a_school_does_not_hold_enterprise_sessions(demo, units):
    with pytest.raises(ValidationError) as error:
        enterprise_session_save(session=enterprise_session(units.thcs))
    assert error.value.message_dict["unit"] == [
        ERR_UNIT_KIND.format(unit=units.thcs, kinds=KIND_WORDS[ENTERPRISE_SIDE])
    ]


def test_a_showcase_is_a_showcase_activity(demo, units):
    saved = showcase_save(
        showcase=showcase(units.kt, enterprise=units.htx), tasks=demo.plan.tasks.filter(code="NV-3.2")
    )
    activity = Activity.objects.get(source=saved.source)
    assert (activity.kind, activity.unit, activity.participants) == ("showcase", units.kt, 30)
    assert activity.title.startswith("Giới thiệu mô hình điển hình: Sơ chế, đóng gói hồi")


def test_a_showcase_in_the_future_or_of_a_unit_that_is_no_enterprise_is_refused(demo, units):
    with pytest.raises(ValidationError) as error:
        showcase_save(showcase=showcase(units.kt, date=dt.date(2026, 12, 3)))
    assert error.value.message_dict["date"] == [ERR_DATE_FUTURE.format(date="03/12/2026")]
    with pytest.raises(ValidationError) as error:
        showcase_save(showcase=showcase(units.kt, enterprise=units.napan))
    assert error.value.message_dict["enterprise"] == [ERR_ENTERPRISE_KIND.format(unit=units.napan)]
    assert not Showcase.objects.exists()
