"""导出台账 from the window: the export dialog, the template editor, and the export run behind a progress dialog."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger.errors import LedgerError
from ledger.excel import (
    BUILTIN_TEMPLATE,
    COLUMNS,
    DEFAULT_WIDTHS,
    MAX_WIDTH,
    MIN_WIDTH,
    ExportCancelled,
    ExportResult,
    default_template_name,
    delete_template,
    save_template,
    set_default_template,
    templates,
)
from ledger.service import Ledger
from ledger.store import TaskFilter
from ui import messages
from ui.util import settings

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

# English source → Chinese, for every translated string here (tools/i18n.py harvests this dict).
ZH = {
    # ExportDialog
    "Export ledger": "导出台账",
    "What to export": "导出范围",
    "The whole ledger ({n} tasks)": "整本台账（{n} 条）",
    "The current filter ({n} tasks)": "当前筛选结果（{n} 条）",
    "One community:": "一个居民区：",
    "{name} ({n} tasks)": "{name}（{n} 条）",
    "Only the tasks the table shows now, with the filters on the left.":
        "只导出表格中现在显示的任务（左侧筛选条件下的结果）。",
    "Layout": "格式",
    "Template": "模板",
    "{name} (default)": "{name}（默认）",
    "Edit templates…": "编辑模板…",
    "{count} columns: {names}": "共 {count} 列：{names}",
    "Paper": "纸张",
    "A4 landscape": "A4 横向",
    "A3 landscape": "A3 横向",
    "One sheet per community": "每个居民区一张工作表",
    "After the ledger sheet, one more sheet for each community with only its tasks.":
        "在“整改台账”表之后，再为每个居民区各加一张只含本居民区任务的工作表。",
    "The three lists (problems, tasks, responsibilities)": "三张清单（问题清单、任务清单、责任清单）",
    "Adds the 问题清单, 任务清单 and 责任清单 sheets.": "另加“问题清单”“任务清单”“责任清单”三张工作表。",
    "Save to": "保存到",
    "Browse…": "浏览…",
    "Export": "导出",
    "Cancel": "取消",
    "Choose where to save the file.": "请选择文件保存的位置。",
    "The folder “{folder}” does not exist. Choose an existing folder with “Browse…”.":
        "文件夹“{folder}”不存在。请点“浏览…”选择一个已有的文件夹。",
    "“{name}” already exists in “{folder}”. Replace it?": "“{folder}”中已有“{name}”。要替换它吗？",
    # TemplateDialog
    "Ledger templates": "台账模板",
    "Make default": "设为默认",
    "Delete…": "删除…",
    "The built-in template “{name}” cannot be changed. Change the columns, then save them under a new name.":
        "“{name}”是内置模板，不能修改。可以在它的基础上调整各列，再用新名称保存。",
    "Columns you can add": "可添加的列",
    "Columns of the ledger, left to right": "台账中的列（从左到右）",
    "Header": "表头",
    "Contents": "内容",
    "Width": "列宽",
    "Column width in characters; a Chinese character takes two.": "列宽以字符计，一个汉字占 2 个字符。",
    "Add →": "添加 →",
    "← Remove": "← 移除",
    "Move up": "上移",
    "Move down": "下移",
    "Double-click a header or a width to change it; drag a row, or use Move up and Move down, to change "
    "the order.": "双击表头或列宽即可修改；拖动某一行，或用“上移”“下移”调整列的顺序。",
    "Save as": "保存为",
    "Template name, e.g. 简版": "模板名称，例如：简版",
    "Save template": "保存模板",
    "Use this template": "使用此模板",
    "Close": "关闭",
    "Saved the template “{name}”.": "已保存模板“{name}”。",
    "“{name}” is now the default template.": "“{name}”已设为默认模板。",
    "There is already a template named “{name}”. Replace its columns with these?":
        "已经有名为“{name}”的模板。要用现在的列替换它吗？",
    "Delete the template “{name}”? Files already exported are not affected.":
        "删除模板“{name}”？已经导出的文件不受影响。",
    "The columns of “{name}” have unsaved changes. Discard them?": "“{name}”的列有修改尚未保存。放弃这些修改吗？",
    # run_export and friends (context "excel_export")
    "Exporting…": "正在导出……",
    "Exporting… {done} of {total}": "正在导出……（{done} / {total}）",
    "Cannot export the ledger": "无法导出台账",
    "Export cancelled": "已取消导出",
    "The export was cancelled; no file was written.": "导出已取消，没有写入任何文件。",
    "The export was cancelled; nothing was written and “{path}” is unchanged.":
        "导出已取消，没有写入任何文件，原有的“{path}”保持不变。",
    "Export finished": "导出完成",
    "The ledger was exported: {tasks} tasks.": "台账已导出，共 {tasks} 条任务。",
    "File: {path}\nSheets: {sheets}": "文件：{path}\n工作表：{sheets}",
    "Open the folder": "打开所在文件夹",
    "OK": "好",
    "Cannot open the folder. Open it yourself: {folder}": "无法自动打开文件夹，请手动打开：{folder}",
    "Save the ledger as": "台账保存为",
    "Excel workbooks (*.xlsx)": "Excel 工作簿 (*.xlsx)",
    "{org} rectification ledger-{date}.xlsx": "{org}巡察整改台账-{date}.xlsx",
    # the 文件 menu item the main window adds for this module
    "Export ledger to Excel…": "导出台账…",
    "An .xlsx ledger that superiors can print as it is": "导出为 Excel（.xlsx）台账，上报时可直接打印",
}

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
        return {"task_filter": self.task_filter, "community": self.community, "template": self.template,
                "paper": self.paper, "per_community_sheets": self.per_community_sheets,
                "three_lists": self.three_lists}


# ---- paths ----------------------------------------------------------------------------------------------------
def default_folder() -> Path:
    """The folder last exported to, else the user's Documents folder, else home."""
    last = str(settings().value(FOLDER_KEY, "") or "")
    if last and Path(last).is_dir():
        return Path(last)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return Path(docs)
    return Path.home()


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
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Save the ledger as"), str(start),
                                          _tr("Excel workbooks (*.xlsx)"))
    return path


def _constrains(flt: TaskFilter) -> bool:
    return any((flt.community_ids is not None, flt.statuses is not None, bool(flt.due), bool(flt.text.strip()),
                flt.task_ids is not None))


def _hint(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setStyleSheet("color: #5f6368;")
    return label


# ---- the export dialog ----------------------------------------------------------------------------------------
class ExportDialog(QDialog):
    """Scope, template, paper, extra sheets and the file; ``options()`` reads them, ``ask`` runs the dialog."""

    def __init__(self, ledger: Ledger, current_filter: TaskFilter | None = None,
                 parent: QWidget | None = None) -> None:
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
        self.scope_filter.setToolTip(self.tr("Only the tasks the table shows now, with the filters on the left."))
        self.scope_community = QRadioButton(self.tr("One community:"))
        self.scope = QButtonGroup(self)
        for b, name in ((self.scope_all, "all"), (self.scope_filter, "filter"), (self.scope_community, "community")):
            b.setObjectName(f"scope_{name}")
            self.scope.addButton(b)
        self.community_box = QComboBox()
        self.community_box.setObjectName("communityBox")
        counts = ledger.stats()["by_community"]
        for c in ledger.communities():
            self.community_box.addItem(self.tr("{name} ({n} tasks)").format(name=c["name"],
                                                                             n=counts.get(c["name"], 0)),
                                       c["name"])
            self.community_box.setItemData(self.community_box.count() - 1, c["id"], KeyRole + 1)
        ids = self.current_filter.community_ids
        if ids is not None and len(ids) == 1:
            self.community_box.setCurrentIndex(max(0, self.community_box.findData(next(iter(ids)), KeyRole + 1)))
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
        self.columns_hint = _hint(QLabel())
        self.columns_hint.setObjectName("columnsHint")
        self.paper_box = QComboBox()
        self.paper_box.setObjectName("paperBox")
        self.paper_box.addItem(self.tr("A4 landscape"), "A4")
        self.paper_box.addItem(self.tr("A3 landscape"), "A3")
        self.paper_box.setCurrentIndex(max(0, self.paper_box.findData(str(s.value(PAPER_KEY, "A4")))))
        self.per_community = QCheckBox(self.tr("One sheet per community"))
        self.per_community.setObjectName("perCommunity")
        self.per_community.setToolTip(self.tr("After the ledger sheet, one more sheet for each community with only "
                                              "its tasks."))
        self.per_community.setChecked(s.value(PER_COMMUNITY_KEY, False, type=bool))
        self.three_lists = QCheckBox(self.tr("The three lists (problems, tasks, responsibilities)"))
        self.three_lists.setObjectName("threeLists")
        self.three_lists.setToolTip(self.tr("Adds the 问题清单, 任务清单 and 责任清单 sheets."))
        self.three_lists.setChecked(s.value(LISTS_KEY, False, type=bool))
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
        names = "、".join(str(c.get("title") or COLUMNS.get(c.get("key", ""), "")) for c in cols
                         if isinstance(c, dict))
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
            path=path, scope=scope, template=str(self.template_box.currentData() or BUILTIN_TEMPLATE),
            task_filter=self.current_filter if scope == "filter" else None,
            community=self.community_box.currentData() if scope == "community" else None,
            paper=str(self.paper_box.currentData()),
            per_community_sheets=self.per_community.isChecked() and scope != "community",
            three_lists=self.three_lists.isChecked())

    def _accept(self) -> None:
        opts = self.options()
        if not self.path_edit.text().strip():
            messages.info(self, self.tr("Choose where to save the file."))
            return
        if not opts.path.parent.is_dir():
            messages.info(self, self.tr("The folder “{folder}” does not exist. Choose an existing folder with "
                                        "“Browse…”.").format(folder=opts.path.parent))
            return
        if opts.path.exists() and opts.path != self._confirmed and not messages.confirm(
                self, self.tr("“{name}” already exists in “{folder}”. Replace it?").format(
                    name=opts.path.name, folder=opts.path.parent)):
            return
        s = settings()
        s.setValue(PAPER_KEY, opts.paper)
        s.setValue(PER_COMMUNITY_KEY, self.per_community.isChecked())
        s.setValue(LISTS_KEY, opts.three_lists)
        s.sync()
        self.result_options = opts
        self.accept()

    @classmethod
    def ask(cls, ledger: Ledger, current_filter: TaskFilter | None = None,
            parent: QWidget | None = None) -> ExportOptions | None:
        dlg = cls(ledger, current_filter, parent)
        return dlg.result_options if dlg.exec() == QDialog.DialogCode.Accepted else None


# ---- the template editor --------------------------------------------------------------------------------------
HEADER_COL, CONTENTS_COL, WIDTH_COL = 0, 1, 2


class _ReadOnly(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> Any:
        return None


class _WidthDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(MIN_WIDTH, MAX_WIDTH)
        return spin


class TemplateDialog(QDialog):
    """Pick a template, change its columns (header text, width, order, which ones), save it under a name."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, current: str | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("Ledger templates"))
        self.chosen: str | None = None
        self._loaded = ""
        self._loading = False
        self.dirty = False

        self.template_box = QComboBox()
        self.template_box.setObjectName("templateBox")
        self.template_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.template_box.activated.connect(self._template_picked)
        self.default_button = QPushButton(self.tr("Make default"))
        self.default_button.setObjectName("makeDefault")
        self.default_button.clicked.connect(self.make_default)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setObjectName("deleteTemplate")
        self.delete_button.clicked.connect(self.delete)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Template")))
        top.addWidget(self.template_box, 1)
        top.addWidget(self.default_button)
        top.addWidget(self.delete_button)
        self.builtin_note = _hint(QLabel(self.tr("The built-in template “{name}” cannot be changed. Change the "
                                                 "columns, then save them under a new name.")
                                         .format(name=BUILTIN_TEMPLATE)))

        self.available = QListWidget()
        self.available.setObjectName("availableColumns")
        self.available.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.available.itemDoubleClicked.connect(lambda _it: self.add_selected())
        self.tree = QTreeWidget()
        self.tree.setObjectName("templateColumns")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Header"), self.tr("Contents"), self.tr("Width")])
        self.tree.headerItem().setToolTip(WIDTH_COL, self.tr("Column width in characters; a Chinese character "
                                                             "takes two."))
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setItemDelegateForColumn(CONTENTS_COL, _ReadOnly(self.tree))
        self.tree.setItemDelegateForColumn(WIDTH_COL, _WidthDelegate(self.tree))
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(HEADER_COL, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(CONTENTS_COL, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(WIDTH_COL, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemChanged.connect(lambda _it, _col: self._touched())
        model = self.tree.model()
        model.rowsInserted.connect(lambda *_a: self._touched())
        model.rowsRemoved.connect(lambda *_a: self._touched())
        model.rowsMoved.connect(lambda *_a: self._touched())
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())

        self.add_button = QPushButton(self.tr("Add →"))
        self.add_button.setObjectName("addColumn")
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button = QPushButton(self.tr("← Remove"))
        self.remove_button.setObjectName("removeColumn")
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton(self.tr("Move up"))
        self.up_button.setObjectName("moveUp")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(self.tr("Move down"))
        self.down_button.setObjectName("moveDown")
        self.down_button.clicked.connect(lambda: self.move(1))
        middle = QVBoxLayout()
        middle.addStretch(1)
        for b in (self.add_button, self.remove_button):
            middle.addWidget(b)
        middle.addSpacing(24)
        for b in (self.up_button, self.down_button):
            middle.addWidget(b)
        middle.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Columns you can add")), 0, 0)
        grid.addWidget(QLabel(self.tr("Columns of the ledger, left to right")), 0, 2)
        grid.addWidget(self.available, 1, 0)
        grid.addLayout(middle, 1, 1)
        grid.addWidget(self.tree, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 5)
        tip = _hint(QLabel(self.tr("Double-click a header or a width to change it; drag a row, or use Move up and "
                                   "Move down, to change the order.")))

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("templateName")
        self.name_edit.setPlaceholderText(self.tr("Template name, e.g. 简版"))
        self.name_edit.setMaxLength(40)
        save = QPushButton(self.tr("Save template"))
        save.setObjectName("saveTemplate")
        save.clicked.connect(lambda: self.save())
        self.name_edit.returnPressed.connect(lambda: self.save())
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Save as")))
        bottom.addWidget(self.name_edit, 1)
        bottom.addWidget(save)
        self.status = QLabel()
        self.status.setObjectName("templateStatus")
        self.status.setStyleSheet("color: #3a9d5d;")

        buttons = QDialogButtonBox()
        use = buttons.addButton(self.tr("Use this template"), QDialogButtonBox.ButtonRole.AcceptRole)
        use.setObjectName("useTemplate")
        buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._use)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.builtin_note)
        layout.addLayout(grid, 1)
        layout.addWidget(tip)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 760), 560)

        self.reload(current or default_template_name(ledger))

    # -- loading
    def reload(self, select: str) -> None:
        """Fill the template list and load ``select`` (or the default, if it is gone)."""
        default = default_template_name(self.ledger)
        names = list(templates(self.ledger))
        if select not in names:
            select = default
        self.template_box.clear()
        for name in names:
            self.template_box.addItem(self.tr("{name} (default)").format(name=name) if name == default else name,
                                      name)
        self.template_box.setCurrentIndex(self.template_box.findData(select))
        self.load(select)

    def load(self, name: str) -> None:
        cols = templates(self.ledger).get(name, [])
        self._loading = True
        try:
            self.tree.clear()
            for c in cols:
                if isinstance(c, dict) and c.get("key") in COLUMNS:
                    self.tree.addTopLevelItem(self._item(c["key"], str(c.get("title") or COLUMNS[c["key"]]),
                                                         c.get("width")))
            self._fill_available()
        finally:
            self._loading = False
        self._loaded = name
        self.dirty = False
        builtin = name == BUILTIN_TEMPLATE
        self.builtin_note.setVisible(builtin)
        self.name_edit.setText("" if builtin else name)
        self.status.clear()
        self._update_buttons()

    def _item(self, key: str, title: str, width: Any = None) -> QTreeWidgetItem:
        if isinstance(width, bool) or not isinstance(width, int | float):
            width = DEFAULT_WIDTHS[key]
        item = QTreeWidgetItem()
        item.setText(HEADER_COL, title)
        item.setText(CONTENTS_COL, COLUMNS[key])
        item.setData(WIDTH_COL, Qt.ItemDataRole.EditRole, round(width))
        item.setData(HEADER_COL, KeyRole, key)
        item.setToolTip(HEADER_COL, COLUMNS[key])
        item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
                      | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren)
        return item

    def _fill_available(self) -> None:
        used = set(self.keys())
        self.available.clear()
        for key, title in COLUMNS.items():
            if key not in used:
                it = QListWidgetItem(title)
                it.setData(KeyRole, key)
                self.available.addItem(it)

    # -- reading
    def keys(self) -> list[str]:
        return [self.tree.topLevelItem(i).data(HEADER_COL, KeyRole) for i in range(self.tree.topLevelItemCount())]

    def columns(self) -> list[dict[str, Any]]:
        """The columns as save_template takes them: [{"key", "title", "width"}, …] in order."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            it = self.tree.topLevelItem(i)
            out.append({"key": it.data(HEADER_COL, KeyRole), "title": it.text(HEADER_COL).strip(),
                        "width": it.data(WIDTH_COL, Qt.ItemDataRole.EditRole)})
        return out

    # -- editing
    def _touched(self) -> None:
        if not self._loading:
            self.dirty = True
            self.status.clear()
            self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if self.tree.currentItem() else -1
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.tree.topLevelItemCount() - 1)
        builtin = self._loaded == BUILTIN_TEMPLATE
        self.delete_button.setEnabled(not builtin)
        self.default_button.setEnabled(self._loaded != default_template_name(self.ledger))

    def add_selected(self) -> None:
        picked = self.available.selectedItems() or ([self.available.currentItem()]
                                                    if self.available.currentItem() else [])
        current = self.tree.currentItem()
        at = self.tree.indexOfTopLevelItem(current) + 1 if current else self.tree.topLevelItemCount()
        last = None
        for it in picked:
            key = it.data(KeyRole)
            last = self._item(key, COLUMNS[key])
            self.tree.insertTopLevelItem(at, last)
            at += 1
            self.available.takeItem(self.available.row(it))
        if last is not None:
            self.tree.setCurrentItem(last)
        self._update_buttons()

    def remove_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        row = self.tree.indexOfTopLevelItem(item)
        self.tree.takeTopLevelItem(row)
        self._fill_available()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(min(row, self.tree.topLevelItemCount() - 1)))
        self._update_buttons()

    def move(self, delta: int) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        row = self.tree.indexOfTopLevelItem(item)
        to = row + delta
        if not 0 <= to < self.tree.topLevelItemCount():
            return
        self.tree.takeTopLevelItem(row)
        self.tree.insertTopLevelItem(to, item)
        self.tree.setCurrentItem(item)
        self._update_buttons()

    # -- the template list
    def _may_leave(self) -> bool:
        return not self.dirty or messages.confirm(
            self, self.tr("The columns of “{name}” have unsaved changes. Discard them?").format(name=self._loaded))

    def _template_picked(self, _index: int) -> None:
        name = self.template_box.currentData()
        if name == self._loaded:
            return
        if not self._may_leave():
            self.template_box.setCurrentIndex(self.template_box.findData(self._loaded))
            return
        self.load(name)

    def save(self, name: str | None = None) -> bool:
        """Save the columns under ``name`` (default: the name field); a sentence and nothing saved if invalid."""
        name = (self.name_edit.text() if name is None else name).strip()
        if name and name != self._loaded and name in templates(self.ledger) and name != BUILTIN_TEMPLATE \
                and not messages.confirm(self, self.tr("There is already a template named “{name}”. Replace its "
                                                       "columns with these?").format(name=name)):
            return False
        try:
            save_template(self.ledger, name, self.columns())
        except LedgerError as exc:
            messages.show_error(self, exc)
            return False
        self.reload(name)
        self.status.setText(self.tr("Saved the template “{name}”.").format(name=name))
        return True

    def make_default(self) -> None:
        try:
            set_default_template(self.ledger, self._loaded)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return
        dirty, columns = self.dirty, self.columns()
        self.reload(self._loaded)
        if dirty:  # keep the unsaved edits on screen
            self._restore(columns)
        self.status.setText(self.tr("“{name}” is now the default template.").format(name=self._loaded))

    def _restore(self, columns: list[dict[str, Any]]) -> None:
        self._loading = True
        try:
            self.tree.clear()
            for c in columns:
                self.tree.addTopLevelItem(self._item(c["key"], c["title"], c["width"]))
            self._fill_available()
        finally:
            self._loading = False
        self.dirty = True

    def delete(self) -> None:
        name = self._loaded
        if name == BUILTIN_TEMPLATE or not messages.confirm(
                self, self.tr("Delete the template “{name}”? Files already exported are not affected.")
                .format(name=name), destructive=True):
            return
        try:
            delete_template(self.ledger, name)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return
        self.reload(default_template_name(self.ledger))

    def _use(self) -> None:
        if not self._may_leave():
            return
        self.chosen = self._loaded
        self.accept()

    def reject(self) -> None:
        if self._may_leave():
            super().reject()

    @classmethod
    def ask(cls, ledger: Ledger, parent: QWidget | None = None, current: str | None = None) -> str | None:
        """The template to use (None when closed without choosing); saves happen inside the dialog."""
        dlg = cls(ledger, parent, current)
        return dlg.chosen if dlg.exec() == QDialog.DialogCode.Accepted else None


# ---- running the export ---------------------------------------------------------------------------------------
def progress_dialog(parent: QWidget | None) -> QProgressDialog:
    dlg = QProgressDialog(_tr("Exporting…"), _tr("Cancel"), 0, 0, parent)
    dlg.setWindowTitle(_tr("Export ledger"))
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(0)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.setMinimumWidth(dlg.fontMetrics().horizontalAdvance("M") * 28)
    return dlg


def open_folder(parent: QWidget | None, folder: Path) -> None:
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        messages.info(parent, _tr("Cannot open the folder. Open it yourself: {folder}").format(folder=folder))


def show_done(parent: QWidget | None, result: ExportResult) -> None:
    """Where the file went, with a button that opens its folder (tests patch this)."""
    box = QMessageBox(QMessageBox.Icon.Information, _tr("Export finished"),
                      _tr("The ledger was exported: {tasks} tasks.").format(tasks=result.tasks), parent=parent)
    box.setInformativeText(_tr("File: {path}\nSheets: {sheets}").format(path=result.path,
                                                                       sheets="、".join(result.sheets)))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    grid = box.layout()
    if isinstance(grid, QGridLayout):  # QMessageBox wraps long paths early; give it room for one
        width = max(box.fontMetrics().horizontalAdvance(line) for line in box.informativeText().splitlines()) + 80
        grid.addItem(QSpacerItem(min(max(width, 420), 760), 0, QSizePolicy.Policy.Minimum,
                                 QSizePolicy.Policy.Minimum), grid.rowCount(), 0, 1, grid.columnCount())
    folder = box.addButton(_tr("Open the folder"), QMessageBox.ButtonRole.ActionRole)
    ok = box.addButton(_tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.exec()
    if box.clickedButton() is folder:
        open_folder(parent, result.path.parent)


def show_cancelled(parent: QWidget | None, path: Path, existed: bool) -> None:
    """Nothing was written (tests patch this)."""
    text = (_tr("The export was cancelled; nothing was written and “{path}” is unchanged.").format(path=path)
            if existed else _tr("The export was cancelled; no file was written."))
    messages.info(parent, text, _tr("Export cancelled"))


def run_export(parent: QWidget | None, ledger: Ledger, options: ExportOptions) -> ExportResult | None:
    """Write the workbook on the GUI thread (the ledger's connection lives here) behind a modal progress dialog."""
    from ledger.excel import export_ledger  # openpyxl only when it is needed (MEASURED: start-up)

    existed = options.path.exists()
    dlg = progress_dialog(parent)

    def progress(done: int, total: int) -> None:
        dlg.setMaximum(max(total, 1))
        dlg.setValue(min(done, max(total, 1)))
        dlg.setLabelText(_tr("Exporting… {done} of {total}").format(done=done, total=total) if total
                         else _tr("Exporting…"))
        QApplication.processEvents()  # paint the dialog and let the 取消 button be pressed

    dlg.show()
    QApplication.processEvents()
    try:
        result = export_ledger(ledger, options.path, progress=progress, cancel=dlg.wasCanceled, **options.kwargs())
    except ExportCancelled:
        log.info("export to %s cancelled", options.path)
        dlg.close()
        show_cancelled(parent, options.path, existed)
        return None
    except (LedgerError, OSError) as exc:
        dlg.close()
        messages.show_error(parent, exc, _tr("Cannot export the ledger"))
        return None
    finally:
        dlg.close()
        dlg.deleteLater()
    remember_folder(result.path.parent)
    show_done(parent, result)
    return result


def export_from_window(window: MainWindow) -> ExportResult | None:
    """文件 → 导出台账…: ask with the window's current filter, then export."""
    options = ExportDialog.ask(window.ledger, window.filters.current_filter(), window)
    if options is None:
        return None
    return run_export(window, window.ledger, options)
