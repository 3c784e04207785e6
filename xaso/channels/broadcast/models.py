"""The loudspeaker channel: groups of villages with their slots, audio made from a script,
and what is scheduled to play where.

These live in the channels app (imported by xaso.channels.models) so that migrations stay
in one app.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.db.models import Q

from xaso.units.models import OrgUnit


class VillageGroup(models.Model):
    commune = models.ForeignKey(
        OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", limit_choices_to={"kind": "commune"}
    )
    name = models.CharField("tên cụm loa", max_length=128, help_text="Ví dụ: Cụm loa các thôn phía Bắc.")
    villages = models.ManyToManyField(
        OrgUnit, verbose_name="các thôn", related_name="loudspeaker_groups", limit_choices_to={"kind": "village"}
    )
    morning_time = models.TimeField("giờ phát buổi sáng", default=dt.time(6, 0))
    evening_time = models.TimeField("giờ phát buổi chiều", default=dt.time(17, 30))

    class Meta:
        verbose_name = "cụm loa truyền thanh"
        verbose_name_plural = "cụm loa truyền thanh"
        ordering = ["commune", "name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="channels_villagegroup_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    @admin.display(description="Các thôn")
    def villages_summary(self) -> str:
        return ", ".join(village.name for village in self.villages.all())

    def residents(self) -> int:
        """Residents of the villages covered, from the villages' registers (registers.VillageProfile)."""
        from xaso.registers.models import VillageProfile

        profiles = VillageProfile.objects.filter(unit__in=self.villages.all())
        return sum(profiles.values_list("residents", flat=True))


class AudioState(models.TextChoices):
    DRAFT = "draft", "Bản đọc chưa chuyển thành âm thanh"
    PENDING = "pending", "Đang chờ đọc"
    RUNNING = "running", "Đang đọc"
    READY = "ready", "Đã có âm thanh"
    FAILED = "failed", "Lỗi khi đọc"


class AudioFormat(models.TextChoices):
    MP3 = "mp3", "MP3"
    OGG = "ogg", "OGG Vorbis"


class BroadcastAudio(models.Model):
    publication = models.OneToOneField(
        "channels.Publication", verbose_name="bài", on_delete=models.CASCADE, related_name="broadcast_audio"
    )
    script = models.TextField(
        "bản đọc", help_text="Văn bản phát thanh viên đọc; số, ngày tháng và chữ viết tắt đã viết thành chữ."
    )
    state = models.CharField("trạng thái", max_length=16, choices=AudioState.choices, default=AudioState.DRAFT)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    audio_format = models.CharField("định dạng", max_length=8, choices=AudioFormat.choices, default=AudioFormat.MP3)
    backend = models.CharField("bộ đọc", max_length=32, blank=True)
    file = models.FileField("tệp âm thanh", upload_to="truyen-thanh/", blank=True)
    duration_seconds = models.FloatField("thời lượng (giây)", null=True, blank=True)
    synthesis_seconds = models.FloatField("thời gian đọc máy (giây)", null=True, blank=True)
    # The script the file was made from: an edited script makes the audio stale.
    synthesised_script = models.TextField(blank=True, editable=False)
    error = models.CharField("lỗi", max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "bản tin truyền thanh"
        verbose_name_plural = "bản tin truyền thanh"
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="channels_audio_progress_percent"),
            models.CheckConstraint(
                condition=~Q(state=AudioState.READY) | ~Q(file=""), name="channels_audio_ready_has_file"
            ),
        ]

    def __str__(self) -> str:
        return f"Bản tin: {self.publication}"

    @property
    def is_stale(self) -> bool:
        return self.state == AudioState.READY and self.synthesised_script != self.script


class Slot(models.TextChoices):
    MORNING = "morning", "Buổi sáng"
    EVENING = "evening", "Buổi chiều"


class BroadcastSlot(models.Model):
    """A bulletin scheduled to play at a slot of a group of villages' loudspeakers. Whether it played
    is said village by village (SlotAiring): a slot counts nothing until then."""

    audio = models.ForeignKey(BroadcastAudio, verbose_name="bản tin", on_delete=models.CASCADE, related_name="slots")
    group = models.ForeignKey(VillageGroup, verbose_name="cụm loa", on_delete=models.PROTECT, related_name="slots")
    date = models.DateField("ngày phát")
    slot = models.CharField("buổi", max_length=8, choices=Slot.choices)
    starts_at = models.DateTimeField("bắt đầu lúc")
    # Called off before it played: out of the playlist and the calendar, never counted.
    cancelled_at = models.DateTimeField("hủy lúc", null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người hủy",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "lượt phát"
        verbose_name_plural = "lịch phát"
        ordering = ["starts_at", "group"]
        constraints = [
            models.UniqueConstraint(fields=["audio", "group", "date", "slot"], name="channels_slot_once"),
        ]

    def __str__(self) -> str:
        return f"{self.group} — {self.get_slot_display()} {self.date:%d/%m/%Y}"


class AiringStatus(models.TextChoices):
    AIRED = "aired", "Đã phát"
    MISSED = "missed", "Không phát được"


class SlotAiring(models.Model):
    """Whether a slot played in one village, as its loudspeaker operator (in the back office) or the
    smart-loudspeaker system said once the slot's time had come. An aired one is the village's
    loudspeaker activity, reaching its registered residents; a missed one counts nothing."""

    slot = models.ForeignKey(BroadcastSlot, verbose_name="lượt phát", on_delete=models.CASCADE, related_name="airings")
    village = models.ForeignKey(
        OrgUnit, verbose_name="thôn", on_delete=models.PROTECT, related_name="+", limit_choices_to={"kind": "village"}
    )
    status = models.CharField("kết quả", max_length=8, choices=AiringStatus.choices)
    note = models.CharField("ghi chú", max_length=255, blank=True, help_text="Ví dụ: mất điện, loa hỏng.")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_device = models.BooleanField("hệ thống loa xác nhận", default=False)
    confirmed_at = models.DateTimeField("xác nhận lúc")
    # Why the activity could not be recorded (an activity rule), shown in the back office.
    record_error = models.CharField("lỗi khi ghi nhận hoạt động", max_length=500, blank=True)

    class Meta:
        verbose_name = "xác nhận phát thanh"
        verbose_name_plural = "xác nhận phát thanh"
        ordering = ["-slot__starts_at", "village__path"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "village"], name="channels_airing_once"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in AiringStatus]), name="channels_airing_status_valid"
            ),
            # Said by someone: a person, or the loudspeaker system itself.
            models.CheckConstraint(
                condition=Q(by_device=True) | Q(confirmed_by__isnull=False), name="channels_airing_confirmed_by"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slot} — {self.village}: {self.get_status_display().lower()}"

    @property
    def source(self) -> str:
        """The key of the loudspeaker activity this airing is recorded as."""
        return f"channel.broadcast:slot:{self.slot_id}:village:{self.village_id}"
