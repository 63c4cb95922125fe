"""The 挂图督战 and 看板 tabs read the ledger only when it matters, and off the GUI thread on a large ledger.

Each view keeps a :class:`BoardReads`: a tab that is hidden reads nothing (it notes that it is stale and reads
when shown), a tab asked again for what it already has (same journal head, day, filter and layout) reads nothing,
and past ``BIG_LEDGER`` live tasks (counted in ``task_tally``, no task is read) the data is read on a pool thread
through its own read-only connection while the tab keeps painting; the widgets are built from the result on the
GUI thread, and an outdated result (a newer read was asked for meanwhile) is dropped."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ledger.core import LedgerError
from ledger.service import Ledger
from ui.common.worker import own_ledger

BIG_LEDGER = 20_000  # live tasks; below it a read takes well under 200 ms and is done in place


def live_tasks(ledger: Ledger) -> int:
    """The live tasks, from the tally the triggers keep (no task is read)."""
    return int(ledger.store.one("SELECT COALESCE(SUM(n), 0) FROM task_tally"))


def stamp(ledger: Ledger) -> tuple[Any, ...]:
    """What every read depends on: the journal's last entry and today's date."""
    return ledger.store.one("SELECT MAX(seq) FROM journal"), ledger.today()


CHECK_EVERY = 500_000  # SQLite steps between two looks at whether a read is still wanted (~5-10 ms of work)


class Delivered(QObject):
    """Carries ``(generation, result)`` from the worker to the view (a queued signal: received on the GUI thread);
    ``result`` is an exception when the read failed."""

    done = Signal(object)


class ReadJob(QRunnable):
    """One read on a pool thread with its own read-only connection; skipped when a newer one was asked for."""

    def __init__(
        self,
        ledger: Ledger,
        read: Callable[[Ledger], Any],
        generation: int,
        latest: list[int],
        out: Delivered,
    ) -> None:
        super().__init__()
        self.ledger, self.read, self.generation, self.latest, self.out = ledger, read, generation, latest, out

    def run(self) -> None:
        if self.generation != self.latest[0]:
            return
        result: Any
        try:
            with own_ledger(self.ledger) as own:
                # outdated meanwhile (a newer read, the ledger closing, the program quitting): SQLite stops
                own.store.conn.set_progress_handler(
                    lambda: int(self.generation != self.latest[0]), CHECK_EVERY
                )
                result = self.read(own)
        except (LedgerError, sqlite3.Error) as exc:  # busy, gone or interrupted: the tab keeps what it shows
            result = exc
        try:
            self.out.done.emit((self.generation, result))
        except RuntimeError:  # the receiver is gone (the program is ending)
            pass


class BoardReads:
    """When and where ``view`` reads: ``ask(key, read, apply)`` runs ``apply(read(ledger))`` now, later on the
    worker, or not at all (see the module's text). ``key`` holds what the result depends on besides ``stamp``."""

    def __init__(self, view: QWidget, ledger: Ledger, busy: Callable[[bool], None]) -> None:
        self.view, self.ledger, self.busy = view, ledger, busy
        self.latest = [0]
        self.asked: tuple[Any, ...] | None = None  # the key of the last read started (done or under way)
        self.stale = False  # something changed while the tab was hidden
        self.reads = 0  # reads started (tests)
        self.threshold = BIG_LEDGER
        self.stopped = False  # the ledger is closing: nothing more is read or shown
        self._apply: Callable[[Any], None] | None = None
        self._out = Delivered()  # no parent: it outlives a view closed while a worker still runs
        self._out.done.connect(self._delivered)

    def big(self) -> bool:
        return live_tasks(self.ledger) > self.threshold

    def ask(
        self,
        key: tuple[Any, ...],
        read: Callable[[Ledger], Any],
        apply: Callable[[Any], None],
        *,
        hidden_too: bool = False,
    ) -> None:
        """``hidden_too``: a hidden tab reads too, on a small ledger (else it reads when shown)."""
        if self.stopped:
            return
        if not self.view.isVisible() and not (hidden_too and not self.big()):
            self.stale = True  # read when shown
            return
        full = (*stamp(self.ledger), *key)
        if full == self.asked:
            return
        self.asked, self.stale = full, False
        self.latest[0] += 1
        self.reads += 1
        if not self.big():
            apply(read(self.ledger))
            return
        self._apply = apply
        self.busy(True)
        QThreadPool.globalInstance().start(ReadJob(self.ledger, read, self.latest[0], self.latest, self._out))

    def wanted(self, key: tuple[Any, ...]) -> bool:
        """True when the tab, being shown, must read (it went stale, or the ledger or ``key`` changed)."""
        if self.stopped:
            return False
        return self.stale or (*stamp(self.ledger), *key) != self.asked

    def reading(self) -> bool:
        return self._apply is not None

    def stop(self) -> None:
        """The ledger closes (the window closes, or another ledger opens in its place): a read under way is dropped
        when it arrives, and nothing more is read. Before, a late result touched the closed ledger."""
        self.stopped = True
        self.latest[0] += 1  # what is under way is outdated now
        self._apply = None

    def _delivered(self, message: tuple[int, Any]) -> None:
        generation, result = message
        if generation != self.latest[0] or self._apply is None or not isValid(self.view):
            return  # outdated (a newer read is under way), or the tab was closed meanwhile
        apply, self._apply = self._apply, None
        self.busy(False)
        if isinstance(result, Exception):
            self.asked = None  # read again on the next showing or change
            return
        apply(result)
