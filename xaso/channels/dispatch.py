"""Running deliveries: claim with a lease, reconcile after a crash, post, retry or stop.

Why a delivery is never posted twice:
1. one Delivery row per (publication, channel account) — a database constraint;
2. a worker acts only after winning a conditional UPDATE (queued → sending, or sending with
   an expired lease → sending) that gives it a lease; a racing worker's UPDATE matches no
   row and it leaves;
3. before a request that posts, "posting_since" is committed on the delivery. It is
   cleared only when the service answered (success or a definite error). Whoever finds it
   still set — the next attempt after a timeout, or the worker that takes over an expired
   lease after the first one died — asks the service what exists before posting again;
4. every later write is conditional on still holding the lease.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import socket
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from xaso.channels.crypto import CredentialsUnreadableError
from xaso.channels.errors import (
    DeliveryError,
    DuplicateError,
    PendingError,
    PermanentError,
    ThrottledError,
    TokenError,
    UncertainError,
)
from xaso.channels.models import ChannelAccount, Delivery, DeliveryAttempt, DeliveryState
from xaso.channels.transport import Sent, Usage, transport_for

logger = logging.getLogger("xaso.channels.dispatch")

ERR_GAVE_UP = "Đã thử {attempts} lần không thành công. Lỗi gần nhất: {reason}"
ERR_UNEXPECTED = "Lỗi không mong đợi khi gửi ({kind}); sẽ đối chiếu với kênh rồi thử lại."
# Usage at or above this share of the service's limit makes the dispatcher pause the account.
USAGE_PAUSE_PERCENT = 90.0
USAGE_PAUSE = dt.timedelta(minutes=5)
# A queued delivery this overdue has lost its task (a worker died holding it): re-enqueue it.
SWEEP_GRACE = dt.timedelta(minutes=2)


class LeaseLostError(Exception):
    """Another worker took the delivery over (ours expired): stop touching it."""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def backoff(*, attempts: int, at_least: float = 0) -> dt.timedelta:
    base = settings.DELIVERY_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    jittered = min(base, 3600) * random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not security
    return dt.timedelta(seconds=max(jittered, at_least))


def delivery_enqueue(*, delivery: Delivery, at: dt.datetime | None = None) -> None:
    """Queue the task that runs this delivery, after the current transaction commits."""
    from xaso.channels.tasks import deliver

    run_after = at if at and at > timezone.now() else None

    def enqueue() -> None:
        task = deliver
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # a backend that cannot wait (immediate): deliveries_sweep enqueues it when due
            task = task.using(run_after=run_after)
        task.enqueue(delivery.pk)

    transaction.on_commit(enqueue)


def _claim(*, delivery_id: int, owner: str, now: dt.datetime) -> tuple[Delivery, bool] | None:
    lease = now + dt.timedelta(seconds=settings.DELIVERY_LEASE_SECONDS)
    claimed = {"state": DeliveryState.SENDING, "lease_owner": owner, "lease_expires_at": lease}
    rows = Delivery.objects.filter(pk=delivery_id)
    not_throttled = Q(account__throttled_until__isnull=True) | Q(account__throttled_until__lte=now)
    fresh = rows.filter(not_throttled, state=DeliveryState.QUEUED, not_before__lte=now, account__is_active=True).update(
        attempts=F("attempts") + 1, **claimed
    )
    recovered = 0
    if not fresh:
        recovered = rows.filter(state=DeliveryState.SENDING, lease_expires_at__lt=now).update(**claimed)
    if not (fresh or recovered):
        return None
    delivery = Delivery.objects.select_related("account", "publication").get(pk=delivery_id)
    return delivery, bool(recovered)


def _held(delivery: Delivery, owner: str) -> Any:
    return Delivery.objects.filter(pk=delivery.pk, lease_owner=owner, state=DeliveryState.SENDING)


def _record(delivery: Delivery, outcome: str, detail: str = "") -> None:
    DeliveryAttempt.objects.create(delivery=delivery, outcome=outcome, detail=detail[:500])


def _remember_usage(account: ChannelAccount, usage: Usage | None, *, now: dt.datetime) -> None:
    if usage is None or not usage.raw:
        return
    changes: dict[str, Any] = {"usage": usage.raw}
    if usage.regain_seconds or usage.percent >= USAGE_PAUSE_PERCENT:
        pause = dt.timedelta(seconds=usage.regain_seconds) if usage.regain_seconds else USAGE_PAUSE
        changes["throttled_until"] = now + pause
    ChannelAccount.objects.filter(pk=account.pk).update(**changes)


def delivery_run(*, delivery_id: int) -> str:
    """Run one delivery if it is due and nobody else holds it. Returns what happened, for logs."""
    now = timezone.now()
    owner = worker_name()
    claim = _claim(delivery_id=delivery_id, owner=owner, now=now)
    if claim is None:
        return _not_claimed(delivery_id=delivery_id, now=now)
    delivery, recovered = claim
    if recovered:
        _record(delivery, "recovered", "Tiếp nhận lại sau khi tiến trình gửi trước bị dừng giữa chừng.")
    transport = transport_for(delivery)

    def checkpoint(values: dict[str, Any]) -> None:
        delivery.checkpoint = {**delivery.checkpoint, **values}
        lease = timezone.now() + dt.timedelta(seconds=settings.DELIVERY_LEASE_SECONDS)
        if not _held(delivery, owner).update(checkpoint=delivery.checkpoint, lease_expires_at=lease):
            raise LeaseLostError

    try:
        sent: Sent | None = None
        since = delivery.checkpoint.get("posting_since")
        if since:
            sent = transport.find_existing(delivery, since=dt.datetime.fromisoformat(since), checkpoint=checkpoint)
            _record(delivery, "reconciled", "Đã tìm thấy bài trên kênh." if sent else "Chưa có bài trên kênh.")
        if sent is None:
            checkpoint({"posting_since": timezone.now().isoformat()})
            try:
                sent = transport.send(delivery, checkpoint=checkpoint)
            except DuplicateError:
                sent = transport.find_existing(
                    delivery, since=timezone.now() - dt.timedelta(days=1), checkpoint=checkpoint
                )
                if sent is None:
                    raise
        return _finish(delivery, owner, sent)
    except LeaseLostError:
        return "lease-lost"
    except PendingError as exc:
        return _wait(delivery, owner, exc)
    except UncertainError as exc:
        return _retry(delivery, owner, exc, keep_posting=True)
    except TokenError as exc:
        # Every delivery to this account would fail the same way: say so on the account itself.
        ChannelAccount.objects.filter(pk=delivery.account_id).update(problem=exc.problem)
        return _fail(delivery, owner, exc.reason)
    except PermanentError as exc:
        return _fail(delivery, owner, exc.reason)
    except DeliveryError as exc:
        return _retry(delivery, owner, exc, keep_posting=False)
    except CredentialsUnreadableError as exc:
        return _fail(delivery, owner, str(exc))
    except Exception as exc:
        # A bug or an unforeseen answer: the post may have been made, so keep posting_since.
        logger.exception("Delivery %s failed unexpectedly", delivery.pk)
        return _retry(
            delivery, owner, UncertainError(ERR_UNEXPECTED.format(kind=type(exc).__name__)), keep_posting=True
        )
    finally:
        _remember_usage(delivery.account, transport.usage, now=timezone.now())


def _not_claimed(*, delivery_id: int, now: dt.datetime) -> str:
    delivery = Delivery.objects.select_related("account").filter(pk=delivery_id).first()
    if delivery is None:
        return "missing"
    throttled_until = delivery.account.throttled_until
    if delivery.state == DeliveryState.QUEUED and throttled_until and throttled_until > now:
        Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.QUEUED).update(
            not_before=max(delivery.not_before, throttled_until)
        )
        delivery_enqueue(delivery=delivery, at=throttled_until)
        return "throttled"
    return "not-claimed"


def _finish(delivery: Delivery, owner: str, sent: Sent) -> str:
    checkpoint = {k: v for k, v in delivery.checkpoint.items() if k != "posting_since"}
    updated = _held(delivery, owner).update(
        state=DeliveryState.SENT,
        remote_id=sent.remote_id,
        remote_url=sent.remote_url,
        reach=sent.reach,
        reason="",
        checkpoint=checkpoint,
        lease_owner="",
        lease_expires_at=None,
        sent_at=timezone.now(),
    )
    if not updated:
        return "lease-lost"
    _record(delivery, "sent", sent.remote_id)
    from xaso.channels.activity import delivery_record_activity

    delivery.refresh_from_db()
    delivery_record_activity(delivery=delivery)
    return "sent"


def _retry(delivery: Delivery, owner: str, exc: DeliveryError, *, keep_posting: bool) -> str:
    if delivery.attempts >= settings.DELIVERY_MAX_ATTEMPTS:
        return _fail(delivery, owner, ERR_GAVE_UP.format(attempts=delivery.attempts, reason=exc.reason))
    wait = backoff(attempts=delivery.attempts, at_least=exc.retry_after or 0)
    not_before = timezone.now() + wait
    if isinstance(exc, ThrottledError):
        ChannelAccount.objects.filter(pk=delivery.account_id).update(
            throttled_until=timezone.now() + dt.timedelta(seconds=exc.retry_after or wait.total_seconds())
        )
    return _requeue(delivery, owner, "retry", not_before=not_before, reason=exc.reason, keep_posting=keep_posting)


def _wait(delivery: Delivery, owner: str, exc: PendingError) -> str:
    """The service is still working on what it accepted: look again later, through the task
    queue. Not a failed attempt, so the attempt this claim counted is given back."""
    not_before = timezone.now() + dt.timedelta(seconds=exc.retry_after or settings.DELIVERY_BACKOFF_SECONDS)
    return _requeue(
        delivery,
        owner,
        "waiting",
        not_before=not_before,
        reason=exc.reason,
        keep_posting=exc.keep_posting,
        attempts=Greatest(F("attempts") - 1, 0),
    )


def _requeue(
    delivery: Delivery,
    owner: str,
    event: str,
    *,
    not_before: dt.datetime,
    reason: str,
    keep_posting: bool,
    **extra: Any,
) -> str:
    """Back in the queue for `not_before`, the lease released; `posting_since` is kept only while
    a post may still be on its way (so that reconciliation looks for it)."""
    checkpoint = dict(delivery.checkpoint)
    if not keep_posting:
        checkpoint.pop("posting_since", None)
    updated = _held(delivery, owner).update(
        state=DeliveryState.QUEUED,
        not_before=not_before,
        reason=reason[:500],
        checkpoint=checkpoint,
        lease_owner="",
        lease_expires_at=None,
        **extra,
    )
    if not updated:
        return "lease-lost"
    _record(delivery, event, reason)
    delivery_enqueue(delivery=delivery, at=not_before)
    return event


def _fail(delivery: Delivery, owner: str, reason: str) -> str:
    checkpoint = {k: v for k, v in delivery.checkpoint.items() if k != "posting_since"}
    updated = _held(delivery, owner).update(
        state=DeliveryState.FAILED,
        reason=reason[:500],
        checkpoint=checkpoint,
        lease_owner="",
        lease_expires_at=None,
    )
    if not updated:
        return "lease-lost"
    _record(delivery, "failed", reason)
    return "failed"


def deliveries_sweep(*, now: dt.datetime | None = None) -> int:
    """Re-enqueue deliveries whose task was lost: overdue queued ones, and expired leases
    (a worker killed mid-delivery). Run every minute by `manage.py channels_dispatch`."""
    now = now or timezone.now()
    stale = Delivery.objects.filter(
        Q(state=DeliveryState.QUEUED, not_before__lte=now - SWEEP_GRACE)
        | Q(state=DeliveryState.SENDING, lease_expires_at__lt=now)
    )
    count = 0
    for delivery in stale.only("pk"):
        delivery_enqueue(delivery=delivery)
        count += 1
    return count
