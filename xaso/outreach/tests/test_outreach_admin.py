"""Schools and enterprises in the back office: who sees and records what, bad input, the portal button."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from xaso.activities.models import Activity
from xaso.outreach.models import ERR_NEGATIVE, ClubSession, Showcase
from xaso.outreach.selectors import (
    club_sessions_readable,
    clubs_readable,
    showcases_readable,
    showcases_writable,
)
from xaso.outreach.services import club_session_save, showcase_save
from xaso.outreach.views import ERR_BULK_DELETE

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

SESSION_ADD = "wagtailsnippets_outreach_clubsession:add"
SESSION_LIST = "wagtailsnippets_outreach_clubsession:list"
SHOWCASE_LIST = "wagtailsnippets_outreach_showcase:list"


def refused(response):
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


@pytest.fixture
def honey(units):
    return showcase_save(
        showcase=Showcase(
            unit=units.kt,
            enterprise=units.htx,
            owner_name="Hợp tác xã Nông nghiệp Hoàng Văn Thụ",
            title="Hồi khô có mã QR truy xuất nguồn gốc",
            summary="Người mua quét mã để biết vùng trồng.",
            date=dt.date(2026, 11, 5),
        )
    )


def session_data(club, tasks=(), **changes):
    data = {"club": club.pk, "date": "2026-11-06", "topic": "Lập trình robot dò đường", "pupils": "22", "teachers": "2"}
    data.update(changes)
    if tasks:
        data["tasks"] = [t.pk for t in tasks]
    return data


def test_the_school_reporter_records_a_club_session_counted_for_her_school(demo, client_for, robotics, units):
    tasks = list(demo.plan.tasks.filter(code="NV-2.5"))
    response = client_for(demo.mai).post(reverse(SESSION_ADD), session_data(robotics, tasks))
    assert response.status_code == 302
    saved = ClubSession.objects.get()
    assert saved.created_by == demo.mai
    activity = Activity.objects.get(source=saved.source)
    assert (activity.unit, activity.kind, activity.serves_schools) == (units.thcs, "club", True)


def test_a_negative_count_is_refused_with_a_vietnamese_message(demo, client_for, robotics):
    response = client_for(demo.mai).post(reverse(SESSION_ADD), session_data(robotics, pupils="-3"))
    assert response.status_code == 200
    assert ERR_NEGATIVE in response.content.decode()
    assert "Lập trình robot dò đường" in response.content.decode()
    assert not ClubSession.objects.exists()


def test_each_persona_sees_the_rows_of_their_scope(demo, robotics, honey):
    club_session_save(
        session=ClubSession(club=robotics, date=dt.date(2026, 11, 6), topic="Thiết kế 3D", pupils=20, teachers=1)
    )
    assert set(clubs_readable(user=demo.mai)) == {robotics}
    assert not clubs_readable(user=demo.ha).exists()
    assert not showcases_readable(user=demo.mai).exists()
    assert set(showcases_writable(user=demo.tuan)) == {honey}
    assert set(showcases_readable(user=demo.hung)) == {honey}
    assert not showcases_writable(user=demo.hung).exists()
    assert club_sessions_readable(user=demo.quang).count() == 1
    for persona in ("thu", "son", "linh", "outsider"):
        assert not club_sessions_readable(user=getattr(demo, persona)).exists()
        assert not showcases_readable(user=getattr(demo, persona)).exists()


def test_another_school_cannot_open_the_session(demo, client_for, robotics):
    saved = club_session_save(
        session=ClubSession(club=robotics, date=dt.date(2026, 11, 6), topic="Thiết kế 3D", pupils=20, teachers=1)
    )
    edit = reverse("wagtailsnippets_outreach_clubsession:edit", args=[saved.pk])
    assert client_for(demo.ha).get(edit).status_code == 404
    assert client_for(demo.mai).get(edit).status_code == 200


def test_deleting_in_the_back_office_removes_the_activity_too(demo, client_for, robotics):
    saved = club_session_save(
        session=ClubSession(club=robotics, date=dt.date(2026, 11, 6), topic="Thiết kế 3D", pupils=20, teachers=1)
    )
    source = saved.source
    response = client_for(demo.mai).post(reverse("wagtailsnippets_outreach_clubsession:delete", args=[saved.pk]))
    assert response.status_code == 302
    assert not ClubSession.objects.exists()
    assert not Activity.objects.filter(source=source).exists()


def test_bulk_deletion_is_turned_down(demo, client_for, robotics):
    saved = club_session_save(
        session=ClubSession(club=robotics, date=dt.date(2026, 11, 6), topic="Thiết kế 3D", pupils=20, teachers=1)
    )
    url = reverse("wagtail_bulk_action", args=["outreach", "clubsession", "delete"]) + f"?id={saved.pk}"
    response = client_for(demo.mai).post(url, {}, follow=True)
    assert ClubSession.objects.filter(pk=saved.pk).exists()
    assert ERR_BULK_DELETE in response.content.decode()


def menu_labels(client):
    """The labels of the back-office menu, as the sidebar receives them (JSON in the page)."""
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    return {
        label
        for label in ("Sinh hoạt câu lạc bộ", "Phổ biến cho doanh nghiệp")
        if json.dumps(label)[1:-1] in page or label in page
    }


def test_the_menu_shows_each_unit_its_own_lists(demo, client_for, robotics):
    assert menu_labels(client_for(demo.mai)) == {"Sinh hoạt câu lạc bộ"}
    assert menu_labels(client_for(demo.tuan)) == {"Phổ biến cho doanh nghiệp"}


def test_the_recorder_sends_a_showcase_to_the_portal_as_a_draft(demo, client_for, portal, honey):
    url = reverse("outreach_showcase_article", args=[honey.pk])
    assert refused(client_for(demo.hung).post(url))
    assert client_for(demo.mai).post(url).status_code == 404
    honey.refresh_from_db()
    assert honey.article is None
    response = client_for(demo.tuan).post(url, follow=True)
    honey.refresh_from_db()
    assert honey.article is not None
    assert not honey.article.live
    assert "Đã tạo bản nháp" in response.content.decode()
    listing = client_for(demo.lan).get(reverse(SHOWCASE_LIST)).content.decode()
    assert "Bản nháp" in listing
