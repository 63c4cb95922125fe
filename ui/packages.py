"""社区包 on the master ledger: 下发 (one community or all), 导入上报 (preview, decide conflicts, apply), the
per-community status, and conflicts left open.

Everything here calls ``ledger.exchange`` / ``ledger.exchange_merge``; this module only asks, shows and decides.
Dialogs never pop message boxes of their own while they are open: sentences go into a label in the dialog, so
a refused file shows its sentence where the user is looking and tests need no patching.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger import exchange, exchange_merge
from ledger.errors import LedgerError
from ledger.model import FIELD_LABELS, Status
from ledger.service import Changed, Ledger
from ui import messages
from ui.util import fit_to_screen, say, settings

log = logging.getLogger(__name__)

FOLDER_KEY = "packages/folder"
RETURN_FOLDER_KEY = "packages/returnFolder"

ZH = {
    # IssuePackagesDialog
    "Issue community packages": "下发社区包",
    "All communities (one package each)": "全部居民区（每个居民区一个包）",
    "{name} ({tasks} tasks)": "{name}（{tasks} 项任务）",
    "Community": "居民区",
    "Folder": "保存到文件夹",
    "Browse…": "浏览…",
    "Issue": "下发",
    "Close": "关闭",
    "Open the folder": "打开所在文件夹",
    "Choose the folder for the packages": "选择保存下发包的文件夹",
    "Choose a folder first.": "请先选择保存下发包的文件夹。",
    "A package is a copy of one community's tasks for its secretary to update offline. Give it to the secretary "
    "(USB stick, e-mail); they open it in this program and send back the return file (上报).":
        "下发包是一个居民区任务的副本，供居民区书记离线更新。请把它交给书记（U 盘、邮件等）；书记用本程序打开，"
        "更新后点“上报”，把生成的上报文件交回工作专班导入。",
    "Issuing packages…": "正在下发社区包…",
    "Issuing the package of {name}… ({done} of {total})": "正在下发“{name}”的包…（第 {done} 个，共 {total} 个）",
    "Cancel": "取消",
    "{count} packages were issued to “{folder}”:": "已下发 {count} 个社区包到“{folder}”：",
    "Issuing was cancelled after {count} packages; those listed were written and recorded.":
        "已取消下发；取消前已写入并登记 {count} 个包，列在下面。",
    "No community has tasks to issue.": "没有居民区有可下发的整改任务。",
    "Cannot open the folder. Open it yourself: {folder}": "无法打开文件夹，请手动打开：{folder}",
    # MergeDialog
    "Import a return": "导入上报",
    "Choose the return file": "选择上报文件",
    "Package files (*.db);;All files (*)": "社区包文件 (*.db);;所有文件 (*)",
    "“{file}” from {community}: {entries} new changes. Nothing has been changed yet: check the three lists, "
    "decide the conflicts, then press Apply.":
        "“{file}”（居民区“{community}”）：{entries} 条新的修改。目前台账尚未改动：请查看下面三个列表，"
        "逐项决定冲突，再点“应用”。",
    " {count} entries of this file were merged before and are skipped.": "此文件中已有 {count} 条此前合并过，不再重复。",
    "“{file}” holds nothing new: everything in it was merged before ({count} entries). Nothing to do.":
        "“{file}”中没有新的内容：其中 {count} 条修改此前都已合并，无需再次导入。",
    "To apply ({count})": "将应用（{count}）",
    "Conflicts ({count})": "冲突（{count}）",
    "Refused ({count})": "拒绝（{count}）",
    "Keep all ours": "全部保留我方",
    "Take all theirs": "全部采用对方",
    "Apply": "应用",
    "A new value is empty in row {row}. Write the value, or choose another decision.":
        "第 {row} 行选择了“填写新值”但没有填写。请填写新值，或改选其他处理方式。",
    "Merged “{file}”: {applied} changes applied, {decided} conflicts decided, {refused} refused.":
        "已合并“{file}”：应用 {applied} 项修改，裁决 {decided} 项冲突，拒绝 {refused} 项。",
    " {count} conflicts are still open: decide them later with File → Decide open conflicts….":
        "还有 {count} 项冲突未决定，已留待处理：稍后可在“文件 → 处理未决冲突…”中决定。",
    " Backup before the merge: {path}": "合并前的备份：{path}",
    "Nothing was imported; the ledger was not changed.": "没有导入任何内容，台账未作改动。",
    # ConflictTable / tables
    "Measure": "整改措施",
    "Field": "字段",
    "Ours (ledger)": "我方（台账）值",
    "Theirs (return)": "对方（上报）值",
    "Authors and times": "作者与时间",
    "Reason": "原因",
    "Decision": "处理",
    "New value": "新值",
    "Undecided": "暂不决定",
    "Keep ours": "保留我方",
    "Take theirs": "采用对方",
    "Write a new value": "填写新值",
    "Ours: {who} {at}": "我方：{who} {at}",
    "Theirs: {who} {at}": "对方：{who} {at}",
    "By: {who} {at}": "{who} {at}",
    # PackageStatusView
    "Secretary": "书记",
    "Last issued": "最近下发",
    "Last merged": "最近合并",
    "Merge result (applied/conflicts/refused)": "合并结果（应用/冲突/拒绝）",
    "Open conflicts": "未决冲突",
    "Issue packages…": "下发社区包…",
    "Import a return…": "导入上报…",
    "Decide open conflicts…": "处理未决冲突…",
    "Refresh": "刷新",
    "Per community: the last package issued, the last return merged and the conflicts still open.":
        "各居民区最近一次下发的社区包、最近一次合并的上报，以及尚未决定的冲突。",
    "{applied} / {conflicts} / {refused}": "{applied} / {conflicts} / {refused}",
    # OpenConflictsDialog
    "Decide open conflicts": "处理未决冲突",
    "No conflict is open.": "没有未决冲突。",
    "{count} conflicts are open. Choose a decision for each you can settle now; the others stay open.":
        "共有 {count} 项未决冲突。请为现在能决定的逐项选择处理方式，其余的继续保留待处理。",
    "Apply the decisions": "执行所选处理",
    "{done} conflicts decided.": "已决定 {done} 项冲突。",
    "Row {row}: {error}": "第 {row} 行：{error}",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Packages", text)


# ---- patchable questions (tests replace these) --------------------------------------------------------------------
def ask_folder(parent: QWidget | None, start: str) -> str:
    """The folder for new packages; "" when cancelled."""
    return QFileDialog.getExistingDirectory(parent, _tr("Choose the folder for the packages"), start)


def ask_return_path(parent: QWidget | None, start: str = "") -> str:
    """The return file to import; "" when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, _tr("Choose the return file"), start,
                                          _tr("Package files (*.db);;All files (*)"))
    return path


def open_folder(parent: QWidget | None, folder: Path) -> None:
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        messages.info(parent, _tr("Cannot open the folder. Open it yourself: {folder}").format(folder=folder))


def _folder_default(ledger: Ledger, key: str = FOLDER_KEY) -> str:
    saved = settings().value(key, "")
    if saved and Path(str(saved)).is_dir():
        return str(saved)
    return str(ledger.path.parent)


# ---- 下发 ---------------------------------------------------------------------------------------------------------
def issuable_communities(ledger: Ledger) -> list[tuple[str, str, int]]:
    """(id, name, live tasks) of the communities a package can be issued for, in ledger order."""
    return [(r[0], r[1], int(r[2])) for r in ledger.store.conn.execute(
        "SELECT c.id, c.name, COUNT(t.id) FROM community c JOIN task t ON t.community_id = c.id "
        "AND t.deleted_at IS NULL GROUP BY c.id ORDER BY c.sort, c.rowid")]


class IssuePackagesDialog(QDialog):
    """下发: one community, or 全部居民区 (one package each), into a folder; then the list of files written."""

    ALL = "__all__"

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, community_id: str | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.paths: list[Path] = []
        self.setObjectName("issuePackagesDialog")
        self.setWindowTitle(self.tr("Issue community packages"))
        intro = QLabel(self.tr("A package is a copy of one community's tasks for its secretary to update offline. "
                               "Give it to the secretary (USB stick, e-mail); they open it in this program and send "
                               "back the return file (上报)."))
        intro.setWordWrap(True)
        self.community = QComboBox()
        self.community.setObjectName("packageCommunity")
        self.community.addItem(self.tr("All communities (one package each)"), self.ALL)
        for cid, name, tasks in issuable_communities(ledger):
            self.community.addItem(self.tr("{name} ({tasks} tasks)").format(name=name, tasks=tasks), cid)
        if community_id is not None:
            self.community.setCurrentIndex(max(0, self.community.findData(community_id)))
        self.folder = QLineEdit(_folder_default(ledger))
        self.folder.setObjectName("packageFolder")
        browse = QPushButton(self.tr("Browse…"))
        browse.setObjectName("browseFolder")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Community"), self.community)
        form.addRow(self.tr("Folder"), row)
        self.result_label = QLabel()
        self.result_label.setObjectName("issueResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setVisible(False)
        self.issue_button = QPushButton(self.tr("Issue"))
        self.issue_button.setObjectName("issueButton")
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self.issue)
        self.open_button = QPushButton(self.tr("Open the folder"))
        self.open_button.setObjectName("openFolder")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(lambda: open_folder(self, Path(self.folder.text())))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 44)

    def browse(self) -> None:
        chosen = ask_folder(self, self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def issue(self) -> list[Path]:
        """Write the chosen package(s) behind a progress dialog; the files are listed in the dialog."""
        folder_text = self.folder.text().strip()
        if not folder_text:
            say(self.result_label, warn=True, text=self.tr("Choose a folder first."))
            return []
        folder = Path(folder_text)
        choice = self.community.currentData()
        targets = [(cid, name) for cid, name, _n in issuable_communities(self.ledger)
                   if choice == self.ALL or cid == choice]
        if not targets:
            say(self.result_label, warn=True, text=self.tr("No community has tasks to issue."))
            return []
        progress = QProgressDialog(self.tr("Issuing packages…"), self.tr("Cancel"), 0, len(targets), self)
        progress.setWindowTitle(self.tr("Issue community packages"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumWidth(progress.fontMetrics().horizontalAdvance("中") * 26)
        written: list[Path] = []
        cancelled = False
        error: LedgerError | None = None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            progress.show()
            for i, (cid, name) in enumerate(targets):
                if progress.wasCanceled():
                    cancelled = True
                    break
                progress.setLabelText(self.tr("Issuing the package of {name}… ({done} of {total})")
                                      .format(name=name, done=i + 1, total=len(targets)))
                progress.setValue(i)
                QApplication.processEvents()
                try:
                    written.append(exchange.issue_package(self.ledger, cid, folder))
                except LedgerError as exc:
                    error = exc
                    break
            progress.setValue(len(targets))
        finally:
            QApplication.restoreOverrideCursor()
            progress.close()
            progress.deleteLater()
        self.paths.extend(written)
        lines = []
        if written:
            settings().setValue(FOLDER_KEY, str(folder))
            head = (self.tr("Issuing was cancelled after {count} packages; those listed were written and recorded.")
                    if cancelled else self.tr("{count} packages were issued to “{folder}”:"))
            lines.append(head.format(count=len(written), folder=folder))
            lines += [f"  {p.name}" for p in written]
        if error is not None:
            lines.append(messages.error_text(error))
        text = "\n".join(lines)
        if error is not None:
            say(self.result_label, warn=True, text=text)
        else:
            say(self.result_label, text=text)
        self.open_button.setVisible(bool(written))
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        log.info("issued %d packages to %s", len(written), folder)
        return written

    @classmethod
    def run(cls, parent: QWidget | None, ledger: Ledger, community_id: str | None = None) -> list[Path]:
        dlg = cls(ledger, parent, community_id)
        dlg.exec()
        return dlg.paths


# ---- the rows of the three lists ----------------------------------------------------------------------------------
TABLE_WORDS = {"indicator": "量化指标", "evidence": "佐证材料", "extension": "延期申请", "review": "审核"}


@dataclass
class Row:
    """One line of a preview or of the open conflicts, in words."""

    community: str
    measure: str
    field: str
    ours: str
    theirs: str
    authors: str
    reason: str
    key: str = ""  # conflict key (preview) or conflict id (open conflicts)
    can_rewrite: bool = False  # "填写新值" makes sense (a plain field), else only ours/theirs
    ours_raw: Any = None
    theirs_raw: Any = None


class _Tasks:
    """Community and measure per task id, looked up once."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._cache: dict[str, tuple[str, str]] = {}

    def __call__(self, task_id: str | None) -> tuple[str, str]:
        if not task_id:
            return "", ""
        if task_id not in self._cache:
            rows = self.ledger.store.rows("SELECT c.name AS community, t.measure FROM task t JOIN community c "
                                          "ON c.id = t.community_id WHERE t.id = ?", (task_id,))
            self._cache[task_id] = (rows[0]["community"], rows[0]["measure"]) if rows else ("", task_id[:8])
        return self._cache[task_id]


def field_words(table: str, fld: str) -> str:
    if fld in ("*", "") and table:
        return TABLE_WORDS.get(table, table)
    if table == "evidence" and fld == "removed_at":
        return "删除佐证材料"
    return FIELD_LABELS.get(fld, fld or TABLE_WORDS.get(table, table))


def value_words(table: str, fld: str, value: Any) -> str:
    """A value as the user reads it: a status by its label, a step by its action, a record by what it is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        if "action" in value:  # a workflow step
            label = exchange_merge.COMMAND_LABELS.get(str(value["action"]), str(value["action"]))
            text = label
            if value.get("status"):
                text += f" → {_status(value['status'])}"
            if value.get("reason"):
                text += f"（{value['reason']}）"
            return text
        if table == "indicator" or "target" in value:
            unit = value.get("unit") or ""
            return f"{value.get('name', '')}：{_num(value.get('actual'))}/{_num(value.get('target'))}{unit}"
        if table == "evidence" or "file_name" in value:
            return str(value.get("file_name", ""))
        if table == "extension" or "new_deadline" in value:
            return f"延期至 {value.get('new_deadline')}（原 {value.get('old_deadline')}）" + (
                f"：{value['reason']}" if value.get("reason") else "")
        return "；".join(f"{k}={v}" for k, v in value.items())
    if fld == "status":
        return _status(value)
    return str(value)


def _status(value: Any) -> str:
    try:
        return Status(value).label
    except ValueError:
        return str(value)


def _num(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _who(name: str, at: str) -> str:
    return f"{name or '—'} {str(at or '')[:16]}".strip()


def item_row(tasks: _Tasks, it: exchange_merge.Item) -> Row:
    community, measure = tasks(it.task_id)
    if it.kind == "conflict":
        authors = (_tr("Ours: {who} {at}").format(who=it.our_author or "—", at=str(it.our_at or "")[:16]) + "\n"
                   + _tr("Theirs: {who} {at}").format(who=it.their_author or "—", at=str(it.their_at)[:16]))
    else:
        authors = _who(it.their_author, it.their_at)
    return Row(community, measure, field_words(it.table, it.field), value_words(it.table, it.field, it.ours),
               value_words(it.table, it.field, it.theirs), authors.strip(), it.reason, it.key,
               it.command in exchange_merge.FIELD_COMMANDS, it.ours, it.theirs)


def conflict_row(tasks: _Tasks, r: dict[str, Any]) -> Row:
    community, measure = tasks(r.get("task_id"))
    authors = (_tr("Ours: {who} {at}").format(who=r.get("our_author") or "—", at=str(r.get("our_at") or "")[:16])
               + "\n" + _tr("Theirs: {who} {at}").format(who=r.get("their_author") or "—",
                                                        at=str(r.get("their_at") or "")[:16]))
    return Row(community, measure, field_words(r["tbl"], r["field"]), value_words(r["tbl"], r["field"], r["ours"]),
               value_words(r["tbl"], r["field"], r["theirs"]), authors, r.get("reason") or "", r["id"],
               r["command"] in exchange_merge.FIELD_COMMANDS, r["ours"], r["theirs"])


# ---- tables -------------------------------------------------------------------------------------------------------
COL_COMMUNITY, COL_MEASURE, COL_FIELD, COL_OURS, COL_THEIRS, COL_AUTHORS, COL_REASON, COL_DECISION, COL_NEW = range(9)
DECISIONS = ("", "ours", "theirs", "new")  # data of the decision box's items, in order


class RowTable(QTableWidget):
    """The seven columns every list shares; ``decide=True`` adds 处理 and 新值 per row (the conflicts)."""

    def __init__(self, rows: Iterable[Row], decide: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.decide = decide
        headers = [self.tr("Community"), self.tr("Measure"), self.tr("Field"), self.tr("Ours (ledger)"),
                   self.tr("Theirs (return)"), self.tr("Authors and times"), self.tr("Reason")]
        if decide:
            headers += [self.tr("Decision"), self.tr("New value")]
        self.setColumnCount(len(headers))
        self.setHorizontalHeaderLabels(headers)
        self.setRowCount(len(self.rows))
        self.verticalHeader().setVisible(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.boxes: list[QComboBox] = []
        self.editors: list[QLineEdit] = []
        for r, row in enumerate(self.rows):
            values = (row.community, row.measure, row.field, row.ours, row.theirs, row.authors, row.reason)
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c in (COL_OURS, COL_THEIRS):
                    item.setBackground(Qt.GlobalColor.white)
                self.setItem(r, c, item)
            if decide:
                box = QComboBox()
                box.setObjectName(f"decision_{r}")
                box.addItem(self.tr("Undecided"), "")
                box.addItem(self.tr("Keep ours"), "ours")
                box.addItem(self.tr("Take theirs"), "theirs")
                if row.can_rewrite:
                    box.addItem(self.tr("Write a new value"), "new")
                edit = QLineEdit()
                edit.setObjectName(f"newValue_{r}")
                edit.setEnabled(False)
                if row.can_rewrite and isinstance(row.theirs_raw, str):
                    edit.setPlaceholderText(row.theirs_raw)
                box.currentIndexChanged.connect(lambda _i, b=box, e=edit: self._choice_changed(b, e))
                self.setCellWidget(r, COL_DECISION, box)
                self.setCellWidget(r, COL_NEW, edit)
                self.boxes.append(box)
                self.editors.append(edit)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("中")
        widths = [5, 7, 5, 12, 12, 12, 11, 6, 8] if decide else [5, 8, 6, 15, 15, 12, 16]
        for c in range(self.columnCount()):
            self.setColumnWidth(c, widths[c] * em + 12)
        if decide:  # the decision right of the two values it chooses between (logical columns unchanged)
            header.moveSection(header.visualIndex(COL_DECISION), COL_AUTHORS)
            header.moveSection(header.visualIndex(COL_NEW), COL_AUTHORS + 1)
        header.setStretchLastSection(True)
        self.resizeRowsToContents()

    def _choice_changed(self, box: QComboBox, edit: QLineEdit) -> None:
        new = box.currentData() == "new"
        edit.setEnabled(new)
        if new:
            if not edit.text():
                edit.setText(edit.placeholderText())
            edit.setFocus()

    def set_all(self, choice: str) -> None:
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

    def decisions(self) -> dict[str, tuple[str, Any]]:
        """{key: (choice, value)} of the rows decided; raises ValueError(row number) for an empty new value."""
        out: dict[str, tuple[str, Any]] = {}
        for r, (row, box) in enumerate(zip(self.rows, self.boxes, strict=True)):
            choice = box.currentData()
            if not choice:
                continue
            value: Any = None
            if choice == "new":
                value = self.editors[r].text().strip()
                if not value:
                    raise ValueError(r + 1)
            out[row.key] = (choice, value)
        return out


# ---- 导入上报 -------------------------------------------------------------------------------------------------------
class MergeDialog(QDialog):
    """The preview of a return before anything changes: 将应用 / 冲突 / 拒绝, each conflict decided per row
    (保留我方 / 采用对方 / 填写新值); 应用 runs ``apply_merge`` with the decisions (backup first, one transaction).
    A refused file shows its sentence and leaves the ledger as it was."""

    def __init__(self, ledger: Ledger, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.path = Path(path)
        self.preview: exchange_merge.MergePreview | None = None
        self.result: exchange_merge.MergeResult | None = None
        self.error: str = ""
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Import a return") + f" — {self.path.name}")
        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("mergeMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mergeTabs")
        self.applied_table = RowTable([])
        self.conflict_table = RowTable([], decide=True)
        self.refused_table = RowTable([])
        self.keep_all = QPushButton(self.tr("Keep all ours"))
        self.keep_all.setObjectName("keepAllOurs")
        self.keep_all.clicked.connect(lambda: self._set_all("ours"))
        self.take_all = QPushButton(self.tr("Take all theirs"))
        self.take_all.setObjectName("takeAllTheirs")
        self.take_all.clicked.connect(lambda: self._set_all("theirs"))
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setObjectName("applyMerge")
        self.apply_button.clicked.connect(self.apply)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setObjectName("closeMerge")
        self.close_button.clicked.connect(self._close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_all)
        buttons.addWidget(self.take_all)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, 1400, 660)
        self._load()

    # ---- preview -------------------------------------------------------------------------------------------------
    def _load(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.preview = exchange_merge.preview_merge(self.ledger, self.path)
        except LedgerError as exc:
            self.preview = None
            self.error = messages.error_text(exc)
        finally:
            QApplication.restoreOverrideCursor()
        if self.preview is None:
            self.summary.setText(self.tr("Nothing was imported; the ledger was not changed."))
            say(self.message, warn=True, text=self.error)
            self.tabs.setVisible(False)
            for b in (self.keep_all, self.take_all, self.apply_button):
                b.setEnabled(False)
            self.close_button.setText(self.tr("Close"))
            return
        p = self.preview
        if not p.new_entries:
            self.summary.setText(self.tr("“{file}” holds nothing new: everything in it was merged before ({count} "
                                         "entries). Nothing to do.").format(file=p.path.name, count=p.already))
        else:
            text = self.tr("“{file}” from {community}: {entries} new changes. Nothing has been changed yet: check the "
                           "three lists, decide the conflicts, then press Apply.").format(
                file=p.path.name, community=p.community, entries=p.new_entries)
            if p.already:
                text += self.tr(" {count} entries of this file were merged before and are skipped.").format(
                    count=p.already)
            self.summary.setText(text)
        self._fill(p.applied, p.conflicts, p.refused)
        has_conflicts = bool(p.conflicts)
        self.keep_all.setEnabled(has_conflicts)
        self.take_all.setEnabled(has_conflicts)
        self.apply_button.setEnabled(bool(p.new_entries))
        if has_conflicts:
            self.tabs.setCurrentWidget(self.conflict_table)

    def _fill(self, applied: list[exchange_merge.Item], conflicts: list[exchange_merge.Item],
              refused: list[exchange_merge.Item]) -> None:
        tasks = _Tasks(self.ledger)
        old = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.clear()
        for w in old:
            w.deleteLater()
        self.applied_table = RowTable([item_row(tasks, it) for it in applied])
        self.applied_table.setObjectName("appliedTable")
        self.conflict_table = RowTable([item_row(tasks, it) for it in conflicts], decide=True)
        self.conflict_table.setObjectName("conflictTable")
        self.refused_table = RowTable([item_row(tasks, it) for it in refused])
        self.refused_table.setObjectName("refusedTable")
        self.tabs.addTab(self.applied_table, self.tr("To apply ({count})").format(count=len(applied)))
        self.tabs.addTab(self.conflict_table, self.tr("Conflicts ({count})").format(count=len(conflicts)))
        self.tabs.addTab(self.refused_table, self.tr("Refused ({count})").format(count=len(refused)))

    def counts(self) -> tuple[int, int, int]:
        return self.applied_table.rowCount(), self.conflict_table.rowCount(), self.refused_table.rowCount()

    def _set_all(self, choice: str) -> None:
        self.conflict_table.set_all(choice)

    def choose(self, row: int, choice: str, value: str | None = None) -> None:
        self.conflict_table.choose(row, choice, value)

    # ---- apply ---------------------------------------------------------------------------------------------------
    def apply(self) -> exchange_merge.MergeResult | None:
        if self.preview is None or self.result is not None:
            return self.result
        try:
            decisions = self.conflict_table.decisions()
        except ValueError as exc:
            say(self.message, warn=True, text=self.tr("A new value is empty in row {row}. Write the value, or choose another "
                                        "decision.").format(row=exc.args[0]))
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = exchange_merge.apply_merge(self.ledger, self.path, decisions)
        except LedgerError as exc:
            self.error = messages.error_text(exc)
            say(self.message, warn=True, text=self.error)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.result = result
        open_left = len(result.open_conflicts)
        text = self.tr("Merged “{file}”: {applied} changes applied, {decided} conflicts decided, {refused} refused.") \
            .format(file=result.path.name, applied=len(result.applied),
                    decided=len(result.conflicts) - open_left, refused=len(result.refused))
        if open_left:
            text += self.tr(" {count} conflicts are still open: decide them later with File → Decide open "
                            "conflicts….").format(count=open_left)
        if result.backup:
            text += self.tr(" Backup before the merge: {path}").format(path=result.backup)
        say(self.message, text=text)
        if open_left:
            self.message.setStyleSheet("color:#a8323a;")
        self._fill(result.applied, result.conflicts, result.refused)
        for box, edit in zip(self.conflict_table.boxes, self.conflict_table.editors, strict=True):
            box.setEnabled(False)
            edit.setEnabled(False)
        for b in (self.keep_all, self.take_all, self.apply_button):
            b.setEnabled(False)
        self.close_button.setText(self.tr("Close"))
        log.info("merged %s: %d applied, %d conflicts (%d open), %d refused", result.path.name,
                 len(result.applied), len(result.conflicts), open_left, len(result.refused))
        return result

    def _close(self) -> None:
        if self.result is not None:
            self.accept()
        else:
            self.reject()

    @classmethod
    def run(cls, parent: QWidget | None, ledger: Ledger, path: str | Path | None = None
            ) -> exchange_merge.MergeResult | None:
        """Ask for the return file (unless given), preview, let the user decide and apply. A file refused before
        the preview is shown as its sentence in a message box; None when nothing was merged."""
        if path is None:
            chosen = ask_return_path(parent, _folder_default(ledger, RETURN_FOLDER_KEY))
            if not chosen:
                return None
            path = chosen
            settings().setValue(RETURN_FOLDER_KEY, str(Path(chosen).parent))
        dlg = cls(ledger, path, parent)
        if dlg.preview is None:
            messages.show_error(parent, dlg.error, _tr("Import a return"))
            dlg.deleteLater()
            return None
        dlg.exec()
        return dlg.result


# ---- per community ------------------------------------------------------------------------------------------------
class PackageStatusView(QWidget):
    """包状态: per community the last package issued, the last return merged and its counts, open conflicts."""

    REFRESH_ON = frozenset({"issue_package", "merge_package", "decide_conflict", "undo"})

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setObjectName("packageStatusView")
        intro = QLabel(self.tr("Per community: the last package issued, the last return merged and the conflicts "
                               "still open."))
        intro.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("packageStatusTable")
        headers = [self.tr("Community"), self.tr("Secretary"), self.tr("Last issued"), self.tr("Last merged"),
                   self.tr("Merge result (applied/conflicts/refused)"), self.tr("Open conflicts")]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        em = self.fontMetrics().horizontalAdvance("中")
        for c, w in enumerate((7, 5, 15, 15, 12, 5)):
            self.table.setColumnWidth(c, w * em + 12)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.issue_button = QPushButton(self.tr("Issue packages…"))
        self.issue_button.setObjectName("statusIssue")
        self.issue_button.clicked.connect(self._issue)
        self.import_button = QPushButton(self.tr("Import a return…"))
        self.import_button.setObjectName("statusImport")
        self.import_button.clicked.connect(lambda: MergeDialog.run(self, self.ledger))
        self.conflicts_button = QPushButton(self.tr("Decide open conflicts…"))
        self.conflicts_button.setObjectName("statusConflicts")
        self.conflicts_button.clicked.connect(lambda: OpenConflictsDialog(self.ledger, self).exec())
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for b in (self.issue_button, self.import_button, self.conflicts_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.status: list[dict[str, Any]] = []
        self.refresh()

    def _issue(self) -> None:
        row = self.table.currentRow()
        cid = self.status[row]["community_id"] if 0 <= row < len(self.status) else None
        IssuePackagesDialog.run(self, self.ledger, cid)

    def refresh(self) -> None:
        if exchange.is_package(self.ledger):
            self.status = []
            self.table.setRowCount(0)
            return
        self.status = exchange.package_status(self.ledger)
        secretaries = {c["id"]: c.get("secretary") or "" for c in self.ledger.communities()}
        self.table.setRowCount(len(self.status))
        for r, s in enumerate(self.status):
            issued, merged = s["last_issued"], s["last_merged"]
            cells = [
                s["community"], secretaries.get(s["community_id"], ""),
                f"{str(issued['at'])[:16]} {issued['by']}\n{issued['file']}" if issued else "—",
                f"{str(merged['at'])[:16]} {merged['by']}\n{merged['file']}" if merged else "—",
                self.tr("{applied} / {conflicts} / {refused}").format(**merged) if merged else "—",
                str(s["open_conflicts"]) if s["open_conflicts"] else "—",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 5 and s["open_conflicts"]:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(r, c, item)
        self.table.resizeRowsToContents()
        self.conflicts_button.setEnabled(any(s["open_conflicts"] for s in self.status))

    def on_changed(self, changed: Changed) -> None:
        if changed.command in self.REFRESH_ON or changed.structure:
            self.refresh()


# ---- conflicts left open ------------------------------------------------------------------------------------------
class OpenConflictsDialog(QDialog):
    """The conflicts earlier merges left open, each decided per row with ``decide_conflict``."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, community_id: str | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.community_id = community_id
        self.decided = 0
        self.setObjectName("openConflictsDialog")
        self.setWindowTitle(self.tr("Decide open conflicts"))
        self.summary = QLabel()
        self.summary.setObjectName("conflictsSummary")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("conflictsMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.table = RowTable([], decide=True)
        self.keep_all = QPushButton(self.tr("Keep all ours"))
        self.keep_all.clicked.connect(lambda: self.table.set_all("ours"))
        self.take_all = QPushButton(self.tr("Take all theirs"))
        self.take_all.clicked.connect(lambda: self.table.set_all("theirs"))
        self.apply_button = QPushButton(self.tr("Apply the decisions"))
        self.apply_button.setObjectName("applyDecisions")
        self.apply_button.clicked.connect(self.apply)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_all)
        buttons.addWidget(self.take_all)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.summary)
        self._layout.addWidget(self.table, 1)
        self._layout.addWidget(self.message)
        self._layout.addLayout(buttons)
        fit_to_screen(self, 1400, 560)
        self.reload()

    def reload(self) -> None:
        rows = exchange_merge.open_conflicts(self.ledger, self.community_id)
        tasks = _Tasks(self.ledger)
        table = RowTable([conflict_row(tasks, r) for r in rows], decide=True)
        table.setObjectName("openConflictTable")
        self._layout.replaceWidget(self.table, table)
        self.table.hide()
        self.table.setParent(None)  # type: ignore[call-overload]
        self.table.deleteLater()
        self.table = table
        self.summary.setText(self.tr("{count} conflicts are open. Choose a decision for each you can settle now; "
                                     "the others stay open.").format(count=len(rows)) if rows
                             else self.tr("No conflict is open."))
        for b in (self.keep_all, self.take_all, self.apply_button):
            b.setEnabled(bool(rows))

    def choose(self, row: int, choice: str, value: str | None = None) -> None:
        self.table.choose(row, choice, value)

    def apply(self) -> int:
        """Decide every row with a choice; a refusal is reported per row and the others still go ahead."""
        try:
            decisions = self.table.decisions()
        except ValueError as exc:
            say(self.message, warn=True, text=self.tr("A new value is empty in row {row}. Write the value, or choose another "
                                        "decision.").format(row=exc.args[0]))
            return 0
        rows = {row.key: i for i, row in enumerate(self.table.rows)}
        done, errors = 0, []
        for conflict_id, (choice, value) in decisions.items():
            try:
                exchange_merge.decide_conflict(self.ledger, conflict_id, choice, value)
                done += 1
            except LedgerError as exc:
                errors.append(self.tr("Row {row}: {error}").format(row=rows[conflict_id] + 1,
                                                                    error=messages.error_text(exc)))
        self.decided += done
        self.reload()
        text = "\n".join([self.tr("{done} conflicts decided.").format(done=done), *errors])
        if errors:
            say(self.message, warn=True, text=text)
        else:
            say(self.message, text=text)
        return done
