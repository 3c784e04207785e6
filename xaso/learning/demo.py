"""The courses Xã số ships (seed/courses.yaml) and a few demo learners, loaded by `manage.py load_demo`.

The courses are real content built from the seed plan. The learners are made up: officials of
the registry (when the registry demo has people) enrolled by unit, a few of whom have finished,
and one resident who enrolled herself. Every step creates only what is missing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from django.core.files.base import ContentFile
from django.db import transaction

from xaso.learning.grading import questions_of
from xaso.learning.models import Completion, Course, Enrolment, Learner, Lesson
from xaso.learning.services import (
    course_save,
    learner_create,
    next_attempt_number,
    quiz_submit,
    self_enrol,
    unit_enrol,
)
from xaso.units.models import OrgUnit

SEED = Path(__file__).resolve().parent / "seed" / "courses.yaml"
RESOLUTION_COURSE = "nghi-quyet-57-ke-hoach-33"
OFFICERS_COURSE = "ky-nang-truyen-thong-so"
DEMO_RESIDENT = "Hoàng Thị Mến"  # made up
Log = Callable[[str], None]


def _quiz(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "type": "question",
            "value": {
                "text": row["text"],
                "multiple": bool(row.get("multiple")),
                # ListBlock's own format, with an id per choice: answers are stored by these ids.
                "choices": [
                    {"type": "item", "value": {"text": text, "correct": correct}, "id": str(uuid.uuid4())}
                    for text, correct in row["choices"]
                ],
                "explanation": row.get("explanation", ""),
            },
        }
        for row in rows
    ]


def _speech(text: str) -> bytes:
    from xaso.portal.demo import _speech_ogg  # the portal demo's espeak-ng + oggenc pipeline

    return _speech_ogg(text)


@transaction.atomic
def load_courses(log: Log, *, with_media: bool = True) -> list[Course]:
    courses = []
    created = 0
    for row in yaml.safe_load(SEED.read_text(encoding="utf-8")):
        course = Course.objects.filter(slug=row["slug"]).first()
        if course is not None:
            courses.append(course)
            continue
        commune = OrgUnit.objects.filter(code=row["commune"]).first()
        if commune is None:
            continue
        course = Course(
            commune=commune,
            slug=row["slug"],
            title=row["title"],
            summary=row["summary"],
            audience=row["audience"],
            counts_towards=row["counts_towards"],
            open_enrolment=row["open_enrolment"],
            is_published=True,
        )
        lessons: list[Lesson] = []
        for spec in row["lessons"]:
            lesson = Lesson(
                title=spec["title"], reading=spec["reading"], quiz=_quiz(spec["quiz"]), pass_mark=spec["pass_mark"]
            )
            if with_media and spec.get("audio"):
                lesson.media = ContentFile(_speech(spec["audio"]), name=f"{row['slug']}-{len(lessons) + 1}.ogg")
                lesson.media_transcript = spec["audio"]
            lessons.append(lesson)
        course.lessons = lessons
        courses.append(course_save(course=course))
        created += 1
    log(f"Khóa học: thêm {created}.")
    return courses


def _right_answers(lesson: Lesson) -> dict[str, list[str]]:
    return {q.id: sorted(q.correct_ids) for q in questions_of(lesson.quiz)}


def pass_lessons(enrolment: Enrolment, count: int) -> None:
    """Answer the first `count` lessons correctly, as the learner would (for demo data and tests)."""
    for lesson in list(enrolment.course.lessons.all())[:count]:
        if not enrolment.passes.filter(lesson=lesson).exists():
            number = next_attempt_number(enrolment=enrolment, lesson=lesson)
            quiz_submit(enrolment=enrolment, lesson=lesson, number=number, answers=_right_answers(lesson))


@transaction.atomic
def load_demo_learners(log: Log) -> None:
    courses = {course.slug: course for course in Course.objects.filter(slug__in=[RESOLUTION_COURSE, OFFICERS_COURSE])}
    resolution, officers = courses.get(RESOLUTION_COURSE), courses.get(OFFICERS_COURSE)
    if resolution is None or officers is None:
        log("Học viên mẫu: chưa có khóa học.")
        return
    made = 0
    for code, finished in (("ls-hvt-vhxh", 3), ("ls-hvt-vp", 2), ("ls-hvt-kt", 0)):
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None or not unit.people.filter(is_active=True).exists():
            continue
        fresh = Enrolment.objects.filter(course=resolution, learner__unit=unit).count() == 0
        enrolments = unit_enrol(course=resolution, unit=unit) if fresh else []
        made += len(enrolments)
        for index, enrolment in enumerate(enrolments):
            pass_lessons(enrolment, 4 if index < finished else 1)
    for code in ("ls-hvt-vhxh", "ls-hvt-dtt"):
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None or not unit.people.filter(is_active=True, is_communication_officer=True).exists():
            continue
        if not Enrolment.objects.filter(course=officers, learner__unit=unit).exists():
            enrolments = unit_enrol(course=officers, unit=unit)
            made += len(enrolments)
            if enrolments:
                pass_lessons(enrolments[0], 3)
    if not Learner.objects.filter(name=DEMO_RESIDENT, person=None).exists():
        village = OrgUnit.objects.filter(code="ls-hvt-t-napan").first()
        learner = learner_create(commune=resolution.commune, name=DEMO_RESIDENT, unit=village)
        pass_lessons(self_enrol(course=resolution, learner=learner), 1)
        made += 1
    done = Completion.objects.filter(enrolment__course__in=[resolution, officers]).count()
    log(f"Học viên mẫu: thêm {made} lượt ghi danh; {done} người đã hoàn thành.")
