"""The learner's public pages: self-enrolment, lessons in order, results, certificate and its verification."""

from __future__ import annotations

import tempfile

import pytest
from django.urls import reverse

from xaso.documents.tests.reading import pdf_font_families, pdf_missing_words, pdf_text
from xaso.learning.demo import _right_answers, pass_lessons
from xaso.learning.models import Completion, Enrolment, Learner
from xaso.learning.services import ERR_LESSON_LOCKED, ERR_NAME_REQUIRED, ERR_UNANSWERED, learner_create, self_enrol
from xaso.learning.views import ERR_CERT_NOT_FOUND, ERR_CODE_UNKNOWN, MSG_DUPLICATE, SESSION_KEY


def _as_learner(client, learner):
    session = client.session
    session[SESSION_KEY] = learner.pk
    session.save()
    return client


@pytest.fixture
def learner(courses):
    return learner_create(commune=courses["resolution"].commune, name="Hoàng Thị Mến")


def test_it_lists_the_open_courses(client, courses):
    response = client.get(reverse("learning:index"))
    assert response.status_code == 200
    assert courses["resolution"].title in response.content.decode()


def test_a_resident_enrols_with_a_name_only_and_gets_a_learner_code(client, courses):
    course = courses["resolution"]
    response = client.post(reverse("learning:course", args=[course.slug]), {"name": "  Lý   Văn Tài ", "unit": ""})
    assert response.status_code == 302
    learner = Learner.objects.get(name="Lý Văn Tài")
    assert learner.unit is None
    assert learner.person is None
    page = client.get(response["Location"]).content.decode()
    assert learner.code_display in page


def test_enrolling_without_a_name_says_why_and_creates_nothing(client, courses):
    response = client.post(reverse("learning:course", args=[courses["resolution"].slug]), {"name": " "})
    assert response.status_code == 400
    assert not Learner.objects.exists()
    assert ERR_NAME_REQUIRED in response.content.decode()


def test_the_officers_course_is_not_open_to_self_enrolment(client, courses):
    response = client.post(reverse("learning:course", args=[courses["officers"].slug]), {"name": "Lý Văn Tài"})
    assert response.status_code == 400
    assert not Enrolment.objects.exists()


def test_a_learner_code_opens_the_learner_on_another_phone(client, learner):
    response = client.post(reverse("learning:code_enter"), {"code": learner.code_display.lower().replace("-", " ")})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == learner.pk


def test_an_unknown_learner_code_says_so(client, courses):
    response = client.post(reverse("learning:code_enter"), {"code": "HV-0000-0000-00"})
    assert response.status_code == 400
    assert ERR_CODE_UNKNOWN in response.content.decode()


def test_lesson_two_is_locked_until_lesson_one_is_passed(client, learner, courses):
    course = courses["resolution"]
    self_enrol(course=course, learner=learner)
    _as_learner(client, learner)
    response = client.get(reverse("learning:lesson", args=[course.slug, 2]))
    assert response.status_code == 403
    assert "Bài này chưa mở" in response.content.decode()
    first = course.lessons.first()
    data = {"lan": "1", **{f"q-{qid}": ids for qid, ids in _right_answers(first).items()}}
    response = client.post(reverse("learning:lesson", args=[course.slug, 1]), data)
    assert response.status_code == 302
    result = client.get(response["Location"]).content.decode()
    assert "Đạt" in result
    assert "Học bài 2" in result
    assert client.get(reverse("learning:lesson", args=[course.slug, 2])).status_code == 200
    assert ERR_LESSON_LOCKED  # the service refuses a forged post as well (test_quiz_submit)


def test_an_unanswered_quiz_keeps_the_choices_made(client, learner, courses):
    course = courses["resolution"]
    self_enrol(course=course, learner=learner)
    _as_learner(client, learner)
    first = course.lessons.first()
    answers = _right_answers(first)
    kept_qid, kept_ids = next(iter(answers.items()))
    response = client.post(reverse("learning:lesson", args=[course.slug, 1]), {"lan": "1", f"q-{kept_qid}": kept_ids})
    page = response.content.decode()
    assert response.status_code == 400
    assert ERR_UNANSWERED.format(numbers="2, 3")[:30] in page
    assert f'value="{kept_ids[0]}" checked' in page


def test_a_resubmitted_sheet_shows_the_first_result_and_says_why(client, learner, courses):
    course = courses["resolution"]
    self_enrol(course=course, learner=learner)
    _as_learner(client, learner)
    first = course.lessons.first()
    data = {"lan": "1", **{f"q-{qid}": ids for qid, ids in _right_answers(first).items()}}
    client.post(reverse("learning:lesson", args=[course.slug, 1]), data)
    response = client.post(reverse("learning:lesson", args=[course.slug, 1]), data)
    assert response["Location"].endswith("?trung=1")
    assert MSG_DUPLICATE[:40] in client.get(response["Location"]).content.decode()


def _pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        return pdf_text(file.name)


def test_the_certificate_is_a_pdf_with_vietnamese_text_and_the_verification_address(client, courses):
    course = courses["resolution"]
    learner = learner_create(commune=course.commune, name="Nguyễn Thị Hường")
    enrolment = self_enrol(course=course, learner=learner)
    pass_lessons(enrolment, 4)
    completion = Completion.objects.get(enrolment=enrolment)
    _as_learner(client, learner)
    response = client.get(reverse("learning:certificate", args=[course.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(response.content).split())
    assert "GIẤY CHỨNG NHẬN" in text
    assert "Nguyễn Thị Hường" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert f"/xac-minh/{completion.certificate_display}/" in text
    assert "Xã Hoàng Văn Thụ, ngày" in text  # a commune named after a person keeps its unit word


def test_the_certificate_is_set_in_one_serif_with_every_letter_whole(client, courses, tmp_path):
    # "GI□Y CH□NG NH□N", "Hoàng Th□ M□n": what Liberation Serif 1.07 printed before.
    course = courses["resolution"]
    learner = learner_create(commune=course.commune, name="Hoàng Thị Mận Nguyễn Ưng Thường")
    pass_lessons(self_enrol(course=course, learner=learner), 4)
    _as_learner(client, learner)
    path = tmp_path / "giay-chung-nhan.pdf"
    path.write_bytes(client.get(reverse("learning:certificate", args=[course.slug])).content)
    assert pdf_font_families(str(path)) == {"LiberationSerif"}
    source = f"GIẤY CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC Chứng nhận Ông/Bà: {learner.name} {course.title}"
    assert pdf_missing_words(str(path), source) == []


def test_no_certificate_before_completion(client, learner, courses):
    course = courses["resolution"]
    self_enrol(course=course, learner=learner)
    _as_learner(client, learner)
    assert client.get(reverse("learning:certificate", args=[course.slug])).status_code == 404


def test_the_public_page_verifies_a_certificate_code(client, courses):
    course = courses["resolution"]
    enrolment = self_enrol(course=course, learner=learner_create(commune=course.commune, name="Nguyễn Thị Hường"))
    pass_lessons(enrolment, 4)
    completion = Completion.objects.get(enrolment=enrolment)
    response = client.get(reverse("learning:verify_code", args=[completion.certificate_display.lower()]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Giấy chứng nhận hợp lệ" in page
    assert "Nguyễn Thị Hường" in page
    assert course.title in page


@pytest.mark.parametrize("code", ["CN-0000-0000-00", "khong-co", "<script>alert(1)</script>", "x" * 500])
def test_an_unknown_certificate_code_gets_a_clear_message_and_no_details(client, courses, code):
    response = client.get(reverse("learning:verify"), {"ma": code})
    page = response.content.decode()
    assert response.status_code == 404
    assert ERR_CERT_NOT_FOUND.split("“")[0] in page
    assert "<script>alert" not in page
    assert "Người học" not in page
