"""The communes and wards of each province after the reorganisation of 1 July 2025, as the
`vietnam-provinces` package ships them (names and codes of the national statistics office).

A province of Xã số is found in the list by its folded name ("Tỉnh Lạng Sơn" ~ "Lạng Sơn"); a
province the list does not know (a test province) simply has no list, and communes are then typed
by hand."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH, __data_version__

from xaso.vi.text import fold

DATA_VERSION = __data_version__


@dataclass(frozen=True)
class Ward:
    code: int
    name: str  # "Xã Tân Tiến", "Phường Đông Kinh", "Đặc khu Lý Sơn"
    kind: str  # "xã", "phường", "đặc khu"


@cache
def _provinces() -> dict[str, tuple[Ward, ...]]:
    data = json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    provinces: dict[str, tuple[Ward, ...]] = {}
    for province in data:
        wards = tuple(
            Ward(code=int(w["code"]), name=w["name"], kind=w.get("division_type") or w["name"].split(" ", 1)[0].lower())
            for w in province["wards"]
        )
        provinces[_key(province["name"])] = tuple(sorted(wards, key=lambda w: fold(w.name)))
    return provinces


def _key(name: str) -> str:
    key = fold(name)
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
        key = key.removeprefix(prefix)
    return key


def wards_of(province_name: str) -> tuple[Ward, ...]:
    """The communes, wards and special zones of the province, in alphabetical order (empty if unknown)."""
    return _provinces().get(_key(province_name), ())


def ward(province_name: str, code: int) -> Ward | None:
    return next((w for w in wards_of(province_name) if w.code == code), None)
