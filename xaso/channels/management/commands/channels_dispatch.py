"""Re-enqueue deliveries whose task was lost (a worker killed mid-delivery, an expired lease),
and record the loudspeaker broadcasts that have played as activities.

Runs beside the task worker: `manage.py channels_dispatch` (every minute), or `--once`.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xaso.channels.activity import broadcast_slots_record
from xaso.channels.dispatch import deliveries_sweep


class Command(BaseCommand):
    help = "Đưa lại vào hàng đợi các lượt gửi bị bỏ dở (tiến trình gửi dừng giữa chừng, quá hạn giữ)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy một lần rồi thoát.")
        parser.add_argument("--interval", type=float, default=60.0, help="Số giây giữa hai lần quét.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            count = deliveries_sweep()
            if count:
                self.stdout.write(f"Đưa lại vào hàng đợi {count} lượt gửi.")
            played = broadcast_slots_record()
            if played:
                self.stdout.write(f"Ghi nhận hoạt động cho {played} lượt phát thanh đã phát.")
            if options["once"]:
                return
            time.sleep(options["interval"])
