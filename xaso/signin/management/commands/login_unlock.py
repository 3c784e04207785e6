"""manage.py login_unlock [TÊN_ĐĂNG_NHẬP] [--address ĐỊA_CHỈ]: lifts a log-in lock-out before its time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from xaso.signin.selectors import lockouts_current
from xaso.signin.services import login_unlock


class Command(BaseCommand):
    help = "Mở khóa đăng nhập cho một tài khoản và/hoặc một địa chỉ mạng; không tham số: liệt kê các khóa hiện có."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", default="", help="tên đăng nhập cần mở khóa")
        parser.add_argument("--address", default="", help="địa chỉ IP cần mở khóa")

    def handle(self, *args: Any, username: str, address: str, **options: Any) -> None:
        if not username and not address:
            locks = lockouts_current()
            if not locks:
                self.stdout.write("Không có tài khoản hay địa chỉ nào bị khóa.")
            for lock in locks:
                who = f"tài khoản {lock.username}" if lock.username else f"địa chỉ {lock.address}"
                self.stdout.write(
                    f"{who}: {lock.failures} lần sai, khóa đến {timezone.localtime(lock.ends_at):%H:%M %d/%m/%Y}"
                )
            return
        count = login_unlock(username=username, address=address)
        if not count:
            raise CommandError("Không tìm thấy lần đăng nhập sai nào để mở khóa.")
        self.stdout.write(f"Đã mở khóa ({count} bản ghi lần sai được xóa).")
