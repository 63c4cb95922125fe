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
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ledger.core import LedgerError, Operator
from ledger.exchange.replay import (
    FIELD_COMMANDS,
    Item,
    Replay,
    command_label,
    write_theirs,
)
from ledger.exchange.returned import (
    ReturnedPackage,
    out_of_scope,
    read_package,
)
from ledger.service.backups import before_bulk_change
from ledger.service.commands import Ledger
from ledger.service.tx import Changed
from ledger.storage import journal

__all__ = [
    "STATUS_WORDS",
    "key_matches",
    "short_key",
    "MergePreview",
    "MergeResult",
    "apply_merge",
    "decide_conflict",
    "open_conflicts",
    "preview_merge",
]

STATUS_WORDS = {"open": "待处理", "kept": "保留主台账", "taken": "采用上报", "rewritten": "改为新值"}


class _Rollback(Exception):
    pass


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
        return {
            "file": str(self.path),
            "package_id": self.package_id,
            "community": self.community,
            "entries": self.new_entries,
            "already_merged": self.already,
            "applied": [i.to_json() for i in self.applied],
            "conflicts": [i.to_json() for i in self.conflicts],
            "refused": [i.to_json() for i in self.refused],
        }


@dataclass
class MergeResult(MergePreview):
    merge_id: str = ""
    backup: Path | None = None
    written: bool = False

    def to_json(self) -> dict[str, Any]:
        out = super().to_json()
        out.update(
            merge_id=self.merge_id,
            backup=str(self.backup) if self.backup else None,
            written=self.written,
            open_conflicts=len(self.open_conflicts),
        )
        return out


# ---- preview and apply -------------------------------------------------------------------------------------------
@contextlib.contextmanager
def _big_cache(ledger: Ledger) -> Iterator[None]:
    """A bigger page cache so a big merge is not spilled to the WAL."""
    cache = ledger.store.one("PRAGMA cache_size")
    ledger.store.conn.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        ledger.store.conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _run(ledger: Ledger, path: Path, decisions: dict[str, tuple[str, Any]] | None, dry: bool) -> MergeResult:
    path = Path(path)
    pkg = read_package(ledger, path, want_blobs=not dry)
    result = MergeResult(
        path, pkg.info.package_id, pkg.info.community, already=pkg.already, new_entries=len(pkg.entries)
    )
    if not pkg.entries:
        return result
    if not dry:
        # Scope first, read-only: a file touching another community is refused before any write (and backup).
        for e in pkg.entries:
            why = out_of_scope(ledger, pkg, e)
            if why is not None:
                raise LedgerError(
                    "package_out_of_scope",
                    path=path,
                    seq=e.seq,
                    actor=e.actor,
                    command=command_label(e.command),
                    what=why,
                    community=pkg.info.community,
                )
        result.backup = before_bulk_change(ledger, "合并前备份")
    merger = Operator(ledger.operator.name, ledger.operator.role)
    # Conflicts are left open by the replay and decided after the merge is recorded, by the same code as
    # decide_conflict: a decision is one entry by the person who decided, however it was given.
    replay = Replay(ledger, pkg, {}, dry)
    # Views hear of a merge once, with everything it touched, and only when it was written (not a preview).
    with _big_cache(ledger):
        try:
            with ledger.batch("merge_package"), ledger.store.db.atomic():
                replay.run()
                with ledger.acting_as(merger, replay.origin):
                    _record(ledger, pkg, replay, result)
                with ledger.acting_as(merger, "本机"):
                    _decide_given(ledger, replay, decisions or {})
                if dry:
                    raise _Rollback
                ledger.notify(
                    Changed(
                        "merge_package",
                        "",
                        frozenset(replay.touched),
                        frozenset({"task", "indicator", "evidence", "extension", "review", "merge_conflict"}),
                        frozenset({"*"}),
                    )
                )
        except _Rollback:
            pass
        except sqlite3.Error as exc:
            from ledger.storage.store import known_storage_error

            raise known_storage_error(exc, ledger.path) from exc
    for it in replay.items:
        {"applied": result.applied, "conflict": result.conflicts, "refused": result.refused}[it.kind].append(
            it
        )
    if not dry:
        result.written = True
    return result


def _record(ledger: Ledger, pkg: ReturnedPackage, replay: Replay, result: MergeResult) -> str:
    now = ledger.clock.now().isoformat(sep=" ")
    merge_id = journal_new_id()
    result.merge_id = merge_id
    counts = {k: sum(1 for it in replay.items if it.kind == k) for k in ("applied", "conflict", "refused")}
    args = {
        "package_id": pkg.info.package_id,
        "file": pkg.path.name,
        "file_sha256": pkg.sha256,
        "community": pkg.info.community,
        **counts,
    }
    with ledger.command("merge_package", None, args) as tx:
        tx.insert(
            "package_merge",
            {
                "id": merge_id,
                "package_id": pkg.info.package_id,
                "merged_at": now,
                "merged_by": ledger.operator.name,
                "file_name": pkg.path.name,
                "file_sha256": pkg.sha256,
                "applied": counts["applied"],
                "conflicts": counts["conflict"],
                "refused": counts["refused"],
            },
        )
        for e in pkg.entries:
            tx.insert(
                "merged_entry",
                {
                    "id": e.id,
                    "package_id": pkg.info.package_id,
                    "package_seq": e.seq,
                    "merge_id": merge_id,
                    "outcome": replay.outcomes.get(e.id, "nothing"),
                },
            )
        for it in replay.items:
            if it.kind != "conflict":
                continue
            it.conflict_id = journal_new_id()
            decided = it.status != "open"
            tx.insert(
                "merge_conflict",
                {
                    "id": it.conflict_id,
                    "package_id": pkg.info.package_id,
                    "merge_id": merge_id,
                    "entry_id": it.entry_id,
                    "key": it.key,
                    "task_id": it.task_id,
                    "tbl": it.table,
                    "row_id": it.row_id,
                    "field": it.field,
                    "command": it.command,
                    "ours": journal.canonical(it.ours),
                    "theirs": journal.canonical(it.theirs),
                    "our_author": it.our_author,
                    "our_at": it.our_at,
                    "their_author": it.their_author,
                    "their_at": it.their_at,
                    "reason": it.reason,
                    "status": it.status,
                    "decided_by": ledger.operator.name if decided else "",
                    "decided_at": now if decided else None,
                    "value": None,
                },
            )
    assert tx.entry is not None  # the merge record itself is always a change
    return tx.entry.id


def _decide_given(ledger: Ledger, replay: Replay, decisions: dict[str, tuple[str, Any]]) -> None:
    """Settle the conflicts ``decisions`` names ({key: (choice, value)}); one that cannot be carried out stays
    open with the reason why."""
    open_items = [it for it in replay.items if it.kind == "conflict" and it.status == "open"]
    for key, (choice, value) in decisions.items():
        matches = [it for it in open_items if key_matches(key, it.key)]
        if len(matches) != 1:
            raise LedgerError("no_such_conflict_key", key=key)
        it = matches[0]
        row = ledger.store.row("merge_conflict", it.conflict_id)
        assert row is not None  # recorded just before
        try:
            it.status = _decide(ledger, row, choice, value)
        except LedgerError as exc:
            if exc.code == "bad_value":
                raise
            it.reason += f"；按上报执行仍不可行：{exc.message()}"
            continue
        if it.task_id:
            replay.touched.add(it.task_id)


def short_key(key: str) -> str:
    """A conflict's key as printed: each id cut to 8 characters (``task:1a2b3c4d:progress``)."""
    return ":".join(part[:8] if len(part) == 36 else part for part in key.split(":"))


def key_matches(given: str, key: str) -> bool:
    """``given`` names ``key``: the same parts, each id given whole or by its first characters (6 or more)."""
    a, b = given.strip().split(":"), key.split(":")
    return len(a) == len(b) and all(
        x == y or (len(y) == 36 and len(x) >= 6 and y.startswith(x)) for x, y in zip(a, b, strict=True)
    )


def journal_new_id() -> str:
    from ledger.storage import new_id

    return new_id()


def preview_merge(
    ledger: Ledger, path: str | Path, decisions: dict[str, tuple[str, Any]] | None = None
) -> MergePreview:
    """What importing ``path`` would do, per change: applied, conflicts, refused. Nothing is written."""
    return _run(ledger, Path(path), decisions, dry=True)


def apply_merge(
    ledger: Ledger, path: str | Path, decisions: dict[str, tuple[str, Any]] | None = None
) -> MergeResult:
    """Import a return: after a backup, in ONE transaction, apply what has no conflict, settle the conflicts
    ``decisions`` names ({key: ("ours"|"theirs"|"new", value)}), leave the rest open, record the merge."""
    return _run(ledger, Path(path), decisions, dry=False)


# ---- conflicts left for a person -----------------------------------------------------------------------------------
def open_conflicts(ledger: Ledger, community_id: str | None = None) -> list[dict[str, Any]]:
    sql = (
        "SELECT x.*, p.community_id FROM merge_conflict x JOIN package p ON p.id = x.package_id "
        "WHERE x.status = 'open'"
    )
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
        found = [
            r[0]
            for r in ledger.store.conn.execute(
                "SELECT id FROM merge_conflict WHERE id LIKE ? LIMIT 2", (conflict_id + "%",)
            )
        ]
        if len(found) != 1 or len(conflict_id) < 6:
            raise LedgerError("no_such_conflict", id=conflict_id)
        row = ledger.store.row("merge_conflict", found[0])
        assert row is not None
    if row["status"] != "open":
        raise LedgerError(
            "conflict_decided",
            by=row["decided_by"],
            at=row["decided_at"],
            status=STATUS_WORDS.get(row["status"], row["status"]),
        )
    with ledger.batch("decide_conflict"), ledger.store.db.atomic():
        return _decide(ledger, row, choice, value)


def _decide(ledger: Ledger, row: dict[str, Any], choice: str, value: Any) -> str:
    """One decision as ONE journal entry by the person who decided (the operator): what the master had, what
    the return had, the choice and (for "new") the value written, with the write itself and the conflict's
    new status as its changes."""
    status = {"ours": "kept", "theirs": "taken", "new": "rewritten"}.get(choice)
    if status is None:
        raise LedgerError(
            "bad_value",
            field="冲突处理",
            value=choice,
            detail="只能是 ours（保留主台账）、theirs（采用上报）或 new（新值）",
        )
    if choice == "new" and row["command"] not in FIELD_COMMANDS:
        raise LedgerError(
            "bad_value", field="冲突处理", value=choice, detail="这类冲突只能保留主台账或采用上报"
        )
    ours, theirs = json.loads(row["ours"]), json.loads(row["theirs"])
    file_name = ledger.store.one("SELECT file_name FROM package_merge WHERE id = ?", (row["merge_id"],)) or ""
    now = ledger.clock.now().isoformat(sep=" ")
    args = {
        "conflict": row["id"],
        "package_file": file_name,
        "table": row["tbl"],
        "row": row["row_id"],
        "field": row["field"],
        "of": row["command"],
        "ours": ours,
        "our_author": row["our_author"],
        "theirs": theirs,
        "their_author": row["their_author"],
        "their_at": row["their_at"],
        "choice": choice,
        "value": value if choice == "new" else None,
    }
    with (
        ledger.acting_as(origin=f"上报包:{file_name}（冲突裁决）"),
        ledger.command("decide_conflict", row["task_id"], args, absorb=True) as tx,
    ):
        if choice != "ours":
            blobs: dict[str, bytes | None] = {}
            write_theirs(
                ledger,
                row["command"],
                row["tbl"],
                row["row_id"],
                row["field"],
                row["task_id"],
                theirs if choice == "theirs" else value,
                blobs,
            )
        tx.update(
            "merge_conflict",
            row["id"],
            status=status,
            decided_by=ledger.operator.name,
            decided_at=now,
            value=journal.canonical(value) if choice == "new" else None,
        )
    return status
