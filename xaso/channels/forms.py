"""Back-office form of a channel account: secrets are write-only and shown masked."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from xaso.channels.crypto import CredentialsUnreadableError, decrypt, mask
from xaso.channels.errors import DeliveryError
from xaso.channels.facebook.transport import facebook_app
from xaso.channels.models import ChannelAccount, ChannelKind, VillageGroup
from xaso.channels.selectors import communes_configuring
from xaso.channels.services import (
    CREDENTIAL_FIELDS,
    FacebookGrant,
    channel_account_set_credentials,
    facebook_connect,
    facebook_grant,
)
from xaso.units.scoping import ScopedAdminForm
from xaso.units.selectors import units_in_owned_communes

HELP_STORED = "Đã lưu {masked}. Để trống để giữ nguyên."
HELP_EMPTY = "Chưa có."
ERR_VILLAGE_OTHER_COMMUNE = "“{village}” không thuộc xã đã chọn."
ERR_KIND_FIELD = "Trường này chỉ dùng cho kênh {kind}."

SECRET_LABELS = {
    "page_access_token": "Mã truy cập Trang",
    "app_id": "Mã ứng dụng (App ID của Facebook / app_id của Zalo)",
    "app_secret": "Khóa bí mật ứng dụng Facebook (App Secret)",
    "secret_key": "Khóa bí mật của ứng dụng Zalo (secret_key)",
    "access_token": "Mã truy cập OA",
    "refresh_token": "Mã làm mới OA",
    "device_token": "Mã xác nhận của hệ thống loa (hệ thống gửi kèm khi báo bản tin đã phát)",
}
HELP_CONNECT = (
    "Dán mã truy cập người dùng của quản trị viên Trang, lấy trong Graph API Explorer với các quyền pages_show_list, "
    "pages_manage_posts, pages_read_engagement. Mã này chỉ dùng được khoảng 1 giờ: Xã số dùng Mã ứng dụng (App ID) "
    "và Khóa bí mật ứng dụng (App Secret) để đổi lấy mã dài hạn (khoảng 60 ngày), lấy mã truy cập của Trang, ghi "
    "lại ngày hết hạn và nhắc trước khi hết hạn. Xã số không lưu mã người dùng."
)


def _secret(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"})
    )


class ChannelAccountForm(ScopedAdminForm):
    scoped_fields = {"commune": communes_configuring, "unit": units_in_owned_communes}
    page_access_token = _secret(SECRET_LABELS["page_access_token"])
    app_id = _secret(SECRET_LABELS["app_id"])
    app_secret = _secret(SECRET_LABELS["app_secret"])
    secret_key = _secret(SECRET_LABELS["secret_key"])
    access_token = _secret(SECRET_LABELS["access_token"])
    refresh_token = _secret(SECRET_LABELS["refresh_token"])
    device_token = _secret(SECRET_LABELS["device_token"])

    facebook_user_token = forms.CharField(
        label="Mã truy cập của quản trị viên Trang (để lấy mã truy cập Trang dài hạn)",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=HELP_CONNECT,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored: dict[str, Any] = {}
        if self.instance.pk and self.instance.credentials:
            try:
                self.stored = decrypt(self.instance.credentials)
            except CredentialsUnreadableError as exc:
                self.fields["facebook_user_token"].help_text = str(exc)
        for name in SECRET_LABELS:
            value = str(self.stored.get(name, ""))
            self.fields[name].help_text = HELP_STORED.format(masked=mask(value)) if value else HELP_EMPTY
        self._grant: FacebookGrant | None = None
        self._app_from_form = False

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
                self._connect(user_token, cleaned)
        return cleaned

    def _connect(self, user_token: str, cleaned: dict[str, Any]) -> None:
        typed = ((cleaned.get("app_id") or "").strip(), (cleaned.get("app_secret") or "").strip())
        self._app_from_form = any(typed)
        app_id, app_secret = facebook_app(
            {
                "app_id": typed[0] or self.stored.get("app_id", ""),
                "app_secret": typed[1] or self.stored.get("app_secret", ""),
            }
        )
        try:
            self._grant = facebook_grant(user_token=user_token, app_id=app_id, app_secret=app_secret)
        except ValidationError as exc:
            for message in exc.messages:
                self.add_error("facebook_user_token", message)
        except DeliveryError as exc:
            self.add_error("facebook_user_token", exc.reason)

    def save(self, commit: bool = True) -> ChannelAccount:
        account: ChannelAccount = super().save(commit=commit)
        if not commit:
            return account
        values = {name: self.cleaned_data.get(name) or "" for name in SECRET_LABELS}
        if any(values.values()):
            channel_account_set_credentials(account=account, values=values)
        if self._grant is not None:
            try:
                facebook_connect(account=account, grant=self._grant, keep_app=self._app_from_form)
            except ValidationError as exc:
                ChannelAccount.objects.filter(pk=account.pk).update(problem="; ".join(exc.messages))
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
