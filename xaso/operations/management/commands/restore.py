"""manage.py restore <backup folder>: into an empty database and empty file stores, then compares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xaso.operations.backup import BackupError, backup_restore, inventory_differences, manifest_read


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào CSDL và kho tệp trống, rồi so số dòng từng bảng và mã kiểm tra từng tệp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Thư mục của bản sao lưu (xaso-…).")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            manifest = manifest_read(path)
            found = backup_restore(path=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        problems = inventory_differences(manifest, found)
        if problems:
            raise CommandError("Khôi phục xong nhưng khác bản sao lưu:\n" + "\n".join(problems))
        files = sum(len(entries) for entries in found.files.values())
        self.stdout.write(f"Đã khôi phục {len(found.tables)} bảng và {files} tệp; khớp bản sao lưu.")
