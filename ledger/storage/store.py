"""One open ledger file: its connection, backups and the read queries (ids first, rows in pages); opening it
with care (the checks, the lock, the upgrade of an older file) is ``ledger.storage.opening``'s."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

    from ledger.storage.upgrade import Report

from ledger.core import KnownStorageError, LedgerError
from ledger.storage import opening
from ledger.storage.lockfile import LockFile
from ledger.storage.opening import CRASH_IN_BACKUP_ENV as CRASH_IN_BACKUP_ENV
from ledger.storage.opening import PARTIAL_PREFIX as PARTIAL_PREFIX
from ledger.storage.opening import known_storage_error as known_storage_error
from ledger.storage.opening import lock_path as lock_path
from ledger.storage.schema import LATE_SQL, SCHEMA_VERSION


@dataclass
class TaskFilter:
    """What the ledger table, the board and the exports show: everything is filtered in SQL."""

    community_ids: frozenset[str] | None = None
    statuses: frozenset[str] | None = None
    due: str | None = None  # "overdue" | "due_soon" | None
    text: str = ""
    sort: str = "order"
    descending: bool = False
    due_soon_days: int | None = None  # None: the ledger setting
    task_ids: frozenset[str] | None = None


# Sort keys → SQL; each ends with the natural order so ties are stable, and each matches an index.
NATURAL_ORDER = "t.ord_problem, t.ord_community, t.sort"
SORT_SQL: dict[str, str] = {
    "order": NATURAL_ORDER,
    "category": NATURAL_ORDER,
    "problem": NATURAL_ORDER,
    "community": "t.ord_community, t.ord_problem, t.sort",
    "measure": "t.measure, " + NATURAL_ORDER,
    "owner": "t.owner, " + NATURAL_ORDER,
    "leader": "t.leader, " + NATURAL_ORDER,
    "department": "t.department, " + NATURAL_ORDER,
    "deadline": "t.deadline IS NULL, t.deadline, " + NATURAL_ORDER,
    "days_left": "t.deadline IS NULL, t.deadline, " + NATURAL_ORDER,
    "kind": "t.kind, " + NATURAL_ORDER,
    "status": "t.status, " + NATURAL_ORDER,
    "progress": "t.progress, " + NATURAL_ORDER,
    "updated_at": "t.updated_at, " + NATURAL_ORDER,
}

# Sort keys → the index each walks in order (the first screen of a filter that keeps many tasks reads it).
SORT_INDEX: dict[str, str] = {
    "order": "task_by_order",
    "category": "task_by_order",
    "problem": "task_by_order",
    "community": "task_by_community",
    "deadline": "task_by_deadline",
    "days_left": "task_by_deadline",
    **{
        key: f"task_by_{key}"
        for key in ("measure", "owner", "leader", "department", "kind", "status", "progress")
    },
    "updated_at": "task_by_updated",
}

TASK_JOIN = (
    "FROM task t JOIN community c ON c.id = t.community_id "
    "JOIN problem p ON p.id = t.problem_id JOIN category cat ON cat.id = p.category_id"
)

ROW_COLUMNS = (
    "t.rowid, t.id, t.community_id, c.name, cat.id, cat.title, p.id, p.title, t.measure, t.detail, t.kind, "
    "t.owner, t.leader, t.department, t.deadline, t.original_deadline, t.status, t.progress, t.return_reason, "
    "t.updated_at, t.review_round, t.review_level, t.example, t.statement"
)


class Store:
    """One open ledger file. Reads are here; writes go through ``ledger.service.commands`` only."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: LockFile | None) -> None:
        self.path = path
        self.conn = conn
        self._lock = lock
        self._db: sqlite_utils.Database | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for transactions (``db.atomic()``).

        Made on the first write, so importing sqlite-utils (~70 ms: click, dateutil, pluggy) is not paid
        before the window's first paint."""
        if self._db is None:
            import sqlite_utils as su

            self._db = su.Database(self.conn, execute_plugins=False, recursive_triggers=False)
        return self._db

    # ---- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        lock: bool = True,
        read_only: bool = False,
        upgrade: bool = True,
        report: Report | None = None,
    ) -> Store:
        """Open (or ``create``) a ledger; ``lock``: hold its lock file while open (taken on the resolved path,
        so a symlink and its target share one lock); ``read_only``: a connection that cannot write (no lock, no
        WAL switch, no migration), for commands that only read while a window holds the file; ``upgrade``: False
        refuses an older file (``needs_upgrade``) instead of upgrading it, for work that only reads and has no one
        to ask; ``report``: told how far the upgrade of an older file has got (``ledger.storage.upgrade``), and
        when it raises the upgrade stops, the file as it was, and its exception propagates.

        An existing file is read defensively before anything else (``ledger.storage.untrusted``): functions in
        its schema may have no side effects, its schema must be ours, and each check has a time limit."""
        path = Path(path)
        if read_only:
            return cls(path, opening.connect_read_only(path), None)
        if create:
            if path.exists():
                raise LedgerError("exists", path=path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                from ledger.storage.files import write_error

                raise write_error(path, exc) from exc
        else:
            opening.check_file(path)
        file_lock = opening.acquire_lock(path) if lock else None
        conn: sqlite3.Connection | None = None
        try:
            try:
                conn = sqlite3.connect(str(path), timeout=2.0)
                version = opening.checked_version(conn, path, created=create)
                if not upgrade and not create and version < SCHEMA_VERSION:
                    raise KnownStorageError("needs_upgrade", path=path, found=version)
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            except sqlite3.Error as exc:
                raise known_storage_error(exc, path) from exc
            store = cls(path, conn, file_lock)
            try:
                opening.migrate(store, version, create, report)
                # The schema is now ours, word for word (checked above, or just made by our migrations): its
                # triggers may write to the search index's FTS5 table, which SQLite refuses to untrusted schemas.
                conn.execute("PRAGMA trusted_schema = ON")
            except sqlite3.Error as exc:
                raise known_storage_error(exc, path) from exc
            return store
        except BaseException:
            if conn is not None:
                conn.close()
            if file_lock is not None:
                file_lock.release()
            if create and path.exists() and path.stat().st_size == 0:
                path.unlink()
            raise

    check_file = staticmethod(opening.check_file)

    @classmethod
    def upgrade(cls, path: str | Path, report: Report | None = None) -> None:
        """Back up and upgrade an older ledger file (``upgrade.pending``), telling ``report`` how far it got; the
        file is closed again (a worker thread upgrades it, the window then opens it). When ``report`` raises, the
        upgrade is rolled back, its backup removed, and the exception propagates."""
        cls.open(path, report=report).close()

    @staticmethod
    def check_free(path: str | Path) -> None:
        """Refuse now what opening ``path`` to write would refuse for its lock (open elsewhere, a read-only
        folder): asked before the user is asked about an upgrade that could not start."""
        opening.acquire_lock(Path(path)).release()

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def backup(self, target: str | Path, progress: Callable[[int, int], None] | None = None) -> Path:
        """A consistent copy through SQLite's online backup API (before bulk changes, migrations, on close).

        Written beside ``target`` under a hidden temporary name (``opening.partial_backup``) and renamed over it
        only when complete, so a run killed half-way never leaves a short file under the backup's name; a leftover
        of such a run is removed by the next backup beside it (``opening.remove_partial_backups``).
        ``progress(done, total)`` is told the pages copied after each step of ``upgrade.BACKUP_STEP_PAGES``; when
        it raises, the backup stops, its partial file is removed and the exception propagates."""
        return opening.copy(self.conn, self.path, Path(target), progress)

    # ---- small reads ---------------------------------------------------------------------
    def one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.conn.execute(sql, tuple(params)).fetchone()
        return None if row is None else row[0]

    def last_seq(self) -> int:
        """The newest journal entry's number (0: none yet), asked without importing the journal's module."""
        return int(self.one("SELECT COALESCE(MAX(seq), 0) FROM journal"))

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def row(self, table: str, id_: str) -> dict[str, Any] | None:
        found = self.rows(f"SELECT * FROM {table} WHERE id = ?", (id_,))
        return found[0] if found else None

    # ---- task queries (ids first, rows in pages) -----------------------------------------
    def filter_sql(self, flt: TaskFilter, today: str, soon: str) -> tuple[str, list[Any]]:
        """The WHERE clause (over ``TASK_JOIN``'s aliases) and its parameters selecting ``flt``'s live tasks."""
        where, params, _indexed = self._filter(flt, today, soon)
        return where, params

    def _filter(self, flt: TaskFilter, today: str, soon: str) -> tuple[str, list[Any], bool]:
        """``filter_sql``, and whether a text search reads only the search index's candidates."""
        clauses = ["t.deleted_at IS NULL"]
        params: list[Any] = []
        if flt.community_ids is not None:
            ids = sorted(flt.community_ids)
            clauses.append(f"t.community_id IN ({','.join('?' * len(ids))})" if ids else "0")
            params += ids
        if flt.statuses is not None:
            sts = sorted(flt.statuses)
            clauses.append(f"t.status IN ({','.join('?' * len(sts))})" if sts else "0")
            params += sts
        if flt.task_ids is not None:
            tids = sorted(flt.task_ids)
            clauses.append(f"t.id IN ({','.join('?' * len(tids))})" if tids else "0")
            params += tids
        open_states = LATE_SQL
        if flt.due == "overdue":
            clauses.append(f"t.status IN {open_states} AND t.deadline < ?")
            params.append(today)
        elif flt.due == "due_soon":
            clauses.append(f"t.status IN {open_states} AND t.deadline >= ? AND t.deadline <= ?")
            params += [today, soon]
        words = flt.text.split()
        # The search index narrows a rare word to its candidates; the LIKE clauses below still decide (exactly).
        # Its module is imported by the first search or filter, not before the window's first paint.
        indexed = None
        if words:
            from ledger.storage.search_index import search_clause

            indexed = search_clause(self.conn, words)
        if indexed is not None:
            clauses.append(indexed[0])
            params += indexed[1]
        for word in words:
            clauses.append(
                "(t.problem_id IN (SELECT id FROM problem WHERE title LIKE ? ESCAPE '\\') "
                "OR t.measure LIKE ? ESCAPE '\\' OR t.progress LIKE ? ESCAPE '\\' "
                "OR t.detail LIKE ? ESCAPE '\\')"
            )
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            like = f"%{escaped}%"
            params += [like, like, like, like]
        return " AND ".join(clauses), params, indexed is not None

    def task_rowids(self, flt: TaskFilter, today: str, soon: str, limit: int | None = None) -> list[int]:
        """The rowids of the tasks the filter shows, in its order; ``limit`` gives just the first screen."""
        sql, params = self.rowids_sql(flt, today, soon, limit)
        return [r[0] for r in self.conn.execute(sql, params)]

    def rowids_sql(
        self, flt: TaskFilter, today: str, soon: str, limit: int | None = None
    ) -> tuple[str, list[Any]]:
        """The query of ``task_rowids`` (tests read its plan with EXPLAIN QUERY PLAN).

        The first screen (``limit``) of a filter that keeps many tasks walks the sort's index and tests each task:
        a screenful is among the first rows. A filter that keeps few (under ``CAP``, counted up to CAP by the
        tally, the overdue index or the search index) is read through the filter's index and sorted ("+" keeps
        the planner off the sort index). Walking a sort index for a filter that keeps little tests every task in
        index order with a lookup each (240 ms at 100k, 3 s at 1M); sorting a filter that keeps most tasks sorts
        them all (0.5 s for 逾期 at 1M). All of a filter's tasks (no ``limit``) are read through the filter's
        index, or for a common word every task once (LIKE has no index), and sorted."""
        where, params, indexed = self._filter(flt, today, soon)
        order = SORT_SQL.get(flt.sort, NATURAL_ORDER)
        table = "task t"
        if flt.text.split() or not self._unfiltered(flt):
            if limit is not None and not indexed and self._many(flt, today, soon):
                table = f"task t INDEXED BY {SORT_INDEX.get(flt.sort, 'task_by_order')}"
            elif flt.text.split() or indexed or flt.due is not None or not self._many(flt, today, soon):
                order = ", ".join(f"+{part.strip()}" for part in order.split(","))
                table = self._table(flt, indexed)
        if flt.descending:
            order = ", ".join(f"{part.strip()} DESC" for part in order.split(","))
        sql = f"SELECT t.rowid FROM {table} WHERE {where} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return sql, params

    @staticmethod
    def _unfiltered(flt: TaskFilter) -> bool:
        return flt.community_ids is None and flt.statuses is None and flt.due is None and flt.task_ids is None

    @staticmethod
    def _table(flt: TaskFilter, indexed: bool) -> str:
        """How a filter's tasks are read to be sorted: the search index's candidates (by rowid); the overdue or
        due-soon index (else the planner reads every open task by its status: 0.5 s at 1M); for a common word
        alone, the table without an index (a partial index would add a lookup per task: 63 → 31 ms at 100k)."""
        if indexed:
            return "task t"
        if flt.due is not None and flt.community_ids is None and flt.task_ids is None:
            return "task t INDEXED BY task_late"
        if flt.text.split() and Store._unfiltered(flt):
            return "task t NOT INDEXED"
        return "task t"

    def _many(self, flt: TaskFilter, today: str, soon: str) -> bool:
        """Whether the filter without its words keeps ``CAP`` tasks or more (counting no further)."""
        from ledger.storage.search_index import CAP as cap

        if flt.task_ids is not None:
            return len(flt.task_ids) >= cap
        if self._tally(flt) < cap:
            return False
        if flt.due is None:
            return True
        plain = TaskFilter(community_ids=flt.community_ids, statuses=flt.statuses, due=flt.due)
        where, params, _indexed = self._filter(plain, today, soon)
        table = self._table(plain, False)
        return (
            int(self.one(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT {cap})", params))
            >= cap
        )

    def _tally(self, flt: TaskFilter) -> int:
        """The live tasks of the filter's communities and states, from the tally the triggers keep."""
        clauses, params = ["1"], []
        for column, values in (("community_id", flt.community_ids), ("status", flt.statuses)):
            if values is not None:
                clauses.append(f"{column} IN ({','.join('?' * len(values))})" if values else "0")
                params += sorted(values)
        return int(
            self.one(f"SELECT COALESCE(SUM(n), 0) FROM task_tally WHERE {' AND '.join(clauses)}", params)
        )

    def task_count(self, flt: TaskFilter, today: str, soon: str) -> int:
        if not flt.text and flt.due is None and flt.task_ids is None:
            return self._tally(
                flt
            )  # communities and states only: the tally answers without reading the tasks
        where, params, indexed = self._filter(flt, today, soon)
        table = self._table(flt, indexed)
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params).fetchone()[0])

    def task_rows(self, rowids: list[int]) -> dict[int, tuple[Any, ...]]:
        """Raw rows (ROW_COLUMNS) for a page of rowids, keyed by rowid."""
        out: dict[int, tuple[Any, ...]] = {}
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            sql = f"SELECT {ROW_COLUMNS} {TASK_JOIN} WHERE t.rowid IN ({','.join('?' * len(chunk))})"
            for r in self.conn.execute(sql, chunk):
                out[r[0]] = r
        return out

    def task_exists(self, task_id: str) -> bool:
        return self.one("SELECT 1 FROM task WHERE id = ? AND deleted_at IS NULL", (task_id,)) is not None
