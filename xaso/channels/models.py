"""Publishing channels of a commune and the deliveries of its articles to them.

A Publication is what an editor sends out: a snapshot of one article (title, summary,
body, link, picture), so that every retry sends exactly the same thing. A Delivery is that
publication on one channel account; the unique (publication, account) pair is what
guarantees that an article is never posted twice to the same channel. Its state machine:

    queued ──claim──► sending ──ok──► sent
      ▲                  │ temporary error / no answer (with back-off)
      └──────────────────┤
                         └─ permanent error ──► failed ──(editor retries)──► queued

A claim is a conditional UPDATE that sets a lease; a worker that dies leaves an expired
lease, and whoever claims the delivery next first reconciles with the remote service
(was the post made after all?) before posting again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from xaso.channels.broadcast.models import BroadcastAudio, BroadcastSlot, SlotAiring, VillageGroup
from xaso.units.models import OrgUnit
from xaso.vi.dates import date_numeric

__all__ = [
    "BroadcastAudio",
    "BroadcastSlot",
    "ChannelAccount",
    "ChannelKind",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryState",
    "Publication",
    "SlotAiring",
    "TokenCheckChain",
    "VillageGroup",
]


ERR_UNIT_OUTSIDE = "Đơn vị quản lý kênh phải thuộc xã của kênh."
STATUS_UNKNOWN = "Không rõ hạn"
STATUS_EXPIRED = "Đã hết hạn ngày {day}"
STATUS_HOURS = "Còn {hours} giờ (đến {day})"
STATUS_DAYS = "Còn {days} ngày (đến {day})"


class ChannelKind(models.TextChoices):
    FACEBOOK = "facebook", "Trang Facebook"
    ZALO = "zalo", "Zalo OA"
    LOUDSPEAKER = "loudspeaker", "Hệ thống truyền thanh"


class ChannelAccount(models.Model):
    commune = models.ForeignKey(
        OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", limit_choices_to={"kind": "commune"}
    )
    kind = models.CharField("loại kênh", max_length=16, choices=ChannelKind.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name="đơn vị quản lý kênh",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Đơn vị được ghi nhận hoạt động khi bài lên kênh, ví dụ Phòng Văn hóa - Xã hội, Đài Truyền thanh xã.",
    )
    name = models.CharField("tên kênh", max_length=255, help_text="Ví dụ: Trang Facebook xã Hoàng Văn Thụ.")
    remote_id = models.CharField(
        "mã trang / mã OA",
        max_length=64,
        blank=True,
        help_text="Facebook: ID Trang (mã số của Trang). Zalo: mã OA (OA ID). Truyền thanh: để trống.",
    )
    # Fernet token of a JSON object; see xaso.channels.crypto. Never rendered, never logged.
    credentials = models.TextField("thông tin kết nối (đã mã hóa)", blank=True, editable=False)
    is_active = models.BooleanField("đang dùng", default=True)
    # Set from the service's usage headers or throttling errors: no call before this time.
    throttled_until = models.DateTimeField("tạm ngừng gọi đến", null=True, blank=True, editable=False)
    usage = models.JSONField("mức sử dụng API gần nhất", default=dict, blank=True, editable=False)
    # Facebook: when the Page token expires (None: unknown). Zalo: when the 25-hour access token does.
    token_expires_at = models.DateTimeField("mã truy cập hết hạn lúc", null=True, blank=True, editable=False)
    # Zalo: the single-use refresh token lives 3 months from the refresh that issued it (None: unknown,
    # e.g. typed in by hand; the daily check then refreshes it to learn).
    refresh_expires_at = models.DateTimeField("mã làm mới hết hạn lúc", null=True, blank=True, editable=False)
    # Zalo: a refresh whose answer was lost since this time; Zalo may have spent the stored refresh token.
    refresh_uncertain_since = models.DateTimeField(null=True, blank=True, editable=False)
    # Bumped on every credentials write: a refresh that lost a race is detected, not applied.
    credentials_version = models.PositiveIntegerField(default=0, editable=False)
    problem = models.TextField("vấn đề cần xử lý", blank=True, editable=False)

    class Meta:
        verbose_name = "kênh đăng tin"
        verbose_name_plural = "kênh đăng tin"
        ordering = ["commune", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in ChannelKind]), name="channels_account_kind_valid"
            ),
            models.UniqueConstraint(fields=["commune", "kind", "remote_id"], name="channels_account_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.unit_id and self.commune_id and self.unit.commune_id != self.commune_id:
            raise ValidationError({"unit": ERR_UNIT_OUTSIDE})

    @property
    def credential_expiry(self) -> dt.datetime | None:
        """When the account stops working unless someone (or the daily check) acts: the Page token
        for Facebook, the refresh token for Zalo (its access token is renewed from it)."""
        if self.kind == ChannelKind.FACEBOOK:
            return self.token_expires_at
        if self.kind == ChannelKind.ZALO:
            return self.refresh_expires_at
        return None

    @property
    @admin.display(description="hạn kết nối")
    def credential_status(self) -> str:
        """ "Còn 12 ngày (đến 03/11/2025)", "Đã hết hạn ngày 01/09/2025", "Không rõ hạn"."""
        if self.kind == ChannelKind.LOUDSPEAKER or not self.credentials:
            return ""
        expiry = self.credential_expiry
        if expiry is None:
            return STATUS_UNKNOWN
        day = date_numeric(timezone.localdate(expiry))
        left = expiry - timezone.now()
        if left <= dt.timedelta(0):
            return STATUS_EXPIRED.format(day=day)
        if left < dt.timedelta(days=1):
            return STATUS_HOURS.format(hours=max(1, int(left.total_seconds() // 3600)), day=day)
        return STATUS_DAYS.format(days=round(left.total_seconds() / 86400), day=day)


class Publication(models.Model):
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+")
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="bài viết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="channel_publication",
    )
    title = models.CharField("tiêu đề", max_length=255)
    summary = models.TextField("tóm tắt", blank=True)
    body_html = models.TextField("nội dung", blank=True)
    link = models.URLField("đường dẫn bài viết", max_length=500, blank=True)
    image_url = models.URLField("ảnh đại diện", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("lúc tạo", auto_now_add=True)

    class Meta:
        verbose_name = "bài gửi lên các kênh"
        verbose_name_plural = "bài gửi lên các kênh"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class DeliveryState(models.TextChoices):
    QUEUED = "queued", "Đang chờ gửi"
    SENDING = "sending", "Đang gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Không gửi được"


class Delivery(models.Model):
    # Deliveries are written on every attempt; Wagtail's reference index has nothing to learn from them.
    wagtail_reference_index_ignore = True

    publication = models.ForeignKey(
        Publication, verbose_name="bài", on_delete=models.CASCADE, related_name="deliveries"
    )
    account = models.ForeignKey(
        ChannelAccount, verbose_name="kênh", on_delete=models.PROTECT, related_name="deliveries"
    )
    state = models.CharField("trạng thái", max_length=16, choices=DeliveryState.choices, default=DeliveryState.QUEUED)
    publish_at = models.DateTimeField("đăng lúc", help_text="Thời điểm bài xuất hiện trên kênh.")
    not_before = models.DateTimeField("thử lại sớm nhất lúc")
    attempts = models.PositiveSmallIntegerField("số lần đã thử", default=0)
    lease_owner = models.CharField(max_length=64, blank=True, editable=False)
    lease_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What a multi-step delivery has already achieved remotely (Zalo: article token and id),
    # and "posting_since" while a request whose outcome is unknown may have been carried out.
    checkpoint = models.JSONField(default=dict, blank=True, editable=False)
    remote_id = models.CharField("mã trên kênh", max_length=128, blank=True)
    remote_url = models.URLField("liên kết trên kênh", max_length=500, blank=True)
    reach = models.PositiveIntegerField("số người tiếp cận", null=True, blank=True)
    reason = models.CharField("lý do", max_length=500, blank=True)
    options = models.JSONField("tùy chọn", default=dict, blank=True)
    sent_at = models.DateTimeField("gửi xong lúc", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "lượt gửi lên kênh"
        verbose_name_plural = "lượt gửi lên kênh"
        ordering = ["publication", "account__kind"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "account"], name="channels_delivery_once_per_channel"),
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in DeliveryState]), name="channels_delivery_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state=DeliveryState.SENT) | ~Q(remote_id=""), name="channels_delivery_sent_has_remote_id"
            ),
            models.CheckConstraint(
                condition=~Q(state=DeliveryState.SENDING) | Q(lease_expires_at__isnull=False),
                name="channels_delivery_sending_has_lease",
            ),
        ]
        indexes = [models.Index(fields=["state", "not_before"], name="channels_delivery_due")]

    def __str__(self) -> str:
        return f"{self.publication} → {self.account}"

    @property
    @admin.display(description="Trạng thái")
    def state_label(self) -> str:
        if self.state == DeliveryState.QUEUED and self.attempts:
            return "Chờ gửi lại"
        return DeliveryState(self.state).label


class DeliveryAttempt(models.Model):
    """One try, for the history shown on the article's channel panel."""

    wagtail_reference_index_ignore = True

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField("lúc", auto_now_add=True)
    outcome = models.CharField("kết quả", max_length=32)
    detail = models.CharField("chi tiết", max_length=500, blank=True)

    class Meta:
        verbose_name = "lần thử gửi"
        verbose_name_plural = "lần thử gửi"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.outcome}"


class TokenCheckChain(models.Model):
    """The daily check of the channels' credentials: one row naming the one live chain of tasks
    (as reporting's ReminderChain does for reminders). The job re-enqueues itself for the next
    morning; a run whose token is not this row's stops, so starting twice never doubles it."""

    name = models.CharField("tên", max_length=64, unique=True)
    token = models.CharField("mã chuỗi", max_length=64)
    next_run_at = models.DateTimeField("lần chạy kế tiếp")
    last_run_at = models.DateTimeField("chạy gần nhất lúc", null=True, blank=True)
    last_summary = models.CharField("kết quả lần gần nhất", max_length=255, blank=True)

    class Meta:
        verbose_name = "lịch kiểm tra mã kết nối kênh"
        verbose_name_plural = "lịch kiểm tra mã kết nối kênh"

    def __str__(self) -> str:
        return self.name
