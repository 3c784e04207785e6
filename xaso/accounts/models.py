from __future__ import annotations

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person using Xã số. Vietnamese names read family name first: "Nguyễn Thị Lan"
    has last_name "Nguyễn Thị" and first_name "Lan", and is shown in that order."""

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def get_full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    def get_short_name(self) -> str:
        return self.first_name

    def __str__(self) -> str:
        return self.get_full_name() or self.username
