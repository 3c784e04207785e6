"""The printed sheet for people without e-mail: one card each with their name, unit, username, a QR
code of their link and the link in letters; printing again replaces the earlier links."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from xaso.onboarding.models import Delivery, SetupLink
from xaso.onboarding.tests.rosters import commune_roster, workbook
from xaso.portal.qr import qr_svg

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(demo, tan_tien, post_roster):
    units, people = commune_roster(tan_tien.code, units=8, people=9)
    assert post_roster(tan_tien, workbook(units, people)).status_code == 302
    return people


def test_the_sheet_has_a_card_for_each_person_without_email(demo, tan_tien, roster, client_for):
    response = client_for(demo.hoa).post(reverse("onboarding_sheet", args=[tan_tien.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    without_email = [row for row in roster if not row[2]]
    assert html.count('<section class="card"') == len(without_email) == 3
    urls = re.findall(r'<p class="url">(http://[^<]+)</p>', html)
    assert len(urls) == 3
    for url in urls:
        assert qr_svg(url) in html  # the QR code is drawn from that very link
    assert 'Tên đăng nhập: <strong class="username">ls-tan-tien.bientap</strong>' in html
    assert SetupLink.objects.filter(delivery=Delivery.PRINT, revoked_at=None).count() == 3


def test_printing_again_replaces_the_earlier_links(demo, tan_tien, roster, client_for):
    client = client_for(demo.hoa)
    first = re.findall(
        r'<p class="url">http://[^/]+(/[^<]+)</p>',
        client.post(reverse("onboarding_sheet", args=[tan_tien.pk])).content.decode(),
    )
    second = re.findall(
        r'<p class="url">http://[^/]+(/[^<]+)</p>',
        client.post(reverse("onboarding_sheet", args=[tan_tien.pk])).content.decode(),
    )
    client.logout()
    assert client.get(first[0]).status_code == 410
    assert client.get(second[0]).status_code == 200


def test_chosen_people_only(demo, tan_tien, roster, client_for):
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.get(username=f"{tan_tien.code}.nguoi02")
    html = (
        client_for(demo.hoa)
        .post(reverse("onboarding_sheet", args=[tan_tien.pk]), {"nguoi": [person.pk]})
        .content.decode()
    )
    assert html.count('<section class="card"') == 1
    assert person.get_full_name() in html


def test_nobody_left_to_print_for(demo, tan_tien, client_for):
    response = client_for(demo.hoa).post(reverse("onboarding_sheet", args=[tan_tien.pk]), follow=True)
    assert "Chưa chọn người nào (hoặc mọi người đã đặt mật khẩu)." in response.content.decode()


@pytest.mark.parametrize("persona", ["quang", "thu"])
def test_others_cannot_print_links(demo, tan_tien, roster, client_for, persona):
    response = client_for(getattr(demo, persona)).post(reverse("onboarding_sheet", args=[tan_tien.pk]))
    assert response.status_code in (302, 403, 404)
    assert not SetupLink.objects.filter(delivery=Delivery.PRINT).exists()
