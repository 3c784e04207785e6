"""Typed query parameters: `?nam=2026`, `?don-vi=12`, `?trang=3`, read in one way everywhere.

`str.isdigit()` is not a test for "int() will accept this": it says yes to "²" and "①", and int()
accepts "٣" (Arabic-Indic three) or 5,000 digits it then refuses or the database overflows on.
A parameter here is a number only when it is 1 to `max_digits` ASCII digits inside its range;
anything else falls back to the caller's default, or, through `require`, becomes a Vietnamese 404.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from django.http import Http404

# The database's largest key (a signed 64-bit integer): an id beyond it can name no row.
MAX_ID = 2**63 - 1
YEAR_MIN, YEAR_MAX = 2000, 2100
TEXT_MAX = 200

ERR_PARAM = "Địa chỉ có tham số “{name}” không hợp lệ."

_DIGITS = re.compile(r"[0-9]{1,19}")
# Control characters (NUL included) never belong in a search box or a slug.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

T = TypeVar("T")


def parse_int(raw: str | None, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The integer written in ASCII digits within [minimum, maximum], else None."""
    if raw is None or not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def query_int(query: Mapping[str, str], name: str, default: T, *, minimum: int = 0, maximum: int = MAX_ID) -> int | T:
    value = parse_int(query.get(name), minimum=minimum, maximum=maximum)
    return default if value is None else value


def query_id(query: Mapping[str, str], name: str) -> int | None:
    """A primary key (1 … 2^63-1), or None when absent or malformed."""
    return parse_int(query.get(name), minimum=1, maximum=MAX_ID)


def query_year(
    query: Mapping[str, str], name: str, default: T, *, first: int = YEAR_MIN, last: int = YEAR_MAX
) -> int | T:
    return query_int(query, name, default, minimum=first, maximum=last)


def query_choice(query: Mapping[str, str], name: str, choices: Iterable[str], default: T) -> str | T:
    raw = query.get(name)
    return raw if raw is not None and raw in set(choices) else default


def query_text(query: Mapping[str, str], name: str, *, max_length: int = TEXT_MAX) -> str:
    """Free text (a search), stripped of control characters and cut to a length."""
    return _CONTROL.sub("", query.get(name, "") or "").strip()[:max_length]


def require(value: T | None, name: str) -> T:
    """`value`, or a 404 naming the parameter when the parser gave nothing."""
    if value is None:
        raise Http404(ERR_PARAM.format(name=name))
    return value
