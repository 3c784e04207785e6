"""quiz_submit: grading, unlocking in order, completion, and what a repeated sheet does."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from xaso.learning.demo import _right_answers, pass_lessons
from xaso.learning.grading import questions_of
from xaso.learning.models import Attempt, Completion, LessonPass
from xaso.learning.services import (
    ERR_ATTEMPT_NUMBER,
    ERR_LESSON_LOCKED,
    ERR_UNANSWERED,
    learner_create,
    quiz_submit,
    self_enrol,
)
from xaso.units.models import OrgUnit


@pytest.fixture
def enrolment(courses):
    course = courses["resolution"]
    learner = learner_create(commune=course.commune, name="Hoàng Thị Mến")
    return self_enrol(course=course, learner=learner)


def _lessons(enrolment):
    return list(enrolment.course.lessons.all())


def test_it_passes_a_lesson_answered_right_and_unlocks_the_next(enrolment):
    first, second = _lessons(enrolment)[:2]
    submission = quiz_submit(enrolment=enrolment, lesson=first, number=1, answers=_right_answers(first))
    assert submission.attempt.passed
    assert submission.attempt.correct == submission.attempt.total == 3
    assert LessonPass.objects.filter(enrolment=enrolment, lesson=first).exists()
    quiz_submit(enrolment=enrolment, lesson=second, number=1, answers=_right_answers(second))
    assert LessonPass.objects.filter(enrolment=enrolment).count() == 2


def test_it_records_a_failed_attempt_without_passing(enrolment):
    first = _lessons(enrolment)[0]
    wrong = {q.id: [next(c.id for c in q.choices if not c.correct)] for q in questions_of(first.quiz)}
    submission = quiz_submit(enrolment=enrolment, lesson=first, number=1, answers=wrong)
    assert not submission.attempt.passed
    assert submission.attempt.correct == 0
    assert not LessonPass.objects.filter(enrolment=enrolment).exists()


def test_a_multiple_choice_question_needs_every_right_choice_and_no_wrong_one(enrolment):
    first = _lessons(enrolment)[0]
    answers = _right_answers(first)
    multiple = next(q for q in questions_of(first.quiz) if q.multiple)
    answers[multiple.id] = answers[multiple.id][:-1]  # one right choice missing
    submission = quiz_submit(enrolment=enrolment, lesson=first, number=1, answers=answers)
    assert submission.attempt.correct == 2
    assert not submission.attempt.passed  # 2/3 = 67% < 80%


def test_it_refuses_a_locked_lesson_and_records_nothing(enrolment):
    second = _lessons(enrolment)[1]
    with pytest.raises(ValidationError) as error:
        quiz_submit(enrolment=enrolment, lesson=second, number=1, answers=_right_answers(second))
    assert error.value.messages == [ERR_LESSON_LOCKED]
    assert not Attempt.objects.exists()


def test_it_refuses_unanswered_questions_and_records_nothing(enrolment):
    first = _lessons(enrolment)[0]
    answers = _right_answers(first)
    answers.pop(questions_of(first.quiz)[1].id)
    with pytest.raises(ValidationError) as error:
        quiz_submit(enrolment=enrolment, lesson=first, number=1, answers=answers)
    assert error.value.messages == [ERR_UNANSWERED.format(numbers="2")]
    assert not Attempt.objects.exists()


def test_the_same_sheet_submitted_again_returns_the_first_result(enrolment):
    first = _lessons(enrolment)[0]
    wrong = {q.id: [next(c.id for c in q.choices if not c.correct)] for q in questions_of(first.quiz)}
    original = quiz_submit(enrolment=enrolment, lesson=first, number=1, answers=wrong)
    again = quiz_submit(enrolment=enrolment, lesson=first, number=1, answers=_right_answers(first))
    assert again.duplicate
    assert again.attempt.pk == original.attempt.pk
    assert not again.attempt.passed
    assert Attempt.objects.count() == 1


def test_it_refuses_a_sheet_numbered_ahead(enrolment):
    first = _lessons(enrolment)[0]
    with pytest.raises(ValidationError) as error:
        quiz_submit(enrolment=enrolment, lesson=first, number=5, answers=_right_answers(first))
    assert error.value.messages == [ERR_ATTEMPT_NUMBER]


def test_it_ignores_choices_that_are_not_in_the_quiz(enrolment):
    first = _lessons(enrolment)[0]
    answers = {qid: [*ids, "khong-co-that"] for qid, ids in _right_answers(first).items()}
    submission = quiz_submit(enrolment=enrolment, lesson=first, number=1, answers=answers)
    assert submission.attempt.passed
    assert all("khong-co-that" not in ids for ids in submission.attempt.answers.values())


def test_a_question_answered_only_with_unknown_choices_is_unanswered(enrolment):
    first = _lessons(enrolment)[0]
    answers = _right_answers(first)
    answers[questions_of(first.quiz)[0].id] = ["lua-chon-cu"]
    with pytest.raises(ValidationError) as error:
        quiz_submit(enrolment=enrolment, lesson=first, number=1, answers=answers)
    assert error.value.messages == [ERR_UNANSWERED.format(numbers="1")]


def test_choice_ids_stay_the_same_between_reads(enrolment):
    from xaso.learning.models import Lesson

    first = _lessons(enrolment)[0]
    again = Lesson.objects.get(pk=first.pk)
    assert [q.choices for q in questions_of(first.quiz)] == [q.choices for q in questions_of(again.quiz)]


def test_passing_every_lesson_completes_the_course_once_with_a_certificate_code(enrolment):
    pass_lessons(enrolment, 4)
    completion = Completion.objects.get(enrolment=enrolment)
    assert len(completion.certificate_code) == 10
    assert completion.certificate_display.startswith("CN-")
    first = _lessons(enrolment)[0]
    quiz_submit(enrolment=enrolment, lesson=first, number=2, answers=_right_answers(first))  # practice
    assert Completion.objects.filter(enrolment=enrolment).count() == 1


def test_a_learner_of_a_unit_of_another_commune_is_refused(courses):
    other = OrgUnit.objects.get(code="ls-tt-th")
    with pytest.raises(ValidationError):
        learner_create(commune=courses["resolution"].commune, name="Nông Văn A", unit=other)
