"""List filters of the back office offer only rows the person may read.

A snippet listing's filter by unit, club or person is built by Wagtail from the related model's
whole table: its drop-down named every commune's units and clubs. Here each filter over a declared
model offers that model's readable rows (xaso/access/policy.py MODELS), and a filter over people
those who hold a role in a unit the person reads."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from xaso.access.policy import MODELS


def readable_choices(*, model: type[Any], user: Any) -> QuerySet[Any] | None:
    """The rows of `model` a person may pick in a filter, or None when the model is not scoped."""
    label = model._meta.label
    if label in MODELS:
        return MODELS[label].readable_rows(user=user)
    if model is get_user_model():
        from xaso.units.selectors import memberships_readable

        return model.objects.filter(pk__in=memberships_readable(user=user).values("user_id"))
    return None


def scope_filterset(filterset: Any, *, user: Any) -> Any:
    for item in filterset.filters.values():
        queryset = getattr(item, "queryset", None)
        if queryset is None or callable(queryset):
            continue
        allowed = readable_choices(model=queryset.model, user=user)
        if allowed is not None:
            item.queryset = queryset.filter(pk__in=allowed.values("pk"))
    return filterset
