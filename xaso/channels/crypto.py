"""Channel credentials encrypted at rest, and masked wherever a person sees them.

The key is derived from XASO_CREDENTIALS_KEY, or from the Django secret key when that is
not set, with HKDF so that the secret key itself never encrypts anything. Changing the
key makes stored credentials unreadable: the accounts then ask to be connected again
(ERR_UNREADABLE) instead of failing with a traceback.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

ERR_UNREADABLE = "Không giải mã được thông tin kết nối (khóa mã hóa đã đổi?); hãy nhập lại thông tin kết nối kênh."
MASK = "••••••"


def _fernet() -> Fernet:
    secret = (settings.CREDENTIALS_KEY or settings.SECRET_KEY).encode()
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"xaso-channel-credentials", info=b"fernet").derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


class CredentialsUnreadableError(Exception):
    pass


def encrypt(values: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(values, ensure_ascii=False).encode()).decode()


def decrypt(token: str) -> dict[str, Any]:
    if not token:
        return {}
    try:
        data: dict[str, Any] = json.loads(_fernet().decrypt(token.encode()))
    except (InvalidToken, ValueError) as exc:
        raise CredentialsUnreadableError(ERR_UNREADABLE) from exc
    return data


def mask(secret: str) -> str:
    """Enough to recognise which secret is stored, never enough to use it: "••••••3fa9"."""
    if not secret:
        return ""
    return MASK + (secret[-4:] if len(secret) >= 16 else "")
