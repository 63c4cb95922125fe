"""待我审核: what waits for the current operator's review level, oldest request first; a click opens the task."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ledger import signoff
from ledger.service import Changed, Ledger
from ledger.signoff import QueueItem
from ui.common import palette, words

TaskIdRole = Qt.ItemDataRole.UserRole + 1
COLUMNS = [
    ("community", "Community"),
    ("measure", "Measure"),
    ("submitted_by", "Requested by"),
    ("submitted_at", "Requested"),
    ("level", "Waiting for"),
    ("days", "Days waiting"),
]
LATE_DAYS = 7  # waiting this long or longer is shown in red
# Past this many tasks in 申请销号/审核中 the list is read on a worker thread behind a progress dialog (at 100k
# tasks, 18k waiting, the read is 0.7 s of CPU; at 1M, seconds): the window keeps painting meanwhile.
BIG_QUEUE = 3000


def read_queue(ledger: Ledger) -> tuple[list[QueueItem], dict[str, str]]:
    """What waits for ``ledger``'s operator, and who made each task's latest 申请销号 (QueueItem carries the time,
    not the person). Takes the ledger it is given, so a worker thread can pass its own connection."""
    items = signoff.review_queue(ledger)
    ids = [it.task_id for it in items]
    submitters: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        submitters.update(
            ledger.store.conn.execute(
                f"SELECT task_id, actor FROM journal WHERE seq IN (SELECT MAX(seq) FROM journal WHERE command = "
                f"'submit' AND task_id IN ({marks}) GROUP BY task_id)",
                chunk,
            ).fetchall()
        )
    return items, submitters


class ReviewQueueModel(QAbstractTableModel):
    """The queue as a small table model (a few hundred rows at most); ``TaskIdRole`` gives the task id."""

    def __init__(self, ledger: Ledger, parent: Any = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.items: list[QueueItem] = []
        self.submitters: dict[str, str] = {}
        self.today = ledger.today()
        self.headers = [
            self.tr("Community"),
            self.tr("Measure"),
            self.tr("Requested by"),
            self.tr("Requested"),
            self.tr("Waiting for"),
            self.tr("Days waiting"),
        ]

    def reload(self, read: tuple[list[QueueItem], dict[str, str]] | None = None) -> None:
        """Read the queue again (or take ``read``, what ``read_queue`` returned on a worker thread)."""
        items, submitters = read if read is not None else read_queue(self.ledger)
        self.beginResetModel()
        self.today = self.ledger.today()
        self.items = items
        self.submitters = submitters
        self.endResetModel()

    def days(self, it: QueueItem) -> int:
        try:
            return max(0, (self.today - dt.date.fromisoformat(it.submitted_at[:10])).days)
        except ValueError:
            return 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        it = self.items[index.row()]
        key = COLUMNS[index.column()][0]
        if role == TaskIdRole:
            return it.task_id
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "community":
                return it.community
            if key == "measure":
                return it.measure
            if key == "submitted_by":
                return self.submitters.get(it.task_id) or it.owner
            if key == "submitted_at":
                return it.submitted_at[:16]
            if key == "level":
                return self.tr("{level} (level {n})").format(level=words.word(it.level_name), n=it.level)
            return str(self.days(it))
        if role == Qt.ItemDataRole.ToolTipRole and key == "measure":
            return f"{it.measure}\n{it.problem}"
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "days":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and key == "days" and self.days(it) >= LATE_DAYS:
            return QColor(palette.ACCENT)
        return None


class ReviewQueueView(QWidget):
    """The 待我审核 tab. ``tasksActivated(list)``: a row was clicked, double-clicked or Enter was pressed on it
    (its task id in a list). The window calls ``on_changed``; the list also refreshes whenever it is shown,
    so a change of operator (设置—我是谁) is picked up."""

    tasksActivated = Signal(list)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewQueueView")
        self.ledger = ledger
        self.model = ReviewQueueModel(ledger, self)
        self.summary = QLabel()
        self.summary.setObjectName("reviewQueueSummary")
        self.summary.setWordWrap(True)
        f = self.summary.font()
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.summary.setFont(f)
        self.table = QTableView()
        self.table.setObjectName("reviewQueueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(200)  # widths from the first rows, not 1,000 of a long list
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.read_at: tuple[Any, ...] | None = None  # the ledger's state the list was read in (stamp())
        if self.waiting() > BIG_QUEUE:
            self.summary.setText(self.tr("Reading the tasks that wait for review…"))  # when the tab is shown
        else:
            self.refresh()

    def _activate(self, index: QModelIndex) -> None:
        task_id = index.data(TaskIdRole) if index.isValid() else None
        if task_id:
            self.tasksActivated.emit([task_id])

    def task_ids(self) -> list[str]:
        return [it.task_id for it in self.model.items]

    def stamp(self) -> tuple[Any, ...]:
        """What the list depends on: the journal's last entry, who is signed in, and today's date."""
        op = self.ledger.operator
        head = self.ledger.store.one("SELECT MAX(seq) FROM journal")
        return head, op.name, op.role, self.ledger.today()

    def waiting(self) -> int:
        """Tasks in 申请销号/审核中, from the tally the triggers keep (no task is read)."""
        return int(
            self.ledger.store.one(
                "SELECT COALESCE(SUM(n), 0) FROM task_tally WHERE status IN ('submitted', 'in_review')"
            )
        )

    def refresh(self) -> None:
        current = self.table.currentIndex().data(TaskIdRole) if self.table.currentIndex().isValid() else None
        stamp = self.stamp()
        if self.isVisible() and self.waiting() > BIG_QUEUE:
            from ui.common.worker import Cancelled, run_on_ledger

            try:
                read = run_on_ledger(
                    self,
                    self.tr("Awaiting my review"),
                    self.tr("Reading the tasks that wait for review…"),
                    self.ledger,
                    lambda own, _progress: read_queue(own),
                )
            except Cancelled:
                return  # the list stays as it was (read again when the tab is shown next)
            self.model.reload(read)
        else:
            self.model.reload()
        self.read_at = stamp
        op = self.ledger.operator
        n = len(self.model.items)
        if n:
            self.summary.setText(
                self.tr(
                    "{n} tasks wait for your review ({name}, {role}), the oldest first. "
                    "Click one to open it on the right."
                ).format(n=n, name=op.name, role=words.role(op.role))
            )
        elif any(level.role == op.role for level in self.ledger.chain):
            self.summary.setText(
                self.tr("Nothing waits for your review ({name}, {role}).").format(
                    name=op.name, role=words.role(op.role)
                )
            )
        else:
            roles = "、".join(sorted({words.role(level.role) for level in self.ledger.chain}))
            self.summary.setText(
                self.tr(
                    "Only reviewers see tasks here: {roles}. You are signed in as {role}; "
                    "change it under Settings → Who am I."
                ).format(roles=roles, role=words.role(op.role))
            )
        if current in self.task_ids():
            row = self.task_ids().index(current)
            self.table.selectRow(row)

    def on_changed(self, changed: Changed) -> None:
        """Read again now when shown; when hidden, on the next showing (a tab nobody looks at costs nothing)."""
        if changed.affects_signoff:
            if self.isVisible():
                self.refresh()
            else:
                self.read_at = None

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again with nothing changed: the list stands. A long list is read after the tab has painted."""
        super().showEvent(event)
        if self.stamp() == self.read_at:
            return
        if self.waiting() > BIG_QUEUE:
            QTimer.singleShot(0, self.refresh)
        else:
            self.refresh()
