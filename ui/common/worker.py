"""Long work off the GUI thread: run a function in Qt's thread pool behind a window-modal progress dialog.

``run_in_worker(parent, title, label, work)`` calls ``work(progress)`` in a QThreadPool thread and waits for it in
a local event loop, so the window keeps painting (and its timers ticking) while the dialog blocks a second action
on it; it returns what ``work`` returned, or raises what it raised, in the GUI thread, where the caller shows the
usual sentence. ``work`` reports with ``progress(done, total, label)``; after 取消 that call raises
:class:`Cancelled`, so a loop stops at its next step, and ``run_in_worker`` raises ``Cancelled`` too.

SQLite connections belong to their thread: ``work`` must not use the window's ledger. It opens its own with
``own_ledger(ledger)`` (a read-only connection: no lock, no writes) or ``own_ledger(ledger, write=True)`` (a
connection that writes through ``Ledger.command`` like any other, one transaction per command; SQLite's own write
lock keeps it and the window's connection from writing at once, and the dialog keeps the user from starting a
second write). The change notices of a writing worker are handed to the window's ledger when the work is over,
so every view refreshes as after a write made in the window.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ledger.service import Changed, Ledger

T = TypeVar("T")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Worker", text)


class Cancelled(Exception):
    """The user pressed 取消: the work stopped at its next step."""


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal()
    call = Signal(
        object
    )  # a function to run in the GUI thread while the worker waits (BlockingQueuedConnection)

    def run_call(self, box: list[Any]) -> None:
        fn = box[0]
        try:
            box.append((True, fn()))
        except BaseException as exc:  # handed back to the worker
            box.append((False, exc))


class Progress:
    """What ``work`` reports through; callable from the worker thread. Raises :class:`Cancelled` once the user
    has pressed 取消."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int, label: str | None = None) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._signals.progressed.emit(int(done), int(total), label or "")

    def report(self, done: int, total: int, label: str | None = None) -> None:
        """Like calling it, but never raises: for work that polls ``cancelled`` itself and cleans up on its way
        out (an export removing its half-written file)."""
        if not self._cancel.is_set():
            self._signals.progressed.emit(int(done), int(total), label or "")

    def in_gui(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` in the GUI thread and wait for its answer: a dialog the work needs (a signing password)."""
        box: list[Any] = [fn]
        self._signals.call.emit(box)
        ok, value = box[1]
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Job(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[Progress], T], signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # read after it ran; freed with its Python object
        self.work = work
        self.signals = signals
        self.progress = Progress(signals)
        self.result: T | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(self.progress)
        except BaseException as exc:  # handed to the GUI thread, raised there
            self.error = exc
        finally:
            self.signals.finished.emit()


def run_in_worker(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Progress], T],
    *,
    cancellable: bool = True,
    width_chars: int = 26,
) -> T:
    """Run ``work(progress)`` in a worker thread behind a modal progress dialog; its result, or its exception
    (:class:`Cancelled` after 取消) raised here."""
    signals = _Signals()
    job: _Job[T] = _Job(work, signals)
    from PySide6.QtCore import QEventLoop  # its type made here, not before the window's first paint (~1.2 M)

    dlg = QProgressDialog(label, _tr("Cancel") if cancellable else "", 0, 0, parent)
    if not cancellable:
        dlg.setCancelButton(None)
    dlg.setObjectName("workerProgress")
    dlg.setWindowTitle(title)
    dlg.setWindowModality(
        Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
    )
    dlg.setMinimumDuration(0)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.setMinimumWidth(dlg.fontMetrics().horizontalAdvance("中") * width_chars)

    def progressed(done: int, total: int, text: str) -> None:
        if job.progress.cancelled:
            return
        if text:
            dlg.setLabelText(text)
        dlg.setMaximum(max(total, 0))
        dlg.setValue(min(done, total) if total > 0 else 0)

    def cancel() -> None:
        if not cancellable:
            return
        job.progress.cancel()
        dlg.setLabelText(_tr("Cancelling…"))
        dlg.show()  # QProgressDialog hides itself on 取消; it stays until the work has stopped

    loop = QEventLoop()
    signals.progressed.connect(progressed)
    signals.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    signals.call.connect(signals.run_call, Qt.ConnectionType.BlockingQueuedConnection)
    dlg.canceled.connect(cancel)
    dlg.show()
    QThreadPool.globalInstance().start(job)
    loop.exec()
    signals.progressed.disconnect(progressed)
    dlg.canceled.disconnect(cancel)
    dlg.close()
    dlg.deleteLater()
    signals.deleteLater()
    if job.error is not None:
        raise job.error
    if job.progress.cancelled:
        raise Cancelled
    return job.result  # type: ignore[return-value]


@contextlib.contextmanager
def own_ledger(ledger: Ledger, *, write: bool = False) -> Iterator[Ledger]:
    """A ledger on the same file with this thread's own connection, closed at the end of the block: read-only
    unless ``write``. A writing one acts as the window's operator and origin and has no password prompt (a dialog
    cannot be shown from a worker thread: work that signs is not run in a worker)."""
    from ledger.service import Ledger as LedgerClass
    from ledger.storage import Store

    if write:
        mine = LedgerClass.open(ledger.path, clock=ledger.clock, operator=ledger.operator, lock=False)
        mine.origin = ledger.origin
    else:
        mine = LedgerClass(Store.open(ledger.path, read_only=True), ledger.clock, ledger.operator)
    try:
        yield mine
    finally:
        mine.close()


def run_on_ledger(
    parent: QWidget | None,
    title: str,
    label: str,
    ledger: Ledger,
    work: Callable[[Ledger, Progress], T],
    *,
    write: bool = False,
    cancellable: bool = True,
) -> T:
    """``run_in_worker`` with ``work(own, progress)`` given the worker's own ledger (``own_ledger``). What a
    writing worker changed is told to ``ledger``'s observers here, in the GUI thread, when the work is over (also
    when it failed or was cancelled after some commands committed), so the views refresh as after any write."""
    held: list[Changed] = []

    def in_thread(progress: Progress) -> T:
        with own_ledger(ledger, write=write) as own:
            own.subscribe(held.append)
            prompt = ledger.password_prompt
            if prompt is not None:  # a signing act asks its password in the window, as it would there
                own.password_prompt = lambda actor, act: progress.in_gui(lambda: prompt(actor, act))
            return work(own, progress)

    try:
        return run_in_worker(parent, title, label, in_thread, cancellable=cancellable)
    finally:
        for changed in held:
            ledger.notify(changed)
