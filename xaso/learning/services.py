"""Writes of learning: learners, enrolments (one person or a whole unit), quiz attempts, completions.

`quiz_submit` is the one place progress changes. Two submissions of the same attempt (a
double click, a second tab opened on the same question sheet) carry the same attempt
number; the enrolment row is locked for the transaction and (enrolment, lesson, number)
is unique in the database, so exactly one is recorded and the other gets its result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone

from xaso.learning import codes
from xaso.learning.grading import grade, passes, questions_of, unanswered
from xaso.learning.models import (
    Attempt,
    Completion,
    CountsTowards,
    Course,
    CourseAudience,
    Enrolment,
    Learner,
    Lesson,
    LessonPass,
)
from xaso.registers.models import Person
from xaso.units.models import OrgUnit, UnitKind

ERR_NAME_REQUIRED = "Hãy nhập họ và tên để ghi trên giấy chứng nhận."
ERR_NAME_LONG = "Họ và tên dài quá 100 ký tự."
ERR_UNIT_OTHER_COMMUNE = "“{unit}” không thuộc xã tổ chức khóa học."
ERR_UNIT_KIND = "Chỉ chọn thôn hoặc trường học."
ERR_COURSE_CLOSED = "Khóa học này chưa mở hoặc không cho tự ghi danh."
ERR_LEARNER_OTHER_COMMUNE = "Mã học viên này thuộc xã khác; hãy ghi danh mới."
ERR_LESSON_OTHER_COURSE = "Bài học không thuộc khóa học này."
ERR_LESSON_LOCKED = "Bài này chưa mở: hãy làm đạt bài trước đã."
ERR_UNANSWERED = "Bạn chưa trả lời câu {numbers}. Bài chưa được nộp; các lựa chọn của bạn vẫn còn."
ERR_ATTEMPT_NUMBER = "Phiếu làm bài không hợp lệ; hãy tải lại trang bài học."
ERR_NO_PEOPLE = "Đơn vị “{unit}” chưa có ai phù hợp trong danh sách cán bộ để ghi danh."

SELF_ENROL_KINDS = (UnitKind.VILLAGE, UnitKind.SCHOOL)
_CODE_TRIES = 5


def _unique_code(model: type[Learner] | type[Completion], field: str) -> str:
    for _ in range(_CODE_TRIES):
        code = codes.new_code()
        if not model.objects.filter(**{field: code}).exists():
            return code
    raise RuntimeError("Không tạo được mã ngẫu nhiên duy nhất.")  # 50 random bits: never in practice


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": ERR_NAME_REQUIRED})
    if len(name) > 100:
        raise ValidationError({"name": ERR_NAME_LONG})
    return name


@transaction.atomic
def learner_create(
    *, commune: OrgUnit, name: str, unit: OrgUnit | None = None, person: Person | None = None, user: Any = None
) -> Learner:
    if unit is not None and unit.commune_id != commune.pk:
        raise ValidationError({"unit": ERR_UNIT_OTHER_COMMUNE.format(unit=unit)})
    learner = Learner(
        commune=commune,
        name=_clean_name(name),
        unit=unit,
        person=person,
        code=_unique_code(Learner, "code"),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    learner.full_clean()
    learner.save()
    return learner


@transaction.atomic
def enrolment_create(*, learner: Learner, course: Course, user: Any = None) -> Enrolment:
    """Enrol once: a second call returns the existing enrolment with its progress."""
    if learner.commune_id != course.commune_id:
        raise ValidationError(ERR_LEARNER_OTHER_COMMUNE)
    enrolment, _ = Enrolment.objects.get_or_create(
        learner=learner,
        course=course,
        defaults={"enrolled_by": user if getattr(user, "is_authenticated", False) else None},
    )
    return enrolment


def _eligible_people(*, course: Course, unit: OrgUnit) -> list[Person]:
    people = Person.objects.filter(unit=unit, is_active=True).select_related("learner").order_by("full_name")
    if course.audience == CourseAudience.OFFICERS:
        people = people.filter(is_communication_officer=True)
    return list(people)


@transaction.atomic
def unit_enrol(*, course: Course, unit: OrgUnit, user: Any = None) -> list[Enrolment]:
    """Enrol every active person of a unit's officials registry (communication officers only for an
    officers' course). Returns the enrolments made now; people already enrolled keep theirs."""
    if unit.commune_id != course.commune_id:
        raise ValidationError({"unit": ERR_UNIT_OTHER_COMMUNE.format(unit=unit)})
    people = _eligible_people(course=course, unit=unit)
    if not people:
        raise ValidationError({"unit": ERR_NO_PEOPLE.format(unit=unit)})
    made = []
    for person in people:
        learner = getattr(person, "learner", None) or learner_create(
            commune=course.commune, name=person.full_name, unit=person.unit, person=person, user=user
        )
        if not Enrolment.objects.filter(learner=learner, course=course).exists():
            made.append(enrolment_create(learner=learner, course=course, user=user))
    return made


@transaction.atomic
def self_enrol(
    *, course: Course, name: str = "", unit: OrgUnit | None = None, learner: Learner | None = None
) -> Enrolment:
    """A resident or pupil enrols on the public site: a name (for the certificate) and optionally
    their village or school; nothing else is asked. An existing learner (same browser) is reused."""
    if not course.is_published or not course.open_enrolment:
        raise ValidationError(ERR_COURSE_CLOSED)
    if learner is None:
        if unit is not None and unit.kind not in SELF_ENROL_KINDS:
            raise ValidationError({"unit": ERR_UNIT_KIND})
        learner = learner_create(commune=course.commune, name=name, unit=unit)
    return enrolment_create(learner=learner, course=course)


@dataclass(frozen=True)
class Submission:
    attempt: Attempt
    duplicate: bool  # the same sheet was already submitted: this is the result recorded then
    completion: Completion | None


def _passed_lesson_ids(enrolment: Enrolment) -> set[int]:
    return set(LessonPass.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True))


def lesson_unlocked(*, lessons: Sequence[Lesson], lesson: Lesson, passed: set[int]) -> bool:
    for earlier in lessons:
        if earlier.pk == lesson.pk:
            return True
        if earlier.pk not in passed:
            return False
    return False


def next_attempt_number(*, enrolment: Enrolment, lesson: Lesson) -> int:
    return Attempt.objects.filter(enrolment=enrolment, lesson=lesson).count() + 1


@transaction.atomic
def quiz_submit(
    *, enrolment: Enrolment, lesson: Lesson, number: int, answers: Mapping[str, Sequence[str]]
) -> Submission:
    """Grade and record one attempt; pass the lesson; complete the course when every lesson is passed.

    Raises ValidationError (nothing recorded) for a locked lesson or unanswered questions."""
    if lesson.course_id != enrolment.course_id:
        raise ValidationError(ERR_LESSON_OTHER_COURSE)
    # Serialises submissions of one learner (PostgreSQL); SQLite's IMMEDIATE transactions do
    # the same for the whole database. The unique constraint below holds either way.
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    existing = Attempt.objects.filter(enrolment=enrolment, lesson=lesson, number=number).first()
    if existing is not None:
        return Submission(attempt=existing, duplicate=True, completion=_completion(enrolment))
    if number != next_attempt_number(enrolment=enrolment, lesson=lesson):
        raise ValidationError(ERR_ATTEMPT_NUMBER)
    lessons = list(enrolment.course.lessons.all())
    passed = _passed_lesson_ids(enrolment)
    if not lesson_unlocked(lessons=lessons, lesson=lesson, passed=passed):
        raise ValidationError(ERR_LESSON_LOCKED)
    questions = questions_of(lesson.quiz)
    # Only choices of this quiz count: a sheet opened before an editor changed the quiz, or a
    # forged value, leaves the question unanswered rather than silently wrong.
    known = {q.id: {c.id for c in q.choices} for q in questions}
    kept = {qid: sorted(set(answers.get(qid, ())) & choice_ids) for qid, choice_ids in known.items()}
    missing = unanswered(questions, kept)
    if missing:
        raise ValidationError(ERR_UNANSWERED.format(numbers=", ".join(str(n) for n in missing)))
    correct, _ = grade(questions, kept)
    attempt = Attempt(
        enrolment=enrolment,
        lesson=lesson,
        number=number,
        answers=kept,
        correct=correct,
        total=len(questions),
        passed=passes(correct=correct, total=len(questions), pass_mark=lesson.pass_mark),
    )
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        # Another connection recorded this very sheet between our read and our write.
        winner = Attempt.objects.get(enrolment=enrolment, lesson=lesson, number=number)
        return Submission(attempt=winner, duplicate=True, completion=_completion(enrolment))
    if attempt.passed and lesson.pk not in passed:
        LessonPass.objects.create(enrolment=enrolment, lesson=lesson, attempt=attempt, passed_at=attempt.submitted_at)
        passed.add(lesson.pk)
    completion = _completion(enrolment)
    if completion is None and lessons and all(item.pk in passed for item in lessons):
        completion = Completion.objects.create(
            enrolment=enrolment,
            completed_on=timezone.localdate(),
            certificate_code=_unique_code(Completion, "certificate_code"),
        )
        people_refresh_completed(person_ids=[enrolment.learner.person_id])
    return Submission(attempt=attempt, duplicate=False, completion=completion)


def _completion(enrolment: Enrolment) -> Completion | None:
    return Completion.objects.filter(enrolment=enrolment).first()


ERR_LESSON_HAS_ATTEMPTS = "Không xóa được bài “{title}”: đã có người làm bài kiểm tra của bài này."


@transaction.atomic
def course_save(*, course: Course) -> Course:
    """Save a course built by the back-office form, with its in-memory lessons."""
    course.full_clean()
    for lesson in course.lessons.all():
        lesson.full_clean(exclude=["course"])
    counted = Course.objects.filter(pk=course.pk).values_list("counts_towards", flat=True).first()
    # ClusterableModel.save() also writes (and deletes) the lessons held in memory.
    course.save()
    if counted is not None and counted != course.counts_towards:
        # The course now counts towards another indicator (or none): its graduates' dates follow.
        people = Completion.objects.filter(enrolment__course=course, enrolment__learner__person__isnull=False)
        people_refresh_completed(person_ids=people.values_list("enrolment__learner__person_id", flat=True))
    return course


def people_refresh_completed(*, person_ids: Iterable[int | None]) -> None:
    """Recompute when each registered person first completed a course counting towards an indicator.

    Kept on the people registry (registers.models.Person) like attendance and acknowledgements,
    so that "% informed" and "officers trained" for a whole province stay one scan of that table.
    Called when a completion is recorded and when a course changes what it counts towards."""
    ids = sorted({pk for pk in person_ids if pk is not None})
    if not ids:
        return
    # Locked before reading, so that two completions of one person at once cannot leave the older date.
    people = list(Person.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk"))
    rows = (
        Completion.objects.filter(enrolment__learner__person_id__in=ids)
        .order_by()
        .values("enrolment__learner__person_id")
        .annotate(
            informed=Min("completed_on", filter=Q(enrolment__course__counts_towards=CountsTowards.OFFICIALS_INFORMED)),
            trained=Min("completed_on", filter=Q(enrolment__course__counts_towards=CountsTowards.OFFICERS_TRAINED)),
        )
    )
    dates = {row["enrolment__learner__person_id"]: (row["informed"], row["trained"]) for row in rows}
    for person in people:
        person.first_course_informed_on, person.first_course_trained_on = dates.get(person.pk, (None, None))
    Person.objects.bulk_update(people, ["first_course_informed_on", "first_course_trained_on"])
