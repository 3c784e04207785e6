"""Start the daily reminder job (idempotent: a live chain is left alone). Called by bin/run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from xaso.reporting.reminders import reminders_start


class Command(BaseCommand):
    help = "Bật việc nhắc báo cáo hằng ngày (chạy bằng tiến trình nền); chạy lại không tạo thêm việc."

    def handle(self, *args: Any, **options: Any) -> None:
        started = reminders_start()
        self.stdout.write("Đã bật việc nhắc báo cáo hằng ngày." if started else "Việc nhắc báo cáo đang chạy.")
