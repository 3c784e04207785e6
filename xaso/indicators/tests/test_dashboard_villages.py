"""The commune dashboard shows the village teams: households helped in the period, and the latest
households selling online and paying without cash; the same figures download."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from xaso.registers.services import village_profile_set
from xaso.units.models import OrgUnit
from xaso.villages.models import Platform
from xaso.villages.services import household_snapshot_set, platform_save, support_visit_record, team_member_add

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


@pytest.fixture
def napan(demo):
    village = OrgUnit.objects.get(code="ls-hvt-t-napan")
    village_profile_set(unit=village, households=120, residents=480, has_loudspeaker=True)
    member = team_member_add(village=village, full_name="Hoàng Văn Sơn", role="leader")
    for day, helped in ((3, 4), (17, 6)):
        support_visit_record(
            village=village,
            date=dt.date(2026, 10, day),
            members=[member],
            work="Hướng dẫn bán hàng",
            households_helped=helped,
        )
    postmart = platform_save(platform=Platform(commune=village.commune, name="Postmart", sort_order=0))
    household_snapshot_set(
        village=village,
        month=dt.date(2026, 10, 1),
        ecommerce_households=30,
        cashless_households=60,
        platform_counts={postmart: 30},
    )
    return village


def test_the_office_sees_each_villages_team_figures(demo, client_for, napan):
    response = client_for(demo.lan).get(reverse("indicators_dashboard"))
    rows = {row.village.code: row for row in response.context["dashboard"].villages}
    row = rows["ls-hvt-t-napan"]
    assert (row.members, row.visits, row.households_helped) == (1, 2, 10)
    assert (row.ecommerce, row.cashless, row.ecommerce_share) == (30, 60, 25)
    assert "Tổ công nghệ số cộng đồng" in response.text
    assert 'data-village="ls-hvt-t-napan"' in response.text
    download = client_for(demo.lan).get(reverse("indicators_export", args=["csv"]) + "?bang=to-cns")
    lines = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert ["ls-hvt-t-napan", napan.name, "1", "2", "10", "30", "60", "10/2026"] in lines


def test_a_school_dashboard_has_no_village_table(demo, client_for, napan):
    response = client_for(demo.mai).get(reverse("indicators_dashboard"))
    assert response.context["dashboard"].villages == []
    assert "Tổ công nghệ số cộng đồng" not in response.text
