"""manage.py inventory: every table's row count and every stored file's checksum, as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from xaso.operations.backup import inventory


class Command(BaseCommand):
    help = "In số dòng từng bảng và mã kiểm tra từng tệp (JSON), để so hai bản cài đặt."

    def handle(self, *args: Any, **options: Any) -> None:
        found = inventory()
        self.stdout.write(json.dumps({"tables": found.tables, "files": found.files}, sort_keys=True))
