"""The review page previews the table of targets the review will carry (Table 2), from the start of the
plan to today: what the office will sign is visible before it asks for the document."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

URL = "reviews_request"
HONOUR_TARGET = "Tổ chức các hoạt động ghi nhận, tôn vinh"


def honour_row(response):
    table = response.context["targets_preview"]
    return next(row for row in table.rows if str(row[1]).startswith(HONOUR_TARGET))


def test_the_owner_sees_the_targets_so_far_and_a_commendation_moves_them(demo, client_for):
    client = client_for(demo.lan)
    response = client.get(reverse(URL))
    body = response.content.decode()
    assert 'id="chi-tieu-den-nay"' in body
    assert "Các chỉ tiêu của Kế hoạch 33/KH-UBND, kết quả tính đến 20/11/2026" in body
    assert [c.title for c in response.context["targets_preview"].columns] == [
        "STT",
        "Chỉ tiêu",
        "Mốc đánh giá",
        "Mục tiêu đến năm 2030",
        "Kết quả đến nay",
        "Đánh giá",
    ]
    assert honour_row(response)[-2:] == ("0", "Chậm, chưa đạt")

    activity(OrgUnit.objects.get(code="ls-hvt-vhxh"), kind="commendation", date_start=dt.date(2026, 6, 2))
    response = client.get(reverse(URL))
    assert honour_row(response)[-2:] == ("1", "Đạt")
    assert "<td>Đạt</td>" in response.content.decode()


def test_the_leader_sees_it_too_others_do_not(demo, client_for):
    assert "targets_preview" in client_for(demo.hung).get(reverse(URL)).context
    assert client_for(demo.mai).get(reverse(URL)).status_code in (302, 403)
    response = client_for(demo.outsider).get(reverse(URL))
    assert "/login/" in response["Location"]
    body = client_for(demo.thu).get(reverse(URL)).content.decode()
    assert "33/KH-UBND" not in body
