"""导入上报: verify a returned package, preview what its entries would do, apply them, decide conflicts.

Merge = replay. The package's journal entries after its ``issue_package`` entry are taken in order; entries this
ledger already applied or decided (table ``merged_entry``, keyed by the PACKAGE's entry id) are skipped, so a
second import of the same return changes nothing. Each entry becomes one of:

* applied: replayed through the ledger's own commands (``update_task``, ``act``, ``add_indicator`` …) with
  ``ledger.origin = "上报包:<file>"`` and ``ledger.operator`` = the secretary who made it, so the journal says who
  and from where;
* conflict: a field the master changed since issue (the master's value is neither the package's "before" nor its
  "after"), or a workflow step the master's state no longer allows (the task was returned or signed off
  meanwhile). Left open for a person (``decide_conflict``) unless ``decisions`` settles it now;
* refused: what a secretary may not do (review decisions, deadlines, owners, problem text, settings …).

Refused outright, before anything is written (the master stays byte for byte as it was): a file that is not a
package, a damaged or truncated one, a broken hash chain, another ledger's package, one this ledger never issued,
and a file with entries touching another community.

The preview runs the same replay inside a transaction that is rolled back (blob bytes are not copied for it).
Apply takes a backup first, then runs everything, including the record of the merge, in ONE transaction;
change notices are held back and sent once after the commit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ledger import journal
from ledger.errors import LedgerError
from ledger.evidence import _mime, remove_evidence
from ledger.exchange import HOUSEKEEPING, open_read_only, read_info, require_master
from ledger.journal import Change, Entry, _norm
from ledger.model import FIELD_LABELS, Operator, Role, Status
from ledger.service import Changed, Ledger
from ledger.workflow import ACTION_LABELS, Action

CRASH_ENV = "LEDGER_TEST_CRASH_AFTER"  # tests: os._exit(9) after this many applied entries
STEPS = frozenset({"start", "submit", "set_ongoing"})
FIELD_COMMANDS = frozenset({"update_progress", "update_task", "update_indicator", "undo"})
# Fields a secretary may change (everything else on these tables belongs to the work team).
SECRETARY_FIELDS = {"task": frozenset({"progress"}), "indicator": frozenset({"name", "unit", "actual"})}
IGNORED_FIELDS = {"task": frozenset({"updated_at"})}
COMMAND_LABELS = {
    "update_progress": "更新整改进展", "update_task": "修改任务", "update_indicator": "修改量化指标",
    "add_indicator": "添加量化指标", "remove_indicator": "删除量化指标", "attach_evidence": "添加佐证材料",
    "remove_evidence": "删除佐证材料", "request_extension": "申请延期", "decide_extension": "批复延期申请",
    "undo": "撤销", "set_setting": "修改设置", "add_task": "添加整改任务", "delete_task": "删除整改任务",
    **{a.value: label for a, label in ACTION_LABELS.items()},
}
STATUS_WORDS = {"open": "待处理", "kept": "保留主台账", "taken": "采用上报", "rewritten": "改为新值"}


class _Rollback(Exception):
    pass


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


@dataclass
class MergePreview:
    path: Path
    package_id: str
    community: str
    applied: list[Item] = field(default_factory=list)
    conflicts: list[Item] = field(default_factory=list)
    refused: list[Item] = field(default_factory=list)
    already: int = 0  # entries of this file merged before
    new_entries: int = 0

    @property
    def open_conflicts(self) -> list[Item]:
        return [c for c in self.conflicts if c.status in ("", "open")]

    def to_json(self) -> dict[str, Any]:
        return {"file": str(self.path), "package_id": self.package_id, "community": self.community,
                "entries": self.new_entries, "already_merged": self.already,
                "applied": [i.to_json() for i in self.applied], "conflicts": [i.to_json() for i in self.conflicts],
                "refused": [i.to_json() for i in self.refused]}


@dataclass
class MergeResult(MergePreview):
    merge_id: str = ""
    backup: Path | None = None
    written: bool = False

    def to_json(self) -> dict[str, Any]:
        out = super().to_json()
        out.update(merge_id=self.merge_id, backup=str(self.backup) if self.backup else None, written=self.written,
                   open_conflicts=len(self.open_conflicts))
        return out


@dataclass
class _Package:
    path: Path
    info: Any
    entries: list[Entry]  # new ones, in order
    already: int
    sha256: str
    added_indicators: frozenset[str]
    blobs: dict[str, bytes | None]


# ---- reading and checking the file (no write anywhere) -----------------------------------------------------------
def _file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _read(ledger: Ledger, path: Path, want_blobs: bool) -> _Package:
    require_master(ledger)
    try:
        store = open_read_only(path)
    except LedgerError as exc:
        if exc.code == "not_found":
            raise
        raise LedgerError("package_not_package", path=path, detail=exc.facts.get("detail", exc.code)) from None
    try:
        try:
            check = store.one("PRAGMA quick_check")
            if check != "ok":
                raise LedgerError("package_damaged", path=path, detail=str(check)[:120])
            info = read_info(store)
            problem = journal.verify(store)
            if problem is not None:
                raise LedgerError("package_tampered", path=path, seq=problem.seq or "—", at=problem.at or "—",
                                  command=problem.command or "数据表", detail=problem.detail)
            ours = ledger.setting("ledger_id")
            if info.master_ledger_id != ours:
                raise LedgerError("package_other_ledger", path=path, other=info.master_ledger_id, ours=ours)
            issued = ledger.store.row("package", info.package_id)
            if issued is None or issued["community_id"] != info.community_id:
                raise LedgerError("package_not_issued", path=path, package_id=info.package_id,
                                  community=info.community)
            done = {r[0] for r in ledger.store.conn.execute(
                "SELECT id FROM merged_entry WHERE package_id = ?", (info.package_id,))}
            every = journal.entries(store, since_seq=info.issue_seq)
            new = [e for e in every if e.id not in done]
            added = frozenset(c.id for e in every if e.command == "add_indicator" for c in e.changes
                              if c.table == "indicator" and c.op == "insert")
            shas = {str((c.row or {}).get("sha256")) for e in new if e.command == "attach_evidence"
                    for c in e.changes if c.table == "evidence" and c.op == "insert"}
            blobs: dict[str, bytes | None] = {}
            for sha in shas:
                r = store.conn.execute("SELECT data FROM blob WHERE sha256 = ?" if want_blobs else
                                       "SELECT length(data) FROM blob WHERE sha256 = ?", (sha,)).fetchone()
                blobs[sha] = (bytes(r[0]) or None) if want_blobs and r else None
        except sqlite3.DatabaseError as exc:
            raise LedgerError("package_damaged", path=path, detail=str(exc)) from None
    finally:
        store.conn.close()
    return _Package(path, info, new, len(every) - len(new), _file_sha(path), added, blobs)


# ---- scope: every entry must stay inside the package's community -------------------------------------------------
def _touched_tasks(ledger: Ledger, e: Entry) -> list[tuple[str, str | None]]:
    """(task id, community id if the entry says so) for each task the entry touches."""
    out: list[tuple[str, str | None]] = []
    for c in e.changes:
        row = c.row or {}
        if c.table == "task":
            out.append((c.id, row.get("community_id")))
        elif row.get("task_id"):
            out.append((str(row["task_id"]), None))
        elif c.table in ("indicator", "evidence", "extension", "review"):
            tid = ledger.store.one(f"SELECT task_id FROM {c.table} WHERE id = ?", (c.id,))
            if tid:
                out.append((str(tid), None))
    if e.task_id:
        out.append((e.task_id, None))
    return out


def _out_of_scope(ledger: Ledger, pkg: _Package, e: Entry) -> str | None:
    cid = pkg.info.community_id
    for c in e.changes:
        if c.table == "community" and c.id != cid:
            name = ledger.store.one("SELECT name FROM community WHERE id = ?", (c.id,))
            return f"居民区“{name or (c.row or {}).get('name') or c.id}”"
    for tid, claimed in _touched_tasks(ledger, e):
        row = ledger.store.rows("SELECT t.community_id, t.measure, c.name FROM task t JOIN community c "
                                "ON c.id = t.community_id WHERE t.id = ?", (tid,))
        if row and row[0]["community_id"] != cid:
            return f"居民区“{row[0]['name']}”的任务“{row[0]['measure']}”"
        if claimed and claimed != cid:
            name = ledger.store.one("SELECT name FROM community WHERE id = ?", (claimed,))
            return f"居民区“{name or claimed}”"
    return None


# ---- the replay --------------------------------------------------------------------------------------------------
def _label(command: str) -> str:
    return COMMAND_LABELS.get(command, command)


def _last_master_change(ledger: Ledger, since: int, table: str, row_id: str, fld: str, skip_origin: str,
                        task_id: str | None) -> tuple[str, str]:
    """Who last changed ``table.row_id.fld`` on the master since ``since`` (and when)."""
    rows = ledger.store.rows(
        "SELECT * FROM journal WHERE seq > ? AND (task_id = ? OR payload LIKE ?) ORDER BY seq DESC",
        (since, task_id or row_id, f'%"{row_id}"%'))
    for r in rows:
        if r["origin"] == skip_origin:
            continue
        for c in json.loads(r["payload"]).get("changes", []):
            if c["table"] == table and c["id"] == row_id and (c.get("field") == fld or c["op"] != "update"):
                return r["actor"], r["at"]
    return "", ""


class _Replay:
    def __init__(self, ledger: Ledger, pkg: _Package, decisions: dict[str, tuple[str, Any]], dry: bool) -> None:
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

    # helpers
    def _item(self, kind: str, e: Entry, table: str, row_id: str, fld: str, **kw: Any) -> Item:
        it = Item(kind, e.id, e.seq, e.command, kw.pop("task_id", e.task_id), table, row_id, fld,
                  their_author=e.actor, their_at=e.at, **kw)
        self.items.append(it)
        return it

    def _conflict(self, e: Entry, table: str, row_id: str, fld: str, ours: Any, theirs: Any, reason: str,
                  key: str, task_id: str | None) -> None:
        decision = self.decisions.get(key)
        if key in self.open_keys and decision is None:  # the same field again: the latest value is theirs
            it = self.open_keys[key]
            it.theirs, it.entry_id, it.seq, it.their_at, it.their_author = theirs, e.id, e.seq, e.at, e.actor
            return
        author, at = _last_master_change(self.ledger, self.pkg.info.master_seq, table, row_id, fld, self.origin,
                                         task_id)
        it = self._item("conflict", e, table, row_id, fld, ours=ours, theirs=theirs, reason=reason, key=key,
                        our_author=author, our_at=at, status="open", task_id=task_id)
        if decision is not None:
            choice, value = decision
            try:
                if choice == "theirs":
                    write_theirs(self.ledger, e.command, table, row_id, fld, task_id, theirs, self.pkg.blobs,
                                 dry=self.dry)
                    it.status = "taken"
                elif choice == "new":
                    write_theirs(self.ledger, e.command, table, row_id, fld, task_id, value, self.pkg.blobs,
                                 dry=self.dry)
                    it.status = "rewritten"
                    it.theirs = theirs
                elif choice == "ours":
                    it.status = "kept"
                else:
                    raise LedgerError("bad_value", field="冲突处理", value=choice, detail="只能是 ours、theirs 或 new")
            except LedgerError as exc:
                if exc.code == "bad_value":
                    raise
                it.reason += f"；按上报执行仍不可行：{exc.message()}"
            if task_id:
                self.touched.add(task_id)
        if it.status == "open":
            self.open_keys[key] = it

    def run(self) -> None:
        for e in self.pkg.entries:
            self.ledger.operator = Operator(e.actor, Role(e.role))
            self.ledger.origin = self.origin
            before = len(self.items)
            if e.command in HOUSEKEEPING:
                self.outcomes[e.id] = "skipped"
                continue
            why = None if self.scope_checked else _out_of_scope(self.ledger, self.pkg, e)
            if why is not None:
                self._item("refused", e, "", "", "", reason=f"涉及{why}，超出本包的范围", key="scope")
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
                self._item("refused", e, "", "", "",
                           reason=f"“{_label(e.command)}”由工作专班办理，居民区不能在下发包中操作")
            kinds = {it.kind for it in self.items[before:]}
            self.outcomes[e.id] = ("conflict" if "conflict" in kinds else "applied" if "applied" in kinds
                                   else "refused" if "refused" in kinds else "nothing")
            if "applied" in kinds:
                self.applied_entries += 1
                if self.crash_after and self.applied_entries >= self.crash_after:
                    os._exit(9)

    def _fields(self, e: Entry) -> None:
        for c in e.changes:
            if c.op != "update":
                self._item("refused", e, c.table, c.id, "", reason=f"“{_label(e.command)}”中的增删记录只能由工作专班办理")
                continue
            if c.field in IGNORED_FIELDS.get(c.table, ()):
                continue
            if c.field not in SECRETARY_FIELDS.get(c.table, ()):
                label = FIELD_LABELS.get(c.field or "", c.field)
                self._item("refused", e, c.table, c.id, c.field or "", theirs=c.after,
                           reason=f"“{label}”由工作专班负责，居民区不能修改")
                continue
            self._field(e, c)

    def _field(self, e: Entry, c: Change) -> None:
        fld = c.field or ""
        row = self.ledger.store.row(c.table, c.id)
        task_id = c.id if c.table == "task" else (row or {}).get("task_id") or e.task_id
        key = f"{c.table}:{c.id}:{fld}"
        if row is None or (c.table == "task" and row["deleted_at"] is not None):
            self._conflict(e, c.table, c.id, fld, None, c.after, "主台账上已没有这条记录（已删除或未能合并）", key, task_id)
            return
        ours = row[fld]
        if _norm(ours) == _norm(c.after):
            self._item("applied", e, c.table, c.id, fld, ours=ours, theirs=c.after, task_id=task_id,
                       reason="主台账已是这个值")
            return
        if _norm(ours) != _norm(c.before):
            self._conflict(e, c.table, c.id, fld, ours, c.after, "下发后两边都修改了这个字段", key, task_id)
            return
        write_theirs(self.ledger, e.command, c.table, c.id, fld, task_id, c.after, self.pkg.blobs, dry=self.dry)
        self.touched.add(str(task_id))
        self._item("applied", e, c.table, c.id, fld, ours=ours, theirs=c.after, task_id=task_id)

    def _step(self, e: Entry) -> None:
        tid = str(e.task_id)
        status = next((c for c in e.changes if c.table == "task" and c.field == "status"), None)
        theirs = {"action": e.command, "reason": e.args.get("reason", ""),
                  "status": status.after if status else None}
        key = f"step:{e.id}"
        row = self.ledger.store.row("task", tid)
        if row is None or row["deleted_at"] is not None:
            self._conflict(e, "task", tid, "status", None, theirs, "主台账上已删除这项任务", key, tid)
            return
        ours = row["status"]
        if status is not None and ours != status.before:
            if ours == status.after and e.command != "submit":
                self._item("applied", e, "task", tid, "status", ours=ours, theirs=theirs, reason="主台账已是这个状态",
                           task_id=tid)
                return
            reason = (f"主台账上这项任务现为“{Status(ours).label}”（上报时为“{Status(status.before).label}”），"
                      f"已不能按上报执行“{_label(e.command)}”")
            self._conflict(e, "task", tid, "status", ours, theirs, reason, key, tid)
            return
        try:
            write_theirs(self.ledger, e.command, "task", tid, "status", tid, theirs, self.pkg.blobs, dry=self.dry)
        except LedgerError as exc:
            self._conflict(e, "task", tid, "status", ours, theirs, f"主台账的状态不允许：{exc.message()}", key, tid)
            return
        self.touched.add(tid)
        self._item("applied", e, "task", tid, "status", ours=ours, theirs=theirs, task_id=tid)

    def _insert(self, e: Entry) -> None:
        table = {"add_indicator": "indicator", "attach_evidence": "evidence", "request_extension": "extension"}[
            e.command]
        change = next((c for c in e.changes if c.table == table and c.op == "insert"), None)
        if change is None or change.row is None:
            self._item("refused", e, table, "", "", reason="日志内容不完整")
            return
        row = change.row
        tid = str(row["task_id"])
        key = f"row:{e.id}"
        if self.ledger.store.row(table, change.id) is not None:
            self._item("applied", e, table, change.id, "*", theirs=row, task_id=tid, reason="主台账已有这条记录")
            return
        task = self.ledger.store.row("task", tid)
        if task is None or task["deleted_at"] is not None:
            if table == "evidence" and not self.dry:
                self._keep_bytes(row["sha256"])
            self._conflict(e, table, change.id, "*", None, row, "主台账上已删除这项任务", key, tid)
            return
        if table == "extension":
            pending = self.ledger.store.one("SELECT requested_by FROM extension WHERE task_id = ? AND status = "
                                            "'pending'", (tid,))
            reason = ""
            if Status(task["status"]) not in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED,
                                              Status.REOPENED, Status.SUBMITTED, Status.IN_REVIEW):
                reason = f"主台账上这项任务现为“{Status(task['status']).label}”，不需要延期"
            elif task["deadline"] != row["old_deadline"]:
                reason = f"主台账上的整改时限已改为 {task['deadline']}（申请时为 {row['old_deadline']}）"
            elif pending:
                reason = f"主台账上已有 {pending} 提出的待批延期申请"
            if reason:
                self._conflict(e, table, change.id, "*", task["deadline"], row, reason, key, tid)
                return
        if table == "evidence":
            dup = self.ledger.store.one("SELECT file_name FROM evidence WHERE task_id = ? AND sha256 = ? AND "
                                        "removed_at IS NULL", (tid, row["sha256"]))
            if dup:
                self._item("applied", e, table, change.id, "*", theirs=row, task_id=tid,
                           reason=f"主台账上已有同一文件“{dup}”")
                return
        write_theirs(self.ledger, e.command, table, change.id, "*", tid, row, self.pkg.blobs, dry=self.dry)
        self.touched.add(tid)
        self._item("applied", e, table, change.id, "*", theirs=row, task_id=tid)

    def _keep_bytes(self, sha: str) -> None:
        """A conflicting attachment's file is kept in ``blob`` (not journalled, like every blob) so that taking
        the return's side later loses nothing."""
        data = self.pkg.blobs.get(sha)
        if data and not self.ledger.store.one("SELECT length(data) FROM blob WHERE sha256 = ?", (sha,)):
            self.ledger.store.conn.execute("INSERT OR REPLACE INTO blob (sha256, data, size) VALUES (?, ?, ?)",
                                           (sha, data, len(data)))

    def _remove_indicator(self, e: Entry) -> None:
        change = next((c for c in e.changes if c.table == "indicator" and c.op == "delete"), None)
        if change is None or change.id not in self.pkg.added_indicators:
            self._item("refused", e, "indicator", change.id if change else "", "*",
                       reason="下发时已有的量化指标由工作专班确定，居民区不能删除")
            return
        row = self.ledger.store.row("indicator", change.id)
        if row is None:
            self._item("applied", e, "indicator", change.id, "*", reason="主台账上已没有这条指标")
            return
        write_theirs(self.ledger, e.command, "indicator", change.id, "*", row["task_id"], None, {}, dry=self.dry)
        self.touched.add(row["task_id"])
        self._item("applied", e, "indicator", change.id, "*", task_id=row["task_id"])

    def _remove_evidence(self, e: Entry) -> None:
        eid = str(e.args.get("evidence", ""))
        row = self.ledger.store.row("evidence", eid)
        tid = str(e.task_id)
        if row is None:
            self._conflict(e, "evidence", eid, "removed_at", None, "删除", "主台账上没有这份佐证材料（未能合并）",
                           f"row:{e.id}", tid)
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


def write_theirs(ledger: Ledger, command: str, table: str, row_id: str, fld: str, task_id: str | None,
                 value: Any, blobs: dict[str, bytes | None], *, dry: bool = False) -> None:
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
        ledger.add_indicator(r["task_id"], r["name"], r.get("unit", ""), r.get("target"), r.get("actual"), id=r["id"])
    elif command == "remove_indicator":
        ledger.remove_indicator(row_id)
    elif command == "remove_evidence":
        remove_evidence(ledger, row_id)
    elif command == "attach_evidence":
        _attach(ledger, value, blobs, dry)
    elif command == "request_extension":
        r = dict(value)
        with ledger._command("request_extension", r["task_id"], {"extension": r["id"], "task": r["task_id"],
                             "old_deadline": r["old_deadline"], "new_deadline": r["new_deadline"]}) as tx:
            tx.insert("extension", r)
    else:
        raise LedgerError("bad_value", field="命令", value=command, detail="不能从上报包执行")


def _attach(ledger: Ledger, row: dict[str, Any], blobs: dict[str, bytes | None], dry: bool) -> None:
    sha = row["sha256"]
    data = None if dry else blobs.get(sha)
    stored = ledger.store.one("SELECT length(data) FROM blob WHERE sha256 = ?", (sha,))
    now = ledger.clock.now().isoformat(sep=" ")
    args = {"task": row["task_id"], "evidence": row["id"], "file_name": row["file_name"], "sha256": sha,
            "size": row["size"], "new_blob": not stored}
    with ledger._command("attach_evidence", row["task_id"], args) as tx:
        if stored is None:
            tx.conn.execute("INSERT INTO blob (sha256, data, size) VALUES (?, ?, ?)",
                            (sha, data or b"", len(data) if data else 0))
        elif not stored and data:
            tx.conn.execute("UPDATE blob SET data = ?, size = ? WHERE sha256 = ?", (data, len(data), sha))
        tx.insert("evidence", {**row, "mime": row.get("mime") or _mime(row["file_name"])})
        tx.update("task", row["task_id"], updated_at=now)


# ---- preview and apply -------------------------------------------------------------------------------------------
@contextlib.contextmanager
def _held(ledger: Ledger) -> Iterator[list[Any]]:
    """Hold change notices, operator and origin; a bigger page cache so a big merge is not spilled to the WAL."""
    saved = (ledger._observers, ledger.operator, ledger.origin)
    cache = ledger.store.one("PRAGMA cache_size")
    ledger._observers = []
    ledger.store.conn.execute("PRAGMA cache_size = -262144")
    try:
        yield saved[0]
    finally:
        ledger._observers, ledger.operator, ledger.origin = saved
        ledger.store.conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _run(ledger: Ledger, path: Path, decisions: dict[str, tuple[str, Any]] | None, dry: bool) -> MergeResult:
    path = Path(path)
    pkg = _read(ledger, path, want_blobs=not dry)
    result = MergeResult(path, pkg.info.package_id, pkg.info.community, already=pkg.already,
                         new_entries=len(pkg.entries))
    if not pkg.entries:
        return result
    if not dry:
        # Scope first, read-only: a file touching another community is refused before any write (and backup).
        for e in pkg.entries:
            why = _out_of_scope(ledger, pkg, e)
            if why is not None:
                raise LedgerError("package_out_of_scope", path=path, seq=e.seq, actor=e.actor,
                                  command=_label(e.command), what=why, community=pkg.info.community)
        stamp = ledger.clock.now().strftime("%Y%m%d-%H%M%S")
        result.backup = ledger.store.backup(ledger.path.with_name(f"{ledger.path.stem}.合并前备份-{stamp}.db"))
    merger = Operator(ledger.operator.name, ledger.operator.role)
    replay = _Replay(ledger, pkg, decisions or {}, dry)
    entry_id = ""
    with _held(ledger) as observers:
        try:
            with ledger.store.db.atomic():
                replay.run()
                ledger.operator, ledger.origin = merger, replay.origin
                entry_id = _record(ledger, pkg, replay, result)
                if dry:
                    raise _Rollback
        except _Rollback:
            pass
        except sqlite3.Error as exc:
            from ledger.store import _classify
            raise _classify(exc, ledger.path) from exc
    for it in replay.items:
        {"applied": result.applied, "conflict": result.conflicts, "refused": result.refused}[it.kind].append(it)
    if not dry:
        result.written = True
        changed = Changed("merge_package", entry_id, frozenset(replay.touched),
                          frozenset({"task", "indicator", "evidence", "extension", "review", "merge_conflict"}),
                          frozenset({"*"}))
        for callback in list(observers):
            callback(changed)
    return result


def _record(ledger: Ledger, pkg: _Package, replay: _Replay, result: MergeResult) -> str:
    now = ledger.clock.now().isoformat(sep=" ")
    merge_id = journal_new_id()
    result.merge_id = merge_id
    counts = {k: sum(1 for it in replay.items if it.kind == k) for k in ("applied", "conflict", "refused")}
    args = {"package_id": pkg.info.package_id, "file": pkg.path.name, "file_sha256": pkg.sha256,
            "community": pkg.info.community, **counts}
    with ledger._command("merge_package", None, args) as tx:
        tx.insert("package_merge", {"id": merge_id, "package_id": pkg.info.package_id, "merged_at": now,
                                    "merged_by": ledger.operator.name, "file_name": pkg.path.name,
                                    "file_sha256": pkg.sha256, "applied": counts["applied"],
                                    "conflicts": counts["conflict"], "refused": counts["refused"]})
        for e in pkg.entries:
            tx.insert("merged_entry", {"id": e.id, "package_id": pkg.info.package_id, "package_seq": e.seq,
                                       "merge_id": merge_id, "outcome": replay.outcomes.get(e.id, "nothing")})
        for it in replay.items:
            if it.kind != "conflict":
                continue
            it.conflict_id = journal_new_id()
            decided = it.status != "open"
            tx.insert("merge_conflict", {
                "id": it.conflict_id, "package_id": pkg.info.package_id, "merge_id": merge_id,
                "entry_id": it.entry_id, "key": it.key, "task_id": it.task_id, "tbl": it.table, "row_id": it.row_id,
                "field": it.field, "command": it.command, "ours": journal.canonical(it.ours),
                "theirs": journal.canonical(it.theirs), "our_author": it.our_author, "our_at": it.our_at,
                "their_author": it.their_author, "their_at": it.their_at, "reason": it.reason, "status": it.status,
                "decided_by": ledger.operator.name if decided else "", "decided_at": now if decided else None,
                "value": None})
    return ledger._last_entry_id()


def journal_new_id() -> str:
    from ledger.store import new_id
    return new_id()


def preview_merge(ledger: Ledger, path: str | Path, decisions: dict[str, tuple[str, Any]] | None = None
                  ) -> MergePreview:
    """What importing ``path`` would do, per change: applied, conflicts, refused. Nothing is written."""
    return _run(ledger, Path(path), decisions, dry=True)


def apply_merge(ledger: Ledger, path: str | Path, decisions: dict[str, tuple[str, Any]] | None = None
                ) -> MergeResult:
    """Import a return: after a backup, in ONE transaction, apply what has no conflict, settle the conflicts
    ``decisions`` names ({key: ("ours"|"theirs"|"new", value)}), leave the rest open, record the merge."""
    return _run(ledger, Path(path), decisions, dry=False)


# ---- conflicts left for a person -----------------------------------------------------------------------------------
def open_conflicts(ledger: Ledger, community_id: str | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT x.*, p.community_id FROM merge_conflict x JOIN package p ON p.id = x.package_id "
           "WHERE x.status = 'open'")
    params: tuple[Any, ...] = ()
    if community_id:
        sql += " AND p.community_id = ?"
        params = (community_id,)
    rows = ledger.store.rows(sql + " ORDER BY x.rowid", params)
    for r in rows:
        r["ours"], r["theirs"] = json.loads(r["ours"]), json.loads(r["theirs"])
    return rows


def decide_conflict(ledger: Ledger, conflict_id: str, choice: str, value: Any = None) -> str:
    """Settle one open conflict: "ours" keeps the master's value, "theirs" applies the return's, "new" writes
    ``value``. Journalled (the write and the decision in one transaction); returns the new status."""
    row = ledger.store.row("merge_conflict", conflict_id)
    if row is None:
        found = [r[0] for r in ledger.store.conn.execute("SELECT id FROM merge_conflict WHERE id LIKE ? LIMIT 2",
                                                          (conflict_id + "%",))]
        if len(found) != 1 or len(conflict_id) < 6:
            raise LedgerError("no_such_conflict", id=conflict_id)
        row = ledger.store.row("merge_conflict", found[0])
        assert row is not None
    if row["status"] != "open":
        raise LedgerError("conflict_decided", by=row["decided_by"], at=row["decided_at"],
                          status=STATUS_WORDS.get(row["status"], row["status"]))
    status = {"ours": "kept", "theirs": "taken", "new": "rewritten"}.get(choice)
    if status is None:
        raise LedgerError("bad_value", field="冲突处理", value=choice, detail="只能是 ours（保留主台账）、theirs（采用上报）或 new（新值）")
    if choice == "new" and row["command"] not in FIELD_COMMANDS:
        raise LedgerError("bad_value", field="冲突处理", value=choice, detail="这类冲突只能保留主台账或采用上报")
    file_name = ledger.store.one("SELECT file_name FROM package_merge WHERE id = ?", (row["merge_id"],)) or ""
    saved_origin = ledger.origin
    ledger.origin = f"上报包:{file_name}（冲突裁决）"
    now = ledger.clock.now().isoformat(sep=" ")
    try:
        with ledger.store.db.atomic():
            if choice != "ours":
                theirs = json.loads(row["theirs"]) if choice == "theirs" else value
                blobs: dict[str, bytes | None] = {}
                write_theirs(ledger, row["command"], row["tbl"], row["row_id"], row["field"], row["task_id"], theirs,
                             blobs)
            with ledger._command("decide_conflict", row["task_id"], {"conflict": row["id"], "choice": choice,
                                                                     "value": value}) as tx:
                tx.update("merge_conflict", row["id"], status=status, decided_by=ledger.operator.name,
                          decided_at=now, value=journal.canonical(value) if choice == "new" else None)
    finally:
        ledger.origin = saved_origin
    return status

