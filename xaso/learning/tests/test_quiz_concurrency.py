"""A quiz sheet submitted twice at the same moment (double click, two tabs): one result, progress intact.

Two real requests run at once in two threads, each with its own database connection and
its own session cookie for the same learner; a barrier releases them together.

On PostgreSQL both wait their turn on the enrolment's row lock and both answer with the one
recorded result. SQLite's in-memory test database cannot make a second writer wait (shared
cache locks fail at once, where the file database of a deployment waits up to 20 s): there the
second request may instead be told, in Vietnamese, that the server is busy and nothing was sent.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from xaso.learning.demo import _right_answers, load_courses, pass_lessons
from xaso.learning.models import Attempt, Completion, Course, LessonPass
from xaso.learning.services import enrolment_create, learner_create, self_enrol
from xaso.learning.views import ERR_BUSY, SESSION_KEY

pytestmark = pytest.mark.django_db(transaction=True)


def _post_together(url: str, data: dict[str, Any], learner_pk: int, times: int = 2) -> list[tuple[int, str]]:
    barrier = threading.Barrier(times)
    statuses: list[tuple[int, str]] = []
    failures: list[BaseException] = []

    clients = []
    for _ in range(times):  # two tabs of the same learner, signed in before the race starts
        client = Client()
        session = client.session
        session[SESSION_KEY] = learner_pk
        session.save()
        client.cookies["sessionid"] = session.session_key or ""
        clients.append(client)

    def submit(client: Client) -> None:
        try:
            barrier.wait(timeout=10)
            response = client.post(url, data)
            statuses.append((response.status_code, response.content.decode()))
        except BaseException as error:  # reported in the test thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return statuses


def _assert_answers(responses: list[tuple[int, str]]) -> None:
    codes = sorted(status for status, _ in responses)
    if connection.vendor == "postgresql":
        assert codes == [302, 302]
    else:
        assert codes in ([302, 302], [302, 503])
    for status, body in responses:
        if status == 503:
            assert ERR_BUSY[:40] in body


def test_two_simultaneous_submissions_of_one_sheet_record_one_attempt(demo):
    load_courses(lambda _: None, with_media=False)
    course = Course.objects.get(slug="nghi-quyet-57-ke-hoach-33")
    learner = learner_create(commune=course.commune, name="Hoàng Thị Mến")
    enrolment = self_enrol(course=course, learner=learner)
    lessons = list(course.lessons.all())
    url = reverse("learning:lesson", args=[course.slug, 1])
    data: dict[str, Any] = {"lan": "1"}
    data.update({f"q-{qid}": ids for qid, ids in _right_answers(lessons[0]).items()})

    _assert_answers(_post_together(url, data, learner.pk))

    assert Attempt.objects.filter(enrolment=enrolment).count() == 1
    assert LessonPass.objects.filter(enrolment=enrolment).count() == 1


def test_the_last_lesson_submitted_twice_at_once_completes_the_course_once(demo):
    load_courses(lambda _: None, with_media=False)
    course = Course.objects.get(slug="ky-nang-truyen-thong-so")
    learner = learner_create(commune=course.commune, name="Triệu Văn Chiến")
    enrolment = enrolment_create(learner=learner, course=course)
    lessons = list(course.lessons.all())
    pass_lessons(enrolment, 2)
    url = reverse("learning:lesson", args=[course.slug, 3])
    data: dict[str, Any] = {"lan": "1"}
    data.update({f"q-{qid}": ids for qid, ids in _right_answers(lessons[2]).items()})

    _assert_answers(_post_together(url, data, learner.pk))

    assert Attempt.objects.filter(enrolment=enrolment, lesson=lessons[2]).count() == 1
    assert LessonPass.objects.filter(enrolment=enrolment).count() == 3
    assert Completion.objects.filter(enrolment=enrolment).count() == 1
