"""The shapes of the access declaration (xaso/access/policy.py): roles, models, views.

Kept apart from the declaration so that the declaration reads as a table, and so that
units.selectors can read the roles' reach without importing any app's selectors.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet
from django.utils.module_loading import import_string

from xaso.units.models import Role


class Reach(StrEnum):
    """How far a membership lets a person read: their own unit, its commune, or its province."""

    UNIT = "unit"
    COMMUNE = "commune"
    PROVINCE = "province"


class Duty(StrEnum):
    """What a membership lets a person do beyond reading; the selectors ask for these by name."""

    OWN_PROGRAMME = "own_programme"  # the commune's programme, plan and every unit's data
    LEAD = "lead"  # approve and sign for the commune
    WRITE_OWN_UNIT = "write_own_unit"  # the unit's own activities, reports, people
    EDIT_PORTAL = "edit_portal"  # the commune's e-information page
    FOLLOW_PROVINCE = "follow_province"  # read every commune of the province
    ONBOARD_COMMUNES = "onboard_communes"  # create the province's communes, import their units and people


@dataclass(frozen=True, kw_only=True)
class RoleRule:
    label: str
    reach: Reach
    duties: frozenset[Duty]
    # Roles that sign, approve or see many communes must log in with a second factor.
    second_factor: bool = False


VIEW = frozenset({"view"})
MANAGE = frozenset({"view", "add", "change", "delete"})
EDIT = frozenset({"view", "add", "change"})


@dataclass(frozen=True, kw_only=True)
class ModelRule:
    """Who may do what to one model's rows.

    `grants` gives each role the model-level actions (Django permissions) it holds;
    `readable`/`writable` are the dotted paths of the selectors that decide *which rows*
    (called with user=); `owner` is the field path from a row to the unit (or commune)
    it belongs to, which the audit trail and the permission-matrix test read."""

    grants: dict[Role, frozenset[str]]
    readable: str
    writable: str
    owner: str
    # "unit" when the owner path ends at a unit whose own people alone may read the row's
    # details; "commune" when the row belongs to the commune as a whole (plans, funding...).
    owner_level: Reach = Reach.UNIT
    # Extra Django permissions beyond view/add/change/delete (e.g. "reporting.add_reportingperiod").
    extra: dict[Role, frozenset[str]] = field(default_factory=dict)

    def permissions(self, label: str, role: Role) -> frozenset[str]:
        app_label, model = label.lower().split(".")
        actions = self.grants.get(role, frozenset())
        granted = {f"{app_label}.{action}_{model}" for action in actions}
        return frozenset(granted | self.extra.get(role, frozenset()))

    def readable_rows(self, *, user: Any) -> QuerySet[Any]:
        selector: Callable[..., QuerySet[Any]] = import_string(self.readable)
        return selector(user=user)

    def writable_rows(self, *, user: Any) -> QuerySet[Any]:
        selector: Callable[..., QuerySet[Any]] = import_string(self.writable)
        return selector(user=user)


@dataclass(frozen=True, kw_only=True)
class FileRule:
    """A file field of uploads that only readers of a row may download: `field` of the declaring
    model holds the file; `row` is the path to the row whose readers may see it ("" = the row
    itself), a row of `model` (a label of MODELS)."""

    field: str
    row: str
    model: str


class Gate(StrEnum):
    """Who may reach a URL at all (rows are then decided by the view's selectors)."""

    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed_in"  # any signed-in person (their own things only)
    ROLES = "roles"  # a person holding one of `roles` (or a superuser)
    MODEL = "model"  # the model's own grants (snippet screens, choosers, bulk actions)
    SUPERUSER = "superuser"  # the platform's operators only


PAGES = "pages"  # a page of the site tree, reached as xaso/access/pages.py says


@dataclass(frozen=True, kw_only=True)
class ViewRule:
    gate: Gate
    roles: frozenset[Role] = frozenset()
    model: str = ""
    why: str = ""
    # URL parameters naming a row the person must be able to read ("page_id": PAGES, "pk": a
    # model label), checked before the view runs; a row outside the person's reach is 404.
    rows: tuple[tuple[str, str], ...] = ()

    def with_rows(self, **rows: str) -> ViewRule:
        return ViewRule(gate=self.gate, roles=self.roles, model=self.model, why=self.why, rows=tuple(rows.items()))

    def allows(
        self, *, roles: Iterable[str], is_authenticated: bool, is_superuser: bool, has_model_access: bool
    ) -> bool:
        if self.gate == Gate.PUBLIC:
            return True
        if not is_authenticated:
            return False
        if is_superuser:
            return True
        if self.gate == Gate.SIGNED_IN:
            return True
        if self.gate == Gate.ROLES:
            return bool(set(roles) & {role.value for role in self.roles})
        if self.gate == Gate.MODEL:
            return has_model_access
        return False


def public(why: str = "") -> ViewRule:
    return ViewRule(gate=Gate.PUBLIC, why=why)


def signed_in(why: str = "") -> ViewRule:
    return ViewRule(gate=Gate.SIGNED_IN, why=why)


def roles(*allowed: Role, why: str = "") -> ViewRule:
    return ViewRule(gate=Gate.ROLES, roles=frozenset(allowed), why=why)


def any_role(why: str = "") -> ViewRule:
    return ViewRule(gate=Gate.ROLES, roles=frozenset(Role), why=why)


def superuser(why: str = "") -> ViewRule:
    return ViewRule(gate=Gate.SUPERUSER, why=why)


def model_views(label: str) -> ViewRule:
    return ViewRule(gate=Gate.MODEL, model=label)


def match_view(view_name: str, rules: dict[str, ViewRule]) -> ViewRule | None:
    """The rule of a URL name: an exact entry, else the longest matching wildcard pattern."""
    if view_name in rules:
        return rules[view_name]
    best: tuple[int, ViewRule] | None = None
    for pattern, rule in rules.items():
        wanted = "*" in pattern and fnmatch.fnmatchcase(view_name, pattern)
        if wanted and (best is None or len(pattern) > best[0]):
            best = (len(pattern), rule)
    return best[1] if best else None
