"""The rows of 导入上报 and of the open conflicts in words (community, measure, field, values, authors), and their table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem

from ledger.core import FIELD_LABELS
from ledger.exchange import COMMAND_LABELS, FIELD_COMMANDS, Item
from ledger.service import Ledger
from ui.common import words
from ui.common.preview import DecisionTable


def _tr(text: str) -> str:
    return QCoreApplication.translate("Packages", text)


# ---- the rows of the three lists ----------------------------------------------------------------------------------
def table_words(table: str) -> str:
    """What a row of one of the ledger's tables is, in the window's language."""
    known = {
        "indicator": _tr("Indicator"),
        "evidence": _tr("Evidence"),
        "extension": _tr("Request for a later deadline"),
        "review": _tr("Review"),
    }
    return known.get(table, table)


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


class TaskLabels:
    """Community and measure per task id, looked up once."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._cache: dict[str, tuple[str, str]] = {}

    def __call__(self, task_id: str | None) -> tuple[str, str]:
        if not task_id:
            return "", ""
        if task_id not in self._cache:
            rows = self.ledger.store.rows(
                "SELECT c.name AS community, t.measure FROM task t JOIN community c "
                "ON c.id = t.community_id WHERE t.id = ?",
                (task_id,),
            )
            self._cache[task_id] = (rows[0]["community"], rows[0]["measure"]) if rows else ("", task_id[:8])
        return self._cache[task_id]


def field_words(table: str, fld: str) -> str:
    if fld in ("*", "") and table:
        return table_words(table)
    if table == "evidence" and fld == "removed_at":
        return words.word(COMMAND_LABELS["remove_evidence"])
    return words.word(FIELD_LABELS[fld]) if fld in FIELD_LABELS else fld or table_words(table)


def value_words(table: str, fld: str, value: Any) -> str:
    """A value as the user reads it: a status by its label, a step by its action, a record by what it is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dict):
        if "action" in value:  # a workflow step
            label = words.word(COMMAND_LABELS.get(str(value["action"]), str(value["action"])))
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
            return _tr("Deadline moved to {new} (was {old})").format(
                new=value.get("new_deadline"), old=value.get("old_deadline")
            ) + (f"：{value['reason']}" if value.get("reason") else "")
        return "；".join(f"{k}={v}" for k, v in value.items())
    if fld == "status":
        return _status(value)
    return str(value)


def _status(value: Any) -> str:
    try:
        return words.status(value)
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


def item_row(tasks: TaskLabels, it: Item) -> Row:
    community, measure = tasks(it.task_id)
    if it.kind == "conflict":
        authors = (
            _tr("Ours: {who} {at}").format(who=it.our_author or "—", at=str(it.our_at or "")[:16])
            + "\n"
            + _tr("Theirs: {who} {at}").format(who=it.their_author or "—", at=str(it.their_at)[:16])
        )
    else:
        authors = _who(it.their_author, it.their_at)
    return Row(
        community,
        measure,
        field_words(it.table, it.field),
        value_words(it.table, it.field, it.ours),
        value_words(it.table, it.field, it.theirs),
        authors.strip(),
        it.reason,
        it.key,
        it.command in FIELD_COMMANDS,
        it.ours,
        it.theirs,
    )


def conflict_row(tasks: TaskLabels, r: dict[str, Any]) -> Row:
    community, measure = tasks(r.get("task_id"))
    authors = (
        _tr("Ours: {who} {at}").format(who=r.get("our_author") or "—", at=str(r.get("our_at") or "")[:16])
        + "\n"
        + _tr("Theirs: {who} {at}").format(
            who=r.get("their_author") or "—", at=str(r.get("their_at") or "")[:16]
        )
    )
    return Row(
        community,
        measure,
        field_words(r["tbl"], r["field"]),
        value_words(r["tbl"], r["field"], r["ours"]),
        value_words(r["tbl"], r["field"], r["theirs"]),
        authors,
        r.get("reason") or "",
        r["id"],
        r["command"] in FIELD_COMMANDS,
        r["ours"],
        r["theirs"],
    )


# ---- tables -------------------------------------------------------------------------------------------------------
(
    COL_COMMUNITY,
    COL_MEASURE,
    COL_FIELD,
    COL_OURS,
    COL_THEIRS,
    COL_AUTHORS,
    COL_REASON,
    COL_DECISION,
    COL_NEW,
) = range(9)


class RowTable(DecisionTable):
    """The seven columns every list shares; ``decide=True`` adds 处理 and 新值 per row (the conflicts).
    ``decisions()`` is {key: (choice, new value or None)}."""

    def headers(self) -> list[str]:
        return [
            self.tr("Community"),
            self.tr("Measure"),
            self.tr("Field"),
            self.tr("Ours (ledger)"),
            self.tr("Theirs (return)"),
            self.tr("Authors and times"),
            self.tr("Reason"),
        ]

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
