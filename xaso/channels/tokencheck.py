"""The daily check of the channels' credentials, before they fail a delivery.

- Zalo OA: the single-use refresh token lives 3 months. An OA that publishes nothing for that long
  would lose it, so the check refreshes every OA whose refresh token has fewer than
  ZALO_REFRESH_AHEAD_DAYS left (or whose age is unknown), which issues a new 3-month one. A refresh
  Zalo refuses, or one whose answer was lost and then refused, flags the account with the steps to
  reconnect (see zalo/tokens.py).
- Facebook Page: a Page token cannot be renewed without its admin (a new User token is needed), so
  the check warns: from CHANNEL_TOKEN_WARN_DAYS before the expiry the account shows the problem
  in the back office and the commune's programme owners get a notification (and an e-mail).

The job (`tasks.check_tokens`) runs on the Django Tasks API and re-enqueues itself for the next
morning with `run_after`, exactly like reporting's daily reminders (xaso/reporting/reminders.py):
`tokens_check_start` starts the chain idempotently; a run whose token is not the chain's stops.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from xaso.channels.errors import DeliveryError, TokenError, UncertainError
from xaso.channels.models import ChannelAccount, ChannelKind, TokenCheckChain
from xaso.channels.zalo.tokens import zalo_refresh
from xaso.notifications.services import notifications_email_on_commit, notify
from xaso.units.models import Role
from xaso.vi.dates import date_numeric

logger = logging.getLogger("xaso.channels.tokencheck")

CHAIN = "channels.tokens"
RUN_AT = dt.time(6, 30)  # local time, before office hours and before the morning broadcasts
STALE_AFTER = dt.timedelta(hours=6)

FB_PREFIX = "Mã truy cập Trang Facebook hết hạn ngày"
FB_STEPS = (
    "quản trị viên Trang lấy mã truy cập người dùng mới trong Graph API Explorer, mở Kênh truyền thông › Tài khoản "
    "kênh › {name} › Sửa, dán vào ô “Mã truy cập của quản trị viên Trang” rồi bấm Lưu; Xã số tự đổi lấy mã dài hạn."
)
FB_SOON = FB_PREFIX + " {day}; sau ngày đó Xã số không đăng bài lên Trang được. Để gia hạn: " + FB_STEPS
FB_EXPIRED = FB_PREFIX + " {day} (đã hết hạn): Xã số không đăng bài lên Trang được cho đến khi kết nối lại: " + FB_STEPS
FB_SUBJECT = "Kênh “{name}”: mã truy cập Trang Facebook hết hạn ngày {day}"
ZALO_SUBJECT = "Kênh “{name}”: cần kết nối lại Zalo OA"
ZALO_STALE = (
    "Mã làm mới của Zalo OA hết hạn ngày {day} mà Xã số chưa làm mới được ({reason}). Xã số sẽ thử lại mỗi sáng; "
    "nếu đến ngày đó vẫn lỗi, cần kết nối lại OA."
)
ZALO_STALE_SUBJECT = "Kênh “{name}”: chưa làm mới được mã Zalo OA"
SUMMARY = "Làm mới {refreshed} Zalo OA; nhắc {warned} kênh; {failed} lỗi."


@dataclass
class CheckResult:
    refreshed: int = 0
    warned: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return SUMMARY.format(refreshed=self.refreshed, warned=self.warned, failed=self.failed)


def tokens_check(*, now: dt.datetime | None = None) -> CheckResult:
    """One pass over every active Facebook Page and Zalo OA account."""
    now = now or timezone.now()
    result = CheckResult()
    accounts = ChannelAccount.objects.filter(is_active=True, kind__in=[ChannelKind.FACEBOOK, ChannelKind.ZALO])
    for account in accounts.exclude(credentials="").select_related("commune").order_by("pk"):
        try:
            if account.kind == ChannelKind.ZALO:
                _check_zalo(account, now=now, result=result)
            else:
                _check_facebook(account, now=now, result=result)
        except Exception:  # one account's surprise must not stop the others' check
            logger.exception("Token check of channel account %s failed", account.pk)
            result.failed += 1
    return result


def _check_zalo(account: ChannelAccount, *, now: dt.datetime, result: CheckResult) -> None:
    ahead = now + dt.timedelta(days=settings.ZALO_REFRESH_AHEAD_DAYS)
    if account.refresh_expires_at is not None and account.refresh_expires_at > ahead:
        return
    try:
        zalo_refresh(account_id=account.pk, force=True)
    except TokenError as exc:
        result.failed += 1
        account.refresh_from_db()
        key = f"channels.reconnect:{account.pk}:{account.credentials_version}"
        _tell_owners(account, key=key, subject=ZALO_SUBJECT.format(name=account.name), body=exc.problem)
        return
    except (UncertainError, DeliveryError) as exc:
        result.failed += 1
        expiry = account.refresh_expires_at
        if expiry is not None and expiry <= now + dt.timedelta(days=settings.CHANNEL_TOKEN_WARN_DAYS):
            day = date_numeric(timezone.localdate(expiry))
            text = ZALO_STALE.format(day=day, reason=exc.reason.rstrip("."))
            ChannelAccount.objects.filter(pk=account.pk).update(problem=text)
            key = f"channels.zalo-stale:{account.pk}:{expiry.date().isoformat()}"
            _tell_owners(account, key=key, subject=ZALO_STALE_SUBJECT.format(name=account.name), body=text)
        return
    result.refreshed += 1


def _check_facebook(account: ChannelAccount, *, now: dt.datetime, result: CheckResult) -> None:
    expiry = account.token_expires_at
    if expiry is None or expiry > now + dt.timedelta(days=settings.CHANNEL_TOKEN_WARN_DAYS):
        return
    day = date_numeric(timezone.localdate(expiry))
    text = (FB_EXPIRED if expiry <= now else FB_SOON).format(day=day, name=account.name)
    # A problem someone must already fix (a refused token, a permission) is not hidden by the warning.
    ChannelAccount.objects.filter(pk=account.pk).filter(Q(problem="") | Q(problem__startswith=FB_PREFIX)).update(
        problem=text
    )
    key = f"channels.expiry:{account.pk}:{expiry.date().isoformat()}:{'expired' if expiry <= now else 'soon'}"
    _tell_owners(account, key=key, subject=FB_SUBJECT.format(name=account.name, day=day), body=text)
    result.warned += 1


def owners_of(account: ChannelAccount) -> list[Any]:
    """The people who configure the commune's channels: its programme owners."""
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.PROGRAMME_OWNER,
            memberships__unit__commune_id=account.commune_id,
        )
        .distinct()
    )


def _tell_owners(account: ChannelAccount, *, key: str, subject: str, body: str) -> None:
    url = reverse("wagtailsnippets_channels_channelaccount:edit", args=[account.pk])
    sent = [notify(user=user, key=key, subject=subject, body=body, url=url, email=True) for user in owners_of(account)]
    notifications_email_on_commit(sent)


# -- the daily chain --------------------------------------------------------------------------


def next_run_after(now: dt.datetime) -> dt.datetime:
    """Tomorrow at RUN_AT, local time."""
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, RUN_AT))


def _enqueue(token: str, run_after: dt.datetime | None) -> None:
    from xaso.channels.tasks import check_tokens

    task = check_tokens
    if run_after is not None:
        task = task.using(run_after=run_after)
    transaction.on_commit(lambda: task.enqueue(token))


def _may_defer() -> bool:
    from xaso.channels.tasks import check_tokens

    return bool(check_tokens.get_backend().supports_defer)


@transaction.atomic
def tokens_check_start(*, now: dt.datetime | None = None) -> bool:
    """Start the daily chain unless a live one exists; returns whether a chain was started."""
    now = now or timezone.now()
    chain = TokenCheckChain.objects.select_for_update().filter(name=CHAIN).first()
    if chain is not None and chain.next_run_at > now - STALE_AFTER:
        return False
    token = uuid.uuid4().hex
    TokenCheckChain.objects.update_or_create(name=CHAIN, defaults={"token": token, "next_run_at": now})
    _enqueue(token, None)
    return True


def tokens_check_run(*, token: str, now: dt.datetime | None = None) -> str:
    """One run of the chain: check every account, then enqueue tomorrow's run. A run of a chain
    that was replaced (another token) does nothing, so duplicates die out."""
    now = now or timezone.now()
    with transaction.atomic():
        chain = TokenCheckChain.objects.select_for_update().filter(name=CHAIN, token=token).first()
        if chain is None:
            return "replaced"
        # Claim today's run first, so that a second copy of the task finds nothing to do.
        chain.last_run_at = now
        # Backends that cannot defer (the immediate one) would run tomorrow's job right now,
        # forever: there the chain ends and the next start (bin/run) picks it up again.
        chain.next_run_at = next_run_after(now) if _may_defer() else now
        chain.save()
        if _may_defer():
            _enqueue(token, chain.next_run_at)
    # Outside the chain's lock: a Zalo refresh commits on its own, as soon as Zalo answers.
    result = tokens_check(now=now)
    TokenCheckChain.objects.filter(name=CHAIN, token=token).update(last_summary=str(result)[:255])
    return str(result)
