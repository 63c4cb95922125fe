"""看板: a column per status and a painted card per task (the first 200 a column, by deadline); dragging a
card to another column asks the workflow, and an illegal move is refused with its reason, changing nothing."""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ledger import board as lb
from ledger.board import BoardScheme, KanbanColumn
from ledger.core import Action, LedgerError, Status, TaskRow, workflow
from ledger.service import Changed, Ledger
from ledger.storage import TaskFilter
from ui.board.board_jobs import BoardReads
from ui.common import palette, words
from ui.common.util import exec_and_free

log = logging.getLogger(__name__)

MIME = "application/x-zhenggai-task-ids"
TaskIdRole = Qt.ItemDataRole.UserRole
TaskRole = Qt.ItemDataRole.UserRole + 1
INK = QColor(palette.INK)
MUTED = QColor(palette.MUTED)
OVERDUE_INK = QColor(palette.ALERT)


def show_refusal(parent: QWidget | None, text: str) -> None:
    """Say why a card cannot move there (tests patch this)."""
    QMessageBox.warning(parent, _tr("Cannot move the card"), text)


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("KanbanView", text)


# ---- model and card painting --------------------------------------------------------------------------------
class KanbanModel(QAbstractListModel):
    """The cards of one column (TaskRow list); drags carry the task ids and the column they left."""

    def __init__(self, status: Status, parent: Any = None) -> None:
        super().__init__(parent)
        self.status = status
        self.tasks: list[TaskRow] = []
        self.total = 0

    def set_column(self, column: KanbanColumn) -> None:
        self.beginResetModel()
        self.tasks = list(column.tasks)
        self.total = column.total
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tasks)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.tasks):
            return None
        t = self.tasks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return t.measure
        if role == TaskIdRole:
            return t.id
        if role == TaskRole:
            return t
        if role == Qt.ItemDataRole.ToolTipRole:
            deadline = t.deadline.isoformat() if t.deadline else _tr("No deadline")
            reason = f"\n{t.return_reason}" if t.return_reason else ""
            return (
                f"{t.measure}\n{t.community} · {t.owner or _tr('(no owner)')} · {deadline}\n"
                f"{t.category}\n{t.problem}{reason}"
            )
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        mime = QMimeData()
        ids = [self.tasks[i.row()].id for i in indexes if i.isValid()]
        mime.setData(MIME, json.dumps({"ids": ids, "from": self.status.value}).encode("utf-8"))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


def read_mime(mime: QMimeData) -> tuple[list[str], str] | None:
    if not mime.hasFormat(MIME):
        return None
    try:
        payload = json.loads(bytes(mime.data(MIME).data()).decode("utf-8"))
        return [str(i) for i in payload["ids"]], str(payload["from"])
    except (ValueError, KeyError, TypeError):
        return None


class CardDelegate(QStyledItemDelegate):
    """A card: a stripe in the task's warning colour, the measure (two lines), community · owner, and the
    deadline with the days left or overdue."""

    def __init__(self, view: KanbanView, parent: Any = None) -> None:
        super().__init__(parent)
        self.view = view

    def fonts(self, base: QFont) -> tuple[QFont, QFont]:
        bold = QFont(base)
        bold.setPointSizeF(max(11.0, base.pointSizeF()))
        bold.setBold(True)
        normal = QFont(base)
        normal.setPointSizeF(max(11.0, base.pointSizeF()))
        return bold, normal

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        bold, normal = self.fonts(option.font)
        h = QFontMetricsF(bold).lineSpacing() * 2 + QFontMetricsF(normal).lineSpacing() * 2 + 26
        return QSize(120, int(h))  # the list stretches cards to its width

    def paint(
        self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        t: TaskRow | None = index.data(TaskRole)
        if t is None:
            return
        scheme = self.view.scheme
        today = self.view.ledger.today()
        state = lb.cell_health(t.status, t.deadline, today, scheme.bands)
        bold, normal = self.fonts(option.font)
        rect = QRectF(option.rect).adjusted(6, 4, -6, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(
            QPen(QColor(palette.SELECTED) if selected else QColor(palette.GRID), 2.0 if selected else 1.0)
        )
        p.setBrush(QColor(palette.PAPER))
        p.drawRoundedRect(rect, 6, 6)
        stripe = QRectF(rect.left(), rect.top(), 8, rect.height())
        color = QColor(scheme.color(state))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color if state != lb.NOT_STARTED else QColor(scheme.border))
        p.drawRoundedRect(stripe, 3, 3)
        inner = rect.adjusted(16, 6, -8, -6)
        bfm, nfm = QFontMetricsF(bold), QFontMetricsF(normal)
        p.setPen(INK)
        p.setFont(bold)
        y = inner.top()
        for line in _two_lines(bfm, t.measure, inner.width()):
            p.drawText(
                QRectF(inner.left(), y, inner.width(), bfm.lineSpacing()), Qt.AlignmentFlag.AlignLeft, line
            )
            y += bfm.lineSpacing()
        p.setFont(normal)
        p.setPen(MUTED)
        who = nfm.elidedText(
            f"{t.community} · {t.owner or _tr('no owner')}", Qt.TextElideMode.ElideRight, inner.width()
        )
        p.drawText(QRectF(inner.left(), y, inner.width(), nfm.lineSpacing()), Qt.AlignmentFlag.AlignLeft, who)
        y += nfm.lineSpacing()
        days = t.days_left(today)
        when = t.deadline.strftime("%Y-%m-%d") if t.deadline else _tr("No deadline")
        countdown = ""
        if lb.deadline_driven(state) and days is not None:
            countdown = (
                _tr("{n}d late").format(n=-days)
                if days < 0
                else (_tr("Due today") if days == 0 else _tr("{n}d left").format(n=days))
            )
        last = QRectF(inner.left(), y, inner.width(), nfm.lineSpacing())
        # the countdown wins the line: the date gives way when both do not fit (an English countdown is longer)
        room = last.width() - (QFontMetricsF(bold).horizontalAdvance(countdown) + 4 if countdown else 0)
        p.drawText(last, Qt.AlignmentFlag.AlignLeft, nfm.elidedText(when, Qt.TextElideMode.ElideRight, room))
        if countdown:
            p.setFont(bold)
            p.setPen(OVERDUE_INK if days is not None and days < 0 else INK)
            p.drawText(last, Qt.AlignmentFlag.AlignRight, countdown)
        p.restore()


def _two_lines(fm: QFontMetricsF, text: str, width: float) -> list[str]:
    first = ""
    for i, ch in enumerate(text):
        if fm.horizontalAdvance(first + ch) > width:
            return [first, fm.elidedText(text[i:], Qt.TextElideMode.ElideRight, width)]
        first += ch
    return [first]


class CardList(QListView):
    """One column's cards; accepts cards dragged from the other columns."""

    dropped = Signal(list, str)  # task ids, this column's status

    def __init__(self, status: Status, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSpacing(0)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(f"QListView {{ background: {palette.KANBAN_COLUMN}; }}")

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> tuple[list[str], str] | None:
        got = read_mime(event.mimeData())
        return got if got is not None and got[1] != self.status.value else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        got = self._accepts(event)
        if got is None:
            event.ignore()
            return
        # Copy, not Move: the source list must not remove the card itself; the refresh puts it where the
        # workflow says.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(got[0], self.status.value)


class ColumnWidget(QFrame):
    """A status column: its name and count, the cards, and "还有 N 张" when capped."""

    def __init__(self, status: Status, view: KanbanView) -> None:
        super().__init__()
        self.status = status
        self.setObjectName(f"kanban_{status.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(max(12.0, font.pointSizeF() + 1))
        font.setBold(True)
        self.title.setFont(font)
        self.title.setContentsMargins(6, 4, 6, 4)
        self.model = KanbanModel(status, self)
        self.list = CardList(status)
        self.list.setModel(self.model)
        self.list.setItemDelegate(CardDelegate(view, self.list))
        self.more = QLabel()
        self.more.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.more.setStyleSheet(f"color: {palette.MUTED}; padding: 4px;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.title)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.more)
        self.setMinimumWidth(196)

    def set_column(self, column: KanbanColumn, scheme: BoardScheme) -> None:
        self.model.set_column(column)
        self.title.setText(f"{words.status(column.status)}  {column.total}")
        self.more.setText(
            _tr("%1 more not shown; narrow them with the filters").replace("%1", str(column.more))
        )
        self.more.setVisible(column.more > 0)


# ---- the view ---------------------------------------------------------------------------------------------------
class KanbanView(QWidget):
    """The 看板 tab. ``tasksActivated(list)``: a card was activated (double-click or Enter; its id in a list); ``taskMoved(str, str)``:
    a card moved (task id, new status). It subscribes to nothing: the window calls set_filter / refresh /
    on_changed."""

    tasksActivated = Signal(list)
    taskMoved = Signal(str, str)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, *, cap: int = 200) -> None:
        super().__init__(parent)
        self.setObjectName("kanbanView")
        self.ledger = ledger
        self.cap = cap
        self.scheme: BoardScheme = lb.load_scheme(ledger)
        self._filter = TaskFilter()
        self.columns: dict[Status, ColumnWidget] = {}
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(4, 4, 4, 4)
        row.setSpacing(6)
        for status in lb.KANBAN_ORDER:
            col = ColumnWidget(status, self)
            col.list.dropped.connect(self._dropped)
            col.list.activated.connect(lambda index: self.tasksActivated.emit([index.data(TaskIdRole)]))
            self.columns[status] = col
            row.addWidget(col, 1)
        self.scroll_area = QScrollArea()  # not self.scroll: that is QWidget.scroll()
        self.scroll_area.setWidget(strip)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.hint_text = self.tr(
            "Drag a card to another column to start, submit, review or return it; "
            "the workflow decides whether the move is allowed."
        )
        self.hint = QLabel(self.hint_text)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {palette.MUTED};")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.hint)
        lay.addWidget(self.scroll_area, 1)
        self.reads = BoardReads(self, ledger, self._busy)
        self._read()  # on a large ledger: when the tab is shown, on a worker

    # public API
    def set_filter(self, task_filter: TaskFilter | None) -> None:
        self._filter = task_filter or TaskFilter()
        self._read()

    def refresh(self) -> None:
        """Read the columns again when the ledger (its journal's head, today), the filter or the layout changed
        since the last read. A hidden tab reads when it is shown; a large ledger is read on a worker thread
        (``reads``) while the tab keeps painting."""
        self._read(hidden_too=False)

    def _read(self, *, hidden_too: bool = True) -> None:
        flt, cap = self._filter, self.cap

        def read(led: Ledger) -> tuple[BoardScheme, list[KanbanColumn]]:
            return lb.load_scheme(led), lb.kanban_columns(led, flt, cap)

        self.reads.ask((flt, cap), read, self._show_columns, hidden_too=hidden_too)

    def _show_columns(self, read: tuple[BoardScheme, list[KanbanColumn]]) -> None:
        self.scheme, columns = read
        shown = {c.status: c for c in columns}
        for status, col in self.columns.items():
            col.setVisible(status in shown)
            if status in shown:
                col.set_column(shown[status], self.scheme)

    def _busy(self, busy: bool) -> None:
        self.hint.setText(self.tr("Reading the cards…") if busy else self.hint_text)

    def on_changed(self, changed: Changed) -> None:
        if changed.affects_board:
            self.refresh()

    def stop(self) -> None:
        """The window closes (its ledger closes next): a read under way on a worker is dropped, nothing more is read."""
        self.reads.stop()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown with nothing changed: the cards stand. A large ledger is read after the tab has painted."""
        super().showEvent(event)
        if not self.reads.wanted((self._filter, self.cap)):
            return
        if self.reads.big():
            QTimer.singleShot(0, self, lambda: self._read())
        else:
            self._read()

    def move_task(self, task_id: str, target_status: Status | str) -> bool:
        """Move one card as if dropped on ``target_status``'s column: ask the workflow, ask for what the action
        needs, act. Returns True if the ledger changed; a refusal is shown with its Chinese reason."""
        from ui.common.messages import error_text

        target = Status(target_status)
        try:
            task = self.ledger.task(task_id)
            if task.status == target:
                return False
            action = workflow.action_for_move(task.status, target)
            if action is None:
                raise LedgerError(
                    "not_allowed",
                    action=_tr("move it to “{column}”").format(column=words.status(target)),
                    state=words.status(task.status),
                    reason=_tr("No step goes straight to this column."),
                )
            state = self.ledger.task_state(task_id)
            outcome = workflow.decide(
                action,
                state,
                self.ledger.operator,
                self.ledger.chain,
                reason="预检",
                grade=workflow.GRADES[0],
                exception="预检",
            )
            missing = ""
            if action == Action.APPROVE:
                try:
                    workflow.decide(
                        action, state, self.ledger.operator, self.ledger.chain, grade=workflow.GRADES[0]
                    )
                except LedgerError as exc:
                    missing = exc.facts.get("reason", error_text(exc))
            note = ""
            if outcome.status != target:
                note = _tr("After this step the task goes to “%1”.").replace(
                    "%1", words.status(outcome.status)
                )
        except LedgerError as exc:
            show_refusal(self, error_text(exc))
            return False
        kwargs: dict[str, str] = {}
        if action in (Action.SUBMIT, Action.APPROVE, Action.RETURN, Action.REOPEN):
            answer = ActionDialog.ask(self, action, task, missing=missing, note=note)
            if answer is None:
                return False
            kwargs = answer
        try:
            outcome = self.ledger.act(task_id, action, **kwargs)
        except LedgerError as exc:
            show_refusal(self, error_text(exc))
            return False
        self.refresh()
        self.taskMoved.emit(task_id, outcome.status.value)
        return True

    def _dropped(self, ids: list[str], status: str) -> None:
        for task_id in ids:
            if not self.move_task(task_id, status):
                break


class ActionDialog(QDialog):
    """What a workflow step needs: the statement for 申请销号, a reason for 退回 / 重启, a grade and opinion
    (and, when evidence or indicators are missing, an exception reason) for 审核通过."""

    def __init__(
        self,
        action: Action,
        task: TaskRow,
        parent: QWidget | None = None,
        *,
        missing: str = "",
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(words.action(action))
        form = QFormLayout()
        head = QLabel(f"<b>{task.measure}</b><br>{task.community} · {task.owner}")
        head.setWordWrap(True)
        form.addRow(head)
        if note:
            form.addRow(QLabel(note))
        self.text = QPlainTextEdit()
        self.text.setObjectName("actionText")
        self.text.setMinimumSize(420, 90)
        self.grade = QComboBox()
        self.grade.setObjectName("actionGrade")
        for g in workflow.GRADES:
            self.grade.addItem(words.word(g), g)
        self.exception = QPlainTextEdit()
        self.exception.setObjectName("actionException")
        self.exception.setMaximumHeight(70)
        self.needs_exception = bool(missing)
        if action == Action.SUBMIT:
            form.addRow(self.tr("What was done (required):"), self.text)
        elif action == Action.APPROVE:
            form.addRow(self.tr("Grade:"), self.grade)
            form.addRow(self.tr("Opinion:"), self.text)
            if missing:
                warn = QLabel(missing)
                warn.setWordWrap(True)
                warn.setStyleSheet(f"color: {palette.ACCENT};")
                form.addRow(warn)
                form.addRow(self.tr("Exception reason (required):"), self.exception)
        else:
            form.addRow(self.tr("Reason (required):"), self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(words.action(action))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._check)
        self.exception.textChanged.connect(self._check)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        ok = True
        if self.action != Action.APPROVE:
            ok = bool(self.text.toPlainText().strip())
        elif self.needs_exception:
            ok = bool(self.exception.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict[str, str]:
        text = self.text.toPlainText().strip()
        if self.action == Action.APPROVE:
            out = {"grade": self.grade.currentData(), "opinion": text}
            if self.needs_exception:
                out["exception"] = self.exception.toPlainText().strip()
            return out
        return {"reason": text}

    @classmethod
    def ask(
        cls, parent: QWidget | None, action: Action, task: TaskRow, *, missing: str = "", note: str = ""
    ) -> dict[str, str] | None:
        """The keyword arguments for ``Ledger.act`` (reason / grade, opinion, exception), or None if cancelled."""
        dialog = cls(action, task, parent, missing=missing, note=note)
        return dialog.values() if exec_and_free(dialog) == QDialog.DialogCode.Accepted else None
