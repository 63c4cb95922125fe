"""A returned package read and checked before anything is written: whose it is, its new entries, its scope."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.core import LedgerError, Role
from ledger.core.people import normalize_name
from ledger.exchange.packages import damaged, open_read_only, read_info, require_master
from ledger.service import Ledger, register
from ledger.storage import Change, Entry, journal


@dataclass
class ReturnedPackage:
    path: Path
    info: Any
    entries: list[Entry]  # new ones, in order
    already: int
    sha256: str
    added_indicators: frozenset[str]
    blobs: dict[str, bytes | None]
    missing_blobs: frozenset[str] = (
        frozenset()
    )  # attachments whose bytes the file does not carry (or not intact)


# ---- reading and checking the file (no write anywhere) -----------------------------------------------------------
def _file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_package(ledger: Ledger, path: Path, want_blobs: bool) -> ReturnedPackage:
    require_master(ledger)
    try:
        store = open_read_only(path)
    except LedgerError as exc:
        if exc.code in ("not_found", "unexpected_schema", "file_too_slow", "package_damaged", "too_new"):
            raise
        raise LedgerError(
            "package_not_package", path=path, detail=exc.facts.get("detail", exc.code)
        ) from None
    try:
        try:
            check = store.one("PRAGMA quick_check")
            if check != "ok":
                raise LedgerError("package_damaged", path=path, detail=str(check)[:120])
            info = read_info(store)
            problem = journal.verify(store)
            if problem is not None:
                raise LedgerError(
                    "package_tampered",
                    path=path,
                    seq=problem.seq or "—",
                    at=problem.at or "—",
                    command=problem.command or "数据表",
                    detail=problem.detail,
                )
            ours = ledger.setting("ledger_id")
            if info.master_ledger_id != ours:
                raise LedgerError("package_other_ledger", path=path, other=info.master_ledger_id, ours=ours)
            issued = ledger.store.row("package", info.package_id)
            if issued is None or issued["community_id"] != info.community_id:
                raise LedgerError(
                    "package_not_issued", path=path, package_id=info.package_id, community=info.community
                )
            done = {
                r[0]
                for r in ledger.store.conn.execute(
                    "SELECT id FROM merged_entry WHERE package_id = ?", (info.package_id,)
                )
            }
            every = journal.entries(store, since_seq=info.issue_seq)
            new = [e for e in every if e.id not in done]
            added = frozenset(
                c.id
                for e in every
                if e.command == "add_indicator"
                for c in e.changes
                if c.table == "indicator" and c.op == "insert"
            )
            shas = {
                str((c.row or {}).get("sha256"))
                for e in new
                if e.command == "attach_evidence"
                for c in e.changes
                if c.table == "evidence" and c.op == "insert"
            }
            blobs: dict[str, bytes | None] = {}
            missing: set[str] = set()
            for sha in shas:
                r = store.conn.execute(
                    "SELECT data FROM blob WHERE sha256 = ?"
                    if want_blobs
                    else "SELECT length(data) FROM blob WHERE sha256 = ?",
                    (sha,),
                ).fetchone()
                blobs[sha] = (bytes(r[0]) or None) if want_blobs and r else None
                if r is None or not r[0]:
                    missing.add(sha)
                elif want_blobs and hashlib.sha256(bytes(r[0])).hexdigest() != sha:
                    missing.add(sha)
                    blobs[sha] = None
        except sqlite3.DatabaseError as exc:
            raise damaged(path, exc) from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            # A hostile file's journal with values of the wrong kind: refused, never a traceback.
            raise LedgerError("package_damaged", path=path, detail=f"内容不是本程序写的：{exc}") from None
    finally:
        store.conn.close()
    return ReturnedPackage(
        path, info, new, len(every) - len(new), _file_sha(path), added, blobs, frozenset(missing)
    )


def issued_to(ledger: Ledger, pkg: ReturnedPackage) -> list[str]:
    """The secretaries the package was issued to: the register's active secretaries of its community (the
    community's 书记 on a ledger without a register); [] when nothing names one."""
    people = register(ledger)
    if people:
        return [
            p.name
            for p in people
            if p.role == Role.SECRETARY and p.active and p.community_id == pkg.info.community_id
        ]
    name = normalize_name(
        ledger.store.one("SELECT secretary FROM community WHERE id = ?", (pkg.info.community_id,)) or ""
    )
    return [name] if name else []


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


def out_of_scope(ledger: Ledger, pkg: ReturnedPackage, e: Entry) -> str | None:
    cid = pkg.info.community_id
    for c in e.changes:
        if c.table == "community" and c.id != cid:
            name = ledger.store.one("SELECT name FROM community WHERE id = ?", (c.id,))
            return f"居民区“{name or (c.row or {}).get('name') or c.id}”"
    for tid, claimed in _touched_tasks(ledger, e):
        row = ledger.store.rows(
            "SELECT t.community_id, t.measure, c.name FROM task t JOIN community c "
            "ON c.id = t.community_id WHERE t.id = ?",
            (tid,),
        )
        if row and row[0]["community_id"] != cid:
            return f"居民区“{row[0]['name']}”的任务“{row[0]['measure']}”"
        if claimed and claimed != cid:
            name = ledger.store.one("SELECT name FROM community WHERE id = ?", (claimed,))
            return f"居民区“{name or claimed}”"
    return None


# ---- what an entry may carry: its command's own writes, nothing hidden beside them ---------------------------------
STEP_COMMANDS = frozenset({"start", "submit", "set_ongoing"})
STEP_FIELDS = frozenset(
    {"status", "review_level", "review_round", "return_reason", "progress", "statement", "updated_at"}
)
INSERTS = {"add_indicator": "indicator", "attach_evidence": "evidence", "request_extension": "extension"}
TABLE_WORDS = {
    "task": "任务",
    "review": "审核记录",
    "extension": "延期申请",
    "evidence": "佐证材料",
    "indicator": "量化指标",
    "setting": "台账设置",
    "community": "居民区",
    "category": "问题类别",
    "problem": "反馈问题",
    "recheck": "回头看",
    "recheck_item": "回头看结果",
}
OP_WORDS = {"insert": "新增", "update": "修改", "delete": "删除"}


def hidden_changes(e: Entry) -> list[Change]:
    """The changes an entry carries that its command does not write (a review row inside an evidence entry, a
    status inside an indicator …): a program's own entry has none. Field commands are judged change by change."""
    out: list[Change] = []
    main = INSERTS.get(e.command)
    seen_main = False
    for c in e.changes:
        touch = c.table == "task" and c.op == "update" and c.field == "updated_at"
        if e.command in STEP_COMMANDS:
            ok = c.table == "task" and c.op == "update" and c.id == e.task_id and c.field in STEP_FIELDS
        elif main is not None:
            ok = touch or (c.table == main and c.op == "insert" and not seen_main)
            seen_main = seen_main or (c.table == main and c.op == "insert")
        elif e.command == "remove_indicator":
            ok = c.table == "indicator" and c.op == "delete" and not seen_main
            seen_main = True
        elif e.command == "remove_evidence":
            ok = touch or (c.table == "evidence" and c.op == "update" and c.field == "removed_at")
        else:
            ok = True
        if not ok:
            out.append(c)
    return out


def hidden_reason(e: Entry, c: Change, label: str) -> str:
    what = TABLE_WORDS.get(c.table, c.table) + OP_WORDS.get(c.op, c.op)
    return f"夹带在“{label}”中的{what}不是这条命令会写的内容，整条未合并"


EXTENSION_DECIDED = {"status": "pending", "decided_by": "", "decided_at": None, "decision_note": ""}


def forged_row(ledger: Ledger, pkg: ReturnedPackage, e: Entry, table: str, row: dict[str, Any]) -> str | None:
    """Why a row a return inserts cannot be taken (None: it can, with the secretary's own fields only): an
    extension already decided, an attachment without its bytes or already removed, a row of another task."""
    if str(row.get("task_id")) != str(e.task_id):
        return "记录所属的任务与这条命令不符"
    if table == "extension":
        for key, want in EXTENSION_DECIDED.items():
            if row.get(key) != want:
                return "延期申请只能带回待批的申请：批复由领导在主台账上办理，上报包中的批复结果不能合并"
    if table == "evidence":
        if row.get("removed_at") is not None:
            return "佐证材料已标为删除，不能作为新材料合并"
        sha = str(row.get("sha256"))
        stored = ledger.store.one("SELECT length(data) FROM blob WHERE sha256 = ?", (sha,))
        if sha in pkg.missing_blobs and not stored:
            return f"佐证材料“{row.get('file_name', '')}”没有随上报包带回完整的文件内容，未合并；请书记重新添加后再上报"
    return None
