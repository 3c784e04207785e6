"""Factories for tests: units are created through units.services so the tree stays valid."""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model

from xaso.units.models import Membership, OrgUnit, UnitKind
from xaso.units.services import membership_grant, unit_create


class UserFactory(factory.django.DjangoModelFactory[Any]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    first_name = "Lan"
    last_name = "Nguyễn Thị"
    email = factory.LazyAttribute(lambda o: f"{o.username}@xaso.local")
    password = factory.django.Password("mat-khau-thu")


class OrgUnitFactory(factory.Factory[OrgUnit]):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"dv-{n}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = UnitKind.OFFICE
    parent: Any = None

    @classmethod
    def _create(cls, model_class: type[OrgUnit], *args: Any, **kwargs: Any) -> OrgUnit:
        return unit_create(**kwargs)

    @classmethod
    def _build(cls, model_class: type[OrgUnit], *args: Any, **kwargs: Any) -> OrgUnit:
        kwargs.pop("parent", None)
        return model_class(**kwargs)


def province(code: str = "tinh", name: str = "Tỉnh Thử") -> OrgUnit:
    return OrgUnitFactory.create(code=code, name=name, kind=UnitKind.PROVINCE)


def commune(parent: OrgUnit, code: str = "xa", name: str = "Xã Thử") -> OrgUnit:
    return OrgUnitFactory.create(code=code, name=name, kind=UnitKind.COMMUNE, parent=parent)


def grant(user: Any, unit: OrgUnit, role: str) -> Membership:
    return membership_grant(user=user, unit=unit, role=role)
