"""Writing the audit trail.

Every save and delete of a model declared in xaso/access/policy.py MODELS is recorded, whatever
path made it — a back-office screen, a service, an XLSX import, a background task — together with
who was acting (the request's person, or the system for background work), and the commune and
unit the row belongs to (the declaration's `owner` path). This is the one place that sees every
write path, which is why it listens to model signals: it records, it never decides anything.
Log-ins (successes, failures, lock-outs, second-factor codes) are the log-in record of xaso/signin,
read beside this trail.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from xaso.access.policy import MODELS
from xaso.audit.models import AuditAction, AuditEntry
from xaso.units.models import OrgUnit, UnitKind

SYSTEM = "Hệ thống"

# (user, address) of the request being served; unset in background work.
_actor: contextvars.ContextVar[tuple[Any, str | None] | None] = contextvars.ContextVar("xaso_audit_actor", default=None)


class AuditContextMiddleware:
    """Remembers who is acting for the writes this request makes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        token = _actor.set((user, client_address(request)))
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    from django.conf import settings

    value = request.META.get(settings.READER_IP_HEADER) or request.META.get("REMOTE_ADDR") or ""
    return value.split(",")[0].strip() or None


def _name(user: Any) -> str:
    if user is None:
        return SYSTEM
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{full} ({user.get_username()})" if full else user.get_username()


def _owner(instance: Any, path: str) -> OrgUnit | None:
    """The unit (or commune, or province) a row belongs to, following the declared path."""
    if not path:
        return instance if isinstance(instance, OrgUnit) else None
    *hops, last = path.split("__")
    current = instance
    for hop in hops:
        current = getattr(current, hop, None)
        if current is None:
            return None
    unit_id = getattr(current, f"{last}_id", None)
    if unit_id is None:
        return None
    return OrgUnit.objects.filter(pk=unit_id).only("pk", "kind", "commune_id").first()


def _place(owner: OrgUnit | None) -> tuple[int | None, int | None]:
    """(commune id, unit id) of an owner unit."""
    if owner is None:
        return None, None
    if owner.kind == UnitKind.COMMUNE:
        return owner.pk, None
    if owner.kind in (UnitKind.PROVINCE, UnitKind.DEPARTMENT):
        return None, owner.pk
    return owner.commune_id, owner.pk


def record(
    *,
    action: str,
    title: str,
    model: str = "",
    object_id: Any = "",
    commune_id: int | None = None,
    unit_id: int | None = None,
    user: Any = None,
    data: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """One entry; the actor is `user` if given, else the person of the current request, else the system."""
    current = _actor.get()
    if user is None and current is not None:
        user = current[0]
    address = client_address(request) if request is not None else (current[1] if current is not None else None)
    return AuditEntry.objects.create(
        at=timezone.now(),
        action=action,
        user=user,
        actor=_name(user),
        address=address,
        model=model,
        object_id=str(object_id),
        title=title[:255],
        commune_id=commune_id,
        unit_id=unit_id,
        data=data or {},
    )


def _row_written(sender: type[Model], instance: Any, *, action: str) -> None:
    label = sender._meta.label
    rule = MODELS[label]
    commune_id, unit_id = _place(_owner(instance, rule.owner))
    record(
        action=action,
        title=str(instance),
        model=str(sender._meta.verbose_name),
        object_id=instance.pk,
        commune_id=commune_id,
        unit_id=unit_id,
    )


def _saved(sender: type[Model], instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        _row_written(sender, instance, action=AuditAction.CREATE if created else AuditAction.CHANGE)


def _deleted(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    _row_written(sender, instance, action=AuditAction.DELETE)


def connect() -> None:
    for label in MODELS:
        if label == "audit.AuditEntry":
            continue
        model = apps.get_model(label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"audit_saved_{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"audit_deleted_{label}")
