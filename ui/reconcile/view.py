"""对账: one week's reconciliation — opening / now / difference in large type, the lines to tick, what to chase.

The domain is ``ledger.reconcile.reconciliation``; this view only shows it and calls open_period / tick / untick / close_period.
A closed period is shown read-only (its lines as they were at the close) under a banner.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger import reconcile as rc
from ledger.core import LedgerError
from ledger.service import Changed, Ledger
from ui.board.board_jobs import BoardReads
from ui.common import messages, palette, words
from ui.common.util import documents_folder
from ui.common.worker import run_on_ledger
from ui.reconcile.dialogs import CloseNoteDialog, CompareDialog
from ui.reconcile.lines import LinesModel, effect_text, fit_columns, status_text
from ui.reconcile.side import SideTable

log = logging.getLogger(__name__)

RECENT_WEEKS = 12
CHECK_EVERY = 500_000  # SQLite steps between two looks (each needs the GIL) at whether the program is ending
BIG_KEYS = ("tasks", "signed_off", "ongoing", "open")  # a partition: 已销号 + 长期坚持 + 未销号 = 任务总数
PROBLEM_STYLE = (
    f"QLabel {{ background: {palette.PROBLEM_BOX.background}; color: {palette.PROBLEM_BOX.text}; padding: 6px; "
    f"border: 1px solid {palette.PROBLEM_BOX.border}; }}"
)
INFO_STYLE = (
    f"QLabel {{ background: {palette.INFO_BOX.background}; color: {palette.INFO_BOX.text}; padding: 6px; "
    f"border: 1px solid {palette.INFO_BOX.border}; }}"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReconcileView", text)


def ask_report_path(parent: QWidget | None, start: str) -> str:
    """Where to save the 周报 (.docx or .xlsx); '' when cancelled. Tests patch this."""
    path, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save the weekly report"), start, _tr("Word document (*.docx);;Excel workbook (*.xlsx)")
    )
    return path


def ask_compare_week(parent: QWidget | None, week: str, choices: list[str]) -> str:
    """The other closed week to compare with; '' when cancelled. Tests patch this."""
    text, ok = QInputDialog.getItem(
        parent,
        _tr("Compare with"),
        _tr("Compare {week} with which closed week?").format(week=week),
        choices,
        0,
        False,
    )
    return text if ok else ""


# ---- what the tab reads ----------------------------------------------------------------------------------------
@dataclass
class WeekRead:
    """Everything the tab shows of one week, read in one go (on a pool thread on a large ledger): the period, its
    reconciliation, and the side lists as rows of texts (at 1,000,000 tasks 180,000 sign-offs wait: their texts
    are made where they are read, not on the GUI thread)."""

    week: str
    per: rc.Period | None = None
    rec: rc.Reconciliation | None = None
    chase: list[tuple[str, ...]] = field(default_factory=list)
    chase_colors: list[str | None] = field(default_factory=list)
    pending: list[tuple[str, ...]] = field(default_factory=list)
    extensions: list[tuple[str, ...]] = field(default_factory=list)
    overdue: list[tuple[str, ...]] = field(default_factory=list)


def _text(v: Any) -> str:
    return "" if v is None else str(v)


def read_week(ledger: Ledger, week: str) -> WeekRead:
    """What the 对账 tab shows for ``week`` (the period, its lines and counts, the four side lists)."""
    out = WeekRead(week)
    try:
        out.per = rc.find_period(ledger, week)
        out.rec = rc.reconcile(ledger, week) if out.per is not None else None
    except LedgerError as exc:  # pragma: no cover - a damaged period row
        log.warning("reconcile %s: %s", week, exc)
        out.per, out.rec = None, None
    snap = out.per.snapshot if out.per is not None and out.per.closed else None
    chase = snap["chase"] if snap else [r.to_json() for r in rc.chase_list(ledger, week)]
    yes, no, never = _tr("Yes"), _tr("No"), _tr("Never")
    out.chase = [
        (
            _text(c["community"]),
            _text(c["secretary"]),
            yes if c["returned"] else no,
            (c["last_returned"] or never)[:16],
        )
        for c in chase
    ]
    out.chase_colors = [None if c["returned"] else palette.ALERT for c in chase]
    pend = rc.pending_signoff(ledger)
    said = {k: status_text(k) for k in {t["status"] for t in pend}}  # a few states, 180,000 rows at 1M
    out.pending = [
        (_text(t["community"]), _text(t["measure"]), _text(t["owner"]), said[t["status"]]) for t in pend
    ]
    ext = rc.pending_extension_requests(ledger)
    measures = rc.task_labels(ledger, (x["task"] for x in ext))
    out.extensions = [
        (
            measures.get(x["task"], x["task"]),
            _text(x["requested_by"]),
            _text(x["old_deadline"]),
            _text(x["new_deadline"]),
            _text(x["reason"]),
        )
        for x in ext
    ]
    if snap:
        over = snap["overdue_this_week"]
    else:
        start, end = rc.week_window(ledger, week)
        as_of = out.rec.as_of if out.rec else min(end, ledger.today())
        over = rc.overdue_tasks(ledger, as_of, since=start)
    out.overdue = [
        (_text(t["community"]), _text(t["measure"]), _text(t["owner"]), _text(t["deadline"])) for t in over
    ]
    return out


# ---- the view --------------------------------------------------------------------------------------------------
def _big_font(pt: int, bold: bool = True) -> QFont:
    f = QFont()
    f.setPointSize(pt)
    f.setBold(bold)
    return f


class ReconcileView(QWidget):
    """The 对账 tab."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reconcileView")
        self.ledger = ledger
        self.rec: rc.Reconciliation | None = None
        self.per: rc.Period | None = None
        self._fitting = False
        # Qt waits for the pool's threads when the program ends: a read of a million tasks (seconds) stops instead.
        self._quitting = threading.Event()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._quitting.set)
        root = QVBoxLayout(self)

        # top bar
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Week")))
        self.week_combo = QComboBox()
        self.week_combo.setObjectName("reconcileWeek")
        self.week_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        top.addWidget(self.week_combo)
        self.state_label = QLabel()
        self.state_label.setObjectName("reconcileState")
        self.state_label.setFont(_big_font(12))
        top.addWidget(self.state_label)
        top.addStretch(1)
        self.open_button = QPushButton(self.tr("Start reconciliation"))
        self.tick_all_button = QPushButton(self.tr("Tick all"))
        self.close_button = QPushButton(self.tr("Close the period…"))
        self.report_button = QPushButton(self.tr("Weekly report…"))
        self.compare_button = QPushButton(self.tr("Compare…"))
        for name, b in (
            ("reconcileOpen", self.open_button),
            ("reconcileTickAll", self.tick_all_button),
            ("reconcileClose", self.close_button),
            ("reconcileReport", self.report_button),
            ("reconcileCompare", self.compare_button),
        ):
            b.setObjectName(name)
            top.addWidget(b)
        root.addLayout(top)

        self.banner = QLabel()
        self.banner.setObjectName("reconcileBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(PROBLEM_STYLE)
        self.banner.setVisible(
            False
        )  # until the first read says what it is to say (not an empty box meanwhile)
        root.addWidget(self.banner)

        # the balance, large
        self.balance = QFrame()
        self.balance.setObjectName("reconcileBalance")
        self.balance.setFrameShape(QFrame.Shape.StyledPanel)
        self.balance.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.grid = QGridLayout(self.balance)
        self.grid.setHorizontalSpacing(28)
        self.cells: dict[tuple[str, str], QLabel] = {}
        self.balance_keys: tuple[str, ...] = ()
        self.verdict = QLabel()
        self.verdict.setObjectName("reconcileVerdict")
        self.verdict.setFont(_big_font(30))
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setMinimumWidth(160)
        self.other_diff = QLabel()
        self.other_diff.setObjectName("reconcileOtherDiff")
        self.other_diff.setWordWrap(True)
        self._build_balance(BIG_KEYS)
        root.addWidget(self.balance)

        # lines | side panels
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.lines_label = QLabel()
        self.lines_label.setObjectName("reconcileLinesLabel")
        ll.addWidget(self.lines_label)
        self.model = LinesModel(self)
        self.table = QTableView()
        self.table.setObjectName("reconcileLines")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        hh = self.table.horizontalHeader()
        hh.setMinimumSectionSize(40)
        hh.sectionResized.connect(self._fit_rows)
        self.table.viewport().installEventFilter(self)  # a new width shares the columns again (fit_columns)
        ll.addWidget(self.table)
        split.addWidget(left)

        self.side = QTabWidget()
        self.side.setObjectName("reconcileSide")
        self.chase = SideTable(
            "reconcileChase",
            [
                self.tr("Community"),
                self.tr("Secretary"),
                self.tr("Returned this week"),
                self.tr("Last returned"),
            ],
        )
        self.pending = SideTable(
            "reconcilePending",
            [self.tr("Community"), self.tr("Measure"), self.tr("Owner"), self.tr("Status")],
        )
        self.extensions = SideTable(
            "reconcileExtensions",
            [
                self.tr("Measure"),
                self.tr("Requested by"),
                self.tr("Old deadline"),
                self.tr("New deadline"),
                self.tr("Reason"),
            ],
        )
        self.overdue = SideTable(
            "reconcileOverdue",
            [self.tr("Community"), self.tr("Measure"), self.tr("Owner"), self.tr("Deadline")],
        )
        self.side.addTab(self.chase, self.tr("Chase list"))
        self.side.addTab(self.pending, self.tr("Waiting for sign-off review"))
        self.side.addTab(self.extensions, self.tr("Extensions to approve"))
        self.side.addTab(self.overdue, self.tr("New overdue this week"))
        split.addWidget(self.side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([1000, 420])
        root.addWidget(split, 1)

        self.open_button.clicked.connect(self.start)
        self.tick_all_button.clicked.connect(self.tick_all)
        self.close_button.clicked.connect(self.close_period)
        self.report_button.clicked.connect(self.write_report)
        self.compare_button.clicked.connect(self.compare)
        # A hidden tab reads nothing (it reads when shown), an unchanged ledger is not read again, and past
        # ``board_jobs.BIG_LEDGER`` live tasks the week is read on a pool thread while the tab says 正在读取….
        self.reads = BoardReads(self, ledger, self._busy)
        self._last: WeekRead | None = None
        self._awaiting = False
        self.fill_weeks()
        self.week_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    # ---- helpers ----
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            old = event.oldSize().width()  # type: ignore[attr-defined]
            if old != self.table.viewport().width():
                QTimer.singleShot(0, self, self._fit_columns)
        return False

    def _fit_columns(self) -> None:
        """fit_columns resizes seven columns and then the rows once: not the rows again after each column (at 60
        lines of a large ledger that was 0.2 s on each showing)."""
        self._fitting = True
        try:
            fit_columns(self.table)
        finally:
            self._fitting = False

    def _fit_rows(self, *_args: Any) -> None:
        """Wrapped rows follow the column widths (a few dozen lines a week: cheap)."""
        if not self._fitting:
            self.table.resizeRowsToContents()

    def _build_balance(self, keys: tuple[str, ...]) -> None:
        """(Re)build the balance grid for ``keys``: the main counts plus the statuses that moved this week."""
        if keys == self.balance_keys:
            return
        grid = self.grid
        while grid.count():
            item = grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None and w not in (self.verdict, self.other_diff):
                w.hide()
                w.deleteLater()
        self.cells.clear()
        self.balance_keys = keys
        for col, key in enumerate(keys, start=1):
            head = QLabel(words.word(rc.COUNT_LABELS.get(key, key)))
            head.setFont(_big_font(13 if key in BIG_KEYS else 11))
            head.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(head, 0, col)
        for row, (name, text) in enumerate(
            (("opening", self.tr("Opening")), ("now", self.tr("Now")), ("difference", self.tr("Difference"))),
            start=1,
        ):
            lab = QLabel(text)
            lab.setFont(_big_font(16))
            grid.addWidget(lab, row, 0)
            for col, key in enumerate(keys, start=1):
                cell = QLabel("—")
                cell.setObjectName(f"balance_{name}_{key}")
                cell.setFont(_big_font(26 if key in BIG_KEYS else 18))
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell.setMinimumWidth(96 if key in BIG_KEYS else 72)
                grid.addWidget(cell, row, col)
                self.cells[(name, key)] = cell
        for c in range(grid.columnCount()):
            grid.setColumnStretch(c, 0)
        grid.addWidget(self.verdict, 1, len(keys) + 1, 3, 1)
        grid.addWidget(self.other_diff, 4, 0, 1, len(keys) + 2)
        grid.setColumnStretch(len(keys) + 2, 1)

    def week(self) -> str:
        return str(self.week_combo.currentData() or rc.week_of(self.ledger, self.ledger.today()))

    def fill_weeks(self, select: str | None = None) -> None:
        current = rc.week_of(self.ledger, self.ledger.today())
        select = select or (self.week() if self.week_combo.count() else current)
        weeks = {
            rc.week_of(self.ledger, self.ledger.today() - dt.timedelta(weeks=i)) for i in range(RECENT_WEEKS)
        }
        weeks |= {p.week for p in rc.periods(self.ledger)}
        self.week_combo.blockSignals(True)
        self.week_combo.clear()
        for w in sorted(weeks, reverse=True):
            start, end = rc.week_window(self.ledger, w)
            # a period by its dates; the ISO week only where the period is one (Monday to Sunday)
            iso = start.isoweekday() == 1 and end == start + dt.timedelta(days=6)
            self.week_combo.addItem(
                self.tr("{start} to {end} (week {week})").format(
                    start=start.isoformat(), end=end.isoformat(), week=start.isocalendar()[1]
                )
                if iso
                else self.tr("{start} to {end}").format(start=start.isoformat(), end=end.isoformat()),
                w,
            )
        i = self.week_combo.findData(select)
        self.week_combo.setCurrentIndex(i if i >= 0 else self.week_combo.findData(current))
        self.week_combo.blockSignals(False)

    def state_text(self) -> str:
        if self.per is None:
            return self.tr("Not started")
        return self.tr("Closed") if self.per.closed else self.tr("Reconciling")

    # ---- refresh ----
    def refresh(self, *, hidden_too: bool = True) -> None:
        """Read the week again if the ledger (its journal's head, today) or the week changed since the last read:
        now on a small ledger, on a pool thread on a large one (the tab says 正在读取… meanwhile); a hidden tab
        asked with ``hidden_too=False`` (a change made elsewhere) reads when it is shown."""
        week, mine, quitting = self.week(), self.ledger, self._quitting

        def read(led: Ledger) -> WeekRead:
            if led is not mine:  # a pool thread's own connection: the program ending stops its SQLite work
                led.store.conn.set_progress_handler(lambda: int(quitting.is_set()), CHECK_EVERY)
            return read_week(led, week)

        self.reads.ask((week,), read, self._show, hidden_too=hidden_too)

    def reading(self) -> bool:
        """True while a read runs on a pool thread."""
        return self.reads.reading()

    def _busy(self, busy: bool) -> None:
        if busy:
            self.lines_label.setText(self.tr("Reading…"))
            for b in (
                self.open_button,
                self.tick_all_button,
                self.close_button,
                self.report_button,
                self.compare_button,
            ):
                b.setEnabled(False)  # enabled again from what is read
        self._awaiting = busy
        if not busy:  # the result follows at once; if none came (the read failed: busy, gone), what was shown
            QTimer.singleShot(
                0, self, self._after_failed_read
            )  # before stands, read again on the next change

    def _after_failed_read(self) -> None:
        if self._awaiting is False and self._last is not None and self.reads.asked is None:
            self._show(self._last)

    def showEvent(self, event: QShowEvent) -> None:
        """Shown with nothing changed: what it shows stands. A large ledger is read after the tab has painted."""
        super().showEvent(event)
        if not self.reads.wanted((self.week(),)):
            return
        if self.reads.big():
            QTimer.singleShot(0, self, self._refresh_if_shown)
        else:
            self.refresh()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():  # (not if closed since)
            self.refresh()

    def _show(self, read: WeekRead) -> None:
        if read.week != self.week():  # the week was changed meanwhile (its own read follows)
            return
        self._last = read
        self.per, self.rec = read.per, read.rec
        per, rec = self.per, self.rec
        closed = per is not None and per.closed
        self.state_label.setText(self.state_text())
        self.state_label.setStyleSheet(
            f"color: {palette.DONE if closed else (palette.OPEN_PERIOD if per else palette.SOFT)};"
        )
        self.open_button.setEnabled(per is None)
        self.tick_all_button.setEnabled(rec is not None and not closed and bool(rec.unticked))
        self.close_button.setEnabled(per is not None and not closed)
        self.report_button.setEnabled(closed)
        self.compare_button.setEnabled(closed)
        if closed and per is not None:
            text = self.tr("This period is closed ({by}, {at}) and cannot be changed any more.").format(
                by=per.closed_by, at=(per.closed_at or "")[:16]
            )
            if per.note:
                text += "\n" + self.tr("Note: {note}").format(note=per.note)
            self.banner.setText(text)
            self.banner.setVisible(True)
        elif per is None:
            self.banner.setText(
                self.tr("Reconciliation has not started for this week. Click “Start reconciliation”.")
            )
            self.banner.setStyleSheet(INFO_STYLE)
            self.banner.setVisible(True)
        else:
            self.banner.setVisible(False)
        if closed:
            self.banner.setStyleSheet(PROBLEM_STYLE)
        self._refresh_balance(rec)
        self.model.set_lines(rec.lines if rec else [], closed)
        self._fit_columns()  # (the rows with them)
        self.lines_label.setText(
            self.tr("{n} lines, {u} not ticked").format(n=len(rec.lines), u=len(rec.unticked)) if rec else ""
        )
        self.chase.fill(read.chase, read.chase_colors, texts=True)
        self.pending.fill(read.pending, texts=True)
        self.extensions.fill(read.extensions, texts=True)
        self.overdue.fill(read.overdue, texts=True)

    def _refresh_balance(self, rec: rc.Reconciliation | None) -> None:
        moved = (
            ()
            if rec is None
            else tuple(
                k
                for k in rc.COUNT_KEYS
                if k not in BIG_KEYS
                and k != "closed"  # the same count as signed_off (已销号): shown once
                and (rec.difference.get(k) or rec.opening.get(k, 0) != rec.now.get(k, 0))
            )
        )
        self._build_balance(BIG_KEYS + moved)
        for key in self.balance_keys:
            for name in ("opening", "now", "difference"):
                cell = self.cells[(name, key)]
                if rec is None:
                    cell.setText("—")
                    cell.setStyleSheet("")
                    continue
                value = getattr(rec, name).get(key, 0)
                if name == "difference":
                    cell.setText(f"{value:+d}" if value else "0")
                    cell.setStyleSheet(f"color: {palette.ALERT if value else palette.DONE};")
                else:
                    cell.setText(str(value))
        if rec is None:
            self.verdict.setText("")
            self.other_diff.setText("")
            return
        if rec.balanced:
            self.verdict.setText(self.tr("Balanced"))
            self.verdict.setStyleSheet(f"color: {palette.DONE};")
        else:
            self.verdict.setText(self.tr("Not balanced"))
            self.verdict.setStyleSheet(f"color: {palette.ALERT};")
        others = {
            k: v for k, v in rec.difference.items() if v and k not in self.balance_keys and k != "closed"
        }
        self.other_diff.setText(
            self.tr("Also different: {text}").format(text=effect_text(others)) if others else ""
        )
        self.other_diff.setStyleSheet(f"color: {palette.ALERT};")

    def on_changed(self, changed: Changed) -> None:
        if changed.source is not self:
            self.refresh(hidden_too=False)

    # ---- actions ----
    def _run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            # This view refreshes itself after its own action: the notice of it is not for it.
            with self.ledger.batch(source=self):
                return fn(*args, **kwargs)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return None
        finally:
            self.refresh()

    def _act(self, label: str, fn: Any, *args: Any) -> None:
        """``fn(ledger, *args)``: here on a small ledger; on a large one by a worker with its own writing
        connection behind a progress dialog (each reads the period's journal entries, and closing replays every
        task: 2 s CPU at 100k, ~20 s at 1M), its change notice relayed to the window's ledger."""
        if not self.reads.big():
            self._run(fn, self.ledger, *args)
            return
        try:
            run_on_ledger(
                self,
                self.tr("Reconciliation"),
                label,
                self.ledger,
                lambda own, _progress: fn(own, *args),
                write=True,
                cancellable=False,
            )
        except LedgerError as exc:
            messages.show_error(self, exc)
        finally:
            self.refresh()

    def start(self) -> None:
        self._act(self.tr("Starting the reconciliation…"), rc.open_period, self.week())

    def tick_all(self) -> None:
        self._act(self.tr("Ticking every line…"), rc.tick, self.week())

    def set_ticked(self, entry_id: str, ticked: bool) -> bool:
        """Tick or untick one line; False (and the refusal shown) when refused."""
        fn = rc.tick if ticked else rc.untick
        try:
            fn(self.ledger, self.week(), [entry_id])
        except LedgerError as exc:
            messages.show_error(self, exc)
            self.refresh()
            return False
        self.refresh()
        return True

    def close_period(self) -> None:
        rec = self.rec
        if rec is None:
            return
        note = ""
        if rec.unticked:
            diff = effect_text(rec.difference) or "0"
            asked = CloseNoteDialog.ask(rec.period.week, len(rec.unticked), diff, self)
            if asked is None:
                return
            note = asked
        self._act(
            self.tr("Closing the period and keeping its figures…"), rc.close_period, rec.period.week, note
        )

    def write_report(self) -> Path | None:
        from ledger.office import weekly as report_week

        week = self.week()
        start = str(documents_folder() / f"周报-{week}.docx")
        chosen = ask_report_path(self, start)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".docx", ".xlsx"):
            path = path.with_suffix(".docx")
        try:  # in a worker with its own connection, as the 通报: python-docx and a large ledger take seconds
            out = run_on_ledger(
                self,
                self.tr("Weekly report"),
                self.tr("Writing the weekly report…"),
                self.ledger,
                lambda own, _progress: report_week.write_report(own, week, path),
                cancellable=False,  # written in one go: there is no step to stop at
            )
        except (LedgerError, OSError) as exc:
            messages.show_error(self, exc)
            return None
        messages.info(self, self.tr("The weekly report was saved to {path}.").format(path=str(out)))
        return out

    def compare(self) -> dict[str, Any] | None:
        week = self.week()
        choices = [p.week for p in reversed(rc.periods(self.ledger)) if p.closed and p.week != week]
        if not choices:
            messages.info(self, self.tr("No other closed week to compare with."))
            return None
        other = ask_compare_week(self, week, choices)
        if not other:
            return None
        try:
            result = rc.compare(self.ledger, week, other)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return None
        CompareDialog.show_result(result, self.ledger, self)
        return result
