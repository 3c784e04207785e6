"""A resident learns on a phone: enrols with a name, passes lesson 1, lesson 2 unlocks, finishes the
course, downloads the certificate, and the public page verifies the code printed on it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from xaso.documents.tests.reading import pdf_text
from xaso.learning.demo import RESOLUTION_COURSE, load_courses
from xaso.learning.grading import questions_of
from xaso.learning.models import Course

pytestmark = pytest.mark.django_db(transaction=True)


def _answer(page: Page, lesson) -> None:
    for question in questions_of(lesson.quiz):
        for choice_id in sorted(question.correct_ids):
            page.locator(f"input[value='{choice_id}']").check()
    page.get_by_role("button", name="Nộp bài").click()


def test_a_resident_completes_the_course_and_the_certificate_verifies(demo, phone: Page):
    load_courses(lambda _: None, with_media=False)
    course = Course.objects.get(slug=RESOLUTION_COURSE)
    lessons = list(course.lessons.all())

    phone.goto("/hoc/")
    phone.get_by_role("link", name=course.title).click()
    expect(phone.get_by_text("Ghi danh để học").first).to_be_visible()
    phone.get_by_label("Họ và tên").fill("Hoàng Thị Mến")
    phone.get_by_label("Thôn hoặc trường (không bắt buộc)").select_option(label="Thôn Nà Pàn")
    phone.get_by_role("button", name="Ghi danh và bắt đầu học").click()
    expect(phone.get_by_role("status")).to_contain_text("Mã học viên của bạn: HV-")
    expect(phone.locator(".lessons li").nth(1)).to_contain_text("Chưa mở")

    phone.get_by_role("link", name=lessons[0].title).click()
    _answer(phone, lessons[0])
    expect(phone.get_by_role("status").first).to_contain_text("Đạt")
    phone.get_by_role("link", name=re.compile("^Học bài 2")).click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(lessons[1].title)
    expect(phone.get_by_role("button", name="Nộp bài")).to_be_visible()  # lesson 2 is open

    for number, lesson in enumerate(lessons[1:], start=2):
        phone.goto(f"/hoc/{course.slug}/bai/{number}/")
        _answer(phone, lesson)
    expect(phone.get_by_text("Chúc mừng! Bạn đã hoàn thành khóa học.")).to_be_visible()

    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Tải giấy chứng nhận (PDF)").click()
    text = " ".join(pdf_text(str(download_info.value.path())).split())
    assert "Hoàng Thị Mến" in text
    code = re.search(r"CN-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", text)
    assert code

    phone.goto("/xac-minh/")
    phone.get_by_label(re.compile("Mã chứng nhận")).fill(code.group(0).lower())
    phone.get_by_role("button", name="Kiểm tra").click()
    expect(phone.get_by_role("status")).to_contain_text("Giấy chứng nhận hợp lệ")
    expect(phone.get_by_role("status")).to_contain_text("Hoàng Thị Mến")

    phone.goto("/xac-minh/CN-0000-0000-00/")
    expect(phone.get_by_role("alert")).to_contain_text("Không tìm thấy giấy chứng nhận có mã")
