"""Addresses a remote service must fetch (Zalo downloads an article's cover) — public ones only.

Xã số often runs at a local address (http://127.0.0.1:8000, a LAN address, a .local name)
while its portal is published elsewhere; XASO_PUBLIC_BASE_URL says where. Addresses under the
local base are rewritten to the public one; one that still points at this machine or a private
network is refused with a message saying what to set, instead of letting Zalo fail to fetch it.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings

ERR_NOT_PUBLIC = (
    "{service} cần tải {what} từ một địa chỉ công khai trên Internet, nhưng địa chỉ ảnh là {url} (máy này hoặc "
    "mạng nội bộ, {service} không tải được). Hãy đặt biến môi trường XASO_PUBLIC_BASE_URL (hoặc XASO_BASE_URL) là "
    "tên miền công khai của trang thông tin điện tử xã, ví dụ https://hoangvanthu.langson.gov.vn, rồi bấm Gửi lại."
)
_LOCAL_SUFFIXES = (".local", ".localhost", ".localdomain", ".internal", ".lan", ".home.arpa", ".test", ".invalid")


def public_url(url: str) -> str:
    """`url` with the local base address (XASO_BASE_URL) replaced by the public one."""
    base, public = settings.BASE_URL.rstrip("/"), settings.CHANNEL_PUBLIC_URL.rstrip("/")
    if url and base != public and (url == base or url.startswith(base + "/")):
        return public + url[len(base) :]
    return url


def is_public_url(url: str) -> bool:
    """False for localhost, loopback, private, link-local and shared (CGNAT) IP ranges, reserved
    names (.local, .internal, .test …) and single-label host names."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." in host and host != "localhost" and not host.endswith(_LOCAL_SUFFIXES)
    return address.is_global
