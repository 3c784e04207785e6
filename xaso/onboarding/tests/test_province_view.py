"""The province's view of onboarding: per commune, units and people, who set a password and who
logged in, the plan confirmed or not, the first report received — in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from xaso.onboarding.selectors import onboarding_overview
from xaso.testing.factories import UserFactory, grant
from xaso.units.models import OrgUnit
from xaso.units.services import unit_create

pytestmark = pytest.mark.django_db
URL = reverse("onboarding_province")


def rows(user):
    (province,) = onboarding_overview(user=user)
    return {row.commune.code: row for row in province.communes}


def test_each_commune_with_its_progress(demo):
    overview = rows(demo.quang)
    hvt = overview["ls-hvt"]
    assert hvt.units == OrgUnit.objects.filter(commune__code="ls-hvt").exclude(code="ls-hvt").count()
    assert hvt.people == 7  # lan, hung, mai, ha, son, tuan, linh
    assert hvt.set_up == 7
    assert hvt.plan_code == "33/KH-UBND"
    assert overview["ls-tt"].plan_code == ""
    assert overview["ls-tt"].people == 1


def test_people_who_set_a_password_and_who_logged_in(demo, tan_tien):
    office = unit_create(code="ls-tan-tien-vhxh", name="Phòng Văn hóa - Xã hội", kind="office", parent=tan_tien)
    waiting = UserFactory(username="tt.cho", password=None)
    grant(waiting, office, "reporter")
    ready = UserFactory(username="tt.san-sang")
    grant(ready, office, "programme_owner")
    came = UserFactory(username="tt.da-vao", last_login=timezone.now())
    grant(came, office, "reporter")
    row = rows(demo.hoa)["ls-tan-tien"]
    assert (row.units, row.people, row.set_up, row.logged_in) == (1, 3, 2, 1)
    assert row.onboarded_at is not None


def test_the_first_report_received(demo):
    from xaso.reporting.models import ReportingPeriod, UnitReport

    assert rows(demo.quang)["ls-hvt"].first_report_at is None
    period = ReportingPeriod.objects.create(
        commune=OrgUnit.objects.get(code="ls-hvt"),
        plan=demo.plan,
        kind="year",
        year=2025,
        title="Báo cáo năm 2025",
        data_start=dt.date(2025, 1, 1),
        data_end=dt.date(2025, 12, 31),
        deadline=dt.date(2026, 1, 5),
    )
    sent = dt.datetime(2026, 1, 3, 2, 0, tzinfo=dt.UTC)
    UnitReport.objects.create(
        period=period,
        unit=OrgUnit.objects.get(code="ls-hvt-thcs"),
        state="submitted",
        first_submitted_at=sent,
        submitted_at=sent,
        on_time=True,
    )
    assert rows(demo.quang)["ls-hvt"].first_report_at == sent


def test_the_page_shows_the_table(demo, client_for):
    html = client_for(demo.quang).get(URL).content.decode()
    assert "Tỉnh Lạng Sơn" in html
    assert '<tr data-commune="ls-hvt">' in html
    assert "Đã có: 33/KH-UBND" in html
    assert "Thêm xã" not in html  # a viewer follows, does not create


def test_an_administrator_also_gets_the_links_to_act(demo, client_for, tan_tien):
    html = client_for(demo.hoa).get(URL).content.decode()
    assert 'href="/quan-tri/dua-xa-len/them-xa/"' in html
    assert f'href="{reverse("onboarding_commune", args=[tan_tien.pk])}"' in html


def queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        onboarding_overview(user=user)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_communes(demo):
    province = OrgUnit.objects.get(code="ls")
    before = queries(demo.quang)
    for n in range(6):
        commune = unit_create(code=f"ls-thu-{n}", name=f"Xã Thử {n}", kind="commune", parent=province)
        office = unit_create(code=f"ls-thu-{n}-vp", name="Văn phòng", kind="office", parent=commune)
        grant(UserFactory(username=f"thu{n}.vp"), office, "reporter")
    del demo.quang._xaso_scope
    assert queries(demo.quang) == before
    assert len(rows(demo.quang)) == 8


@pytest.mark.parametrize("persona", ["lan", "hung", "mai", "thu", "outsider"])
def test_communes_and_units_do_not_see_it(demo, client_for, persona):
    assert client_for(getattr(demo, persona)).get(URL).status_code in (302, 403, 404)
