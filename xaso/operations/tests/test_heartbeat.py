"""beating(): a side thread calls the beat while the work runs, and stops with it."""

import threading
import time

from xaso.operations.heartbeat import beating


def test_it_beats_while_the_block_runs_and_stops_after():
    beats: list[float] = []
    with beating(lambda: beats.append(time.monotonic()), every=0.02):
        time.sleep(0.2)
    count = len(beats)
    assert count >= 3
    time.sleep(0.1)
    assert len(beats) == count
    assert not any(thread.name == "xaso-heartbeat" for thread in threading.enumerate())


def test_a_failing_beat_does_not_stop_the_work(caplog):
    def broken() -> None:
        raise RuntimeError("Redis đang khởi động lại")

    with beating(broken, every=0.02):
        time.sleep(0.1)
    assert "heartbeat failed" in caplog.text
