"""The back-office form of the reading dictionary."""

from __future__ import annotations

from typing import Any

from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import scope_for
from xaso.vi.selectors import dictionary_communes_editable

ERR_SHARED_ONLY_OPERATOR = "Chỉ quản trị hệ thống được sửa mục dùng chung; hãy chọn xã của bạn."
ERR_BLANK = "Không được để trống."


class AbbreviationForm(ScopedAdminForm):
    scoped_fields = {"commune": dictionary_communes_editable}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        for name in ("text", "expansion"):
            value = cleaned.get(name)
            if isinstance(value, str):
                cleaned[name] = value.strip()
                if not cleaned[name]:
                    self.add_error(name, ERR_BLANK)
        if cleaned.get("commune") is None and not scope_for(user=self.for_user).is_superuser:
            self.add_error("commune", ERR_SHARED_ONLY_OPERATOR)
        return cleaned
