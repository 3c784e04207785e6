"""The installation's scheduler (see xaso/operations/scheduler.py). systemd keeps one running."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from xaso.operations.scheduler import scheduler_run


class Command(BaseCommand):
    help = (
        "Tiến trình lập lịch: giữ các việc định kỳ, đưa lại việc bị bỏ dở khi tiến trình nền dừng, "
        "dọn việc bảo trì lỗi vì dữ liệu đã xóa."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy một vòng rồi thoát.")
        parser.add_argument(
            "--interval", type=float, default=settings.SCHEDULER_INTERVAL, help="Số giây giữa hai vòng."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scheduler_run(interval=options["interval"], once=options["once"])
