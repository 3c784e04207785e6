"""Unit names as a plan writes them matched to the commune's units.

Plans name units loosely: "Phòng VH-XH", "Phòng Văn hóa - Xã hội xã", "các trường học trên địa bàn
xã". Names are compared by a key — accents and case folded (xaso.vi.text.fold), the abbreviations
offices use spelt out, punctuation and the commune's own name dropped — so that "Phòng VH-XH" and
"Phòng Văn hóa - Xã hội" meet. A name for a kind of units ("các trường học…") stands for every
unit of that kind. A name that matches nothing is proposed for creation with the kind its first
words suggest; nothing is created without the programme owner choosing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from xaso.units.models import OrgUnit, UnitKind
from xaso.vi.text import fold

# Abbreviations of commune administration, folded, longest first so that "vh-xh" wins over "vh".
ABBREVIATIONS = {
    "vh-xh": "van hoa xa hoi",
    "vhxh": "van hoa xa hoi",
    "vh - xh": "van hoa xa hoi",
    "vh&xh": "van hoa xa hoi",
    "kt-ht-do": "kinh te ha tang do thi",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "tthc": "thu tuc hanh chinh",
    "tt": "trung tam",
    "thcs": "trung hoc co so",
    "thpt": "trung hoc pho thong",
    "ptdtbt": "pho thong dan toc ban tru",
    "ccb": "cuu chien binh",
    "lhpn": "lien hiep phu nu",
    "tncs": "thanh nien cong san",
    "kh&cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "cds": "chuyen doi so",
    "ptth": "phat thanh truyen hinh",
    "kt": "kinh te",
    "vp": "van phong",
}
_ABBREVIATION = re.compile(
    r"(?<![\w&])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w&])"
)
_NOISE = re.compile(r"[^\w\s]")
_TAIL = re.compile(r"\s+(?:tren dia ban xa|tren dia ban|cua xa|thuoc uy ban nhan dan xa|thuoc ubnd xa|xa)$")

# A name for every unit of a kind: "các trường học trên địa bàn xã", "các thôn".
KIND_NAMES = [
    (re.compile(r"^cac (truong|don vi truong hoc|co so giao duc)"), UnitKind.SCHOOL),
    (re.compile(r"^cac (thon|ban|to dan pho|khu dan cu)"), UnitKind.VILLAGE),
    (re.compile(r"^cac (phong|co quan chuyen mon|phong chuyen mon|bo phan)"), UnitKind.OFFICE),
    (re.compile(r"^cac (doanh nghiep|hop tac|co so san xuat)"), UnitKind.ENTERPRISE),
    (re.compile(r"^cac (to chuc chinh tri|doan the|hoi|to chuc)"), UnitKind.ORGANISATION),
]
# What a new unit would be, from how its name starts.
PROPOSED_KINDS = [
    (re.compile(r"^(truong|nha truong|mam non|tieu hoc)"), UnitKind.SCHOOL),
    (re.compile(r"^(thon|ban|to dan pho|khu)\b"), UnitKind.VILLAGE),
    (re.compile(r"^(cong ty|doanh nghiep|hop tac|chi nhanh|viettel|vnpt|buu dien)"), UnitKind.ENTERPRISE),
    (re.compile(r"^(hoi|doan|mat tran|uy ban mat tran|cong doan)"), UnitKind.ORGANISATION),
]


@dataclass(frozen=True)
class Match:
    codes: tuple[str, ...]
    how: str  # "name", "kind", "partial", "none"
    proposed_kind: str = ""

    @property
    def doubtful(self) -> bool:
        return self.how in ("partial", "none")


def name_key(name: str, *, commune_name: str = "") -> str:
    key = fold(name)
    key = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], key)
    key = _NOISE.sub(" ", key.replace("&", " va "))
    key = " ".join(key.split())
    if commune_name:
        own = " ".join(_NOISE.sub(" ", fold(commune_name)).split())
        for suffix in (own, own.removeprefix("xa ")):
            if suffix and key.endswith(" " + suffix) and key != suffix:
                key = key[: -len(suffix) - 1]
    previous = None
    while previous != key:
        previous = key
        key = _TAIL.sub("", key)
    return key


def units_match(names: Iterable[str], *, units: list[OrgUnit], commune: OrgUnit) -> dict[str, Match]:
    """Each name -> the units it stands for (empty when none matches)."""
    index: dict[str, set[str]] = {}
    for unit in units:
        for label in (unit.name, unit.short_name, unit.code):
            if label:
                index.setdefault(name_key(label, commune_name=commune.name), set()).add(unit.code)
    matches: dict[str, Match] = {}
    for name in names:
        key = name_key(name, commune_name=commune.name)
        matches[name] = _one(key, index, units, commune)
    return matches


def _one(key: str, index: dict[str, set[str]], units: list[OrgUnit], commune: OrgUnit) -> Match:
    if key in ("uy ban nhan dan", "uy ban nhan dan xa"):
        return Match((commune.code,), "name")
    if key in index:
        return Match(tuple(sorted(index[key])), "name")
    for pattern, kind in KIND_NAMES:
        if pattern.search(key):
            codes = tuple(u.code for u in units if u.kind == kind and u.is_active)
            return Match(codes, "kind") if codes else Match((), "none", kind)
    if len(key) >= 8:
        partial = {
            code
            for label, codes in index.items()
            if len(label) >= 8 and (key in label or label in key)
            for code in codes
        }
        if len(partial) == 1:
            return Match(tuple(partial), "partial")
    return Match((), "none", proposed_kind(key))


def proposed_kind(key: str) -> str:
    for pattern, kind in PROPOSED_KINDS:
        if pattern.search(key):
            return kind
    return UnitKind.OFFICE
