"""The 总览's figures counted on a pool thread: community progress, the overdue list and the first replay of the
journal for the trends, read through the worker's own connection to the ledger (a SQLite connection belongs to the
thread that opened it; the window's stays on the GUI thread). At 100,000 tasks they take seconds, at 1M tens."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from ledger import board as lb
from ledger.board import CommunityProgress
from ledger.core import LedgerError, TaskRow
from ledger.service import Ledger
from ledger.storage import TaskFilter


@dataclass
class Figures:
    """What the overview shows, counted for one refresh (``generation``); ``replay``: a first replay, if asked."""

    generation: int
    today: dt.date
    rows: list[CommunityProgress]
    n_overdue: int
    overdue: list[TaskRow]
    replay: lb.JournalReplay | None = None


def count_figures(
    ledger: Ledger,
    task_filter: TaskFilter,
    limit: int,
    generation: int,
    *,
    replay: bool,
    cancel: Callable[[], bool] | None = None,
) -> Figures:
    today = ledger.today()
    rows = lb.community_progress(ledger, task_filter, today)
    n_overdue, overdue = lb.overdue_tasks(ledger, task_filter, limit)
    first = lb.JournalReplay().update(ledger, None, cancel) if replay else None
    return Figures(generation, today, rows, n_overdue, overdue, first)


class FiguresRead(QObject):
    """Carries Figures from the worker to the view (a queued signal: received on the GUI thread)."""

    done = Signal(object)


class FiguresJob(QRunnable):
    """One refresh's figures on a pool thread. Skipped when a newer refresh was asked for meanwhile (``latest``:
    the view's newest generation) unless it carries the first replay; nothing is sent once ``cancelled``."""

    def __init__(
        self,
        ledger: Ledger,
        task_filter: TaskFilter,
        limit: int,
        generation: int,
        latest: list[int],
        *,
        replay: bool,
        read: FiguresRead,
        cancelled: threading.Event,
    ) -> None:
        super().__init__()
        self.path, self.clock, self.operator = ledger.store.path, ledger.clock, ledger.operator
        self.args: tuple[Any, ...] = (task_filter, limit, generation)
        self.latest, self.replay, self.read, self.cancelled = latest, replay, read, cancelled

    def run(self) -> None:
        generation = self.args[2]
        if self.cancelled.is_set() or (generation != self.latest[0] and not self.replay):
            return
        try:
            # only reads: an older file is refused (the window upgrades before it opens), never upgraded here
            led = Ledger.open(self.path, clock=self.clock, operator=self.operator, read_only=True)
        except LedgerError:  # the file went away, is busy or is older: the next refresh tries again
            return
        try:
            figures = count_figures(led, *self.args, replay=self.replay, cancel=self.cancelled.is_set)
        except (LedgerError, sqlite3.Error):  # busy or damaged: the next refresh tries again
            return
        finally:
            led.close()
        if self.cancelled.is_set():
            return
        try:
            self.read.done.emit(figures)
        except RuntimeError:  # the view and its receiver are gone (the program is ending)
            pass
