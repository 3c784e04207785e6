"""The Zalo OA access token, refreshed when due — once, even when two workers need it at once.

A refresh token can be used only once: if two workers both refreshed with it, the second
would fail and, worse, whichever saved last could store a refresh token that is already
spent. So the refresh runs inside a transaction that locks the account row (SELECT … FOR
UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions take the database write lock), and
a worker that waited for the lock uses the token the first one stored instead of
refreshing again. The new tokens are committed straight after Zalo answers.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from xaso.channels.crypto import decrypt, encrypt
from xaso.channels.errors import PermanentError
from xaso.channels.models import ChannelAccount
from xaso.channels.zalo.client import refresh_tokens

ERR_NOT_CONNECTED = "Kênh Zalo OA chưa được kết nối (thiếu app_id, secret_key hoặc mã làm mới)."
MARGIN = dt.timedelta(minutes=2)


def zalo_access_token(*, account: ChannelAccount, rejected: str = "") -> str:
    """A usable access token. `rejected`: a token Zalo just refused, which must not be reused."""
    credentials = decrypt(account.credentials)
    token = credentials.get("access_token", "")
    if token and token != rejected and account.token_expires_at and account.token_expires_at > timezone.now() + MARGIN:
        return str(token)
    return _refresh(account_id=account.pk, rejected=rejected)


@transaction.atomic
def _refresh(*, account_id: int, rejected: str) -> str:
    account = ChannelAccount.objects.select_for_update().get(pk=account_id)
    credentials = decrypt(account.credentials)
    token = str(credentials.get("access_token", ""))
    fresh = account.token_expires_at is not None and account.token_expires_at > timezone.now() + MARGIN
    if token and token != rejected and fresh:
        return token  # another worker refreshed while we waited for the lock
    if not (credentials.get("app_id") and credentials.get("secret_key") and credentials.get("refresh_token")):
        raise PermanentError(ERR_NOT_CONNECTED)
    data = refresh_tokens(
        app_id=str(credentials["app_id"]),
        secret_key=str(credentials["secret_key"]),
        refresh_token=str(credentials["refresh_token"]),
    )
    credentials.update(access_token=data["access_token"], refresh_token=data["refresh_token"])
    expires_in = int(data.get("expires_in") or 3600)
    ChannelAccount.objects.filter(pk=account.pk).update(
        credentials=encrypt(credentials),
        token_expires_at=timezone.now() + dt.timedelta(seconds=expires_in),
        credentials_version=F("credentials_version") + 1,
        problem="",
    )
    return str(data["access_token"])
