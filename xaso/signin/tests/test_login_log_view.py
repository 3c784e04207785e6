"""Back office › Nhật ký đăng nhập: the log-ins a person may read, in Vietnamese, filtered."""

from __future__ import annotations

from django.test import Client

URL = "/quan-tri/nhat-ky-dang-nhap/"


def test_the_leader_reads_the_log_ins_of_his_commune(demo, client_for, post_login):
    post_login(Client(), "thcs.mai", "sai-mat-khau", address="10.2.0.1")
    post_login(Client(), "tt.vhxh", address="10.2.0.2")
    page = client_for(demo.hung).get(URL).content.decode()
    assert "Nhật ký đăng nhập" in page
    assert "Sai tên đăng nhập hoặc mật khẩu" in page
    assert "10.2.0.1" in page
    assert "Lý Thị Mai" in page
    assert "tt.vhxh" not in page
    assert "10.2.0.2" not in page


def test_the_filter_keeps_one_outcome(demo, client_for, post_login):
    post_login(Client(), "thcs.mai", "sai-mat-khau", address="10.2.0.1")
    post_login(Client(), "tieuhoc.ha", address="10.2.0.3")
    page = client_for(demo.lan).get(URL, {"outcome": "failure"}).content.decode()
    assert "10.2.0.1" in page
    assert "10.2.0.3" not in page


def test_people_who_may_not_read_it_are_refused_and_get_no_menu_item(demo, client_for):
    for person in (demo.mai, demo.linh):
        client = client_for(person)
        answer = client.get(URL)
        assert (answer.status_code, answer["Location"]) == (302, "/quan-tri/")
        assert "Nhật ký đăng nhập" not in client.get("/quan-tri/").content.decode()
