from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from xaso.demo.loaders import STEPS


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: đơn vị, người dùng, kế hoạch 33/KH-UBND (chạy lại nhiều lần vẫn an toàn)."

    def handle(self, *args: Any, **options: Any) -> None:
        for step in STEPS:
            step(self.stdout.write)
