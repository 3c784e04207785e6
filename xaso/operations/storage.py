"""Object storage (S3-compatible, django-storages) for a province whose app servers share files.

Addresses stay on the project's own host: public media at /media/<name> (nginx caches what Django
streams from the store), protected files at /tep/<name> (the checking view; nginx then fetches the
bytes from a short-lived signed address, deploy/nginx/protected-files.conf)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from storages.backends.s3 import S3Storage


class MediaS3Storage(S3Storage):
    def url(
        self, name: str | None, parameters: object = None, expire: object = None, http_method: object = None
    ) -> str:
        return settings.MEDIA_URL + (name or "")


class ProtectedS3Storage(S3Storage):
    def url(
        self, name: str | None, parameters: object = None, expire: object = None, http_method: object = None
    ) -> str:
        if not name:
            raise ValueError("This file is not accessible via a URL.")
        return reverse("protected_file", kwargs={"name": name})

    def signed_url(self, name: str) -> str:
        """The store's own short-lived address of `name`, for nginx only (never given to a browser)."""
        return super().url(name)
