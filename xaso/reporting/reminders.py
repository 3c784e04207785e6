"""Reminders before a report's deadline and after it, sent once each by a daily job.

The province's calendar (or the plan's defaults) says when: "7, 1" days before the deadline
and "1, 7" days after it. A run reminds every unit whose report is not sent yet at the most
urgent threshold already reached, keyed by that threshold, so a run missed on day 7 is made up
on day 5 and a second run on the same day sends nothing (notifications are once per key).

The job (`reporting.tasks.send_reminders`) runs on the Django Tasks API and re-enqueues itself
for the next morning with `run_after`; `reminders_start` starts the chain idempotently.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from xaso.reporting import notices
from xaso.reporting.models import EDITABLE_STATES, ReminderChain, ReportingPeriod, UnitReport, parse_days
from xaso.reporting.schedule import calendar_for

CHAIN = "reporting.reminders"
RUN_AT = dt.time(7, 0)  # local time: before office hours, so the e-mail is there in the morning
# A chain whose next run is this late is taken for dead (its task lost) and restarted.
STALE_AFTER = dt.timedelta(hours=6)


def _threshold(days: int, thresholds: list[int], *, before: bool) -> int | None:
    """The most urgent threshold reached: before the deadline the smallest t >= days left,
    after it the largest t <= days late."""
    if before:
        reached = [t for t in thresholds if days <= t]
        return min(reached) if reached else None
    reached = [t for t in thresholds if t <= days]
    return max(reached) if reached else None


def reminders_send(*, today: dt.date) -> int:
    """Remind the reporters of every report not sent yet; returns how many messages were created."""
    periods = ReportingPeriod.objects.filter(sent_at__isnull=True, data_start__lte=today).select_related(
        "commune", "plan"
    )
    sent = 0
    for period in periods:
        if period.is_expired(today):
            continue
        calendar = calendar_for(commune=period.commune, plan=period.plan)
        days_left = (period.deadline - today).days
        if days_left >= 0:
            threshold = _threshold(days_left, parse_days(calendar.reminder_days), before=True)
            kind = "due"
        else:
            threshold = _threshold(-days_left, parse_days(calendar.overdue_days), before=False)
            kind = "overdue"
        if threshold is None:
            continue
        waiting = UnitReport.objects.filter(period=period, state__in=EDITABLE_STATES).select_related("unit")
        for report in waiting:
            sent += notices.tell_reminder(report, kind=kind, threshold=threshold, days=abs(days_left))
    return sent


def next_run_after(now: dt.datetime) -> dt.datetime:
    """Tomorrow at RUN_AT, local time."""
    local = timezone.localtime(now)
    tomorrow = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, RUN_AT))


def _enqueue(token: str, run_after: dt.datetime | None) -> None:
    from xaso.reporting.tasks import send_reminders

    task = send_reminders
    if run_after is not None:
        task = task.using(run_after=run_after)
    transaction.on_commit(lambda: task.enqueue(token))


def _may_defer() -> bool:
    from xaso.reporting.tasks import send_reminders

    return bool(send_reminders.get_backend().supports_defer)


@transaction.atomic
def reminders_start(*, now: dt.datetime | None = None) -> bool:
    """Start the daily chain unless a live one exists; returns whether a chain was started."""
    now = now or timezone.now()
    chain = ReminderChain.objects.select_for_update().filter(name=CHAIN).first()
    if chain is not None and chain.next_run_at > now - STALE_AFTER:
        return False
    token = uuid.uuid4().hex
    ReminderChain.objects.update_or_create(name=CHAIN, defaults={"token": token, "next_run_at": now})
    _enqueue(token, None)
    return True


def reminders_run(*, token: str, now: dt.datetime | None = None) -> int:
    """One run of the chain: send today's reminders, then enqueue tomorrow's run.

    A run of a chain that was replaced (another token) does nothing, so duplicates die out.
    """
    now = now or timezone.now()
    with transaction.atomic():
        chain = ReminderChain.objects.select_for_update().filter(name=CHAIN, token=token).first()
        if chain is None:
            return 0
        count = reminders_send(today=timezone.localdate(now))
        chain.last_run_at, chain.last_sent = now, count
        # Backends that cannot defer (the immediate one) would run tomorrow's job right now,
        # forever: there the chain ends and the next start (bin/run) picks it up again.
        if _may_defer():
            chain.next_run_at = next_run_after(now)
            _enqueue(token, chain.next_run_at)
        else:
            chain.next_run_at = now
        chain.save()
    return count
