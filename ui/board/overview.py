"""总览: the share signed off in the largest type on the screen, per-community completion bars (worst first),
the overdue list with owners, and weekly trends from the journal drawn with QPainter (no Qt Charts)."""

from __future__ import annotations

import math
import threading
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger import board as lb
from ledger.board import CommunityProgress, Trends
from ledger.core import TaskRow
from ledger.service import Changed, Ledger
from ledger.storage import TaskFilter
from ui.board.overview_jobs import Figures, FiguresJob, FiguresRead, count_figures
from ui.common import palette

INK = QColor(palette.INK)
MUTED = QColor(palette.MUTED)
GRID = QColor(palette.CHART_GRID)
OVERDUE = QColor(palette.ALERT)
DONE = QColor(palette.DONE)
BAR = QColor(palette.BAR)
TaskIdRole = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("OverviewView", text)


def _font(base: QFont, pt: float, bold: bool = False) -> QFont:
    f = QFont(base)
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


# ---- trends ---------------------------------------------------------------------------------------------------
def nice_max(value: float) -> float:
    """A round top for an axis whose middle line is a whole number too: 2, 4, 10 × 10^n at or above ``value``."""
    if value <= 2:
        return 2.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 4, 10):
        if step * exp >= value and (step * exp) % 2 == 0:
            return float(step * exp)
    return float(20 * exp)


class TrendChart(QWidget):
    """A small bar or line chart of weekly values, painted with QPainter."""

    def __init__(
        self, title: str, kind: str = "bar", color: QColor = BAR, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.kind = kind
        self.color = color
        self.values: list[int] = []
        self.labels: list[str] = []
        self.start = 0
        self.busy = False  # the journal is still being read: the chart says so instead of "no data"
        self.setMinimumSize(200, 200)  # three side by side fit 总览 at 1366×768 at 150 %
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_busy(self) -> None:
        """No values until the journal has been read (a large ledger's is read in the background)."""
        self.values, self.labels, self.start, self.busy = [], [], 0, True
        self.setToolTip(self.title)
        self.update()

    def set_series(self, values: list[int], labels: list[str], start: int = 0) -> None:
        """One value a week; a line starts at ``start`` (the weeks before had no ledger yet)."""
        self.busy = False
        self.values, self.labels, self.start = list(values), list(labels), max(0, min(start, len(values) - 1))
        tip = "\n".join(f"{lab}：{v}" for lab, v in zip(labels, values, strict=False))
        self.setToolTip(f"{self.title}\n{tip}")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(380, 240)

    def paintEvent(self, event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.font()
        title_font = _font(base, max(11.0, base.pointSizeF()), True)
        small = _font(base, max(11.0, base.pointSizeF()))
        tfm, sfm = QFontMetricsF(title_font), QFontMetricsF(small)
        p.setFont(title_font)
        p.setPen(INK)
        p.drawText(QRectF(0, 0, self.width(), tfm.height()), Qt.AlignmentFlag.AlignLeft, self.title)
        top = tfm.height() + 8
        top_value = nice_max(max(self.values, default=0))
        left = sfm.horizontalAdvance(str(int(top_value))) + 10
        plot = QRectF(
            left, top + sfm.height() / 2, self.width() - left - 8, self.height() - top - sfm.height() * 2.2
        )
        p.setFont(small)
        for i in range(3):
            v = top_value * i / 2
            y = plot.bottom() - plot.height() * i / 2
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(MUTED)
            p.drawText(
                QRectF(0, y - sfm.height() / 2, left - 6, sfm.height()),
                Qt.AlignmentFlag.AlignRight,
                f"{v:.0f}",
            )
        n = len(self.values)
        if n == 0:
            p.setPen(MUTED)
            p.drawText(
                plot,
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Reading the journal…") if self.busy else self.tr("No data yet"),
            )
            p.end()
            return
        step = plot.width() / n
        every = max(1, math.ceil(sfm.horizontalAdvance("12.30") * 1.3 / step))
        points = []
        for i, v in enumerate(self.values):
            x = plot.left() + step * i
            h = plot.height() * v / top_value
            if self.kind == "bar":
                bar = QRectF(x + step * 0.18, plot.bottom() - h, step * 0.64, h)
                p.fillRect(bar, self.color)
                if v and step > sfm.horizontalAdvance(str(v)) + 2:
                    p.setPen(INK)
                    p.drawText(
                        QRectF(x, bar.top() - sfm.height(), step, sfm.height()),
                        Qt.AlignmentFlag.AlignHCenter,
                        str(v),
                    )
            points.append(QPointF(x + step / 2, plot.bottom() - h))
            if (n - 1 - i) % every == 0:
                p.setPen(MUTED)
                p.drawText(
                    QRectF(x - step, plot.bottom() + 2, step * 3, sfm.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    self.labels[i] if i < len(self.labels) else "",
                )
        if self.kind == "line":
            shown = points[self.start :]
            path = QPainterPath(shown[0])
            for pt in shown[1:]:
                path.lineTo(pt)
            p.setPen(QPen(self.color, 2.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            p.setBrush(self.color)
            for pt in shown:
                p.drawEllipse(pt, 3.5, 3.5)
            p.setPen(INK)
            last = points[-1]
            p.drawText(
                QRectF(last.x() - 60, last.y() - sfm.height() - 4, 56, sfm.height()),
                Qt.AlignmentFlag.AlignRight,
                str(self.values[-1]),
            )
        p.end()


# ---- community bars ----------------------------------------------------------------------------------------------
class ProgressModel(QAbstractListModel):
    """Communities, worst first (CommunityProgress in UserRole + 1)."""

    ProgressRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[CommunityProgress] = []

    def set_rows(self, rows: list[CommunityProgress]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{r.name} {r.pct:.0f}%"
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tr("{name}: {tasks} tasks, {closed} signed off ({pct}%), {overdue} overdue").format(
                name=r.name, tasks=r.tasks, closed=r.closed, pct=f"{r.pct:.1f}", overdue=r.overdue
            )
        if role == TaskIdRole:
            return r.id
        if role == self.ProgressRole:
            return r
        return None


class BarDelegate(QStyledItemDelegate):
    """Name, a completion bar, the share and the counts; the overdue count in red."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        fm = QFontMetricsF(option.font)
        return QSize(300, int(fm.lineSpacing() * 1.9))

    def paint(
        self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        r: CommunityProgress | None = index.data(ProgressModel.ProgressRole)
        if r is None:
            return
        rect = QRectF(option.rect)
        font = option.font
        fm = QFontMetricsF(font)
        p.save()
        if option.state & QStyle.StateFlag.State_Selected:
            p.fillRect(rect, QColor(palette.ROW_SELECTED))
        p.setFont(font)
        char = fm.horizontalAdvance("汉")
        name_w = char * 7
        right_w = fm.horizontalAdvance("100%  " + _tr("{n} overdue").format(n=999) + "  999/999")
        p.setPen(INK)
        p.drawText(
            QRectF(rect.left() + 6, rect.top(), name_w, rect.height()),
            Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(r.name, Qt.TextElideMode.ElideRight, name_w - 4),
        )
        track = QRectF(
            rect.left() + 10 + name_w,
            rect.center().y() - fm.height() * 0.35,
            max(20.0, rect.width() - name_w - right_w - 24),
            fm.height() * 0.7,
        )
        p.fillRect(track, QColor(palette.TRACK))
        p.fillRect(
            QRectF(track.left(), track.top(), track.width() * r.pct / 100, track.height()),
            DONE if r.pct >= 100 else BAR,
        )
        x = track.right() + 8
        bold = _font(font, font.pointSizeF(), True)
        p.setFont(bold)
        pct = f"{r.pct:.0f}%"
        p.drawText(
            QRectF(x, rect.top(), fm.horizontalAdvance("100%") + 4, rect.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            pct,
        )
        x += fm.horizontalAdvance("100%") + 12
        p.setFont(font)
        overdue = _tr("{n} overdue").format(n=r.overdue)
        # the same for every row, so the counts after it line up; an English phrase is longer than 4 characters
        overdue_w = max(char * 4, fm.horizontalAdvance(_tr("{n} overdue").format(n=99)) + char / 2)
        if r.overdue:
            p.setPen(OVERDUE)
            p.drawText(
                QRectF(x, rect.top(), overdue_w, rect.height()), Qt.AlignmentFlag.AlignVCenter, overdue
            )
        p.setPen(MUTED)
        p.drawText(
            QRectF(x + overdue_w, rect.top(), right_w, rect.height()),
            Qt.AlignmentFlag.AlignVCenter,
            f"{r.closed}/{r.tasks}",
        )
        p.restore()


# ---- the overdue list ------------------------------------------------------------------------------------------
class OverdueModel(QAbstractTableModel):
    """Overdue tasks, most overdue first: measure, community, owner, deadline, days overdue."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[TaskRow] = []
        self.today = None
        self.headers = [
            self.tr("Measure"),
            self.tr("Community"),
            self.tr("Owner"),
            self.tr("Deadline"),
            self.tr("Days overdue"),
        ]

    def set_rows(self, rows: list[TaskRow], today: Any) -> None:
        self.beginResetModel()
        self.rows, self.today = rows, today
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        t = self.rows[index.row()]
        c = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if c == 0:
                return t.measure
            if c == 1:
                return t.community
            if c == 2:
                return t.owner
            if c == 3:
                return t.deadline.isoformat() if t.deadline else ""
            days = t.days_left(self.today) if self.today else None
            return str(-days) if days is not None else ""
        if role == Qt.ItemDataRole.ForegroundRole and c == 4:
            return OVERDUE
        if role == Qt.ItemDataRole.TextAlignmentRole and c == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TaskIdRole:
            return t.id
        return None

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


# ---- the view ----------------------------------------------------------------------------------------------------
class OverviewView(QWidget):
    """The 总览 tab. ``tasksActivated(list)``: an overdue task was activated (double-click, Enter); ``communityActivated(str)``: a
    community's bar was clicked. It subscribes to nothing: the window calls set_filter / refresh / on_changed."""

    tasksActivated = Signal(list)
    communityActivated = Signal(str)

    def __init__(
        self, ledger: Ledger, parent: QWidget | None = None, *, weeks: int = 12, overdue_limit: int = 200
    ) -> None:
        super().__init__(parent)
        self.setObjectName("overviewView")
        self.ledger = ledger
        self.weeks = weeks
        self.overdue_limit = overdue_limit
        self._filter = TaskFilter()
        self._replay: lb.JournalReplay | None = None  # the trends' totals, once the journal has been read
        self._replay_coming = False  # a worker is reading it
        self._latest = [0]  # the newest refresh (read by the workers: a stale one is skipped)
        self._shown = 0  # the refresh whose figures are on the screen
        self._stopped = threading.Event()  # set when closing: the workers stop and send nothing
        self._read = FiguresRead()  # no parent: it outlives a view closed while a worker still runs
        self._read.done.connect(self._show)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        base = self.font()

        self.pct = QLabel("—")
        self.pct.setObjectName("overviewPct")
        self.pct.setFont(_font(base, 48, True))
        self.pct.setStyleSheet(f"color: {palette.INK};")
        self.pct_caption = QLabel(self.tr("signed off"))
        self.pct_caption.setFont(_font(base, 14))
        self.counts = QLabel()
        self.counts.setFont(_font(base, 13))
        self.overdue = QLabel("—")
        self.overdue.setObjectName("overviewOverdue")
        self.overdue.setFont(_font(base, 32, True))
        self.overdue.setStyleSheet(f"color: {palette.ALERT};")
        head = QHBoxLayout()
        od_caption = QLabel(self.tr("overdue"))
        od_caption.setFont(_font(base, 14))
        bottom = Qt.AlignmentFlag.AlignBottom
        for widget, space in (
            (self.pct_caption, 6),
            (self.pct, 24),
            (od_caption, 6),
            (self.overdue, 24),
            (self.counts, 0),
        ):
            widget.setContentsMargins(
                0, 0, 0, 10 if widget in (self.pct_caption, od_caption, self.counts) else 0
            )
            head.addWidget(widget, 0, bottom)
            head.addSpacing(space)
        head.addStretch(1)

        self.progress = ProgressModel(self)
        self.bars = QListView()
        self.bars.setObjectName("communityBars")
        self.bars.setModel(self.progress)
        self.bars.setItemDelegate(BarDelegate(self.bars))
        self.bars.setUniformItemSizes(True)
        self.bars.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bars.clicked.connect(lambda i: self.communityActivated.emit(i.data(TaskIdRole)))

        self.overdue_model = OverdueModel(self)
        self.overdue_table = QTableView()
        self.overdue_table.setObjectName("overdueTable")
        self.overdue_table.setModel(self.overdue_model)
        self.overdue_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.overdue_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overdue_table.verticalHeader().hide()
        self.overdue_table.setWordWrap(False)
        hh = self.overdue_table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3, 4):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.overdue_table.activated.connect(lambda i: self.tasksActivated.emit([i.data(TaskIdRole)]))
        self.overdue_more = QLabel()
        self.overdue_more.setStyleSheet(f"color: {palette.MUTED};")

        self.chart_closed = TrendChart(self.tr("Signed off per week"), "bar", BAR)
        self.chart_open = TrendChart(self.tr("Tasks not yet signed off"), "line", QColor(palette.SELECTED))
        self.chart_overdue = TrendChart(self.tr("Newly overdue per week"), "bar", OVERDUE)

        grid = QGridLayout()
        grid.addWidget(self._titled(self.tr("Communities, lowest completion first"), self.bars), 0, 0)
        overdue_box = QVBoxLayout()
        overdue_box.addWidget(self.overdue_table, 1)
        overdue_box.addWidget(self.overdue_more)
        holder = QWidget()
        holder.setLayout(overdue_box)
        overdue_box.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self._titled(self.tr("Overdue tasks and their owners"), holder), 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        charts = QHBoxLayout()
        for chart in (self.chart_closed, self.chart_open, self.chart_overdue):
            charts.addWidget(chart)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.addLayout(head)
        lay.addLayout(grid, 3)
        lay.addLayout(charts, 2)
        self.refresh()

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        label = QLabel(title)
        label.setFont(_font(self.font(), max(12.0, self.font().pointSizeF() + 1), True))
        v.addWidget(label)
        v.addWidget(widget, 1)
        return box

    # public API
    def set_filter(self, task_filter: TaskFilter | None) -> None:
        self._filter = task_filter or TaskFilter()
        self.refresh()

    # A large ledger's figures are counted on a pool thread (seconds at 100,000 tasks) while the tab says so; the
    # journal is read once, then only its new entries (on the GUI thread: milliseconds).
    INLINE_ROWS = (
        5000  # journal_task rows (about the tasks) up to which everything is counted on the GUI thread
    )

    def refresh(self) -> None:
        self._latest[0] += 1
        generation = self._latest[0]
        if lb.journal_size(self.ledger) <= self.INLINE_ROWS:
            self._show(
                count_figures(
                    self.ledger, self._filter, self.overdue_limit, generation, replay=self._replay is None
                )
            )
            return
        if self._stopped.is_set():
            return
        replay = self._replay is None and not self._replay_coming
        self._replay_coming = self._replay_coming or replay
        self.counts.setText(self.tr("Counting…"))
        if self._replay is None:
            for chart in (self.chart_closed, self.chart_open, self.chart_overdue):
                chart.set_busy()
        job = FiguresJob(
            self.ledger,
            self._filter,
            self.overdue_limit,
            generation,
            self._latest,
            replay=replay,
            read=self._read,
            cancelled=self._stopped,
        )
        QThreadPool.globalInstance().start(job)

    def _show(self, fig: Figures) -> None:
        if self._stopped.is_set():
            return  # closing: a worker's last figures are not shown
        if fig.replay is not None and self._replay is None:
            self._replay, self._replay_coming = fig.replay, False
        if fig.generation == self._latest[0]:
            self._shown = fig.generation
            total = sum(r.tasks for r in fig.rows)
            closed = sum(r.closed for r in fig.rows)
            self.pct.setText(f"{100.0 * closed / total:.1f}%" if total else "—")
            self.overdue.setText(str(fig.n_overdue))
            self.counts.setText(
                self.tr("%1 of %2 tasks signed off").replace("%1", str(closed)).replace("%2", str(total))
            )
            self.progress.set_rows(fig.rows)
            self.overdue_model.set_rows(fig.overdue, fig.today)
            more = fig.n_overdue - len(fig.overdue)
            self.overdue_more.setText(
                self.tr("%1 more overdue tasks; filter by community to see them").replace("%1", str(more))
                if more > 0
                else ""
            )
        if self._replay is not None:
            trends: Trends = lb.trends(
                self.ledger,
                self.weeks,
                self.ledger.today(),
                community_ids=self._filter.community_ids,
                replay=self._replay,  # with what was written meanwhile read on top (only the new entries)
            )
            self.chart_closed.set_series(trends.signed_off, trends.labels)
            self.chart_open.set_series(trends.open_tasks, trends.labels, trends.start)
            self.chart_overdue.set_series(trends.newly_overdue, trends.labels)

    @property
    def counting(self) -> bool:
        """Figures or the trends are still being counted in the background."""
        return self._shown != self._latest[0] or self._replay is None

    def stop(self) -> None:
        """Stop the background work: the window closes (its ledger closes next; ``closing``), or the program ends."""
        self._stopped.set()

    def on_changed(self, changed: Changed) -> None:
        if changed.affects_tasks:
            self.refresh()
