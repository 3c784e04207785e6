"""`pk__in=[…]` with an id no integer column can hold matches nothing instead of overflowing.

Django 5 already turns `pk=2**63` into an empty result (IntegerFieldOverflow), but not `__in`: a
ModelMultipleChoiceField checks the ids it was sent with `pk__in`, so `tasks=9223372036854775808`
on any form reached SQLite as "Python int too large" and PostgreSQL as a type error — a server
error. Registered once for IntegerField (and so every AutoField, BigAutoField, PositiveIntegerField
…), this covers every model choice field of every form, Wagtail's included, and every filter.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.lookups import In


class InWithinRange(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register_integer_lookups() -> None:
    models.IntegerField.register_lookup(InWithinRange)
