"""导出台账 from the window: the export dialog, and the export run behind a progress dialog."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from ledger.core import LedgerError
from ledger.office import BUILTIN_TEMPLATE, COLUMNS, ExportResult, default_template_name, templates
from ledger.service import Ledger
from ledger.storage import ExportCancelled, TaskFilter
from ui.common import messages
from ui.common.util import documents_folder, exec_and_free, open_folder, settings
from ui.common.worker import Cancelled, Progress, run_on_ledger
from ui.exports.templates import TemplateDialog, hint

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

log = logging.getLogger(__name__)


FOLDER_KEY = "export/folder"
PAPER_KEY = "export/paper"
PER_COMMUNITY_KEY = "export/perCommunity"
LISTS_KEY = "export/threeLists"
KeyRole = Qt.ItemDataRole.UserRole
BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _tr(text: str) -> str:
    return QCoreApplication.translate("excel_export", text)


@dataclass(frozen=True)
class ExportOptions:
    """What ExportDialog asked for; ``kwargs()`` are the arguments of ``export_ledger`` after the path."""

    path: Path
    scope: str  # "all" | "filter" | "community"
    template: str
    task_filter: TaskFilter | None = None
    community: str | None = None
    paper: str = "A4"
    per_community_sheets: bool = False
    three_lists: bool = False

    def kwargs(self) -> dict[str, Any]:
        return {
            "task_filter": self.task_filter,
            "community": self.community,
            "template": self.template,
            "paper": self.paper,
            "per_community_sheets": self.per_community_sheets,
            "three_lists": self.three_lists,
        }


# ---- paths ----------------------------------------------------------------------------------------------------
def default_folder() -> Path:
    """The folder last exported to, else the user's Documents folder, else home."""
    last = str(settings().value(FOLDER_KEY, "") or "")
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def default_file_name(ledger: Ledger, today: dt.date | None = None) -> str:
    org = BAD_FILE_CHARS.sub("", ledger.org_name).strip() or "本单位"
    day = (today or ledger.today()).strftime("%Y%m%d")
    return _tr("{org} rectification ledger-{date}.xlsx").format(org=org, date=day)


def remember_folder(folder: Path) -> None:
    s = settings()
    s.setValue(FOLDER_KEY, str(folder))
    s.sync()


def ask_save_path(parent: QWidget | None, start: Path) -> str:
    """The file dialog (tests patch this); "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent, _tr("Save the ledger as"), str(start), _tr("Excel workbooks (*.xlsx)")
    )
    return path


def _constrains(flt: TaskFilter) -> bool:
    return any(
        (
            flt.community_ids is not None,
            flt.statuses is not None,
            bool(flt.due),
            bool(flt.text.strip()),
            flt.task_ids is not None,
        )
    )


# ---- the export dialog ----------------------------------------------------------------------------------------
class ExportDialog(QDialog):
    """Scope, template, paper, extra sheets and the file; ``options()`` reads them, ``ask`` runs the dialog."""

    def __init__(
        self, ledger: Ledger, current_filter: TaskFilter | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.current_filter = current_filter or TaskFilter()
        self.result_options: ExportOptions | None = None
        self._confirmed: Path | None = None  # a path the file dialog already asked to replace
        self.setWindowTitle(self.tr("Export ledger"))
        s = settings()

        # scope
        total = ledger.task_count(TaskFilter())
        shown = ledger.task_count(self.current_filter)
        self.scope_all = QRadioButton(self.tr("The whole ledger ({n} tasks)").format(n=total))
        self.scope_filter = QRadioButton(self.tr("The current filter ({n} tasks)").format(n=shown))
        self.scope_filter.setToolTip(
            self.tr("Only the tasks the table shows now, with the filters on the left.")
        )
        self.scope_community = QRadioButton(self.tr("One community:"))
        self.scope = QButtonGroup(self)
        for b, name in (
            (self.scope_all, "all"),
            (self.scope_filter, "filter"),
            (self.scope_community, "community"),
        ):
            b.setObjectName(f"scope_{name}")
            self.scope.addButton(b)
        self.community_box = QComboBox()
        self.community_box.setObjectName("communityBox")
        counts = ledger.stats()["by_community"]
        for c in ledger.communities():
            self.community_box.addItem(
                self.tr("{name} ({n} tasks)").format(name=c["name"], n=counts.get(c["name"], 0)), c["name"]
            )
            self.community_box.setItemData(self.community_box.count() - 1, c["id"], KeyRole + 1)
        ids = self.current_filter.community_ids
        if ids is not None and len(ids) == 1:
            self.community_box.setCurrentIndex(
                max(0, self.community_box.findData(next(iter(ids)), KeyRole + 1))
            )
        if self.community_box.count() == 0:
            self.scope_community.setEnabled(False)
            self.community_box.setEnabled(False)
        self.community_box.activated.connect(lambda _i: self.scope_community.setChecked(True))
        self.scope_filter.setEnabled(shown > 0)  # nothing to export there
        (self.scope_filter if _constrains(self.current_filter) and shown else self.scope_all).setChecked(True)
        scope_box = QGroupBox(self.tr("What to export"))
        scope_layout = QVBoxLayout(scope_box)
        scope_layout.addWidget(self.scope_all)
        scope_layout.addWidget(self.scope_filter)
        row = QHBoxLayout()
        row.addWidget(self.scope_community)
        row.addWidget(self.community_box, 1)
        scope_layout.addLayout(row)

        # layout of the workbook
        self.template_box = QComboBox()
        self.template_box.setObjectName("templateBox")
        self.template_box.currentIndexChanged.connect(self._show_columns)
        edit = QPushButton(self.tr("Edit templates…"))
        edit.setObjectName("editTemplates")
        edit.clicked.connect(self.edit_templates)
        self.columns_hint = hint(QLabel())
        self.columns_hint.setObjectName("columnsHint")
        self.paper_box = QComboBox()
        self.paper_box.setObjectName("paperBox")
        self.paper_box.addItem(self.tr("A4 landscape"), "A4")
        self.paper_box.addItem(self.tr("A3 landscape"), "A3")
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(str(s.value(PAPER_KEY, "A4")))))
        self.per_community = QCheckBox(self.tr("One sheet per community"))
        self.per_community.setObjectName("perCommunity")
        self.per_community.setToolTip(
            self.tr("After the ledger sheet, one more sheet for each community with only its tasks.")
        )
        # QSettings.value(..., type=bool) returns a bool; PySide6's stub types every value() as object
        self.per_community.setChecked(cast(bool, s.value(PER_COMMUNITY_KEY, False, type=bool)))
        self.three_lists = QCheckBox(self.tr("The three lists (problems, tasks, responsibilities)"))
        self.three_lists.setObjectName("threeLists")
        self.three_lists.setToolTip(self.tr("Adds the 问题清单, 任务清单 and 责任清单 sheets."))
        self.three_lists.setChecked(cast(bool, s.value(LISTS_KEY, False, type=bool)))
        self.reload_templates()
        layout_box = QGroupBox(self.tr("Layout"))
        form = QFormLayout(layout_box)
        row = QHBoxLayout()
        row.addWidget(self.template_box, 1)
        row.addWidget(edit)
        form.addRow(self.tr("Template"), row)
        form.addRow("", self.columns_hint)
        form.addRow(self.tr("Paper"), self.paper_box)
        form.addRow("", self.per_community)
        form.addRow("", self.three_lists)

        # the file
        self.path_edit = QLineEdit(str(default_folder() / default_file_name(ledger)))
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("browse")
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(self.tr("Save to")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)

        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scope_box)
        layout.addWidget(layout_box)
        layout.addLayout(file_row)
        layout.addWidget(buttons)
        self.scope.buttonToggled.connect(lambda _b, _on: self._scope_changed())
        self._scope_changed()

    # -- templates
    def reload_templates(self, select: str | None = None) -> None:
        keep = select or self.template_box.currentData()
        default = default_template_name(self.ledger)
        self.template_box.blockSignals(True)
        self.template_box.clear()
        for name in templates(self.ledger):
            text = self.tr("{name} (default)").format(name=name) if name == default else name
            self.template_box.addItem(text, name)
        index = self.template_box.findData(keep) if keep else -1
        self.template_box.setCurrentIndex(index if index >= 0 else self.template_box.findData(default))
        self.template_box.blockSignals(False)
        self._show_columns()

    def _show_columns(self) -> None:
        cols = templates(self.ledger).get(self.template_box.currentData() or "", [])
        names = "、".join(
            str(c.get("title") or COLUMNS.get(c.get("key", ""), "")) for c in cols if isinstance(c, dict)
        )
        self.columns_hint.setText(self.tr("{count} columns: {names}").format(count=len(cols), names=names))
        self._fit_hint()

    def _fit_hint(self) -> None:
        """A wrapped label in a form gets no height for its width on its own: give it the lines it needs."""
        width = self.columns_hint.width() if self.columns_hint.isVisible() else 420
        self.columns_hint.setMinimumHeight(self.columns_hint.heightForWidth(max(width, 200)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_hint()

    def edit_templates(self) -> None:
        chosen = TemplateDialog.ask(self.ledger, self, current=self.template_box.currentData())
        self.reload_templates(chosen)

    # -- scope and file
    def _scope_changed(self) -> None:
        one = self.scope_community.isChecked()
        self.per_community.setEnabled(not one)  # a single community needs no sheet per community

    def browse(self) -> None:
        current = Path(self.path_edit.text().strip() or default_file_name(self.ledger))
        start = current if current.parent.is_dir() else default_folder() / current.name
        chosen = ask_save_path(self, start)
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() != ".xlsx":
                path = path.with_name(path.name + ".xlsx")
            self.path_edit.setText(str(path))
            self._confirmed = path  # the file dialog has asked about replacing it

    def chosen_scope(self) -> str:
        if self.scope_community.isChecked():
            return "community"
        return "filter" if self.scope_filter.isChecked() else "all"

    def options(self) -> ExportOptions:
        """What the dialog holds now (the path is not checked here)."""
        scope = self.chosen_scope()
        text = self.path_edit.text().strip()
        path = Path(text).expanduser() if text else Path()
        if text and path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        return ExportOptions(
            path=path,
            scope=scope,
            template=str(self.template_box.currentData() or BUILTIN_TEMPLATE),
            task_filter=self.current_filter if scope == "filter" else None,
            community=self.community_box.currentData() if scope == "community" else None,
            paper=str(self.paper_box.currentData()),
            per_community_sheets=self.per_community.isChecked() and scope != "community",
            three_lists=self.three_lists.isChecked(),
        )

    def _accept(self) -> None:
        opts = self.options()
        if not self.path_edit.text().strip():
            messages.info(self, self.tr("Choose where to save the file."))
            return
        if not opts.path.parent.is_dir():
            messages.info(
                self,
                self.tr(
                    "The folder “{folder}” does not exist. Choose an existing folder with “Browse…”."
                ).format(folder=opts.path.parent),
            )
            return
        if (
            opts.path.exists()
            and opts.path != self._confirmed
            and not messages.confirm(
                self,
                self.tr("“{name}” already exists in “{folder}”. Replace it?").format(
                    name=opts.path.name, folder=opts.path.parent
                ),
            )
        ):
            return
        s = settings()
        s.setValue(PAPER_KEY, opts.paper)
        s.setValue(PER_COMMUNITY_KEY, self.per_community.isChecked())
        s.setValue(LISTS_KEY, opts.three_lists)
        s.sync()
        self.result_options = opts
        self.accept()

    @classmethod
    def ask(
        cls, ledger: Ledger, current_filter: TaskFilter | None = None, parent: QWidget | None = None
    ) -> ExportOptions | None:
        dlg = cls(ledger, current_filter, parent)
        return dlg.result_options if exec_and_free(dlg) == QDialog.DialogCode.Accepted else None


# ---- running the export ---------------------------------------------------------------------------------------
def show_done(parent: QWidget | None, result: ExportResult) -> None:
    """Where the file went, with a button that opens its folder (tests patch this)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _tr("Export finished"),
        _tr("The ledger was exported: {tasks} tasks.").format(tasks=result.tasks),
        parent=parent,
    )
    box.setInformativeText(
        _tr("File: {path}\nSheets: {sheets}").format(path=result.path, sheets="、".join(result.sheets))
        + "".join("\n" + note for note in result.notes)  # the print: paper changed, columns hidden
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    grid = box.layout()
    if isinstance(grid, QGridLayout):  # QMessageBox wraps long paths early; give it room for one
        width = (
            max(box.fontMetrics().horizontalAdvance(line) for line in box.informativeText().splitlines()) + 80
        )
        grid.addItem(
            QSpacerItem(min(max(width, 420), 760), 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum),
            grid.rowCount(),
            0,
            1,
            grid.columnCount(),
        )
    folder = box.addButton(_tr("Open the folder"), QMessageBox.ButtonRole.ActionRole)
    ok = box.addButton(_tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.exec()
    if box.clickedButton() is folder:
        open_folder(parent, result.path.parent)


def show_cancelled(parent: QWidget | None, path: Path, existed: bool) -> None:
    """Nothing was written (tests patch this)."""
    text = (
        _tr("The export was cancelled; nothing was written and “{path}” is unchanged.").format(path=path)
        if existed
        else _tr("The export was cancelled; no file was written.")
    )
    messages.info(parent, text, _tr("Export cancelled"))


def run_export(parent: QWidget | None, ledger: Ledger, options: ExportOptions) -> ExportResult | None:
    """Write the workbook in a worker thread with its own read-only connection (``ui.common.worker``), behind a
    modal progress dialog with 取消: the window keeps painting through the half minute a 100,000-task ledger
    takes, and the dialog keeps a second action off the ledger meanwhile."""
    from ledger.office import export_ledger

    existed = options.path.exists()

    def work(own: Ledger, progress: Progress) -> ExportResult:
        def report(done: int, total: int) -> None:
            progress.report(
                done,
                total,
                _tr("Exporting… {done} of {total}").format(done=done, total=total)
                if total
                else _tr("Exporting…"),
            )

        return export_ledger(
            own, options.path, progress=report, cancel=lambda: progress.cancelled, **options.kwargs()
        )

    try:
        result = run_on_ledger(parent, _tr("Export ledger"), _tr("Exporting…"), ledger, work)
    except (ExportCancelled, Cancelled):
        log.info("export to %s cancelled", options.path)
        show_cancelled(parent, options.path, existed)
        return None
    except (LedgerError, OSError) as exc:
        messages.show_error(parent, exc, _tr("Cannot export the ledger"))
        return None
    remember_folder(result.path.parent)
    show_done(parent, result)
    return result


def export_from_window(window: MainWindow) -> ExportResult | None:
    """文件 → 导出台账…: ask with the window's current filter, then export."""
    options = ExportDialog.ask(window.ledger, window.filters.current_filter(), window)
    if options is None:
        return None
    return run_export(window, window.ledger, options)
