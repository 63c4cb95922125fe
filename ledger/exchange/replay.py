"""Merge = replay: each new entry of a return applied through the ledger's commands, or a conflict, or refused."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import Any

from ledger.core import ACTION_LABELS, FIELD_LABELS, Action, LedgerError, Operator, Role, Status
from ledger.core.people import normalize_name
from ledger.exchange.packages import HOUSEKEEPING
from ledger.exchange.returned import (
    ReturnedPackage,
    forged_row,
    hidden_changes,
    hidden_reason,
    issued_to,
    out_of_scope,
)
from ledger.service import Ledger
from ledger.signoff import mime_type, remove_evidence
from ledger.storage import Change, Entry, normalized_value

CRASH_ENV = "LEDGER_TEST_CRASH_AFTER"  # tests: os._exit(9) after this many applied entries
STEPS = frozenset({"start", "submit", "set_ongoing"})
FIELD_COMMANDS = frozenset({"update_progress", "update_task", "update_indicator", "undo"})
# Fields a secretary may change (everything else on these tables belongs to the work team).
SECRETARY_FIELDS = {"task": frozenset({"progress"}), "indicator": frozenset({"name", "unit", "actual"})}
IGNORED_FIELDS = {"task": frozenset({"updated_at"})}
COMMAND_LABELS = {
    "update_progress": "更新整改进展",
    "update_task": "修改任务",
    "update_indicator": "修改量化指标",
    "add_indicator": "添加量化指标",
    "remove_indicator": "删除量化指标",
    "attach_evidence": "添加佐证材料",
    "remove_evidence": "删除佐证材料",
    "request_extension": "申请延期",
    "decide_extension": "批复延期申请",
    "undo": "撤销",
    "set_setting": "修改设置",
    "add_task": "添加整改任务",
    "delete_task": "删除整改任务",
    **{a.value: label for a, label in ACTION_LABELS.items()},
}


@dataclass
class Item:
    """One change of the return and what the merge does with it."""

    kind: str  # applied | conflict | refused
    entry_id: str
    seq: int
    command: str
    task_id: str | None
    table: str
    row_id: str
    field: str
    ours: Any = None
    theirs: Any = None
    our_author: str = ""
    our_at: str = ""
    their_author: str = ""
    their_at: str = ""
    reason: str = ""
    key: str = ""
    status: str = ""  # conflicts: open | kept | taken | rewritten
    conflict_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def command_label(command: str) -> str:
    return COMMAND_LABELS.get(command, command)


def _last_master_change(
    ledger: Ledger, since: int, table: str, row_id: str, fld: str, skip_origin: str, task_id: str | None
) -> tuple[str, str]:
    """Who last changed ``table.row_id.fld`` on the master since ``since`` (and when)."""
    rows = ledger.store.rows(
        "SELECT * FROM journal WHERE seq > ? AND (task_id = ? OR payload LIKE ?) ORDER BY seq DESC",
        (since, task_id or row_id, f'%"{row_id}"%'),
    )
    for r in rows:
        if r["origin"] == skip_origin:
            continue
        for c in json.loads(r["payload"]).get("changes", []):
            if c["table"] == table and c["id"] == row_id and (c.get("field") == fld or c["op"] != "update"):
                return r["actor"], r["at"]
    return "", ""


class Replay:
    def __init__(
        self, ledger: Ledger, pkg: ReturnedPackage, decisions: dict[str, tuple[str, Any]], dry: bool
    ) -> None:
        self.ledger = ledger
        self.pkg = pkg
        self.decisions = decisions
        self.dry = dry
        self.origin = f"上报包:{pkg.path.name}"
        self.items: list[Item] = []
        self.outcomes: dict[str, str] = {}
        self.open_keys: dict[str, Item] = {}
        self.touched: set[str] = set()
        self.crash_after = int(os.environ.get(CRASH_ENV, "0") or 0) if not dry else 0
        self.applied_entries = 0
        self.scope_checked = not dry  # apply checks the whole file's scope before anything is written
        self.secretaries = issued_to(ledger, pkg)

    # helpers
    def _item(self, kind: str, e: Entry, table: str, row_id: str, fld: str, **kw: Any) -> Item:
        it = Item(
            kind,
            e.id,
            e.seq,
            e.command,
            kw.pop("task_id", e.task_id),
            table,
            row_id,
            fld,
            their_author=e.actor,
            their_at=e.at,
            **kw,
        )
        self.items.append(it)
        return it

    def _conflict(
        self,
        e: Entry,
        table: str,
        row_id: str,
        fld: str,
        ours: Any,
        theirs: Any,
        reason: str,
        key: str,
        task_id: str | None,
    ) -> None:
        decision = self.decisions.get(key)
        if key in self.open_keys and decision is None:  # the same field again: the latest value is theirs
            it = self.open_keys[key]
            it.theirs, it.entry_id, it.seq, it.their_at, it.their_author = theirs, e.id, e.seq, e.at, e.actor
            return
        author, at = _last_master_change(
            self.ledger, self.pkg.info.master_seq, table, row_id, fld, self.origin, task_id
        )
        it = self._item(
            "conflict",
            e,
            table,
            row_id,
            fld,
            ours=ours,
            theirs=theirs,
            reason=reason,
            key=key,
            our_author=author,
            our_at=at,
            status="open",
            task_id=task_id,
        )
        if decision is not None:
            choice, value = decision
            try:
                if choice == "theirs":
                    write_theirs(
                        self.ledger,
                        e.command,
                        table,
                        row_id,
                        fld,
                        task_id,
                        theirs,
                        self.pkg.blobs,
                        dry=self.dry,
                    )
                    it.status = "taken"
                elif choice == "new":
                    write_theirs(
                        self.ledger,
                        e.command,
                        table,
                        row_id,
                        fld,
                        task_id,
                        value,
                        self.pkg.blobs,
                        dry=self.dry,
                    )
                    it.status = "rewritten"
                    it.theirs = theirs
                elif choice == "ours":
                    it.status = "kept"
                else:
                    raise LedgerError(
                        "bad_value", field="冲突处理", value=choice, detail="只能是 ours、theirs 或 new"
                    )
            except LedgerError as exc:
                if exc.code == "bad_value":
                    raise
                it.reason += f"；按上报执行仍不可行：{exc.message()}"
            if task_id:
                self.touched.add(task_id)
        if it.status == "open":
            self.open_keys[key] = it

    def run(self) -> None:
        """Each entry replayed as the secretary the package was issued to (the name inside the entry is only
        compared), through the master's commands and under its rules at this moment."""
        for e in self.pkg.entries:
            actor = normalize_name(e.actor)
            with self.ledger.acting_as(
                Operator(actor or "居民区书记", Role.SECRETARY), self.origin, e.happened_at
            ):
                self._entry(e)

    def _entry(self, e: Entry) -> None:
        before = len(self.items)
        if e.command in HOUSEKEEPING:
            self.outcomes[e.id] = "skipped"
            return
        try:
            self._dispatch(e)
        except LedgerError as exc:  # the master's rules refuse it now (a role, a lock, a state)
            self._item("refused", e, "", "", "", reason=exc.message())
        kinds = {it.kind for it in self.items[before:]}
        self.outcomes[e.id] = (
            "conflict"
            if "conflict" in kinds
            else "applied"
            if "applied" in kinds
            else "refused"
            if "refused" in kinds
            else "nothing"
        )
        if "applied" in kinds:
            self.applied_entries += 1
            if self.crash_after and self.applied_entries >= self.crash_after:
                os._exit(9)

    def _dispatch(self, e: Entry) -> None:
        why = None if self.scope_checked else out_of_scope(self.ledger, self.pkg, e)
        hidden = hidden_changes(e)
        if why is not None:
            self._item("refused", e, "", "", "", reason=f"涉及{why}，超出本包的范围", key="scope")
        elif self.secretaries and normalize_name(e.actor) not in self.secretaries:
            self._item(
                "refused",
                e,
                "",
                "",
                "",
                reason=f"记录的操作人“{e.actor}”不是本包下发给的居民区书记（{'、'.join(self.secretaries)}），未合并",
            )
        elif hidden:
            for c in hidden:
                self._item(
                    "refused",
                    e,
                    c.table,
                    c.id,
                    c.field or "*",
                    theirs=c.after if c.op == "update" else c.row,
                    reason=hidden_reason(e, c, command_label(e.command)),
                )
        elif e.command in FIELD_COMMANDS:
            self._fields(e)
        elif e.command in STEPS:
            self._step(e)
        elif e.command in ("add_indicator", "attach_evidence", "request_extension"):
            self._insert(e)
        elif e.command == "remove_indicator":
            self._remove_indicator(e)
        elif e.command == "remove_evidence":
            self._remove_evidence(e)
        else:
            self._item(
                "refused",
                e,
                "",
                "",
                "",
                reason=f"“{command_label(e.command)}”由工作专班办理，居民区不能在下发包中操作",
            )

    def _fields(self, e: Entry) -> None:
        for c in e.changes:
            if c.op != "update":
                self._item(
                    "refused",
                    e,
                    c.table,
                    c.id,
                    "",
                    reason=f"“{command_label(e.command)}”中的增删记录只能由工作专班办理",
                )
                continue
            if c.field in IGNORED_FIELDS.get(c.table, ()):
                continue
            if c.field not in SECRETARY_FIELDS.get(c.table, ()):
                label = FIELD_LABELS.get(c.field or "", c.field)
                self._item(
                    "refused",
                    e,
                    c.table,
                    c.id,
                    c.field or "",
                    theirs=c.after,
                    reason=f"“{label}”由工作专班负责，居民区不能修改",
                )
                continue
            self._field(e, c)

    def _field(self, e: Entry, c: Change) -> None:
        fld = c.field or ""
        row = self.ledger.store.row(c.table, c.id)
        task_id = c.id if c.table == "task" else (row or {}).get("task_id") or e.task_id
        key = f"{c.table}:{c.id}:{fld}"
        if row is None or (c.table == "task" and row["deleted_at"] is not None):
            self._conflict(
                e,
                c.table,
                c.id,
                fld,
                None,
                c.after,
                "主台账上已没有这条记录（已删除或未能合并）",
                key,
                task_id,
            )
            return
        ours = row[fld]
        if normalized_value(ours) == normalized_value(c.after):
            self._item(
                "applied",
                e,
                c.table,
                c.id,
                fld,
                ours=ours,
                theirs=c.after,
                task_id=task_id,
                reason="主台账已是这个值",
            )
            return
        if normalized_value(ours) != normalized_value(c.before):
            self._conflict(e, c.table, c.id, fld, ours, c.after, "下发后两边都修改了这个字段", key, task_id)
            return
        write_theirs(
            self.ledger, e.command, c.table, c.id, fld, task_id, c.after, self.pkg.blobs, dry=self.dry
        )
        self.touched.add(str(task_id))
        self._item("applied", e, c.table, c.id, fld, ours=ours, theirs=c.after, task_id=task_id)

    def _step(self, e: Entry) -> None:
        tid = str(e.task_id)
        status = next((c for c in e.changes if c.table == "task" and c.field == "status"), None)
        theirs = {
            "action": e.command,
            "reason": e.args.get("reason", ""),
            "status": status.after if status else None,
        }
        key = f"step:{e.id}"
        row = self.ledger.store.row("task", tid)
        if row is None or row["deleted_at"] is not None:
            self._conflict(e, "task", tid, "status", None, theirs, "主台账上已删除这项任务", key, tid)
            return
        ours = row["status"]
        if status is not None and ours != status.before:
            if ours == status.after and e.command != "submit":
                self._item(
                    "applied",
                    e,
                    "task",
                    tid,
                    "status",
                    ours=ours,
                    theirs=theirs,
                    reason="主台账已是这个状态",
                    task_id=tid,
                )
                return
            reason = (
                f"主台账上这项任务现为“{Status(ours).label}”（上报时为“{Status(status.before).label}”），"
                f"已不能按上报执行“{command_label(e.command)}”"
            )
            self._conflict(e, "task", tid, "status", ours, theirs, reason, key, tid)
            return
        try:
            write_theirs(
                self.ledger, e.command, "task", tid, "status", tid, theirs, self.pkg.blobs, dry=self.dry
            )
        except LedgerError as exc:
            self._conflict(
                e, "task", tid, "status", ours, theirs, f"主台账的状态不允许：{exc.message()}", key, tid
            )
            return
        self.touched.add(tid)
        self._item("applied", e, "task", tid, "status", ours=ours, theirs=theirs, task_id=tid)

    def _insert(self, e: Entry) -> None:
        table = {
            "add_indicator": "indicator",
            "attach_evidence": "evidence",
            "request_extension": "extension",
        }[e.command]
        change = next((c for c in e.changes if c.table == table and c.op == "insert"), None)
        if change is None or change.row is None:
            self._item("refused", e, table, "", "", reason="日志内容不完整")
            return
        forged = forged_row(self.ledger, self.pkg, e, table, change.row)
        if forged is not None:
            self._item("refused", e, table, change.id, "*", theirs=change.row, reason=forged)
            return
        # only the secretary's own fields are taken; who made it is the secretary the package was issued to
        who = {"extension": "requested_by", "evidence": "added_by"}.get(table)
        row = {**change.row, **({who: self.ledger.operator.name} if who else {})}
        tid = str(row["task_id"])
        key = f"row:{e.id}"
        if self.ledger.store.row(table, change.id) is not None:
            self._item(
                "applied", e, table, change.id, "*", theirs=row, task_id=tid, reason="主台账已有这条记录"
            )
            return
        task = self.ledger.store.row("task", tid)
        if task is None or task["deleted_at"] is not None:
            if table == "evidence" and not self.dry:
                self._keep_bytes(row["sha256"])
            self._conflict(e, table, change.id, "*", None, row, "主台账上已删除这项任务", key, tid)
            return
        if table == "extension":
            pending = self.ledger.store.one(
                "SELECT requested_by FROM extension WHERE task_id = ? AND status = 'pending'", (tid,)
            )
            reason = ""
            if Status(task["status"]) not in (
                Status.NOT_STARTED,
                Status.IN_PROGRESS,
                Status.RETURNED,
                Status.REOPENED,
                Status.SUBMITTED,
                Status.IN_REVIEW,
            ):
                reason = f"主台账上这项任务现为“{Status(task['status']).label}”，不需要延期"
            elif task["deadline"] != row["old_deadline"]:
                reason = f"主台账上的整改时限已改为 {task['deadline']}（申请时为 {row['old_deadline']}）"
            elif pending:
                reason = f"主台账上已有 {pending} 提出的待批延期申请"
            if reason:
                self._conflict(e, table, change.id, "*", task["deadline"], row, reason, key, tid)
                return
        if table == "evidence":
            dup = self.ledger.store.one(
                "SELECT file_name FROM evidence WHERE task_id = ? AND sha256 = ? AND removed_at IS NULL",
                (tid, row["sha256"]),
            )
            if dup:
                self._item(
                    "applied",
                    e,
                    table,
                    change.id,
                    "*",
                    theirs=row,
                    task_id=tid,
                    reason=f"主台账上已有同一文件“{dup}”",
                )
                return
        write_theirs(self.ledger, e.command, table, change.id, "*", tid, row, self.pkg.blobs, dry=self.dry)
        self.touched.add(tid)
        self._item("applied", e, table, change.id, "*", theirs=row, task_id=tid)

    def _keep_bytes(self, sha: str) -> None:
        """A conflicting attachment's file is kept in ``blob`` (not journalled, like every blob) so that taking
        the return's side later loses nothing."""
        data = self.pkg.blobs.get(sha)
        if data and not self.ledger.store.one("SELECT length(data) FROM blob WHERE sha256 = ?", (sha,)):
            self.ledger.store.conn.execute(
                "INSERT OR REPLACE INTO blob (sha256, data, size) VALUES (?, ?, ?)", (sha, data, len(data))
            )

    def _remove_indicator(self, e: Entry) -> None:
        change = next((c for c in e.changes if c.table == "indicator" and c.op == "delete"), None)
        if change is None or change.id not in self.pkg.added_indicators:
            self._item(
                "refused",
                e,
                "indicator",
                change.id if change else "",
                "*",
                reason="下发时已有的量化指标由工作专班确定，居民区不能删除",
            )
            return
        row = self.ledger.store.row("indicator", change.id)
        if row is None:
            self._item("applied", e, "indicator", change.id, "*", reason="主台账上已没有这条指标")
            return
        write_theirs(
            self.ledger, e.command, "indicator", change.id, "*", row["task_id"], None, {}, dry=self.dry
        )
        self.touched.add(row["task_id"])
        self._item("applied", e, "indicator", change.id, "*", task_id=row["task_id"])

    def _remove_evidence(self, e: Entry) -> None:
        eid = str(e.args.get("evidence", ""))
        row = self.ledger.store.row("evidence", eid)
        tid = str(e.task_id)
        if row is None:
            self._conflict(
                e,
                "evidence",
                eid,
                "removed_at",
                None,
                "删除",
                "主台账上没有这份佐证材料（未能合并）",
                f"row:{e.id}",
                tid,
            )
            return
        if row["removed_at"] is not None:
            self._item("applied", e, "evidence", eid, "removed_at", task_id=tid, reason="主台账上已删除")
            return
        try:
            write_theirs(self.ledger, e.command, "evidence", eid, "removed_at", tid, None, {}, dry=self.dry)
        except LedgerError as exc:
            self._conflict(e, "evidence", eid, "removed_at", None, "删除", exc.message(), f"row:{e.id}", tid)
            return
        self.touched.add(tid)
        self._item("applied", e, "evidence", eid, "removed_at", task_id=tid)


def write_theirs(
    ledger: Ledger,
    command: str,
    table: str,
    row_id: str,
    fld: str,
    task_id: str | None,
    value: Any,
    blobs: dict[str, bytes | None],
    *,
    dry: bool = False,
) -> None:
    """Do what one change of the return asks, through the ledger's commands (also used by ``decide_conflict``)."""
    if command in FIELD_COMMANDS:
        if table == "task":
            ledger.update_task(row_id, **{fld: value})
        else:
            ledger.update_indicator(row_id, **{fld: value})
    elif command in STEPS:
        ledger.act(str(task_id), Action(command), reason=str((value or {}).get("reason", "")))
    elif command == "add_indicator":
        r = value
        ledger.add_indicator(
            r["task_id"], r["name"], r.get("unit", ""), r.get("target"), r.get("actual"), id=r["id"]
        )
    elif command == "remove_indicator":
        ledger.remove_indicator(row_id)
    elif command == "remove_evidence":
        remove_evidence(ledger, row_id)
    elif command == "attach_evidence":
        _attach(ledger, value, blobs, dry)
    elif command == "request_extension":
        r = dict(value)
        with ledger.command(
            "request_extension",
            r["task_id"],
            {
                "extension": r["id"],
                "task": r["task_id"],
                "old_deadline": r["old_deadline"],
                "new_deadline": r["new_deadline"],
            },
        ) as tx:
            tx.insert("extension", r)
    else:
        raise LedgerError("bad_value", field="命令", value=command, detail="不能从上报包执行")


def _attach(ledger: Ledger, row: dict[str, Any], blobs: dict[str, bytes | None], dry: bool) -> None:
    sha = row["sha256"]
    data = None if dry else blobs.get(sha)
    stored = ledger.store.one("SELECT length(data) FROM blob WHERE sha256 = ?", (sha,))
    now = ledger.clock.now().isoformat(sep=" ")
    args = {
        "task": row["task_id"],
        "evidence": row["id"],
        "file_name": row["file_name"],
        "sha256": sha,
        "size": row["size"],
        "new_blob": not stored,
    }
    with ledger.command("attach_evidence", row["task_id"], args) as tx:
        if stored is None:
            tx.conn.execute(
                "INSERT INTO blob (sha256, data, size) VALUES (?, ?, ?)",
                (sha, data or b"", len(data) if data else 0),
            )
        elif not stored and data:
            tx.conn.execute("UPDATE blob SET data = ?, size = ? WHERE sha256 = ?", (data, len(data), sha))
        tx.insert("evidence", {**row, "mime": row.get("mime") or mime_type(row["file_name"])})
        tx.update("task", row["task_id"], updated_at=now)
