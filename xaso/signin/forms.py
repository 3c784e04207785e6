from __future__ import annotations

from django import forms

CODE_REQUIRED = "Hãy nhập mã gồm 6 chữ số trên ứng dụng xác thực."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        error_messages={"required": CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )


class UnlockForm(forms.Form):
    username = forms.CharField(required=False, max_length=255)
    address = forms.GenericIPAddressField(required=False)
