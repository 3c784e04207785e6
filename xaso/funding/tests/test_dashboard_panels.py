"""Schools and enterprises, and funding, on the programme dashboard: the commune's figures for the period,
funding only to those who read it."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.funding.models import Spending
from xaso.funding.services import spending_save
from xaso.outreach.models import EnterpriseSession
from xaso.outreach.services import enterprise_session_save
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


@pytest.fixture
def recorded(demo, lines, task):
    spending_save(
        spending=Spending(line=lines.state, task=task, date=dt.date(2026, 5, 4), amount=4_000_000, description="Video")
    )
    enterprise_session_save(
        session=EnterpriseSession(
            unit=OrgUnit.objects.get(code="ls-hvt-kt"),
            title="Phổ biến chính sách chuyển đổi số cho hợp tác xã",
            date=dt.date(2026, 4, 9),
            enterprises=7,
            participants=15,
        )
    )
    return demo


def test_the_commune_dashboard_shows_schools_enterprises_and_funding(recorded, client_for):
    body = client_for(recorded.lan).get(reverse("indicators_dashboard"), {"ky": "2026"}).content.decode()
    assert 'id="truong-hoc-doanh-nghiep"' in body
    assert "buổi phổ biến cho doanh nghiệp (7 lượt doanh nghiệp)" in body
    assert 'id="kinh-phi"' in body
    assert "4.000.000" in body
    assert "15.000.000" in body


def test_the_leader_sees_funding_a_school_reporter_neither_panel(recorded, client_for):
    body = client_for(recorded.hung).get(reverse("indicators_dashboard"), {"ky": "2026"}).content.decode()
    assert 'id="kinh-phi"' in body
    body = client_for(recorded.mai).get(reverse("indicators_dashboard"), {"ky": "2026"}).content.decode()
    assert 'id="kinh-phi"' not in body
    assert 'id="truong-hoc-doanh-nghiep"' not in body
