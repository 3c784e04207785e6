"""The Zalo OA access token, refreshed when due — once, even when two workers need it at once —
and the refresh token's death, noticed and explained.

A refresh token can be used only once and lives 3 months: if two workers both refreshed with it,
the second would fail and, worse, whichever saved last could store a refresh token that is
already spent. So the refresh runs inside a transaction that locks the account row (SELECT … FOR
UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions take the database write lock), and a worker
that waited for the lock uses the token the first one stored instead of refreshing again. The
new tokens are committed straight after Zalo answers.

A refresh whose answer is lost (timeout, dropped connection) may still have been carried out by
Zalo: the stored refresh token is then spent and the new one is gone. Xã số records the loss
(`refresh_uncertain_since`); the next refresh either works (Zalo never got the request) and
clears it, or is refused — and the back office then says that the answer was lost and how to
reconnect the OA, instead of a bare "invalid refresh token".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from xaso.channels.crypto import decrypt, encrypt
from xaso.channels.errors import DeliveryError, PermanentError, TokenError, UncertainError
from xaso.channels.models import ChannelAccount
from xaso.channels.zalo.client import RefreshRefusedError, refresh_tokens
from xaso.vi.dates import date_numeric

ERR_NOT_CONNECTED = "Kênh Zalo OA chưa được kết nối (thiếu app_id, secret_key hoặc mã làm mới)."
ERR_REFRESH_UNANSWERED = (
    "Lần làm mới mã truy cập Zalo OA lúc {time} không nhận được trả lời; Zalo có thể đã dùng mã làm mới cũ. "
    "Xã số sẽ thử lại; nếu Zalo từ chối, cần kết nối lại OA."
)
ERR_REFRESH_LOST = (
    "Mã làm mới của Zalo OA đã mất hiệu lực: lần làm mới lúc {time} bị mất câu trả lời (mất kết nối giữa chừng) "
    "nhưng Zalo đã dùng mã cũ, nên mã Xã số đang giữ không còn dùng được. {steps}"
)
ERR_REFRESH_DEAD = "Zalo không nhận mã làm mới của OA ({reason}). {steps}"
ERR_RECONNECT = (  # the delivery's reason; the account shows the whole explanation and the steps
    "Mã làm mới của Zalo OA không còn dùng được{lost}; cần kết nối lại OA theo hướng dẫn ở tài khoản kênh “{name}” "
    "(Kênh truyền thông › Tài khoản kênh)."
)
RECONNECT_STEPS = (
    "Các bước kết nối lại: (1) quản trị viên OA đăng nhập developers.zalo.me, mở ứng dụng của xã, vào mục "
    "Official Account và cấp lại quyền cho OA (hoặc dùng công cụ API Explorer, chọn “OA Access Token” rồi bấm "
    "“Lấy Access Token”); (2) chép mã truy cập (access token) và mã làm mới (refresh token) mới; (3) trong Xã số "
    "mở Kênh truyền thông › Tài khoản kênh › {name} › Sửa, dán hai mã vào ô “Mã truy cập OA” và “Mã làm mới OA” "
    "rồi bấm Lưu; (4) bấm Gửi lại ở các lượt gửi chưa gửi được của kênh này."
)
MARGIN = dt.timedelta(minutes=2)
# "có hiệu lực 3 tháng" (see fakes/zalo.py): counted from the refresh that issued it.
REFRESH_LIFETIME = dt.timedelta(days=90)


def reconnect_steps(account: ChannelAccount) -> str:
    return RECONNECT_STEPS.format(name=account.name)


def zalo_access_token(*, account: ChannelAccount, rejected: str = "") -> str:
    """A usable access token. `rejected`: a token Zalo just refused, which must not be reused."""
    credentials = decrypt(account.credentials)
    token = credentials.get("access_token", "")
    if token and token != rejected and account.token_expires_at and account.token_expires_at > timezone.now() + MARGIN:
        return str(token)
    return zalo_refresh(account_id=account.pk, rejected=rejected)


def zalo_refresh(*, account_id: int, rejected: str = "", force: bool = False) -> str:
    """Refresh under the account's row lock; `force` refreshes even a fresh access token (the daily
    check does, to renew the refresh token before its 3 months are over)."""
    failure: DeliveryError | None = None
    with transaction.atomic():
        account = ChannelAccount.objects.select_for_update().get(pk=account_id)
        credentials = decrypt(account.credentials)
        token = str(credentials.get("access_token", ""))
        fresh = account.token_expires_at is not None and account.token_expires_at > timezone.now() + MARGIN
        if token and token != rejected and fresh and not force:
            return token  # another worker refreshed while we waited for the lock
        if not (credentials.get("app_id") and credentials.get("secret_key") and credentials.get("refresh_token")):
            raise PermanentError(ERR_NOT_CONNECTED)
        try:
            data = refresh_tokens(
                app_id=str(credentials["app_id"]),
                secret_key=str(credentials["secret_key"]),
                refresh_token=str(credentials["refresh_token"]),
            )
        except UncertainError as exc:
            failure = _unanswered(account, exc)
        except RefreshRefusedError as exc:
            failure = _refused(account, exc)
        else:
            _store(account, credentials, data)
            return str(data["access_token"])
    # Raised outside the transaction, so that what was recorded about the failure is committed.
    raise failure


def _unanswered(account: ChannelAccount, exc: UncertainError) -> DeliveryError:
    now = timezone.now()
    since = account.refresh_uncertain_since or now
    ChannelAccount.objects.filter(pk=account.pk).update(refresh_uncertain_since=since)
    return UncertainError(ERR_REFRESH_UNANSWERED.format(time=_when(since)), code=exc.code)


def _refused(account: ChannelAccount, exc: RefreshRefusedError) -> DeliveryError:
    lost = account.refresh_uncertain_since
    if lost is not None:
        problem = ERR_REFRESH_LOST.format(time=_when(lost), steps=reconnect_steps(account))
    else:
        problem = ERR_REFRESH_DEAD.format(reason=exc.detail, steps=reconnect_steps(account))
    ChannelAccount.objects.filter(pk=account.pk).update(problem=problem)
    reason = ERR_RECONNECT.format(name=account.name, lost=" (câu trả lời lần làm mới trước bị mất)" if lost else "")
    return TokenError(reason, code=exc.code, problem=problem, detail=exc.detail)


def _store(account: ChannelAccount, credentials: dict[str, Any], data: dict[str, Any]) -> None:
    credentials.update(access_token=data["access_token"], refresh_token=data["refresh_token"])
    now = timezone.now()
    expires_in = int(data.get("expires_in") or 3600)
    ChannelAccount.objects.filter(pk=account.pk).update(
        credentials=encrypt(credentials),
        token_expires_at=now + dt.timedelta(seconds=expires_in),
        refresh_expires_at=now + REFRESH_LIFETIME,
        refresh_uncertain_since=None,
        credentials_version=F("credentials_version") + 1,
        problem="",
    )


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} ngày {date_numeric(local.date())}"
