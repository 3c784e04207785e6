"""Every reporting screen reads in Vietnamese, menus included, for each persona who uses it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xaso.adminvi.screen import english_words_on, screen_text
from xaso.reporting.tests.helpers import report_of, send

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC), tick=False),
]


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return screen_text(response.content.decode())


@pytest.mark.parametrize("persona", ["lan", "hung", "mai", "quang"])
def test_the_reporting_screens_have_no_english(demo, half_year, client_for, persona):
    report = send(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    client = client_for(getattr(demo, persona))
    for url in (
        reverse("reporting_home"),
        reverse("reporting_period", args=[half_year.pk]),
        reverse("reporting_report", args=[report.pk]),
        reverse("notifications_list"),
    ):
        text = read(client, url)
        assert "Báo cáo" in text
        assert english_words_on(text) == [], url


def test_the_opening_form_has_no_english(demo, client_for):
    text = read(client_for(demo.lan), reverse("reporting_open"))
    assert "Loại đơn vị phải báo cáo" in text
    assert english_words_on(text) == []
