"""A person reads only their own messages."""

from __future__ import annotations

from django.db.models import QuerySet

from xaso.notifications.models import Notification
from xaso.units.selectors import UserLike


def notifications_for(*, user: UserLike) -> QuerySet[Notification]:
    if user is None or not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def notifications_unread_count(*, user: UserLike) -> int:
    return notifications_for(user=user).filter(read_at__isnull=True).count()
