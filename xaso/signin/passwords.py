"""Vietnamese password rules, applied wherever a password is set (account page, user forms, reset links,
createsuperuser): Django's rules with messages in Vietnamese, comparisons made without diacritics, and
the common-password list extended with passwords common in Vietnam and the names of the person's units.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

PASSWORD_TOO_SHORT = "Mật khẩu quá ngắn: cần ít nhất {min_length} ký tự."  # noqa: S105
PASSWORD_NUMERIC = "Mật khẩu không được chỉ gồm chữ số."  # noqa: S105
PASSWORD_COMMON = "Mật khẩu này quá phổ biến, rất dễ bị đoán. Hãy chọn mật khẩu khác."  # noqa: S105
PASSWORD_SIMILAR = "Mật khẩu quá giống {what}. Hãy chọn mật khẩu khác."  # noqa: S105
PASSWORD_UNIT_NAME = "Mật khẩu không được dựa trên tên xã hoặc tên đơn vị ({name})."  # noqa: S105

UNIT_KIND_PREFIX = re.compile(
    r"^(xã|phường|thị trấn|thôn|bản|tổ dân phố|phòng|trường (mầm non|tiểu học|thcs|thpt)|trường|ubnd xã)\s+",
    re.IGNORECASE,
)
VIETNAMESE_COMMON = Path(__file__).resolve().parent / "data" / "common-vi.txt"


def fold(text: str) -> str:
    """Lower case, no diacritics, letters and digits only: "Hoàng Văn Thụ" -> "hoangvanthu"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


class LengthValidator:
    def __init__(self, min_length: int = 10) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                PASSWORD_TOO_SHORT.format(min_length=self.min_length),
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self) -> str:
        return f"Mật khẩu có ít nhất {self.min_length} ký tự."


class NumericValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if password.isdigit():
            raise ValidationError(PASSWORD_NUMERIC, code="password_entirely_numeric")

    def get_help_text(self) -> str:
        return "Mật khẩu không chỉ gồm chữ số."


class CommonValidator(CommonPasswordValidator):
    """Django's 20,000 common passwords, the Vietnamese ones of data/common-vi.txt, and the names of the
    communes and units the person belongs to (with digits or symbols around them: "HoangVanThu@2025")."""

    def __init__(self) -> None:
        super().__init__()
        lines = VIETNAMESE_COMMON.read_text(encoding="utf-8").splitlines()
        self.passwords = set(self.passwords) | {
            fold(line) for line in lines if line.strip() and not line.startswith("#")
        }

    def validate(self, password: str, user: Any = None) -> None:
        folded = fold(password)
        if password.lower().strip() in self.passwords or folded in self.passwords:
            raise ValidationError(PASSWORD_COMMON, code="password_too_common")
        letters = _letters(password)
        for name in _unit_names(user):
            if (
                len(_letters(name)) >= 4
                and letters
                and _letters(name) in letters
                and len(letters) <= len(_letters(name)) + 3
            ):
                raise ValidationError(PASSWORD_UNIT_NAME.format(name=name), code="password_too_common")

    def get_help_text(self) -> str:
        return (
            "Mật khẩu không phải loại phổ biến (như matkhau123, 123456789, abc@123) và không dựa trên tên xã, đơn vị."
        )


def _unit_names(user: Any) -> list[str]:
    if user is None or not getattr(user, "pk", None):
        return []
    from xaso.units.models import Membership

    names: set[str] = set()
    for membership in Membership.objects.filter(user=user).select_related("unit", "unit__commune"):
        unit = membership.unit
        for name in (unit.name, unit.short_name, unit.commune.name if unit.commune else ""):
            if name:
                names.add(name)
                # "Xã Hoàng Văn Thụ", "Thôn Nà Pàn" are typed without their kind as often as with it.
                names.add(UNIT_KIND_PREFIX.sub("", name))
    return sorted(names, key=len, reverse=True)


class SimilarityValidator:
    """Refuses a password too close to the person's user name, full name or e-mail, compared without
    diacritics ("Hoàng Văn Hùng" and "hoangvanhung1" are the same to a guesser)."""

    ATTRIBUTES = (("username", "tên đăng nhập"), ("full_name", "họ tên"), ("email", "địa chỉ thư điện tử"))

    def __init__(self, max_similarity: float = 0.7) -> None:
        self.max_similarity = max_similarity

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        folded = fold(password)
        for attribute, label in self.ATTRIBUTES:
            if attribute == "full_name":
                value = f"{getattr(user, 'last_name', '')} {getattr(user, 'first_name', '')}"
            else:
                value = str(getattr(user, attribute, "") or "")
            parts = {fold(value)}
            if attribute == "email":
                parts = {fold(value.partition("@")[0])}
            for part in parts:
                if len(part) < 3:
                    continue
                close = SequenceMatcher(a=folded, b=part).quick_ratio() >= self.max_similarity
                if close or (len(part) >= 5 and part in folded):
                    raise ValidationError(
                        PASSWORD_SIMILAR.format(what=label), code="password_too_similar", params={"verbose_name": label}
                    )

    def get_help_text(self) -> str:
        return "Mật khẩu không được giống tên đăng nhập, họ tên hay địa chỉ thư điện tử của bạn."
