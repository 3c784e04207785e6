"""Back-office form of a channel account: secrets are write-only and shown masked."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from xaso.channels.crypto import CredentialsUnreadableError, decrypt, mask
from xaso.channels.errors import DeliveryError
from xaso.channels.facebook.client import GraphClient
from xaso.channels.models import ChannelAccount, ChannelKind, VillageGroup
from xaso.channels.selectors import communes_configuring
from xaso.channels.services import CREDENTIAL_FIELDS, channel_account_set_credentials, facebook_connect
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import units_in_owned_communes

HELP_STORED = "Đã lưu {masked}. Để trống để giữ nguyên."
HELP_EMPTY = "Chưa có."
ERR_VILLAGE_OTHER_COMMUNE = "Thôn “{village}” không thuộc xã đã chọn."
ERR_KIND_FIELD = "Trường này chỉ dùng cho kênh {kind}."

SECRET_LABELS = {
    "page_access_token": "Mã truy cập Trang (page access token)",
    "app_id": "Mã ứng dụng Zalo (app_id)",
    "secret_key": "Khóa bí mật của ứng dụng Zalo (secret_key)",
    "access_token": "Mã truy cập OA (access token)",
    "refresh_token": "Mã làm mới OA (refresh token)",
}


def _secret(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"})
    )


class ChannelAccountForm(ScopedAdminForm):
    scoped_fields = {"commune": communes_configuring, "unit": units_in_owned_communes}
    page_access_token = _secret(SECRET_LABELS["page_access_token"])
    app_id = _secret(SECRET_LABELS["app_id"])
    secret_key = _secret(SECRET_LABELS["secret_key"])
    access_token = _secret(SECRET_LABELS["access_token"])
    refresh_token = _secret(SECRET_LABELS["refresh_token"])

    facebook_user_token = forms.CharField(
        label="Mã truy cập của quản trị viên Trang (để lấy mã truy cập Trang)",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Dán mã truy cập người dùng có quyền pages_manage_posts; Xã số tự lấy mã truy cập của Trang và không lưu mã này.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored: dict[str, Any] = {}
        if self.instance.pk and self.instance.credentials:
            try:
                stored = decrypt(self.instance.credentials)
            except CredentialsUnreadableError as exc:
                self.fields["facebook_user_token"].help_text = str(exc)
        for name in SECRET_LABELS:
            value = str(stored.get(name, ""))
            self.fields[name].help_text = HELP_STORED.format(masked=mask(value)) if value else HELP_EMPTY
        self._pages: list[dict[str, Any]] = []

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        kind = cleaned.get("kind")
        for name in SECRET_LABELS:
            if cleaned.get(name) and kind and name not in CREDENTIAL_FIELDS.get(kind, ()):
                self.add_error(name, ERR_KIND_FIELD.format(kind=ChannelKind(kind).label))
        user_token = (cleaned.get("facebook_user_token") or "").strip()
        if user_token:
            if kind != ChannelKind.FACEBOOK:
                self.add_error("facebook_user_token", ERR_KIND_FIELD.format(kind=ChannelKind.FACEBOOK.label))
            else:
                try:
                    self._pages = GraphClient(access_token=user_token).page_accounts()
                except DeliveryError as exc:
                    self.add_error("facebook_user_token", exc.reason)
        return cleaned

    def save(self, commit: bool = True) -> ChannelAccount:
        account: ChannelAccount = super().save(commit=commit)
        if not commit:
            return account
        values = {name: self.cleaned_data.get(name) or "" for name in SECRET_LABELS}
        if any(values.values()):
            channel_account_set_credentials(account=account, values=values)
        user_token = (self.cleaned_data.get("facebook_user_token") or "").strip()
        if user_token and self._pages:
            try:
                facebook_connect(account=account, user_access_token=user_token, pages=self._pages)
            except ValidationError as exc:
                ChannelAccount.objects.filter(pk=account.pk).update(problem="; ".join(exc.messages)[:500])
        account.refresh_from_db()
        return account


class VillageGroupForm(ScopedAdminForm):
    scoped_fields = {"commune": communes_configuring}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = units_in_owned_communes(user=self.for_user).filter(kind="village")

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        commune = cleaned.get("commune")
        for village in cleaned.get("villages") or []:
            if commune and village.commune_id != commune.pk:
                self.add_error("villages", ERR_VILLAGE_OTHER_COMMUNE.format(village=village))
        return cleaned


ERR_NO_CHANNEL_CHOSEN = "Hãy chọn ít nhất một kênh."
ERR_DATETIME = "Hãy nhập ngày giờ theo dạng ngày/tháng/năm giờ:phút, ví dụ 25/08/2025 06:30."


class SendForm(forms.Form):
    """Which channels, and when, for one approved article."""

    accounts = forms.ModelMultipleChoiceField(
        label="Kênh",
        queryset=ChannelAccount.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": ERR_NO_CHANNEL_CHOSEN, "invalid_choice": ERR_NO_CHANNEL_CHOSEN},
    )
    publish_at = forms.DateTimeField(
        label="Đăng lúc",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Để trống: đăng ngay. Facebook tự đăng vào giờ hẹn (từ 10 phút đến 30 ngày tới).",
        error_messages={"invalid": ERR_DATETIME},
    )
    groups = forms.ModelMultipleChoiceField(
        label="Cụm loa (truyền thanh)",
        queryset=VillageGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Để trống: mọi cụm loa của xã.",
    )
    days = forms.IntegerField(label="Số ngày phát", min_value=1, max_value=14, initial=1)
    slots = forms.MultipleChoiceField(
        label="Buổi phát",
        choices=[("morning", "Buổi sáng"), ("evening", "Buổi chiều")],
        initial=["morning", "evening"],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Hãy chọn buổi sáng, buổi chiều hoặc cả hai."},
    )

    def __init__(self, *args: Any, accounts: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = accounts  # type: ignore[attr-defined]
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]


class ScriptForm(forms.Form):
    script = forms.CharField(
        label="Bản đọc",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Viết đúng như phát thanh viên đọc: số, ngày tháng, chữ viết tắt đã thành chữ. Sửa xong bấm Lưu bản đọc.",
        error_messages={"required": "Bản đọc không được để trống."},
    )
