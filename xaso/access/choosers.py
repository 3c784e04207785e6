"""Snippet choosers that list and return only the rows the person may read.

Wagtail's choosers read `Model.objects.all()`: a chooser opened from any form (or typed as a
URL) listed every commune's activities, budget lines and people. These read the model's
declared `readable` selector instead, and never create: objects are created on their own
screens, through their services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)

from xaso.inputs.choosers import TolerantSnippetChooser


def _readable(model: type[Model], user: Any) -> QuerySet[Any]:
    policy = policy_registry.get_by_type(model)
    readable = getattr(policy, "readable", None)
    if readable is None:
        raise TypeError(f"{model.__name__} has no declared readable rows (xaso/access/policy.py MODELS).")
    queryset: QuerySet[Any] = readable(user=user)
    return queryset


def valid_pks(model: type[Model], raw: list[str]) -> list[Any]:
    """The ids among `raw` that the primary key field accepts; anything else is no object."""
    field = model._meta.pk
    accepted = []
    for value in raw:
        try:
            accepted.append(field.to_python(value))
        except (ValidationError, TypeError, ValueError, OverflowError):
            continue
    return [pk for pk in accepted if not isinstance(pk, int) or -(2**63) <= pk < 2**63]


class ScopedChooseMixin:
    model_class: type[Model]
    request: Any

    def get_object_list(self) -> QuerySet[Any]:
        return _readable(self.model_class, self.request.user)

    def can_create(self) -> bool:
        return False


class ScopedChooseView(ScopedChooseMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooseMixin, ChooseResultsView):
    pass


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk: Any) -> Any:
        pks = valid_pks(self.model_class, [pk])
        if not pks:
            raise Http404
        try:
            return _readable(self.model_class, self.request.user).get(pk=pks[0])
        except ObjectDoesNotExist as error:
            raise Http404 from error


class ScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks: list[str]) -> QuerySet[Any]:
        return _readable(self.model_class, self.request.user).filter(pk__in=valid_pks(self.model_class, pks))


class NoCreateView(SnippetCreateView):
    def can_create(self) -> bool:
        return False


class ScopedSnippetChooserViewSet(SnippetChooserViewSet):
    base_widget_class = TolerantSnippetChooser
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    create_view_class = NoCreateView
