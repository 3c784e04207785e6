"""A lesson's quiz as a StreamField: questions with their choices, graded by stable block ids.

Each question and each choice keeps the id Wagtail gives it, so answers are stored as
ids: an editor who later reorders choices does not change what a submitted answer meant.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

ERR_NO_CORRECT = "Câu hỏi cần ít nhất một đáp án đúng."
ERR_SINGLE_MANY_CORRECT = "Câu hỏi một lựa chọn chỉ được có đúng một đáp án đúng."
ERR_FEW_CHOICES = "Câu hỏi cần ít nhất hai phương án."


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Phương án", max_length=300)
    correct = blocks.BooleanBlock(label="Đáp án đúng", required=False)


class QuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Câu hỏi", help_text="Câu trả lời phải có trong phần đọc của bài.")
    multiple = blocks.BooleanBlock(
        label="Chọn nhiều đáp án",
        required=False,
        help_text="Đánh dấu nếu câu hỏi có nhiều đáp án đúng; người học phải chọn đủ và đúng.",
    )
    choices = blocks.ListBlock(ChoiceBlock(), label="Các phương án", min_num=2)
    explanation = blocks.TextBlock(
        label="Giải thích", required=False, help_text="Hiện sau khi nộp bài, giúp người học hiểu vì sao."
    )

    class Meta:
        icon = "help"
        label = "Câu hỏi"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        problem = None
        if len(value["choices"]) < 2:
            problem = ERR_FEW_CHOICES
        elif correct == 0:
            problem = ERR_NO_CORRECT
        elif correct > 1 and not value["multiple"]:
            problem = ERR_SINGLE_MANY_CORRECT
        if problem:
            raise StructBlockValidationError(non_block_errors=ValidationError(problem))
        return value


class QuizBlock(blocks.StreamBlock):
    question = QuestionBlock()

    class Meta:
        block_counts: dict[str, dict[str, int]] = {}
