"""The back-office course form: communes limited to those the person owns, lessons kept once used."""

from __future__ import annotations

from typing import Any

from django import forms

from xaso.learning.models import Attempt, Course
from xaso.learning.services import ERR_LESSON_HAS_ATTEMPTS, course_save
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import communes_owned


class CourseForm(ScopedAdminForm):
    scoped_fields = {"commune": communes_owned}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        lessons = self.formsets.get("lessons")
        if lessons is None:
            return cleaned
        for form in lessons.forms:
            deleting = form.is_valid() and form.cleaned_data.get("DELETE")
            if deleting and form.instance.pk and Attempt.objects.filter(lesson=form.instance).exists():
                # Progress and certificates refer to the lesson: removing it would lose them.
                raise forms.ValidationError(ERR_LESSON_HAS_ATTEMPTS.format(title=form.instance.title))
        return cleaned

    def save(self, commit: bool = True) -> Course:
        course: Course = super().save(commit=False)
        if not commit:
            return course
        return course_save(course=course)


class UnitEnrolForm(forms.Form):
    course = forms.ModelChoiceField(label="Khóa học", queryset=Course.objects.none(), empty_label=None)
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Course.objects.none(), empty_label=None)

    def __init__(self, *args: Any, courses: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].help_text = (
            "Ghi danh mọi người đang công tác trong danh sách cán bộ của đơn vị (khóa chuyên sâu: chỉ cán bộ "
            "chuyên trách truyền thông). Người đã ghi danh giữ nguyên kết quả."
        )
