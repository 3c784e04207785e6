"""Writes: notify a person once per key, send the e-mails still owed, mark messages read."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from xaso.notifications.models import Notification

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[Xã số] "
EMAIL_FOOTER = "\n\n—\nThư tự động từ Xã số; xin đừng trả lời thư này. Xem trong trang quản trị: {url}"


def notify(*, user: Any, key: str, subject: str, body: str, url: str = "", email: bool = False) -> Notification | None:
    """The message for `user` about `key`, created once: None when that person already has it."""
    notification = Notification(
        user=user, key=key[:200], subject=subject[:255], body=body, url=url, wants_email=email and bool(user.email)
    )
    notification.full_clean(validate_unique=False, validate_constraints=False)
    try:
        # A savepoint, so that a duplicate inside a caller's transaction does not break it.
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        return None
    return notification


def notifications_email(*, ids: Iterable[int] | None = None) -> int:
    """Send the e-mails still owed (all, or those of `ids`); returns how many went out.

    Each row is claimed before its e-mail is sent, so two runs never send one twice;
    a failed send releases the claim for the next run.
    """
    pending = Notification.objects.filter(wants_email=True, emailed_at__isnull=True).select_related("user")
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    sent = 0
    for notification in pending.order_by("pk"):
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            _email(notification)
        except Exception:
            logger.exception("E-mail of notification %s to %s failed", notification.pk, notification.user.email)
            Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        else:
            sent += 1
    return sent


def _email(notification: Notification) -> None:
    url = absolute_url(notification.url) if notification.url else settings.BASE_URL + "/quan-tri/"
    message = EmailMessage(
        subject=SUBJECT_PREFIX + notification.subject,
        body=notification.body + EMAIL_FOOTER.format(url=url),
        to=[notification.user.email],
    )
    message.send(fail_silently=False)


def absolute_url(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.BASE_URL + path


def notifications_email_on_commit(notifications: Iterable[Notification | None]) -> None:
    ids = [n.pk for n in notifications if n is not None and n.wants_email]
    if ids:
        transaction.on_commit(lambda: notifications_email(ids=ids))


def notification_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the person's own messages read (all unread ones when `ids` is None)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
