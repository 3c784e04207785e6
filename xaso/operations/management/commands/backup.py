"""manage.py backup: a consistent snapshot of the database and every stored file (xaso/operations/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xaso.operations.backup import backup_create, backups_prune


class Command(BaseCommand):
    help = "Sao lưu CSDL và mọi tệp (kèm bản kê mã kiểm tra), rồi xóa các bản cũ quá số cần giữ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="Thư mục chứa các bản sao lưu (mặc định XASO_BACKUP_DIR).")
        parser.add_argument("--keep", type=int, help="Số bản mới nhất cần giữ (mặc định XASO_BACKUP_KEEP).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = backup_create(directory=options["output"])
        removed = backups_prune(directory=options["output"], keep=options["keep"])
        self.stdout.write(f"Đã sao lưu vào {path}")
        for old in removed:
            self.stdout.write(f"Đã xóa bản cũ {old}")
