"""A returned package read and checked before anything is written: whose it is, its new entries, its scope."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.core import LedgerError
from ledger.exchange.packages import damaged, open_read_only, read_info, require_master
from ledger.service import Ledger
from ledger.storage import Entry, journal


@dataclass
class ReturnedPackage:
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
            for sha in shas:
                r = store.conn.execute(
                    "SELECT data FROM blob WHERE sha256 = ?"
                    if want_blobs
                    else "SELECT length(data) FROM blob WHERE sha256 = ?",
                    (sha,),
                ).fetchone()
                blobs[sha] = (bytes(r[0]) or None) if want_blobs and r else None
        except sqlite3.DatabaseError as exc:
            raise damaged(path, exc) from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            # A hostile file's journal with values of the wrong kind: refused, never a traceback.
            raise LedgerError("package_damaged", path=path, detail=f"内容不是本程序写的：{exc}") from None
    finally:
        store.conn.close()
    return ReturnedPackage(path, info, new, len(every) - len(new), _file_sha(path), added, blobs)


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
