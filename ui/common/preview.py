"""The preview of an import before anything changes, shared by 导入上报 (ui/packages/merge.py) and 导入填报表
(ui/imports/fill_form.py): three lists 将应用 / 冲突 / 拒绝 in tabs with their counts, a decision per conflict
(暂不决定 / ours / theirs / 填写新值 with a new value), then apply or close.

``DecisionTable`` is one list; a subclass says what its seven text columns hold and how they are sized.
``PreviewDialog`` is the dialog; a subclass reads the preview, writes it, and words the sentences. Texts are
translated with ``self.tr`` on the subclass (PySide6 asks for ``type(self).__name__``), so the strings below
are found under the subclasses' contexts too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger.core import LedgerError
from ledger.service import Ledger
from ui.common import messages
from ui.common.util import fit_to_screen, say
from ui.common.worker import run_on_ledger

COL_DECISION, COL_NEW = 7, 8  # after the seven text columns every list has
DECISIONS = ("", "ours", "theirs", "new")  # data of the decision box's items, in order


def sentence_label(name: str) -> QLabel:
    """A dialog's message line: wrapped, selectable, hidden until ``say`` puts a sentence in it."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setVisible(False)
    return label


def centred(widget: QWidget) -> QWidget:
    """``widget`` at its own height in the middle of a (tall, wrapped) table row."""
    holder = QWidget()
    lay = QVBoxLayout(holder)
    lay.setContentsMargins(2, 0, 2, 0)
    lay.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
    return holder


class DecisionTable(QTableWidget):
    """One list of a preview: seven text columns; ``decide=True`` adds 处理 (a combo box) and 新值 (a line edit,
    enabled for 填写新值) per row. ``refused=True`` marks the list of refusals, for a subclass to show differently.

    A row needs ``key`` (what ``decisions()`` is keyed by) and ``can_rewrite`` (填写新值 is offered). A subclass
    gives ``headers``, ``texts``, ``choice_texts`` and ``size_columns``, and may change the rest."""

    BOX_NAME, EDIT_NAME = (
        "decision_",
        "newValue_",
    )  # object names of a row's combo box and line edit, + its index
    ROW_NUMBERS = True  # show the vertical header
    CENTRED = False  # the decision widgets at their own height in the middle of the row, not filling it
    FOCUS_NEW_VALUE = True  # choosing 填写新值 puts the cursor in the new value

    def __init__(
        self,
        rows: Iterable[Any],
        decide: bool = False,
        parent: QWidget | None = None,
        *,
        refused: bool = False,
    ) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.decide = decide
        self.refused = refused
        headers = self.headers()
        if decide:
            headers += [self.tr("Decision"), self.tr("New value")]
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setRowCount(len(self.rows))
        self.verticalHeader().setVisible(self.ROW_NUMBERS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.boxes: list[QComboBox] = []
        self.editors: list[QLineEdit] = []
        ours, theirs = self.choice_texts() if decide else ("", "")
        for r, row in enumerate(self.rows):
            for c, text in enumerate(self.texts(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.style_item(item, c)
                self.setItem(r, c, item)
            if decide:
                self._add_decision(r, row, ours, theirs)
        self.size_columns()
        self.resizeRowsToContents()

    # ---- what a subclass says ------------------------------------------------------------------------------------
    def headers(self) -> list[str]:
        """The seven column titles (translated)."""
        raise NotImplementedError

    def texts(self, row: Any) -> tuple[str, ...]:
        """The seven cells of ``row``."""
        raise NotImplementedError

    def choice_texts(self) -> tuple[str, str]:
        """The decision box's words for "ours" and "theirs" (translated)."""
        raise NotImplementedError

    def size_columns(self) -> None:
        """Column widths and resize modes, once the cells are in."""
        raise NotImplementedError

    def style_item(self, item: QTableWidgetItem, column: int) -> None:
        """A text cell's look beyond its text and tool tip."""

    def new_value_hint(self, row: Any) -> str:
        """The new value's placeholder, and what 填写新值 starts from."""
        return ""

    def row_label(self, r: int) -> int:
        """The number a message calls row ``r`` by: the table's own, from 1."""
        return r + 1

    def decision(self, r: int, choice: str, text: str) -> Any:
        """How ``decisions()`` writes row ``r``'s choice (``text``: the new value, stripped, for "new"):
        (choice, the new value or None). May raise ValueError(row label, why)."""
        return choice, (text if choice == "new" else None)

    # ---- the decisions -------------------------------------------------------------------------------------------
    def _add_decision(self, r: int, row: Any, ours: str, theirs: str) -> None:
        box = QComboBox()
        box.setObjectName(f"{self.BOX_NAME}{r}")
        box.addItem(self.tr("Undecided"), "")
        box.addItem(ours, "ours")
        box.addItem(theirs, "theirs")
        if row.can_rewrite:
            box.addItem(self.tr("Write a new value"), "new")
        edit = QLineEdit()
        edit.setObjectName(f"{self.EDIT_NAME}{r}")
        edit.setEnabled(False)
        edit.setPlaceholderText(self.new_value_hint(row))
        box.currentIndexChanged.connect(lambda _i, b=box, e=edit: self._choice_changed(b, e))
        self.setCellWidget(r, COL_DECISION, centred(box) if self.CENTRED else box)
        self.setCellWidget(r, COL_NEW, centred(edit) if self.CENTRED else edit)
        self.boxes.append(box)
        self.editors.append(edit)

    def _choice_changed(self, box: QComboBox, edit: QLineEdit) -> None:
        new = box.currentData() == "new"
        edit.setEnabled(new)
        if new:
            if not edit.text():
                edit.setText(edit.placeholderText())
            if self.FOCUS_NEW_VALUE:
                edit.setFocus()

    def set_all(self, choice: str) -> None:
        """Every row to ``choice`` ("ours" / "theirs"); a row without it goes back to 暂不决定."""
        for box in self.boxes:
            box.setCurrentIndex(max(0, box.findData(choice)))

    def choose(self, row: int, choice: str, value: str | None = None) -> None:
        """Set one row's decision (and its new value) as the user would."""
        box = self.boxes[row]
        index = box.findData(choice)
        if index < 0:
            raise ValueError(f"row {row} has no decision {choice!r}")
        box.setCurrentIndex(index)
        if value is not None:
            self.editors[row].setText(value)

    def decisions(self) -> dict[str, Any]:
        """{row key: ``decision()``} of the rows decided; ValueError(row label, why) for a bad new value: why is
        "empty", or what ``decision()`` says ("number")."""
        out: dict[str, Any] = {}
        for r, (row, box) in enumerate(zip(self.rows, self.boxes, strict=True)):
            choice = box.currentData()
            if not choice:
                continue
            text = self.editors[r].text().strip() if choice == "new" else ""
            if choice == "new" and not text:
                raise ValueError(self.row_label(r), "empty")
            out[row.key] = self.decision(r, choice, text)
        return out


class PreviewDialog(QDialog):
    """The preview of a file before anything changes: a summary, the tabs 将应用 / 冲突 / 拒绝 (``TABLE`` each),
    a message line, widgets of the subclass, then apply and cancel/close. Apply writes the decisions of the conflict
    list; the lists then show what was done. A file refused before the preview shows its sentence and nothing else.

    A subclass sets ``TABLE``, ``NAMES`` (object names) and ``SIZE``, and gives ``title``, ``apply_text``,
    ``read_preview``, ``show_preview``, ``rows_of``, ``write`` and ``done_text``; ``extra_widgets`` (left of the
    buttons) and ``ask_path`` (for ``run``) as needed."""

    TABLE: type[DecisionTable] = DecisionTable
    NAMES = {
        "dialog": "",
        "summary": "",
        "message": "",
        "tabs": "",
        "apply": "",
        "close": "",
        "applied": "",
        "conflicts": "",
        "refused": "",
    }
    SIZE = (1280, 620)

    def __init__(self, ledger: Ledger, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.path = Path(path)
        self.preview: Any = None
        self.outcome: Any = None
        self.error = ""
        self.setObjectName(self.NAMES["dialog"])
        self.setWindowTitle(self.title() + f" — {self.path.name}")
        self.summary = QLabel()
        self.summary.setObjectName(self.NAMES["summary"])
        self.summary.setWordWrap(True)
        self.message = sentence_label(self.NAMES["message"])
        self.tabs = QTabWidget()
        self.tabs.setObjectName(self.NAMES["tabs"])
        self.applied_table = self.TABLE([])
        self.conflict_table = self.TABLE([], decide=True)
        self.refused_table = self.TABLE([], refused=True)
        self.apply_button = QPushButton(self.apply_text())
        self.apply_button.setObjectName(self.NAMES["apply"])
        self.apply_button.clicked.connect(self.apply)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setObjectName(self.NAMES["close"])
        self.close_button.clicked.connect(self._close)
        self.extras = self.extra_widgets()
        buttons = QHBoxLayout()
        for w in self.extras:
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, *self.SIZE)
        self._load()

    # ---- what a subclass says ------------------------------------------------------------------------------------
    def title(self) -> str:
        """The window title before the file name, and the title of the box a refused file is shown in."""
        raise NotImplementedError

    def apply_text(self) -> str:
        """The apply button's text."""
        raise NotImplementedError

    def extra_widgets(self) -> list[QWidget]:
        """Widgets left of the buttons; they are disabled with the apply button."""
        return []

    def read_preview(self, ledger: Ledger) -> Any:
        """The preview of ``self.path`` (with ``applied``, ``conflicts``, ``refused``) read through ``ledger`` (a
        worker thread's own ledger: use nothing of the window's; a dry run rolls back); raises LedgerError."""
        raise NotImplementedError

    def show_preview(self, p: Any) -> None:
        """The summary, the lists (``_fill``), the tab to start on and the buttons, for a preview read."""
        raise NotImplementedError

    def rows_of(self, items: list[Any]) -> list[Any]:
        """The table rows of preview or result items."""
        raise NotImplementedError

    def before_write(self) -> None:
        """In the GUI thread, before ``write`` runs in a worker: read what it needs of the dialog's widgets."""

    def write(self, ledger: Ledger, decisions: dict[str, Any]) -> Any:
        """Apply the file with ``decisions`` through ``ledger`` (a worker thread's own writing ledger); the result
        (with the three lists); raises LedgerError."""
        raise NotImplementedError

    def done_text(self, result: Any) -> tuple[str, bool]:
        """The sentence after ``write``, and whether it is a warning."""
        raise NotImplementedError

    def ready(self) -> bool:
        """Whether ``apply`` may write now."""
        return self.preview is not None and self.outcome is None

    @classmethod
    def ask_path(cls, parent: QWidget | None, ledger: Ledger) -> str:
        """The file ``run`` previews when none is given; "" when cancelled."""
        raise NotImplementedError

    # ---- preview -------------------------------------------------------------------------------------------------
    def _load(self) -> None:
        # Read in a worker thread behind a progress dialog (seconds for a large ledger); the window keeps painting.
        try:
            self.preview = run_on_ledger(
                self.parentWidget(),
                self.title(),
                self.tr("Reading “{file}”…").format(file=self.path.name),
                self.ledger,
                lambda own, _progress: self.read_preview(own),
                write=True,  # a merge's preview is a dry run: replayed in a transaction that is rolled back
                cancellable=False,
            )
        except (LedgerError, OSError) as exc:
            self.preview = None
            self.error = messages.error_text(exc)
        if self.preview is None:
            self.summary.setText(self.tr("Nothing was imported; the ledger was not changed."))
            say(self.message, self.error, warn=True)
            self.tabs.setVisible(False)
            self._finish()
            return
        self.show_preview(self.preview)

    def _fill(self, p: Any) -> None:
        """The three lists of a preview or a result, in fresh tables."""
        old = [w for i in range(self.tabs.count()) if (w := self.tabs.widget(i)) is not None]
        self.tabs.clear()
        for w in old:
            w.deleteLater()
        applied, conflicts, refused = (
            self.rows_of(p.applied),
            self.rows_of(p.conflicts),
            self.rows_of(p.refused),
        )
        self.applied_table = self.TABLE(applied)
        self.applied_table.setObjectName(self.NAMES["applied"])
        self.conflict_table = self.TABLE(conflicts, decide=True)
        self.conflict_table.setObjectName(self.NAMES["conflicts"])
        self.refused_table = self.TABLE(refused, refused=True)
        self.refused_table.setObjectName(self.NAMES["refused"])
        self.tabs.addTab(self.applied_table, self.tr("To apply ({count})").format(count=len(applied)))
        self.tabs.addTab(self.conflict_table, self.tr("Conflicts ({count})").format(count=len(conflicts)))
        self.tabs.addTab(self.refused_table, self.tr("Refused ({count})").format(count=len(refused)))

    def set_all_button(self, text: str, name: str, choice: str) -> QPushButton:
        """A button that sets every conflict to ``choice``."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: self.conflict_table.set_all(choice))
        return button

    def counts(self) -> tuple[int, int, int]:
        return self.applied_table.rowCount(), self.conflict_table.rowCount(), self.refused_table.rowCount()

    def choose(self, row: int, choice: str, value: str | None = None) -> None:
        self.conflict_table.choose(row, choice, value)

    # ---- apply ---------------------------------------------------------------------------------------------------
    def apply(self) -> Any:
        """Write the file with the conflicts' decisions: the result, or None with the sentence shown."""
        if not self.ready():
            return self.outcome
        try:
            decisions = self.conflict_table.decisions()
        except ValueError as exc:
            row, why = exc.args
            text = (
                self.tr("The new value in row {row} is not a number.")
                if why == "number"
                else self.tr(
                    "A new value is empty in row {row}. Write the value, or choose another decision."
                )
            )
            say(self.message, text.format(row=row), warn=True)
            return None
        self.before_write()
        try:  # in a worker thread with its own connection, one transaction as before; the dialog blocks the window
            result = run_on_ledger(
                self,
                self.title(),
                self.tr("Importing “{file}”…").format(file=self.path.name),
                self.ledger,
                lambda own, _progress: self.write(own, decisions),
                write=True,
                cancellable=False,  # one transaction: there is no step to stop at
            )
        except (LedgerError, OSError) as exc:
            self.error = messages.error_text(exc)
            say(self.message, self.error, warn=True)
            return None
        self.outcome = result
        text, warn = self.done_text(result)
        say(self.message, text, warn=warn)
        self._fill(result)
        for box, edit in zip(self.conflict_table.boxes, self.conflict_table.editors, strict=True):
            box.setEnabled(False)
            edit.setEnabled(False)
        self._finish()
        return result

    def _finish(self) -> None:
        """Nothing (more) to apply: the extras and apply disabled, 取消 becomes 关闭."""
        for w in (*self.extras, self.apply_button):
            w.setEnabled(False)
        self.close_button.setText(self.tr("Close"))

    def _close(self) -> None:
        if self.outcome is not None:
            self.accept()
        else:
            self.reject()

    @classmethod
    def run(cls, parent: QWidget | None, ledger: Ledger, path: str | Path | None = None) -> Any:
        """Ask for the file (unless given), preview, let the user decide and apply. A file refused before the
        preview is shown as its sentence in a message box; None when nothing was applied."""
        if path is None:
            path = cls.ask_path(parent, ledger)
            if not path:
                return None
        dlg = cls(ledger, path, parent)
        if dlg.preview is None:
            messages.show_error(parent, dlg.error, dlg.title())
            dlg.deleteLater()
            return None
        dlg.exec()
        return dlg.outcome
