"""The 对账 lines as a table model (核对 checkbox per line), and the words for statuses and count changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QTableView

from ledger import reconcile as rc
from ledger.core import Status
from ui.common import palette, words

if TYPE_CHECKING:
    from ui.reconcile.view import ReconcileView

EntryIdRole = Qt.ItemDataRole.UserRole + 1


STATUS_VALUES = frozenset(s.value for s in Status)


def status_text(value: Any) -> str:
    if isinstance(value, str) and value in STATUS_VALUES:
        return words.status(value)
    return str(value)


def effect_text(effect: dict[str, int]) -> str:
    """Each count once (已销号 is both ``signed_off`` and the state ``closed``: one label)."""
    shown: dict[str, int] = {}
    for k, v in effect.items():
        if v:
            shown.setdefault(rc.COUNT_LABELS.get(k, k), v)
    return "，".join(f"{words.word(label)} {v:+d}" for label, v in shown.items())


# ---- the lines -------------------------------------------------------------------------------------------------
class LinesModel(QAbstractTableModel):
    """The period's lines; column 0 is the 核对 checkbox (checkable only while the period is open)."""

    def __init__(self, view: ReconcileView) -> None:
        super().__init__(view)
        self.view = view
        self.lines: list[rc.Line] = []
        self.closed = False
        self.headers = [
            self.tr("Ticked"),
            self.tr("Time"),
            self.tr("Operator"),
            self.tr("Community"),
            self.tr("Measure"),
            self.tr("Change (field: before → after)"),
            self.tr("Effect"),
        ]

    def set_lines(self, lines: list[rc.Line], closed: bool) -> None:
        self.beginResetModel()
        self.lines, self.closed = list(lines), closed
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not self.closed:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def _change(self, ln: rc.Line) -> str:
        out = []
        for i in ln.items:
            if i.field[:1] in "+-":  # a task or indicator added / removed
                out.append(i.label)
                continue
            before = self.tr("(empty)") if i.before in (None, "") else status_text(i.before)
            after = self.tr("(empty)") if i.after in (None, "") else status_text(i.after)
            out.append(f"{i.label}：{before} → {after}")
        return "；".join(dict.fromkeys(out))

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        ln, col = self.lines[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if ln.ticked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return (
                    (self.tr("Sign-off request") if ln.submits else "")
                    if role == Qt.ItemDataRole.DisplayRole
                    else (f"{ln.ticked_by} {ln.ticked_at}" if ln.ticked else None)
                )
            if col == 1:
                return ln.at[:16]
            if col == 2:
                return ln.actor
            if col == 3:
                return "、".join(ln.communities)
            if col == 4:
                measures = list(dict.fromkeys(i.measure for i in ln.items if i.measure))
                if (
                    role == Qt.ItemDataRole.DisplayRole and len(measures) > 3
                ):  # a bulk change: not a page tall
                    return self.tr("{first} and {n} more").format(
                        first="、".join(measures[:2]), n=len(measures) - 2
                    )
                return "、".join(measures)
            if col == 5:
                parts = self._change(ln).split("；")
                if role == Qt.ItemDataRole.DisplayRole and len(parts) > 4:
                    return self.tr("{first} and {n} more").format(
                        first="；".join(parts[:3]), n=len(parts) - 3
                    )
                return "；".join(parts)
            if col == 6:
                return effect_text(ln.effect) or self.tr("no count changes")
        if role == Qt.ItemDataRole.BackgroundRole and ln.submits:
            return QColor(palette.SUBMITTED_ROW)
        if role == Qt.ItemDataRole.ForegroundRole and col == 6 and not ln.effect:
            return QColor(palette.DIMMED)
        if role == EntryIdRole:
            return ln.entry_id
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            not index.isValid()
            or index.column() != 0
            or role != Qt.ItemDataRole.CheckStateRole
            or self.closed
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        return self.view.set_ticked(self.lines[index.row()].entry_id, checked)


# ---- the columns' widths -----------------------------------------------------------------------------------------
CHANGE, MEASURE = 5, 4
# the widest each short column may become, in characters: 核对, 时间, 操作人, 居民区, (措施), (变化), 影响
CAPS = {0: 6, 1: 11, 2: 6, 3: 8, 6: 14}


def fit_columns(table: QTableView) -> None:
    """Share the table's width by what the columns hold: the short columns as wide as their content (within a
    cap), then 变化（字段：前 → 后）, the thing being checked, gets two thirds of the rest and 整改措施 one third
    (less when its content is narrower). Rows then wrap to their content."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    em = table.fontMetrics().horizontalAdvance("一")
    width = table.viewport().width()
    used = 0
    for col, cap in CAPS.items():
        content = max(header.sectionSizeFromContents(col).width(), table.sizeHintForColumn(col))
        size = min(content, cap * em + 16)
        header.resizeSection(col, size)
        used += size
    rest = max(width - used, 16 * em)
    measure_content = max(header.sectionSizeFromContents(MEASURE).width(), table.sizeHintForColumn(MEASURE))
    measure = max(6 * em, min(measure_content, rest // 3))
    header.resizeSection(MEASURE, measure)
    header.resizeSection(CHANGE, max(10 * em, rest - measure - 6))
    table.resizeRowsToContents()
