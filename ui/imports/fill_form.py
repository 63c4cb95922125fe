"""填报表 and other tools' 台账 in the window: export a community's fill form, import it back (preview per cell:
将应用 / 冲突 / 拒绝, a decision per conflict), or hand another tool's ledger to ui/imports/foreign.py.

Everything here calls ``ledger.office.fill_form``; this module only asks, shows and decides. While a dialog is open
its sentences go into a label in the dialog (no message boxes), as in the 社区包 dialogs (ui/package_*.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.core.errors import LedgerError
from ledger.core.values import parse_number
from ledger.office import fill_form as excel_returns
from ledger.service.commands import Ledger
from ui.common import messages
from ui.common.preview import DecisionTable, PreviewDialog
from ui.common.util import documents_folder, say, settings
from ui.common.worker import run_on_ledger
from ui.imports.foreign import ForeignImportDialog

log = logging.getLogger(__name__)

FOLDER_KEY = "excelReturns/folder"


def _tr(text: str) -> str:
    return QCoreApplication.translate("excel_returns", text)


# ---- patchable questions (tests replace these) --------------------------------------------------------------------
def ask_save_path(parent: QWidget | None, start: Path) -> str:
    """Where to save the fill form; "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save the fill form as"), str(start), _tr("Excel workbooks (*.xlsx)")
    )
    return path


def ask_open_path(parent: QWidget | None, start: str) -> str:
    """The .xlsx to import; "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Choose the Excel file to import"), start, _tr("Excel workbooks (*.xlsx);;All files (*)")
    )
    return path


def show_done(parent: QWidget | None, community: str, path: Path) -> None:
    """Where the fill form went."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _tr("Fill form exported"),
        _tr("The fill form of {community} was saved to:\n{path}").format(community=community, path=path),
        parent=parent,
    )
    note = excel_returns.print_note(path) if path.is_file() else ""
    if note:  # the paper it prints on (A3 when A4 would print under 9 pt)
        box.setInformativeText(note)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def _folder(ledger: Ledger) -> Path:
    saved = str(settings().value(FOLDER_KEY, "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    return documents_folder()


def _remember(folder: Path) -> None:
    settings().setValue(FOLDER_KEY, str(folder))


# ---- 导出填报表 ------------------------------------------------------------------------------------------------------
def _communities(ledger: Ledger) -> list[tuple[str, str, int]]:
    return [
        (r[0], r[1], int(r[2]))
        for r in ledger.store.conn.execute(
            "SELECT c.id, c.name, COUNT(t.id) FROM community c JOIN task t ON t.community_id = c.id "
            "AND t.deleted_at IS NULL GROUP BY c.id ORDER BY c.sort, c.rowid"
        )
    ]


class ExportFillFormDialog(QDialog):
    """Which community's 填报表 to export (the path is asked next)."""

    def __init__(
        self, ledger: Ledger, community_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportFillFormDialog")
        self.setWindowTitle(self.tr("Export a fill form"))
        intro = QLabel(
            self.tr(
                "A fill form is an Excel sheet of one community's tasks for its secretary: they fill "
                "in the progress, the indicator values and whether to ask for sign-off (the yellow "
                "cells), and send it back; import it with File → Import Excel…."
            )
        )
        intro.setWordWrap(True)
        self.community = QComboBox()
        self.community.setObjectName("fillFormCommunity")
        for cid, name, tasks in _communities(ledger):
            self.community.addItem(
                self.tr("{name} ({tasks} tasks)").format(name=name, tasks=tasks), (cid, name)
            )
        if community_id is not None:
            for i in range(self.community.count()):
                if self.community.itemData(i)[0] == community_id:
                    self.community.setCurrentIndex(i)
        form = QFormLayout()
        form.addRow(self.tr("Community"), self.community)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("exportFillForm")
        ok.setEnabled(self.community.count() > 0)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if self.community.count() == 0:
            layout.addWidget(QLabel(self.tr("No community has tasks.")))
        layout.addWidget(buttons)
        intro.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 34)
        self.adjustSize()

    def chosen(self) -> tuple[str, str] | None:
        data = self.community.currentData()
        return (str(data[0]), str(data[1])) if data else None


def export_fill_form_dialog(
    parent: QWidget | None, ledger: Ledger, community_id: str | None = None
) -> Path | None:
    """文件 → 导出填报表…: pick the community and the file, export, say where it went. None when cancelled or
    refused (the sentence shown)."""
    dlg = ExportFillFormDialog(ledger, community_id, parent)
    try:
        if dlg.exec() != QDialog.DialogCode.Accepted or dlg.chosen() is None:
            return None
        chosen = dlg.chosen()
    finally:
        dlg.deleteLater()
    assert chosen is not None
    _cid, name = chosen
    start = _folder(ledger) / _tr("{community} fill form.xlsx").format(community=name)
    path = ask_save_path(parent, start)
    if not path:
        return None
    try:  # in a worker thread with its own read-only connection; the window paints meanwhile
        out = run_on_ledger(
            parent,
            _tr("Export fill form"),
            _tr("Writing the fill form of {community}…").format(community=name),
            ledger,
            lambda own, _progress: excel_returns.export_fill_form(own, name, path),
            cancellable=False,
        )
    except (LedgerError, OSError) as exc:
        messages.show_error(parent, exc, _tr("Cannot export the fill form"))
        return None
    _remember(out.parent)
    log.info("fill form of %s exported to %s", name, out)
    show_done(parent, name, out)
    return out


# ---- 导入填报表 ------------------------------------------------------------------------------------------------------
COL_ROW, COL_COLUMN, COL_TASK, COL_FIELD, COL_OURS, COL_THEIRS, COL_REASON, COL_DECISION, COL_NEW = range(9)


@dataclass
class _Line:
    item: excel_returns.FillItem
    task: str
    field: str
    ours: str
    theirs: str
    can_rewrite: bool

    @property
    def key(self) -> str:
        return self.item.key


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class FillTable(DecisionTable):
    """行, 列, 居民区/整改措施, 字段, 台账现值, 填报值, 原因; ``decide=True`` adds 处理 and 新值 (the conflicts);
    ``refused=True`` hides 台账现值. ``decisions()`` is {key: choice | ("new", value)}, a new indicator value read
    as a number; ValueError((the sheet's row, "empty" | "number")) for a bad new value."""

    rows: list[_Line]
    BOX_NAME, EDIT_NAME = "fillDecision_", "fillNewValue_"
    ROW_NUMBERS = False  # 行 is the sheet's row
    CENTRED = True
    FOCUS_NEW_VALUE = False

    def headers(self) -> list[str]:
        return [
            self.tr("Row"),
            self.tr("Column"),
            self.tr("Community / measure"),
            self.tr("Field"),
            self.tr("Ledger now"),
            self.tr("Filled in"),
            self.tr("Reason"),
        ]

    def texts(self, line: _Line) -> tuple[str, ...]:
        return (
            str(line.item.row),
            line.item.column,
            line.task,
            line.field,
            line.ours,
            line.theirs,
            line.item.reason,
        )

    def choice_texts(self) -> tuple[str, str]:
        return self.tr("Keep the ledger's"), self.tr("Take the filled-in")

    def style_item(self, item: QTableWidgetItem, column: int) -> None:
        if column in (COL_ROW, COL_COLUMN):
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)

    def new_value_hint(self, line: _Line) -> str:
        return line.theirs

    def size_columns(self) -> None:
        # 行/列/字段 as wide as their text, the decision columns fixed, the texts share the rest (wrapped), so the
        # reason stays visible on a small screen.
        header = self.horizontalHeader()
        em = self.fontMetrics().horizontalAdvance("中")
        for c in range(self.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch
            if c in (COL_ROW, COL_COLUMN, COL_FIELD):
                mode = QHeaderView.ResizeMode.ResizeToContents
            elif c in (COL_DECISION, COL_NEW):
                mode = QHeaderView.ResizeMode.Fixed
                self.setColumnWidth(c, (6 if c == COL_DECISION else 7) * em + 16)
            header.setSectionResizeMode(c, mode)
        header.setMinimumSectionSize(2 * em + 12)
        if self.refused:
            self.setColumnHidden(COL_OURS, True)  # a refusal holds no ledger value

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.resizeRowsToContents()

    def row_label(self, r: int) -> int:
        return self.rows[r].item.row

    def decision(self, r: int, choice: str, text: str) -> Any:
        if choice != "new":
            return choice
        item = self.rows[r].item
        value: Any = text
        if item.field.startswith("actual:"):
            try:
                value = parse_number(text, "完成值")
            except LedgerError:
                raise ValueError(item.row, "number") from None
        return "new", value


class FillFormDialog(PreviewDialog):
    """The preview of a filled 填报表 before anything changes: 将应用 / 冲突 / 拒绝; each conflict decided per row;
    refusals must be skipped explicitly (the check box); 导入 runs ``apply_fill_form`` (backup first, one
    transaction). A refused file shows its sentence and leaves the ledger as it was."""

    TABLE = FillTable
    NAMES = {
        "dialog": "fillFormDialog",
        "summary": "fillSummary",
        "message": "fillResult",
        "tabs": "fillTabs",
        "apply": "importFillForm",
        "close": "closeFillForm",
        "applied": "fillAppliedTable",
        "conflicts": "fillConflictTable",
        "refused": "fillRefusedTable",
    }
    SIZE = (1280, 620)
    preview: excel_returns.FillPreview | None
    outcome: excel_returns.FillPreview | None

    def title(self) -> str:
        return self.tr("Import a fill form")

    def apply_text(self) -> str:
        return self.tr("Import")

    def extra_widgets(self) -> list[QWidget]:
        self.accept_refused = QCheckBox(self.tr("Skip the cells that cannot be imported and import the rest"))
        self.accept_refused.setObjectName("acceptRefused")
        self.accept_refused.setVisible(False)  # shown when the preview has refusals
        self.accept_refused.toggled.connect(self._update_buttons)
        return [self.accept_refused]

    @property
    def import_button(self) -> QPushButton:
        """导入 (the apply button)."""
        return self.apply_button

    @classmethod
    def ask_path(cls, parent: QWidget | None, ledger: Ledger) -> str:
        chosen = ask_open_path(parent, str(_folder(ledger)))
        if chosen:
            _remember(Path(chosen).parent)
        return chosen

    def ready(self) -> bool:
        """Something to import, and the refusals (if any) ticked to be skipped."""
        p = self.preview
        return (
            super().ready()
            and p is not None
            and bool(p.applied or p.conflicts)
            and (not p.refused or self.accept_refused.isChecked())
        )

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self.ready())

    # ---- preview -------------------------------------------------------------------------------------------------
    def read_preview(self, ledger: Ledger) -> excel_returns.FillPreview:
        self._tasks: dict[str, str] = {}  # words of the task and indicator ids, looked up once
        self._indicators: dict[str, str] = {}
        return excel_returns.preview_fill_form(ledger, self.path)

    def show_preview(self, p: excel_returns.FillPreview) -> None:
        self.summary.setText(
            self.tr(
                "“{file}” ({community}): {applied} values to apply, {conflicts} conflicts, {refused} cells that cannot be "
                "imported, {unchanged} rows unchanged. Nothing has been changed yet."
            ).format(
                file=self.path.name,
                community=p.community,
                applied=len(p.applied),
                conflicts=len(p.conflicts),
                refused=len(p.refused),
                unchanged=p.unchanged,
            )
        )
        self._fill(p)
        self.accept_refused.setVisible(bool(p.refused))
        if p.refused:
            say(
                self.message,
                self.tr(
                    "{count} cells cannot be imported (see the tab 拒绝). Tick “Skip the cells that cannot be imported” to "
                    "import the rest, or correct the file and import it again."
                ).format(count=len(p.refused)),
                warn=True,
            )
            self.tabs.setCurrentWidget(self.refused_table)
        elif p.conflicts:
            self.tabs.setCurrentWidget(self.conflict_table)
        self._update_buttons()

    def _task_words(self, task_id: str) -> str:
        if not task_id:
            return ""
        if task_id not in self._tasks:
            try:
                t = self.ledger.task(task_id)
                self._tasks[task_id] = f"{t.community} / {t.measure}"
            except LedgerError:
                self._tasks[task_id] = ""
        return self._tasks[task_id]

    def _field_words(self, fld: str) -> str:
        if fld == "progress":
            return self.tr("Progress")
        if fld == "submit":
            return self.tr("Ask for sign-off")
        if fld == "row":
            return self.tr("Whole row")
        if fld.startswith("actual:"):
            iid = fld.split(":", 1)[1]
            if iid not in self._indicators:
                row = self.ledger.store.row("indicator", iid)
                self._indicators[iid] = str(row["name"]) if row is not None else ""
            name = self._indicators[iid]
            return (
                self.tr("Indicator value: {name}").format(name=name) if name else self.tr("Indicator value")
            )
        return next((h for h, key, *_ in excel_returns.FIXED if key == fld), fld)

    def rows_of(self, items: list[excel_returns.FillItem]) -> list[_Line]:
        return [
            _Line(
                it,
                self._task_words(it.task_id),
                self._field_words(it.field),
                _value_text(it.ours),
                _value_text(it.theirs),
                it.field == "progress" or it.field.startswith("actual:"),
            )
            for it in items
        ]

    # ---- apply ---------------------------------------------------------------------------------------------------
    def before_write(self) -> None:
        self._accept_refused = self.accept_refused.isChecked()

    def write(self, ledger: Ledger, decisions: dict[str, Any]) -> excel_returns.FillPreview:
        result = excel_returns.apply_fill_form(
            ledger, self.path, decisions, accept_refused=self._accept_refused
        )
        log.info(
            "fill form %s: %d applied, %d conflicts (%d open), %d refused, written=%s",
            self.path.name,
            len(result.applied),
            len(result.conflicts),
            len(result.open_conflicts),
            len(result.refused),
            result.written,
        )
        return result

    def done_text(self, result: excel_returns.FillPreview) -> tuple[str, bool]:
        if not result.written:
            return self.tr("Nothing new to import: the ledger already holds every value of “{file}”.").format(
                file=self.path.name
            ), False
        open_left = len(result.open_conflicts)
        text = self.tr(
            "Imported “{file}” ({community}): {applied} values applied, {decided} conflicts decided, "
            "{skipped} cells skipped."
        ).format(
            file=self.path.name,
            community=result.community,
            applied=len(result.applied),
            decided=len(result.conflicts) - open_left,
            skipped=len(result.refused),
        )
        if open_left:
            text += self.tr(
                " {count} conflicts were left undecided; import the file again to decide them."
            ).format(count=open_left)
        if result.backup:
            text += self.tr(" Backup before the import: {path}").format(path=result.backup)
        return text, False


# ---- 导入 Excel… ----------------------------------------------------------------------------------------------------
def import_excel(parent: QWidget | None, ledger: Ledger) -> object | None:
    """文件 → 导入 Excel…: ask for the .xlsx; a 填报表 opens FillFormDialog, anything else ForeignImportDialog.
    A file that is not a readable workbook is shown as its sentence; nothing changes."""
    chosen = ask_open_path(parent, str(_folder(ledger)))
    if not chosen:
        return None
    path = Path(chosen)
    _remember(path.parent)
    try:
        form = excel_returns.is_fill_form_file(path)
    except LedgerError as exc:
        messages.show_error(parent, exc, _tr("Import Excel"))
        return None
    if form:
        applied: object | None = FillFormDialog.run(parent, ledger, path)  # PreviewDialog.run() is typed Any
        return applied
    return ForeignImportDialog.run(parent, ledger, path)
