from __future__ import annotations

from typing import Any

from django import forms

from xaso.learning.services import ERR_NAME_LONG, ERR_NAME_REQUIRED, SELF_ENROL_KINDS
from xaso.units.models import OrgUnit


class EnrolForm(forms.Form):
    name = forms.CharField(
        label="Họ và tên",
        max_length=100,
        error_messages={"required": ERR_NAME_REQUIRED, "max_length": ERR_NAME_LONG},
        help_text="Ghi trên giấy chứng nhận. Không cần số điện thoại, thư điện tử hay mật khẩu.",
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}),
    )
    unit = forms.ModelChoiceField(
        label="Thôn hoặc trường (không bắt buộc)",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )

    def __init__(self, *args: Any, commune: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(  # type: ignore[attr-defined]
            commune=commune, kind__in=SELF_ENROL_KINDS, is_active=True
        ).order_by("kind", "name")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã học viên",
        max_length=40,
        help_text="Mã in trên phiếu học viên hoặc hiện khi bạn ghi danh, ví dụ HV-7K3M-9QPX-2A.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
