"""The back-office activity form: choices limited to the person's scope, rules shared with the services."""

from __future__ import annotations

from typing import Any

from django import forms

from xaso.activities.models import Activity
from xaso.activities.rules import relation_problems
from xaso.activities.services import activity_save
from xaso.plans.selectors import tasks_readable
from xaso.registers.selectors import guiding_documents_readable, people_readable, science_tasks_readable
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import UserLike, units_writable

MAX_EVIDENCE = 20
ERR_TOO_MUCH_EVIDENCE = "Mỗi hoạt động có tối đa {count} tệp minh chứng."


def _active_people(*, user: UserLike) -> Any:
    return people_readable(user=user).filter(is_active=True).select_related("unit")


def _plan_tasks(*, user: UserLike) -> Any:
    return tasks_readable(user=user).filter(plan__is_active=True).select_related("group")


def _kept(form: Any) -> bool:
    deleting = form.is_valid() and form.cleaned_data.get("DELETE")
    return not deleting and (bool(form.instance.pk) or form.has_changed())


class ActivityForm(ScopedAdminForm):
    scoped_fields = {
        "unit": units_writable,
        "tasks": _plan_tasks,
        "attendees": _active_people,
        "guiding_documents": guiding_documents_readable,
        "science_tasks": science_tasks_readable,
    }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        units = self.fields["unit"].queryset
        if not self.instance.pk and not self.is_bound and units.count() == 1:
            # A reporter has one unit: no need to make her choose it.
            self.initial["unit"] = units.get().pk

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        unit = cleaned.get("unit")
        if unit is None:
            return cleaned
        # The model's own clean() checks the dates against this commune's programme.
        self.instance.commune_id = unit.commune_id
        problems = relation_problems(
            commune_id=unit.commune_id,
            tasks=cleaned.get("tasks") or [],
            attendees=cleaned.get("attendees") or [],
            guiding_documents=cleaned.get("guiding_documents") or [],
            science_tasks=cleaned.get("science_tasks") or [],
            officials=cleaned.get("officials") or 0,
        )
        for field, message in problems.items():
            self.add_error(field, message)
        evidence = self.formsets.get("evidence")
        if evidence is not None and sum(1 for form in evidence.forms if _kept(form)) > MAX_EVIDENCE:
            raise forms.ValidationError(ERR_TOO_MUCH_EVIDENCE.format(count=MAX_EVIDENCE))
        return cleaned

    def save(self, commit: bool = True) -> Activity:
        activity: Activity = super().save(commit=False)
        if not commit:
            return activity
        return activity_save(activity=activity, user=self.for_user)
