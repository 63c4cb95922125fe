"""The SQLite file via sqlite-utils: open, lock, migrate (ledger/storage/schema.py), backups and read queries."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

from ledger.core import KnownStorageError, LedgerError
from ledger.storage import search_index, upgrade
from ledger.storage.lockfile import LockFile, LockHeld
from ledger.storage.schema import LATE_SQL, SCHEMA_VERSION
from ledger.storage.search_index import search_clause
from ledger.storage.untrusted import harden, schema_problems, time_limit
from ledger.storage.upgrade import Report

log = logging.getLogger(__name__)

APP_ID = "zhenggai-ledger"
SQLITE_MAGIC = b"SQLite format 3\x00"


# SQLite's primary result codes (the low byte of an extended code, e.g. SQLITE_BUSY_SNAPSHOT) that the
# environment causes → the KnownStorageError told to the user. Any other code is a bug of ours and propagates.
KNOWN_CODES: dict[int, str] = {
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_READONLY: "read_only",
    sqlite3.SQLITE_FULL: "disk_full",
    sqlite3.SQLITE_CORRUPT: "damaged",
    sqlite3.SQLITE_NOTADB: "not_a_ledger",
    sqlite3.SQLITE_CANTOPEN: "unreadable",
    sqlite3.SQLITE_IOERR: "io_error",
}


def known_storage_error(exc: sqlite3.Error, path: Path) -> LedgerError:
    """The error to show for ``exc``, chosen by SQLite's error code (never its message, which varies by version).

    A broken constraint is the user's ``constraint`` error; the codes of ``KNOWN_CODES`` are the environment's
    fault. Any other ``exc`` is re-raised as it is: a bug, for the crash dialog and the log."""
    code: int | None = getattr(exc, "sqlite_errorcode", None)  # None: raised by Python, not SQLite
    primary = code & 0xFF if code is not None else None
    if primary == sqlite3.SQLITE_CONSTRAINT:
        return LedgerError("constraint", detail=str(exc))
    kind = KNOWN_CODES.get(primary) if primary is not None else None
    if kind is None:
        raise exc
    if kind == "not_a_ledger":
        return KnownStorageError(kind, path=path, detail="不是 SQLite 数据库")
    return KnownStorageError(kind, path=path, detail=str(exc))


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
        report: Report | None = None,
    ) -> Store:
        """Open (or ``create``) a ledger; ``lock``: hold its lock file while open (taken on the resolved path,
        so a symlink and its target share one lock); ``read_only``: a connection that cannot write (no lock, no
        WAL switch, no migration), for commands that only read while a window holds the file; ``report``: told how
        far the upgrade of an older file has got (``ledger.storage.upgrade``), and when it raises the upgrade
        stops, the file as it was, and its exception propagates.

        An existing file is read defensively before anything else (``ledger.storage.untrusted``): functions in
        its schema may have no side effects, its schema must be ours, and each check has a time limit."""
        path = Path(path)
        if read_only:
            return cls._open_read_only(path)
        if create:
            if path.exists():
                raise LedgerError("exists", path=path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                from ledger.storage.files import write_error

                raise write_error(path, exc) from exc
        else:
            cls.check_file(path)
        file_lock = _acquire_lock(path) if lock else None
        conn: sqlite3.Connection | None = None
        try:
            try:
                conn = sqlite3.connect(str(path), timeout=2.0)
                harden(conn)
                conn.execute("PRAGMA foreign_keys = ON")
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if not create:
                    cls._check_untrusted(conn, path, version)
                if version > SCHEMA_VERSION:
                    raise KnownStorageError("too_new", path=path, found=version, known=SCHEMA_VERSION)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            except sqlite3.Error as exc:
                raise known_storage_error(exc, path) from exc
            store = cls(path, conn, file_lock)
            try:
                store._migrate(version, create, report)
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

    @staticmethod
    def check_file(path: Path) -> None:
        """Refuse what is plainly not a ledger before SQLite touches it (and before any lock file)."""
        if not path.exists():
            raise LedgerError("not_found", path=path)
        if path.is_dir():
            raise KnownStorageError("not_a_ledger", path=path, detail="这是一个文件夹")
        try:
            with path.open("rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise KnownStorageError("unreadable", path=path, detail=exc.strerror or str(exc)) from exc
        if head != SQLITE_MAGIC:
            raise KnownStorageError("not_a_ledger", path=path, detail="文件头不是 SQLite 数据库")

    @classmethod
    def _open_read_only(cls, path: Path) -> Store:
        cls.check_file(path)
        conn: sqlite3.Connection | None = None
        try:
            try:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
                harden(conn)
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                cls._check_untrusted(conn, path, version)
                if version > SCHEMA_VERSION:
                    raise KnownStorageError("too_new", path=path, found=version, known=SCHEMA_VERSION)
                if version < SCHEMA_VERSION:
                    # An older file needs its migration, which writes: that needs the file to itself.
                    raise KnownStorageError("locked", path=path)
            except sqlite3.Error as exc:
                raise known_storage_error(exc, path) from exc
            return cls(path, conn, None)
        except BaseException:
            if conn is not None:
                conn.close()
            raise

    @classmethod
    def _check_untrusted(cls, conn: sqlite3.Connection, path: Path, version: int) -> None:
        """Is it a ledger, and is its schema the one our migrations make for its version (with a time limit)?"""
        with time_limit(conn, path):
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "setting" not in tables or "journal" not in tables:
                raise KnownStorageError("not_a_ledger", path=path, detail="缺少台账的数据表")
            if 0 < version <= SCHEMA_VERSION:
                problems = schema_problems(conn, version)
                if problems:
                    raise KnownStorageError("unexpected_schema", path=path, detail="；".join(problems[:3]))
            cls._check_is_ledger(conn, path, version)

    @staticmethod
    def _check_is_ledger(conn: sqlite3.Connection, path: Path, version: int) -> None:
        row = conn.execute("SELECT value FROM setting WHERE key = 'app'").fetchone()
        if row is None or row[0] != f'"{APP_ID}"':
            raise KnownStorageError("not_a_ledger", path=path, detail="不是本程序创建的台账")

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
        _acquire_lock(Path(path)).release()

    def _migrate(self, version: int, create: bool, report: Report | None = None) -> None:
        """Take the file from ``version`` to ``SCHEMA_VERSION``: first a backup of an older file, then every
        migration in ONE transaction (a migration that fails, is cancelled or killed half-way leaves the file as
        it was). A failed upgrade removes its backup: the file itself is the old one still."""
        if version == SCHEMA_VERSION:
            return
        watch = upgrade.Watch(report if report is not None else upgrade.default_report())
        backup: Path | None = None
        if version > 0 and not create:
            backup = upgrade.backup_path(self.path, version)
            pages = int(self.one("PRAGMA page_count"))
            watch.begin(upgrade.Stage("backup", total=pages, backup=backup))
            self.backup(backup, progress=watch.advance_pages if watch.report is not None else None)
        try:
            with self.db.atomic():
                log.info("migrating %s from schema %d to %d", self.path, version, SCHEMA_VERSION)
                upgrade.migrate(self.conn, version, watch)
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                if create:
                    self.conn.execute("INSERT INTO setting(key, value) VALUES ('app', ?)", (f'"{APP_ID}"',))
                upgrade.crash_before_commit()
        except BaseException:
            if backup is not None:
                backup.unlink(missing_ok=True)
            raise
        watch.begin(upgrade.Stage("done", backup=backup))

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def backup(self, target: str | Path, progress: Callable[[int, int], None] | None = None) -> Path:
        """A consistent copy through SQLite's online backup API (before bulk changes, migrations, on close).

        Written beside ``target`` under a hidden temporary name (``partial_backup``) and renamed over it only when
        complete, so a run killed half-way never leaves a short file under the backup's name; a leftover of
        such a run is removed by the next backup beside it (``remove_partial_backups``). ``progress(done, total)``
        is told the pages copied after each step of ``upgrade.BACKUP_STEP_PAGES``; when it raises, the backup
        stops, its partial file is removed and the exception propagates."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        part = partial_backup(target)
        remove_partial_backups(target.parent, self.path.stem)
        crash = os.environ.get(CRASH_IN_BACKUP_ENV) == "1"

        def copied(_status: int, remaining: int, total: int) -> None:
            if crash and remaining > 0:
                os._exit(9)  # tests: the program killed in the middle of writing a backup
            if progress is not None:
                progress(total - remaining, total)

        pages = BACKUP_PAGES if crash else upgrade.BACKUP_STEP_PAGES if progress is not None else -1
        dest = sqlite3.connect(str(part))
        try:
            self.conn.backup(dest, pages=pages, progress=copied)
        except BaseException:
            dest.close()
            part.unlink(missing_ok=True)
            raise
        dest.close()
        os.replace(part, target)
        return target

    # ---- small reads ---------------------------------------------------------------------
    def one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.conn.execute(sql, tuple(params)).fetchone()
        return None if row is None else row[0]

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
        indexed = search_clause(self.conn, words) if words else None
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
        cap = search_index.CAP
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


CRASH_IN_BACKUP_ENV = "LEDGER_TEST_CRASH_IN_BACKUP"  # tests: os._exit(9) half-way through a backup
BACKUP_PAGES = 4
PARTIAL_PREFIX = ".~备份中-"


def partial_backup(target: Path) -> Path:
    """Where the backup ``target`` is written until it is complete: hidden, beside it, named after it."""
    return target.with_name(f"{PARTIAL_PREFIX}{target.name}")


def remove_partial_backups(folder: Path, stem: str) -> None:
    """Remove what killed backups of the ledger named ``stem`` left in ``folder`` (their hidden partial files and
    SQLite's journals of them). Every backup's name begins with its ledger's stem and "." or "-"; a partial
    backup of another ledger may be being written by another process and is left alone."""
    import contextlib

    mine = (f"{PARTIAL_PREFIX}{stem}.", f"{PARTIAL_PREFIX}{stem}-")
    with contextlib.suppress(OSError):
        for leftover in folder.iterdir():
            if leftover.name.startswith(mine):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def lock_path(path: Path) -> Path:
    """The lock file beside the ledger. A dot file, so that Linux file managers do not show it next to the ledger
    (it stays on disk after release on Linux; on Windows it is removed). Beside the resolved path, so
    that the ledger opened through a symlink, or a relative path, takes the same lock as through its real name."""
    real = path.resolve()
    return real.with_name(f".{real.name}.lock")


def _acquire_lock(path: Path) -> LockFile:
    lock = LockFile(lock_path(path))
    try:
        lock.acquire()
    except LockHeld:
        raise KnownStorageError("locked", path=path) from None
    except OSError as exc:
        raise KnownStorageError("read_only", path=path) from exc
    return lock
