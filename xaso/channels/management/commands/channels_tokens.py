"""Start the daily check of the channels' tokens (idempotent: a live chain is left alone). Called by bin/run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from xaso.channels.tokencheck import tokens_check_start


class Command(BaseCommand):
    help = (
        "Bật việc kiểm tra mã kết nối Facebook, Zalo mỗi sáng (chạy bằng tiến trình nền); chạy lại không tạo thêm việc."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = tokens_check_start()
        self.stdout.write(
            "Đã bật việc kiểm tra mã kết nối kênh mỗi sáng." if started else "Việc kiểm tra mã kết nối kênh đang chạy."
        )
