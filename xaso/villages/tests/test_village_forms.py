"""The phone forms of a village head: a support visit, this month's household counts."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.activities.models import Activity
from xaso.activities.rules import ERR_DATE_OUTSIDE
from xaso.villages import rules
from xaso.villages.forms import ERR_MONTH_FORMAT
from xaso.villages.models import ERR_NEGATIVE, HouseholdSnapshot, SupportVisit
from xaso.villages.views import ERR_FORM

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def visit_data(team, tasks=(), **changes):
    data = {
        "date": "2026-11-18",
        "members": [m.pk for m in team],
        "helped_ecommerce": "on",
        "households_helped": "5",
        "work": "Hướng dẫn 5 hộ bán măng khô trên Postmart",
        "tasks": [t.pk for t in tasks],
    }
    data.update(changes)
    return data


def test_a_village_head_goes_straight_to_his_village(demo, client_for, napan):
    response = client_for(demo.son).get(reverse("villages_index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("villages_village", args=[napan.pk])


def test_the_home_page_offers_the_village_head_his_two_forms(demo, client_for, napan):
    page = client_for(demo.son).get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("villages_visit_add", args=[napan.pk]) in page
    assert reverse("villages_snapshot", args=[napan.pk]) in page


def test_the_village_head_records_a_visit_and_it_counts_as_an_activity(demo, client_for, napan, team):
    tasks = list(demo.plan.tasks.filter(code="NV-1.3"))
    response = client_for(demo.son).post(reverse("villages_visit_add", args=[napan.pk]), visit_data(team, tasks))
    assert response.status_code == 302
    visit = SupportVisit.objects.get()
    assert (visit.village, visit.households_helped, visit.created_by) == (napan, 5, demo.son)
    assert Activity.objects.get(source=visit.source).kind == "digital_support"
    form = client_for(demo.son).get(reverse("villages_visit_add", args=[napan.pk])).context["form"]
    assert form.initial["tasks"] == [tasks[0].pk]  # the next visit starts from the same tasks


def test_a_negative_household_count_is_refused_with_the_text_kept(demo, client_for, napan, team):
    data = visit_data(team, households_helped="-4")
    response = client_for(demo.son).post(reverse("villages_visit_add", args=[napan.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert ERR_NEGATIVE in page
    assert ERR_FORM in page
    assert "Hướng dẫn 5 hộ bán măng khô trên Postmart" in page
    assert not SupportVisit.objects.exists()


def test_a_date_outside_the_programme_is_refused(demo, client_for, napan, team):
    response = client_for(demo.son).post(
        reverse("villages_visit_add", args=[napan.pk]), visit_data(team, date="2024-12-20")
    )
    assert response.status_code == 400
    assert ERR_DATE_OUTSIDE.format(date="20/12/2024", start=2025, end=2030) in response.content.decode()


def test_a_wrong_evidence_file_is_refused(demo, client_for, napan, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
    response = client_for(demo.son).post(
        reverse("villages_visit_add", args=[napan.pk]), {**visit_data(team), "evidence": fake}
    )
    assert response.status_code == 400
    assert "nội dung không phải ảnh" in response.content.decode()
    assert not SupportVisit.objects.exists()


def test_the_village_head_changes_and_deletes_a_visit(demo, client_for, napan, team):
    client = client_for(demo.son)
    client.post(reverse("villages_visit_add", args=[napan.pk]), visit_data(team))
    visit = SupportVisit.objects.get()
    response = client.post(reverse("villages_visit_edit", args=[visit.pk]), visit_data(team, households_helped="8"))
    assert response.status_code == 302
    assert Activity.objects.get(source=visit.source).participants == 8
    confirm = client.get(reverse("villages_visit_delete", args=[visit.pk])).content.decode()
    assert "của thôn Nà Pàn (8 hộ)?" in confirm
    response = client.post(reverse("villages_visit_delete", args=[visit.pk]))
    assert response.status_code == 302
    assert not Activity.objects.filter(source=visit.source).exists()


def test_the_month_form_starts_from_last_months_figures(demo, client_for, napan, platforms):
    client = client_for(demo.son)
    url = reverse("villages_snapshot", args=[napan.pk])
    data = {
        "month": "2026-10",
        "cashless_households": "30",
        f"platform_{platforms[0].pk}": "7",
        f"platform_{platforms[1].pk}": "3",
        "ecommerce_households": "8",
    }
    response = client.post(url, data, follow=True)
    assert "Đã lưu số hộ tháng 10/2026 của thôn Nà Pàn." in response.content.decode()
    form = client.get(url).context["form"]
    assert form.initial["month"] == "2026-11"
    assert form.initial["cashless_households"] == 30
    assert form.initial[f"platform_{platforms[0].pk}"] == 7


def test_bad_household_counts_get_vietnamese_messages_and_nothing_is_lost(demo, client_for, napan, platforms):
    client = client_for(demo.son)
    url = reverse("villages_snapshot", args=[napan.pk])
    good = {
        "month": "2026-10",
        "cashless_households": "30",
        f"platform_{platforms[0].pk}": "7",
        f"platform_{platforms[1].pk}": "3",
        "ecommerce_households": "8",
    }
    client.post(url, good)
    response = client.post(url, {**good, "cashless_households": "-2"})
    assert response.status_code == 400
    assert ERR_NEGATIVE in response.content.decode()
    response = client.post(url, {**good, "ecommerce_households": "4"})
    assert rules.ERR_TOTAL_BELOW_PLATFORM.format(total=4, platform="Postmart", count=7) in response.content.decode()
    response = client.post(url, {**good, "month": "tháng mười"})
    assert ERR_MONTH_FORMAT in response.content.decode()
    snapshot = HouseholdSnapshot.objects.get()
    assert (snapshot.cashless_households, snapshot.ecommerce_households) == (30, 8)


def test_the_dashboard_shows_the_figures_over_time(demo, client_for, napan, team, platforms):
    client = client_for(demo.son)
    client.post(reverse("villages_visit_add", args=[napan.pk]), visit_data(team))
    client.post(
        reverse("villages_snapshot", args=[napan.pk]),
        {
            "month": "2026-10",
            "cashless_households": "30",
            f"platform_{platforms[0].pk}": "7",
            f"platform_{platforms[1].pk}": "3",
            "ecommerce_households": "8",
        },
    )
    response = client_for(demo.lan).get(reverse("villages_village", args=[napan.pk]))
    dashboard = response.context["dashboard"]
    assert (dashboard.year.visits, dashboard.year.households_helped) == (1, 5)
    assert (dashboard.year.ecommerce, dashboard.year.cashless) == (8, 30)
    october = next(row for row in dashboard.months if row.month == dt.date(2026, 10, 1))
    assert october.platforms == {platforms[0].pk: 7, platforms[1].pk: 3}
    page = response.content.decode()
    assert "<svg" in page
    assert "Tháng 10/2026" in page


def test_the_office_sees_every_village_of_the_commune(demo, client_for):
    response = client_for(demo.lan).get(reverse("villages_index"))
    assert response.status_code == 200
    rows = response.context["figures"].rows
    assert [row.village.code for row in rows] == [
        "ls-hvt-t-napan",
        "ls-hvt-t-banthang",
        "ls-hvt-t-khuoinhan",
        "ls-hvt-t-pacvan",
        "ls-hvt-t-naly",
    ]
