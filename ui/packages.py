"""社区包 on the master ledger: 下发 (one community or all), 导入上报 (preview, decide conflicts, apply), the
per-community status, and conflicts left open.

Everything here calls ``ledger.exchange`` / ``ledger.exchange_merge``; this module only asks, shows and decides.
Dialogs never pop message boxes of their own while they are open: sentences go into a label in the dialog, so
a refused file shows its sentence where the user is looking and tests need no patching.
"""

from __future__ import annotations

import logging
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
    QVBoxLayout,
    QWidget,
)

from ledger import exchange, exchange_merge
from ledger.errors import LedgerError
from ledger.model import FIELD_LABELS, Status
from ledger.service import Changed, Ledger
from ui import messages
from ui.preview import DecisionTable, PreviewDialog
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
    # ConflictTable / tables
    "Measure": "整改措施",
    "Field": "字段",
    "Ours (ledger)": "我方（台账）值",
    "Theirs (return)": "对方（上报）值",
    "Authors and times": "作者与时间",
    "Reason": "原因",
    "Keep ours": "保留我方",
    "Take theirs": "采用对方",
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


class RowTable(DecisionTable):
    """The seven columns every list shares; ``decide=True`` adds 处理 and 新值 per row (the conflicts).
    ``decisions()`` is {key: (choice, new value or None)}."""

    def headers(self) -> list[str]:
        return [self.tr("Community"), self.tr("Measure"), self.tr("Field"), self.tr("Ours (ledger)"),
                self.tr("Theirs (return)"), self.tr("Authors and times"), self.tr("Reason")]

    def texts(self, row: Row) -> tuple[str, ...]:
        return row.community, row.measure, row.field, row.ours, row.theirs, row.authors, row.reason

    def choice_texts(self) -> tuple[str, str]:
        return self.tr("Keep ours"), self.tr("Take theirs")

    def style_item(self, item: QTableWidgetItem, column: int) -> None:
        if column in (COL_OURS, COL_THEIRS):
            item.setBackground(Qt.GlobalColor.white)

    def new_value_hint(self, row: Row) -> str:
        return row.theirs_raw if row.can_rewrite and isinstance(row.theirs_raw, str) else ""

    def size_columns(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("中")
        widths = [5, 7, 5, 12, 12, 12, 11, 6, 8] if self.decide else [5, 8, 6, 15, 15, 12, 16]
        for c in range(self.columnCount()):
            self.setColumnWidth(c, widths[c] * em + 12)
        if self.decide:  # the decision right of the two values it chooses between (logical columns unchanged)
            header.moveSection(header.visualIndex(COL_DECISION), COL_AUTHORS)
            header.moveSection(header.visualIndex(COL_NEW), COL_AUTHORS + 1)
        header.setStretchLastSection(True)


# ---- 导入上报 -------------------------------------------------------------------------------------------------------
class MergeDialog(PreviewDialog):
    """The preview of a return before anything changes: 将应用 / 冲突 / 拒绝, each conflict decided per row
    (保留我方 / 采用对方 / 填写新值); 应用 runs ``apply_merge`` with the decisions (backup first, one transaction).
    A refused file shows its sentence and leaves the ledger as it was."""

    TABLE = RowTable
    NAMES = {"dialog": "mergeDialog", "summary": "mergeSummary", "message": "mergeMessage", "tabs": "mergeTabs",
             "apply": "applyMerge", "close": "closeMerge", "applied": "appliedTable", "conflicts": "conflictTable",
             "refused": "refusedTable"}
    SIZE = (1400, 660)
    preview: exchange_merge.MergePreview | None
    result: exchange_merge.MergeResult | None

    def title(self) -> str:
        return self.tr("Import a return")

    def apply_text(self) -> str:
        return self.tr("Apply")

    def extra_widgets(self) -> list[QWidget]:
        self.keep_all = self.set_all_button(self.tr("Keep all ours"), "keepAllOurs", "ours")
        self.take_all = self.set_all_button(self.tr("Take all theirs"), "takeAllTheirs", "theirs")
        return [self.keep_all, self.take_all]

    @classmethod
    def ask_path(cls, parent: QWidget | None, ledger: Ledger) -> str:
        chosen = ask_return_path(parent, _folder_default(ledger, RETURN_FOLDER_KEY))
        if chosen:
            settings().setValue(RETURN_FOLDER_KEY, str(Path(chosen).parent))
        return chosen

    # ---- preview -------------------------------------------------------------------------------------------------
    def read_preview(self) -> exchange_merge.MergePreview:
        return exchange_merge.preview_merge(self.ledger, self.path)

    def show_preview(self, p: exchange_merge.MergePreview) -> None:
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
        self._fill(p)
        has_conflicts = bool(p.conflicts)
        self.keep_all.setEnabled(has_conflicts)
        self.take_all.setEnabled(has_conflicts)
        self.apply_button.setEnabled(bool(p.new_entries))
        if has_conflicts:
            self.tabs.setCurrentWidget(self.conflict_table)

    def rows_of(self, items: list[exchange_merge.Item]) -> list[Row]:
        tasks = _Tasks(self.ledger)
        return [item_row(tasks, it) for it in items]

    # ---- apply ---------------------------------------------------------------------------------------------------
    def write(self, decisions: dict[str, Any]) -> exchange_merge.MergeResult:
        result = exchange_merge.apply_merge(self.ledger, self.path, decisions)
        log.info("merged %s: %d applied, %d conflicts (%d open), %d refused", result.path.name,
                 len(result.applied), len(result.conflicts), len(result.open_conflicts), len(result.refused))
        return result

    def done_text(self, result: exchange_merge.MergeResult) -> tuple[str, bool]:
        open_left = len(result.open_conflicts)
        text = self.tr("Merged “{file}”: {applied} changes applied, {decided} conflicts decided, {refused} refused.") \
            .format(file=result.path.name, applied=len(result.applied),
                    decided=len(result.conflicts) - open_left, refused=len(result.refused))
        if open_left:
            text += self.tr(" {count} conflicts are still open: decide them later with File → Decide open "
                            "conflicts….").format(count=open_left)
        if result.backup:
            text += self.tr(" Backup before the merge: {path}").format(path=result.backup)
        return text, bool(open_left)


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
        for c in (0, 1):  # names and secretaries on one line (“王建华（示例）” wrapped in a 5-character column)
            self.table.setColumnWidth(c, max(self.table.columnWidth(c), self.table.sizeHintForColumn(c) + 8))
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
