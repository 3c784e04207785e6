"""Helpers for the dashboard's hottest reads, written in plain SQL.

They run on every view of a dashboard and of the province overview. Built with the ORM, their
filtered sums and correlated subqueries cost more Python time to assemble than the database takes
to answer them (bench/activities_dashboard.py measures it). The statements use only SQL that SQLite
and PostgreSQL share; identifiers come from the models' own metadata and values are always passed
as parameters, never formatted into the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def table(model: type[models.Model]) -> str:
    return model._meta.db_table


def marks(values: Sequence[object]) -> str:
    """Placeholders for an IN list; "IN (NULL)" for none, which matches nothing (PostgreSQL refuses
    "IN ()"), as the ORM's `__in=[]` did."""
    return ", ".join(["%s"] * len(values)) or "NULL"


def day(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


def fetch(statement: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()
