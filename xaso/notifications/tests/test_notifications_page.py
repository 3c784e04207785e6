"""Back office › Thông báo: a person's own messages; opening one marks it read and follows its link."""

from __future__ import annotations

import pytest

from xaso.adminvi.screen import screen_text
from xaso.notifications.models import Notification
from xaso.notifications.services import notify

pytestmark = pytest.mark.django_db
URL = "/quan-tri/thong-bao/"


@pytest.fixture
def messages(demo):
    return [
        notify(user=demo.mai, key="a", subject="Kỳ báo cáo mới", body="Hạn 05/6.", url="/quan-tri/bao-cao/"),
        notify(user=demo.ha, key="a", subject="Tin cho cô Hà", body="…"),
    ]


def test_a_person_sees_her_own_messages_and_the_unread_count_in_the_menu(demo, messages, client_for):
    page = client_for(demo.mai).get(URL).text
    assert "Kỳ báo cáo mới" in page
    assert "Tin cho cô Hà" not in page
    assert "<th>Thời gian</th>" in page
    assert "<th>Lúc</th>" not in page
    menu = screen_text(client_for(demo.mai).get("/quan-tri/").content.decode())
    assert "Thông báo (1 chưa đọc)" in menu


def test_the_home_page_lists_unread_messages(demo, messages, client_for):
    assert "Thông báo chưa đọc" in client_for(demo.mai).get("/quan-tri/").text


def test_opening_a_message_marks_it_read_and_follows_its_link(demo, messages, client_for):
    response = client_for(demo.mai).get(f"{URL}{messages[0].pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/bao-cao/"
    assert Notification.objects.get(pk=messages[0].pk).read_at is not None


def test_someone_elses_message_is_not_found(demo, messages, client_for):
    assert client_for(demo.mai).get(f"{URL}{messages[1].pk}/").status_code == 404
    assert Notification.objects.get(pk=messages[1].pk).read_at is None


def test_all_are_marked_read_at_once(demo, messages, client_for):
    client_for(demo.mai).post(f"{URL}da-doc/")
    assert not Notification.objects.filter(user=demo.mai, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=demo.ha, read_at__isnull=True).exists()


def test_an_outsider_is_kept_out(demo, client_for):
    assert client_for(demo.outsider).get(URL).status_code in (302, 403)
