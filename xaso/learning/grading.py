"""Grading a lesson's quiz: answers are sets of choice ids per question id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    multiple: bool
    choices: tuple[Choice, ...]
    explanation: str

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(choice.id for choice in self.choices if choice.correct)


def questions_of(quiz: Any) -> list[Question]:
    """The quiz StreamField as plain questions, with Wagtail's stable ids for questions and choices."""
    result = []
    for block in quiz:
        value = block.value
        choices = tuple(
            Choice(id=str(child.id), text=child.value["text"], correct=bool(child.value["correct"]))
            for child in value["choices"].bound_blocks
        )
        result.append(
            Question(
                id=str(block.id),
                text=value["text"],
                multiple=bool(value["multiple"]),
                choices=choices,
                explanation=value.get("explanation") or "",
            )
        )
    return result


def unanswered(questions: Sequence[Question], answers: Mapping[str, Sequence[str]]) -> list[int]:
    """Positions (from 1) of the questions with no answer."""
    return [n for n, question in enumerate(questions, start=1) if not answers.get(question.id)]


def grade(questions: Sequence[Question], answers: Mapping[str, Sequence[str]]) -> tuple[int, dict[str, bool]]:
    """Number of questions answered exactly right, and right/wrong per question id."""
    verdicts = {question.id: frozenset(answers.get(question.id, ())) == question.correct_ids for question in questions}
    return sum(verdicts.values()), verdicts


def passes(*, correct: int, total: int, pass_mark: int) -> bool:
    # Integer arithmetic: 4 of 5 at 80% passes exactly, no float rounding at the edge.
    return total == 0 or correct * 100 >= pass_mark * total
