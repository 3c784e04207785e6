"""The protected storage and its random file names (see xaso/access/files.py for who may read them).

Kept apart from the view so that models can name the storage without importing the policy."""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


class ProtectedStorage(FileSystemStorage):
    """Local files under PROTECTED_ROOT whose address is the checking view, never a static path."""

    @cached_property
    def base_location(self) -> Any:
        return self._value_or_setting(self._location, settings.PROTECTED_ROOT)  # type: ignore[attr-defined]

    def url(self, name: str | None) -> str:
        if not name:
            raise ValueError("This file is not accessible via a URL.")
        return reverse("protected_file", kwargs={"name": name})


def _reset_location(*, setting: str, **kwargs: Any) -> None:
    if setting == "PROTECTED_ROOT":
        storage = storages["protected"]
        for attribute in ("base_location", "location"):
            storage.__dict__.pop(attribute, None)


setting_changed.connect(_reset_location, dispatch_uid="xaso_protected_root_changed")


def protected_storage() -> Storage:
    return storages["protected"]


@deconstructible
class RandomName:
    """upload_to for protected files: <folder>/<year>/<month>/<random>.<extension>."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance: Any, filename: str) -> str:
        from django.utils import timezone

        suffix = PurePosixPath(filename).suffix.lower()[:10]
        now = timezone.localdate()
        return f"{self.folder}/{now:%Y/%m}/{secrets.token_urlsafe(24)}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)
