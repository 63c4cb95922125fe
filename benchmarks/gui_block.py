"""The GUI thread's longest block: a 10 ms timer on the GUI thread notes when it fires; the longest gap between two
firings (minus the interval) is the longest time the window could not answer, paint or tick.

Both the wall time and the GUI thread's own CPU time (``time.thread_time``: not the workers') are kept: on the shared
machine the wall time of a block grows with the others' load, its CPU time does not."""

from __future__ import annotations

import time
from collections.abc import Callable

INTERVAL_MS = 10


class Heartbeat:
    """``with Heartbeat() as beat: …`` then ``beat.longest_wall`` / ``beat.longest_cpu`` in seconds."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._beat)
        self.longest_wall = 0.0
        self.longest_cpu = 0.0
        self._last: tuple[float, float] | None = None

    def _beat(self) -> None:
        now = (time.perf_counter(), time.thread_time())
        if self._last is not None:
            self.longest_wall = max(self.longest_wall, now[0] - self._last[0] - INTERVAL_MS / 1000)
            self.longest_cpu = max(self.longest_cpu, now[1] - self._last[1])
        self._last = now

    def __enter__(self) -> Heartbeat:
        self._last = (time.perf_counter(), time.thread_time())
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._beat()  # the block that ends the measured stretch counts too
        self.timer.stop()


def pump_until(done: Callable[[], bool], timeout_s: float = 600.0) -> None:
    """Run the event loop until ``done()`` (a benchmark's wait, not a test's: it only gives up after ``timeout_s``)."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + timeout_s
    while not done():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        if time.perf_counter() > end:
            raise TimeoutError("the window did not finish")
