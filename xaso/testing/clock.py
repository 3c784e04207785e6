"""The moment tests that touch dates, deadlines, schedules or periods run at, whatever the hour the
suite runs at: a Monday morning in Hà Nội, ticking (timeouts and fakes still see time pass)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MOMENT = dt.datetime(2026, 12, 7, 10, 0, tzinfo=HANOI)
pinned = pytest.mark.time_machine(MOMENT, tick=True)
