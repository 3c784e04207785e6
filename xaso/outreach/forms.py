"""Back-office forms of schools and enterprises: choices limited to the person's scope and to the
plan's tasks of the right group; every save goes through outreach.services."""

from __future__ import annotations

from typing import Any

from django.forms.models import construct_instance

from xaso.outreach import selectors
from xaso.outreach.models import Club, ClubSession, EnterpriseSession, SchoolEvent, Showcase
from xaso.outreach.services import (
    club_problems,
    club_save,
    club_session_problems,
    club_session_save,
    enterprise_session_problems,
    enterprise_session_save,
    school_event_problems,
    school_event_save,
    showcase_problems,
    showcase_save,
)
from xaso.plans.models import TaskGroupKey
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import UserLike


def _school_tasks(*, user: UserLike) -> Any:
    return selectors.tasks_of_group(user=user, group=TaskGroupKey.SCHOOLS)


def _enterprise_tasks(*, user: UserLike) -> Any:
    return selectors.tasks_of_group(user=user, group=TaskGroupKey.ENTERPRISES)


def _active_clubs(*, user: UserLike) -> Any:
    return selectors.clubs_writable(user=user).filter(is_active=True).select_related("unit")


class RulesMixin:
    """Runs the service's rules while the form validates, so each message sits next to its field
    (and Django's generic "constraint violated" never shows: a field in error skips its constraints)."""

    rules: Any = None

    def _post_clean(self) -> None:
        form: Any = self
        if self.rules is not None:
            instance = construct_instance(form, form.instance, form._meta.fields, form._meta.exclude)
            for field, messages in self.rules(instance).items():
                if field in form.fields and field in form.errors:
                    continue
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
        super()._post_clean()  # type: ignore[misc]


class OneChoiceMixin:
    """A reporter with one school (one club) need not choose it."""

    preselect: tuple[str, ...] = ()

    def preselect_single(self) -> None:
        form: Any = self
        if form.instance.pk or form.is_bound:
            return
        for name in self.preselect:
            field = form.fields.get(name)
            if field is not None and field.queryset.count() == 1:
                form.initial[name] = field.queryset.get().pk


class ClubForm(RulesMixin, OneChoiceMixin, ScopedAdminForm):
    rules = staticmethod(club_problems)
    scoped_fields = {"unit": selectors.schools_writable}
    preselect = ("unit",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.preselect_single()

    def save(self, commit: bool = True) -> Club:
        club: Club = super().save(commit=False)
        return club_save(club=club) if commit else club


class ClubSessionForm(RulesMixin, OneChoiceMixin, ScopedAdminForm):
    rules = staticmethod(club_session_problems)
    scoped_fields = {"club": _active_clubs, "tasks": _school_tasks}
    preselect = ("club",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A club closed since keeps its past sessions editable.
            self.fields["club"].queryset = (
                self.fields["club"].queryset
                | selectors.clubs_writable(user=self.for_user).filter(pk=self.instance.club_id)
            ).distinct()
        self.preselect_single()

    def save(self, commit: bool = True) -> ClubSession:
        session: ClubSession = super().save(commit=False)
        if not commit:
            return session
        return club_session_save(session=session, tasks=self.cleaned_data.get("tasks") or [], user=self.for_user)


class SchoolEventForm(RulesMixin, OneChoiceMixin, ScopedAdminForm):
    rules = staticmethod(school_event_problems)
    scoped_fields = {"unit": selectors.schools_writable, "tasks": _school_tasks}
    preselect = ("unit",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.preselect_single()

    def save(self, commit: bool = True) -> SchoolEvent:
        event: SchoolEvent = super().save(commit=False)
        if not commit:
            return event
        return school_event_save(event=event, tasks=self.cleaned_data.get("tasks") or [], user=self.for_user)


class EnterpriseSessionForm(RulesMixin, OneChoiceMixin, ScopedAdminForm):
    rules = staticmethod(enterprise_session_problems)
    scoped_fields = {"unit": selectors.enterprise_side_writable, "tasks": _enterprise_tasks}
    preselect = ("unit",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.preselect_single()

    def save(self, commit: bool = True) -> EnterpriseSession:
        session: EnterpriseSession = super().save(commit=False)
        if not commit:
            return session
        return enterprise_session_save(session=session, tasks=self.cleaned_data.get("tasks") or [], user=self.for_user)


class ShowcaseForm(RulesMixin, OneChoiceMixin, ScopedAdminForm):
    rules = staticmethod(showcase_problems)
    scoped_fields = {
        "unit": selectors.enterprise_side_writable,
        "enterprise": selectors.enterprises_choosable,
        "tasks": _enterprise_tasks,
    }
    preselect = ("unit",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.preselect_single()

    def save(self, commit: bool = True) -> Showcase:
        showcase: Showcase = super().save(commit=False)
        if not commit:
            return showcase
        return showcase_save(showcase=showcase, tasks=self.cleaned_data.get("tasks") or [], user=self.for_user)
