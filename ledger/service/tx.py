"""What one command writes (Tx, each write recorded as a journal change) and what it tells observers (Changed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ledger.core import LedgerError, clean_text

if TYPE_CHECKING:
    from ledger.service.commands import Ledger
    from ledger.storage import Change, Entry

TABLE_KEY = {"setting": "key"}


STRUCTURE_TABLES = frozenset({"community", "category", "problem"})
BOARD_TABLES = frozenset({"task"}) | STRUCTURE_TABLES
SIGNOFF_TABLES = frozenset({"task", "review", "extension", "recheck", "recheck_item"}) | STRUCTURE_TABLES
PACKAGE_TABLES = frozenset({"package", "package_merge", "merged_entry", "merge_conflict"})
# Settings read by one view only (the board's colours, the Excel templates, the weekly reconciliation, the
# evidence size limit): a change to one of them concerns no other view. Every other setting (org name, review
# chain, due-soon days, package mode …) concerns every view that shows tasks.
BOARD_SETTINGS = frozenset({"board_scheme"})
LOCAL_SETTINGS = BOARD_SETTINGS | {
    "excel_templates",
    "excel_template_default",
    "week_closes_on",
    "stall_weeks",
    "evidence_max_mb",
}


@dataclass(frozen=True)
class Changed:
    """What one operation changed; the UI turns it into one signal (STYLE: OpChanges).

    ``rows_added_or_removed``: tables where a row was inserted or deleted (a task's soft delete counts), so a
    list knows to reload its ids. ``settings``: the setting keys written. ``source``: the view that started the
    operation (``Ledger.batch(source=…)``); it has refreshed itself and skips the notice. ``entry_ids``: every
    journal entry of the operation, oldest first (``entry_id`` is the last)."""

    command: str
    entry_id: str
    task_ids: frozenset[str] = frozenset()
    tables: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    rows_added_or_removed: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    source: object | None = field(default=None, compare=False)
    entry_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.entry_ids and self.entry_id:
            object.__setattr__(self, "entry_ids", (self.entry_id,))

    def __or__(self, other: Changed) -> Changed:
        """The union of two notices, named by the first (the operation) and ending at the second's entry."""
        return Changed(
            self.command,
            other.entry_id or self.entry_id,
            self.task_ids | other.task_ids,
            self.tables | other.tables,
            self.fields | other.fields,
            self.rows_added_or_removed | other.rows_added_or_removed,
            self.settings | other.settings,
            self.source if self.source is not None else other.source,
            self.entry_ids + tuple(e for e in other.entry_ids if e not in self.entry_ids),
        )

    merge = __or__

    @property
    def affects_structure(self) -> bool:
        """Communities, categories or problems changed (names, order, what exists)."""
        return bool(self.tables & STRUCTURE_TABLES)

    @property
    def affects_settings(self) -> bool:
        return bool(self.settings)

    @property
    def _shared_settings(self) -> bool:
        return bool(self.settings - LOCAL_SETTINGS)

    @property
    def affects_tasks(self) -> bool:
        """A task, or the community, category or problem it belongs to, changed."""
        return bool(self.tables & BOARD_TABLES)

    @property
    def affects_every_task(self) -> bool:
        """How every task reads may have changed: the structure, or a setting every view uses (review chain,
        due-soon days, package mode …)."""
        return self.affects_structure or self._shared_settings

    @property
    def affects_task_list(self) -> bool:
        """Which tasks exist, or how every row reads, may have changed: a list of tasks reloads its ids."""
        return self.affects_every_task or "task" in self.rows_added_or_removed

    @property
    def affects_table(self) -> bool:
        """The ledger table shows something this changed (reload when ``affects_task_list``, else the rows)."""
        return self.affects_task_list or bool(self.task_ids)

    @property
    def affects_board(self) -> bool:
        """The wall chart, the kanban board or the overview shows something this changed."""
        return (
            bool(self.tables & BOARD_TABLES) or bool(self.settings & BOARD_SETTINGS) or self._shared_settings
        )

    @property
    def affects_signoff(self) -> bool:
        """The sign-off queue (reviews, extensions, rechecks of tasks) shows something this changed."""
        return bool(self.tables & SIGNOFF_TABLES) or self._shared_settings

    @property
    def affects_packages(self) -> bool:
        """The package status (issued, returned, merged, conflicts) shows something this changed."""
        return bool(self.tables & PACKAGE_TABLES) or self.affects_structure


# The words a refused text names its field by (``bad_text``); any other column is named as it is.
FIELD_WORDS = {
    "measure": "整改措施",
    "detail": "具体内容",
    "owner": "责任人",
    "leader": "责任领导",
    "department": "责任部门",
    "progress": "整改进展",
    "return_reason": "退回理由",
    "name": "名称",
    "title": "标题",
    "secretary": "书记",
    "unit": "单位",
    "opinion": "审核意见",
    "exception": "例外理由",
    "reason": "理由",
    "decision_note": "审批意见",
    "finding": "发现的问题",
    "note": "说明",
    "file_name": "文件名",
    "value": "设置",
}


def cleaned(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with each text as a person meant it (``clean_text``: \\v and \\f become line breaks; NUL, other
    control characters and bidi overrides are refused with a sentence naming the field). Every command's write
    passes here, so the window, the command line, imports and merges all store clean text."""
    out = values
    for key, value in values.items():
        if isinstance(value, str) and not value.isprintable():
            if out is values:
                out = dict(values)
            out[key] = clean_text(value, FIELD_WORDS.get(key, f"{table}.{key}"))
    return out


def changed_tables(changes: list[Change]) -> frozenset[str]:
    return frozenset(c.table for c in changes)


class Tx:
    """The rows one command writes; each write is recorded as a journal change."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.conn = ledger.store.conn
        self.changes: list[Change] = []
        self.entry: Entry | None = None  # the journal entry the command made (None: it changed nothing)

    def insert(self, table: str, row: dict[str, Any]) -> None:
        from ledger.storage.journal import Change

        row = cleaned(table, row)
        cols = list(row)
        self.conn.execute(
            f"INSERT INTO {table} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
        self.changes.append(Change("insert", table, row[TABLE_KEY.get(table, "id")], row=dict(row)))

    def update(
        self, table: str, id_: str, *, _row: dict[str, Any] | None = None, **fields: Any
    ) -> dict[str, tuple[Any, Any]]:
        """Write the fields that differ and record each; ``_row`` is the row as just read in this transaction."""
        key = TABLE_KEY.get(table, "id")
        if _row is None:
            current = self.ledger.store.rows(f"SELECT * FROM {table} WHERE {key} = ?", (id_,))
            if not current:
                raise LedgerError(
                    "no_such_task" if table == "task" else f"no_such_{table}", task=id_, id=id_, name=id_
                )
            _row = current[0]
        before = _row
        fields = cleaned(table, fields)
        diff = {k: (before[k], v) for k, v in fields.items() if before[k] != v}
        if diff:
            from ledger.storage.journal import Change

            sets = ", ".join(f"{k} = ?" for k in diff)
            self.conn.execute(
                f"UPDATE {table} SET {sets} WHERE {key} = ?", [v for _, v in diff.values()] + [id_]
            )
            for k, (b, a) in diff.items():
                self.changes.append(Change("update", table, id_, k, b, a))
        return diff

    def delete(self, table: str, id_: str) -> None:
        key = TABLE_KEY.get(table, "id")
        current = self.ledger.store.rows(f"SELECT * FROM {table} WHERE {key} = ?", (id_,))
        if current:
            from ledger.storage.journal import Change

            self.conn.execute(f"DELETE FROM {table} WHERE {key} = ?", (id_,))
            self.changes.append(Change("delete", table, id_, row=current[0]))
