"""Heartbeats: a running task proves it is alive, so that one whose worker died is noticed in
a minute instead of waiting for the longest a healthy run could take."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection
from django.utils import timezone

from xaso.operations.models import Heartbeat

logger = logging.getLogger(__name__)


@contextmanager
def beating(beat: Callable[[], object], *, every: float) -> Iterator[None]:
    """Calls `beat()` every `every` seconds from a side thread while the block runs (a LibreOffice
    conversion may keep the task itself silent for two minutes). The thread has its own database
    connection, closed when the block ends."""
    stop = threading.Event()

    def loop() -> None:
        try:
            while not stop.wait(every):
                try:
                    beat()
                except Exception:  # a missed beat is not worth stopping the task for
                    logger.warning("heartbeat failed", exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=loop, name="xaso-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=every + 5)


def process_beat(*, name: str) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})
