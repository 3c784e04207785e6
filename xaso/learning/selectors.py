"""Reads of learning: open courses, a learner's progress, and what each person sees in the back office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from xaso.learning.models import Attempt, Completion, Course, Enrolment, Learner, Lesson, LessonPass
from xaso.learning.services import lesson_unlocked
from xaso.units.models import OrgUnit
from xaso.units.selectors import UserLike, communes_readable, scope_for


def courses_open(*, commune_id: int | None = None) -> QuerySet[Course]:
    courses = Course.objects.filter(is_published=True).select_related("commune")
    return courses.filter(commune_id=commune_id) if commune_id else courses


def course_open(*, slug: str) -> Course | None:
    return courses_open().filter(slug=slug).first()


@dataclass(frozen=True)
class LessonState:
    lesson: Lesson
    number: int
    passed: bool
    unlocked: bool
    last: Attempt | None


@dataclass(frozen=True)
class Progress:
    lessons: list[LessonState]
    completion: Completion | None

    @property
    def passed_count(self) -> int:
        return sum(1 for state in self.lessons if state.passed)

    def state(self, number: int) -> LessonState | None:
        return self.lessons[number - 1] if 1 <= number <= len(self.lessons) else None


def course_lessons(*, course: Course) -> list[Lesson]:
    return list(course.lessons.all())


def progress_of(*, course: Course, enrolment: Enrolment | None) -> Progress:
    lessons = course_lessons(course=course)
    passed: set[int] = set()
    last: dict[int, Attempt] = {}
    completion = None
    if enrolment is not None:
        passed = set(LessonPass.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True))
        for attempt in Attempt.objects.filter(enrolment=enrolment).order_by("lesson_id", "number"):
            last[attempt.lesson_id] = attempt
        completion = Completion.objects.filter(enrolment=enrolment).first()
    states = [
        LessonState(
            lesson=lesson,
            number=number,
            passed=lesson.pk in passed,
            unlocked=enrolment is not None and lesson_unlocked(lessons=lessons, lesson=lesson, passed=passed),
            last=last.get(lesson.pk),
        )
        for number, lesson in enumerate(lessons, start=1)
    ]
    return Progress(lessons=states, completion=completion)


def learner_by_code(*, code: str) -> Learner | None:
    return Learner.objects.filter(code=code).first() if code else None


def enrolment_of(*, learner: Learner | None, course: Course) -> Enrolment | None:
    if learner is None:
        return None
    return Enrolment.objects.filter(learner=learner, course=course).first()


def learner_courses(*, learner: Learner) -> list[tuple[Enrolment, int, int, Completion | None]]:
    """Each enrolment of a learner with lessons passed, lessons in all and completion."""
    result = []
    for enrolment in learner.enrolments.select_related("course").order_by("enrolled_at"):
        total = enrolment.course.lessons.count()
        passed = enrolment.passes.count()
        result.append((enrolment, passed, total, Completion.objects.filter(enrolment=enrolment).first()))
    return result


def completion_by_certificate(*, code: str) -> Completion | None:
    if not code:
        return None
    return (
        Completion.objects.filter(certificate_code=code)
        .select_related("enrolment__learner", "enrolment__course__commune")
        .first()
    )


# -- back office: scope ----------------------------------------------------------------------------


def courses_readable(*, user: UserLike) -> QuerySet[Course]:
    return Course.objects.filter(commune__in=communes_readable(user=user))


def courses_writable(*, user: UserLike) -> QuerySet[Course]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Course.objects.all()
    return Course.objects.filter(commune_id__in=scope.owned_commune_ids)


def _commune_wide_q(*, user: UserLike, prefix: str) -> Q:
    """Learners without a unit (residents who enrolled themselves) belong to the commune as a whole:
    those who read the whole commune see them, a unit's reporter does not."""
    scope = scope_for(user=user)
    query = Q(**{f"{prefix}commune_id__in": scope.owned_commune_ids | scope.led_commune_ids})
    for province_path in scope.viewed_province_paths:
        query |= Q(**{f"{prefix}commune__path__startswith": province_path})
    return Q(**{f"{prefix}unit__isnull": True}) & query


def enrolments_readable(*, user: UserLike) -> QuerySet[Enrolment]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Enrolment.objects.all()
    if scope.is_empty:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(scope.unit_q("learner__unit__") | _commune_wide_q(user=user, prefix="learner__"))


def enrolments_writable(*, user: UserLike) -> QuerySet[Enrolment]:
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Enrolment.objects.all()
    return Enrolment.objects.filter(
        Q(learner__unit_id__in=scope.own_unit_ids) | Q(learner__commune_id__in=scope.owned_commune_ids)
    )


# -- figures for the programme's reports --------------------------------------------------------------


@dataclass(frozen=True)
class LearningFigures:
    completions: int
    officials_informed: int
    officers_trained: int
    residents: int


def learning_figures(
    *, user: UserLike, commune: OrgUnit, start: dt.date, end: dt.date, unit_ids: Iterable[int] | None = None
) -> LearningFigures:
    """Courses completed between `start` and `end` by the commune's learners the person reads (of some
    units only, with `unit_ids`: residents belong to no unit and are then left out)."""
    enrolments = enrolments_readable(user=user).filter(course__commune=commune)
    if unit_ids is not None:
        enrolments = enrolments.filter(learner__unit_id__in=list(unit_ids))
    completions = Completion.objects.filter(
        enrolment__in=enrolments, completed_on__gte=start, completed_on__lte=end
    ).aggregate(
        n=Count("pk"),
        informed=Count("pk", filter=Q(enrolment__course__counts_towards="officials_informed")),
        trained=Count("pk", filter=Q(enrolment__course__counts_towards="officers_trained")),
        residents=Count("pk", filter=Q(enrolment__learner__person__isnull=True)),
    )
    return LearningFigures(completions["n"], completions["informed"], completions["trained"], completions["residents"])
