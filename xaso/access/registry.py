"""Wagtail's permission policies for every declared model, built from the declaration."""

from __future__ import annotations

from django.apps import apps
from wagtail.permissions import register_permission_policy

from xaso.access.policy import MODELS


def register_policies() -> None:
    from xaso.units.scoping import ScopedPermissionPolicy

    for label, rule in MODELS.items():
        model = apps.get_model(label)
        register_permission_policy(
            model, ScopedPermissionPolicy(model, readable=rule.readable_rows, writable=rule.writable_rows)
        )
