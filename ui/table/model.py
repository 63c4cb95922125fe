"""The ledger table's model: ordered ids from SQL for the current filter and sort, rows fetched in pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from ledger.core import Health, LedgerError, TaskRow, health
from ledger.service import PACKAGE_TASK_FIELDS, Ledger, to_task_row
from ledger.storage import TaskFilter
from ui.common import words
from ui.common.util import health_colour
from ui.common.worker import own_ledger

if TYPE_CHECKING:
    from ledger.service import Changed

log = logging.getLogger(__name__)

TaskIdRole = Qt.ItemDataRole.UserRole + 1
GroupStartRole = (
    Qt.ItemDataRole.UserRole + 2
)  # True on the first row of a problem's group (a line is drawn above)
GROUPED = ("problem", "category")  # written once per group of consecutive rows, not on every row
# The roles and flags as constants: the view asks ``data`` ~1,400 times and ``flags`` ~200 times for its first
# screen, and each ``Qt.ItemDataRole.X`` in them is two look-ups through PySide6's types (~2,000 instructions).
DISPLAY, EDIT, TOOLTIP = (
    int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole)
)
FONT, ALIGNMENT, FOREGROUND = (
    int(r)
    for r in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole)
)
ANSWERED = frozenset({DISPLAY, EDIT, TOOLTIP, FONT, ALIGNMENT, FOREGROUND, TaskIdRole, GroupStartRole})
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
HORIZONTAL = Qt.Orientation.Horizontal
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable

PAGE = 200
FIRST_SCREEN = 400  # rows whose ids come with the first query; the rest follow right after
REST_AFTER = 1000  # ms: the remaining ids of a reload whose first screen was not painted (window minimised)
BIG_LEDGER = (
    20_000  # live tasks; past it the remaining ids are read on a pool thread (1-13 s at 1M, a common word)
)
# SQLite steps between two looks at a pool read's cancel flag: each look needs the GIL, and while the GUI thread runs
# Python a look waits for it (every 10,000 steps: a 1M read took 11 s instead of 5.5 s beside a busy GUI thread);
# 500,000 steps are some tens of milliseconds of SQLite work.
CHECK_EVERY = 500_000

# (key, English header for tr(), sort key in SQL, editable field or None)
COLUMNS: list[tuple[str, str, str, str | None]] = [
    ("seq", "No.", "order", None),
    ("community", "Community", "community", None),
    ("category", "Category", "category", None),
    ("problem", "Problem", "problem", None),
    ("measure", "Measure", "measure", "measure"),
    ("owner", "Owner", "owner", "owner"),
    ("leader", "Leader", "leader", "leader"),
    ("deadline", "Deadline", "deadline", "deadline"),
    ("days_left", "Days left", "days_left", None),
    ("kind", "Kind", "kind", "kind"),
    ("status", "Status", "status", None),
    ("progress", "Progress", "progress", "progress"),
    ("updated_at", "Updated", "updated_at", None),
]
COLUMN_INDEX = {key: i for i, (key, *_rest) in enumerate(COLUMNS)}
Index = QModelIndex | QPersistentModelIndex


class RestDelivered(QObject):
    """Carries ``(generation, ids or exception)`` from a pool read to the model (queued: received on the GUI
    thread). No parent: it outlives a model dropped while its read still runs."""

    done = Signal(object)


class RestRead(QRunnable):
    """The remaining ids of one reload, read on a pool thread through its own read-only connection. ``cancel``
    (a newer reload, the ledger closing) stops SQLite at its next ``CHECK_EVERY`` steps."""

    def __init__(
        self, ledger: Ledger, flt: TaskFilter, generation: int, cancel: threading.Event, out: RestDelivered
    ) -> None:
        super().__init__()
        self.ledger, self.flt, self.generation, self.cancel, self.out = ledger, flt, generation, cancel, out

    def run(self) -> None:
        if self.cancel.is_set():
            return
        result: Any
        try:
            with own_ledger(self.ledger) as own:
                own.store.conn.set_progress_handler(lambda: int(self.cancel.is_set()), CHECK_EVERY)
                result = own.task_rowids(self.flt)
        except (LedgerError, sqlite3.Error) as exc:  # busy, gone, or interrupted by cancel
            result = exc
        if self.cancel.is_set():
            return
        try:
            self.out.done.emit((self.generation, result))
        except RuntimeError:  # the receiver is gone (the program is ending)
            pass


class TaskTableModel(QAbstractTableModel):
    """Never holds the whole ledger: a list of rowids, and a cache of the pages the view has asked for."""

    editFailed = Signal(str)  # a sentence saying why an inline edit was refused
    reloaded = Signal(int)  # number of rows now shown

    def __init__(self, ledger: Ledger, parent: Any = None, *, defer_rest: bool = False) -> None:
        """``defer_rest``: the remaining ids wait for ``load_rest_soon()`` (the window calls it once its first
        screen has been painted, so that 100,000 ids are not read before anything is shown)."""
        super().__init__(parent)
        self._defer_rest = defer_rest
        self.ledger = ledger
        self.filter = TaskFilter()
        self._rowids: list[int] = []
        self._total = 0
        self._complete = True
        self._row_of: dict[int, int] | None = None
        self._cache: dict[int, TaskRow] = {}
        self._today = ledger.today()
        self._due_soon = ledger.due_soon_days  # both read again on every reload (a setting change reloads)
        self._headers = [self.tr(h) for _k, h, _s, _e in COLUMNS]
        # In a community package only the secretary's fields are editable (flags() must not query the file).
        self._editable = PACKAGE_TASK_FIELDS if ledger.package is not None else None
        self._viewport: QWidget | None = None  # painted before the rest of the ids are read (watch_paints)
        self._waiting_paint = False
        self._when_complete: list[Callable[[], None]] = []
        self._generation = 0
        self._reading: threading.Event | None = None  # the cancel flag of the pool read under way
        self._delivered = RestDelivered()
        self._delivered.done.connect(self._rest_arrived)
        self.threshold = (
            BIG_LEDGER  # live tasks past which the rest is read on a pool thread (tests lower it)
        )
        self.reload()

    # ---- loading ---------------------------------------------------------------------------
    def watch_paints(self, viewport: QWidget) -> None:
        """Read the remaining ids of a reload only after ``viewport`` has painted the first screen.

        ``QTimer.singleShot(0)`` runs before Qt's repaint, so the user saw the first screen only once every id
        was read (179 ms for 逾期 at 100k instead of ~20 ms). Without a paint (the table hidden behind another
        tab) the rest follows after ``REST_AFTER`` ms anyway."""
        self._viewport = viewport
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._waiting_paint and watched is self._viewport and event.type() == QEvent.Type.Paint:
            self._waiting_paint = False
            generation = self._generation
            QTimer.singleShot(0, lambda: self._finish_loading(generation))
        return False

    def set_filter(self, flt: TaskFilter) -> None:
        flt.sort, flt.descending = self.filter.sort, self.filter.descending
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        """The first screen's ids now; the remaining ids, and with them the count, after it has been painted."""
        self._cancel_read()
        self.beginResetModel()
        self._today = self.ledger.today()
        self._due_soon = self.ledger.due_soon_days
        self._rowids = self.ledger.task_rowids(self.filter, limit=FIRST_SCREEN)
        # Counting reads every match (60-110 ms for 逾期 at 100k): the rows beyond the first screen are added when
        # the rest of the ids arrive, and the count with them.
        self._total, self._complete = len(self._rowids), len(self._rowids) < FIRST_SCREEN
        self._row_of = None
        self._cache.clear()
        self.endResetModel()
        self._generation += 1
        if not self._complete and not self._defer_rest:
            self.load_rest_soon(after_paint=True)
        self.reloaded.emit(self._total)
        if self._complete:
            self._run_when_complete()

    def load_rest_soon(self, *, after_paint: bool = False) -> None:
        """Read the remaining ids on the next turn of the event loop (a newer reload cancels it); with
        ``after_paint``, once the watched viewport has painted (or after ``REST_AFTER`` ms)."""
        self._defer_rest = False
        generation = self._generation
        if after_paint and self._viewport is not None and self._viewport.isVisible():
            self._waiting_paint = True
            self._viewport.update()
            QTimer.singleShot(REST_AFTER, lambda: self._finish_loading(generation))
        else:
            QTimer.singleShot(0, lambda: self._finish_loading(generation))

    def when_complete(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once every id of the current filter is loaded (now, if it is)."""
        if self._complete:
            callback()
        else:
            self._when_complete.append(callback)

    def _run_when_complete(self) -> None:
        waiting, self._when_complete = self._when_complete, []
        for callback in waiting:
            callback()

    def stop(self) -> None:
        """Forget pending work (the ledger is about to close); a pool read under way stops at its next step."""
        self._generation += 1
        self._cancel_read()
        self._when_complete = []

    def _cancel_read(self) -> None:
        if self._reading is not None:
            self._reading.set()
            self._reading = None

    def reading(self) -> bool:
        """True while the remaining ids are being read on a pool thread."""
        return self._reading is not None

    def shown_text(self) -> str:
        """The rows shown, for the status bar: ``400+ (counting…)`` until the remaining ids are in."""
        if self._complete:
            return str(self._total)
        return self.tr("{n}+ (counting…)").format(n=self._total)

    def _finish_loading(self, generation: int) -> None:
        if generation != self._generation or self._complete or self._reading is not None:
            return
        self._waiting_paint = False
        if self._live_tasks() <= self.threshold:
            self.load_all()  # a small ledger: well under 200 ms, and the model is complete at once
            return
        self._reading = threading.Event()
        flt = dataclasses.replace(self.filter)  # the model's own may change (a header click) while it is read
        QThreadPool.globalInstance().start(
            RestRead(self.ledger, flt, self._generation, self._reading, self._delivered)
        )

    def _live_tasks(self) -> int:
        return int(self.ledger.store.one("SELECT COALESCE(SUM(n), 0) FROM task_tally"))

    def _rest_arrived(self, message: tuple[int, Any]) -> None:
        generation, result = message
        if generation != self._generation or self._reading is None:
            return  # outdated: a newer reload (or the ledger closing) came meanwhile
        self._reading = None
        if isinstance(result, Exception):
            log.warning("reading the remaining ids on a worker failed (%s); reading them here", result)
            self.load_all()
            return
        self._take_all(result)

    def load_all(self) -> None:
        """Fetch every id of the current filter now, on this thread (a pool read under way is dropped); rows beyond
        the first screen are appended to the view."""
        if self._complete:
            return
        self._cancel_read()
        self._take_all(self.ledger.task_rowids(self.filter))

    def _take_all(self, ids: list[int]) -> None:
        self._complete = True
        if len(ids) < self._total or ids[: self._total] != self._rowids[: self._total]:
            self.reload()  # the ledger changed meanwhile: start over
            return
        if len(ids) > self._total:
            self.beginInsertRows(QModelIndex(), self._total, len(ids) - 1)
            self._rowids, self._total, self._row_of = ids, len(ids), None
            self.endInsertRows()
        self.reloaded.emit(self._total)  # the count is final now (the status bar stops saying it is counting)
        self._run_when_complete()

    def loaded_row_of(self, task_id: str) -> int | None:
        """The row of ``task_id`` among the ids read so far (None if not among them); reads no more ids."""
        rowid = self.ledger.store.one("SELECT rowid FROM task WHERE id = ?", (task_id,))
        return None if rowid is None else self._loaded_row(int(rowid))

    def _ensure(self, row: int) -> TaskRow | None:
        if row < 0 or row >= self._total:
            return None
        if row >= len(self._rowids):
            self.load_all()
            if row >= len(self._rowids):
                return None
        rowid = self._rowids[row]
        cached = self._cache.get(rowid)
        if cached is not None:
            return cached
        start = (row // PAGE) * PAGE
        page = [r for r in self._rowids[start : start + PAGE] if r not in self._cache]
        if len(self._cache) > 20 * PAGE:
            self._cache.clear()
        for rid, raw in self.ledger.store.task_rows(page).items():
            self._cache[rid] = to_task_row(raw)
        return self._cache.get(rowid)

    def task_at(self, row: int) -> TaskRow | None:
        return self._ensure(row)

    def task_id_at(self, row: int) -> str | None:
        t = self._ensure(row)
        return t.id if t else None

    def row_of_task(self, task_id: str) -> int | None:
        """The row of ``task_id``; when it is not among the ids read so far, every id is read first (on this thread:
        a caller that can wait uses ``when_complete``)."""
        rowid = self.ledger.store.one("SELECT rowid FROM task WHERE id = ?", (task_id,))
        if rowid is None:
            return None
        row = self._loaded_row(int(rowid))
        if row is None and not self._complete:
            self.load_all()
            row = self._loaded_row(int(rowid))
        return row

    def with_rows_of(self, task_ids: list[str], callback: Callable[[list[int | None]], None]) -> None:
        """``callback(rows)``, the row of each of ``task_ids`` (None: not under this filter): now when each is
        among the ids read so far, else once every id has arrived (never reading them here, on the GUI thread:
        a million ids take seconds)."""
        rowids = [self.ledger.store.one("SELECT rowid FROM task WHERE id = ?", (t,)) for t in task_ids]
        rows = [None if r is None else self._loaded_row(int(r), once=True) for r in rowids]
        if self._complete or all(
            row is not None for row, r in zip(rows, rowids, strict=True) if r is not None
        ):
            callback(rows)
        else:
            self.when_complete(lambda: callback([self.row_of_task(t) for t in task_ids]))

    def _loaded_row(self, rowid: int, *, once: bool = False) -> int | None:
        """The row of ``rowid`` among the ids read so far. ``once``: one look-up of a few, searched in the list
        (a million ids: ~10 ms) rather than building the index of every id (~120 ms) unless it is built already."""
        if self._row_of is None and once:
            try:
                return self._rowids.index(rowid)
            except ValueError:
                return None
        if self._row_of is None:
            self._row_of = {rid: i for i, rid in enumerate(self._rowids)}
        return self._row_of.get(rowid)

    def on_changed(self, changed: Changed) -> None:
        """Refresh only what the change touched; a new or deleted row reloads the id list."""
        if not changed.affects_table:
            return
        if changed.affects_task_list:
            self.reload()
            return
        # A change to a field we filter or sort by may move the row: reload in that case too.
        watched = {"status", "deadline", self.filter.sort}
        if self.filter.text or self.filter.due or self.filter.statuses is not None:
            watched |= {"progress", "measure", "detail"}
        if changed.fields & watched and (
            self.filter.sort != "order" or self.filter.due or self.filter.statuses or self.filter.text
        ):
            self.reload()
            return
        for task_id in changed.task_ids:
            rowid = self.ledger.store.one("SELECT rowid FROM task WHERE id = ?", (task_id,))
            row = None if rowid is None else self._loaded_row(int(rowid), once=len(changed.task_ids) <= 8)
            if row is None:  # not shown, or among the ids still to come (read fresh when they arrive)
                continue
            self._cache.pop(self._rowids[row], None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # ---- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == DISPLAY and orientation == HORIZONTAL and 0 <= section < len(COLUMNS):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        field = COLUMNS[index.column()][3]
        if field is not None and (self._editable is None or field in self._editable):
            return EDITABLE
        return READ_ONLY

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in ANSWERED or not index.isValid():  # most of what the view asks: no answer
            return None
        row = index.row()
        t = self._ensure(row)
        if t is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == GroupStartRole:
            return self._group_start(t, row, "problem")
        if role == DISPLAY or role == TOOLTIP:
            text = self._display(t, key, row)
            if role == DISPLAY and key in GROUPED and not self._group_start(t, row, key):
                return ""  # the row above says it already
            if role == TOOLTIP:
                if key == "status" and t.return_reason:
                    return f"{words.status(t.status)}：{t.return_reason}"
                return text if key in ("measure", "problem", "progress", "category") and text else None
            return text
        if role == EDIT:
            if key == "deadline":
                return QDate(t.deadline.year, t.deadline.month, t.deadline.day) if t.deadline else QDate()
            return getattr(t, key, None)
        if role == TaskIdRole:
            return t.id
        if role == FOREGROUND and key in ("status", "days_left"):
            # a colour, which Qt takes for a brush: a QBrush made in Python has PySide6 create the QGradient and
            # QImage types (their ~200 enum members) to choose the constructor, ~16 M instructions of the first paint
            return health_colour(health(t.status, t.deadline, self._today, self._due_soon))
        if role == FONT and key in ("status", "days_left"):
            if health(t.status, t.deadline, self._today, self._due_soon) in (Health.OVERDUE, Health.DUE_SOON):
                f = QFont()
                f.setBold(True)
                return f
        if role == ALIGNMENT and key in ("seq", "days_left"):
            return RIGHT
        return None

    def _group_start(self, t: TaskRow, row: int, key: str) -> bool:
        """Whether ``row`` begins a run of rows with the same problem (or category)."""
        if row == 0:
            return True
        above = self._ensure(row - 1)
        if above is None:
            return True
        same = above.problem_id == t.problem_id if key == "problem" else above.category_id == t.category_id
        return not same

    def _display(self, t: TaskRow, key: str, row: int) -> str:
        if key == "seq":
            return str(row + 1)
        if key == "deadline":
            return t.deadline.isoformat() if t.deadline else ""
        if key == "days_left":
            left = t.days_left(self._today)
            if t.status.value == "ongoing":
                return self.tr("Long-term")  # kept up without an end: never late (nor counted as 逾期)
            if left is None or t.status.value in ("closed",):
                return ""
            return self.tr("{n} overdue").format(n=-left) if left < 0 else str(left)
        if key == "status":
            return words.status(t.status)
        if key == "kind":
            return words.word(t.kind)
        if key == "progress":
            return t.progress.replace("\n", " ")
        if key == "updated_at":
            return t.updated_at[:16]
        return str(getattr(t, key))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = COLUMNS[index.column()][3]
        t = self._ensure(index.row())
        if field is None or t is None:
            return False
        if isinstance(value, QDate):
            value = dt.date(value.year(), value.month(), value.day()) if value.isValid() else None
        try:
            self.ledger.update_task(t.id, **{field: value})
        except LedgerError as exc:
            from ui.common.messages import error_text

            self.editFailed.emit(error_text(exc))
            return False
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key, descending = COLUMNS[column][2], order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.filter.sort, self.filter.descending):
            return
        self.filter.sort, self.filter.descending = key, descending
        self.reload()
