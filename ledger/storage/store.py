"""The SQLite file via sqlite-utils: open, lock, schema, numbered migrations, backups and read queries."""

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
from ledger.storage import search_index
from ledger.storage.journal_index import migrate_7
from ledger.storage.lockfile import LockFile, LockHeld
from ledger.storage.search_index import migrate_9, search_clause
from ledger.storage.sort_indexes import migrate_8
from ledger.storage.untrusted import harden, schema_problems, time_limit

log = logging.getLogger(__name__)

APP_ID = "zhenggai-ledger"
SQLITE_MAGIC = b"SQLite format 3\x00"


def new_id() -> str:
    import uuid  # here, not at the top: only writes need it, and start-up should not wait for it

    return str(uuid.uuid4())


def migrate_1(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE community (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL DEFAULT '居民区',
            secretary TEXT NOT NULL DEFAULT '', leader TEXT NOT NULL DEFAULT '',
            sort INTEGER NOT NULL DEFAULT 0, example INTEGER NOT NULL DEFAULT 0,
            rank INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE category (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, sort INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE problem (
            id TEXT PRIMARY KEY, category_id TEXT NOT NULL REFERENCES category(id),
            title TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL DEFAULT 0,
            rank INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE task (
            id TEXT PRIMARY KEY,
            problem_id TEXT NOT NULL REFERENCES problem(id),
            community_id TEXT NOT NULL REFERENCES community(id),
            measure TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '限期整改',
            owner TEXT NOT NULL DEFAULT '', leader TEXT NOT NULL DEFAULT '', department TEXT NOT NULL DEFAULT '',
            deadline TEXT, original_deadline TEXT,
            status TEXT NOT NULL DEFAULT 'not_started',
            progress TEXT NOT NULL DEFAULT '', return_reason TEXT NOT NULL DEFAULT '',
            review_round INTEGER NOT NULL DEFAULT 0, review_level INTEGER NOT NULL DEFAULT 0,
            sort INTEGER NOT NULL DEFAULT 0, example INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
            ord_problem INTEGER NOT NULL DEFAULT 0, ord_community INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX task_status_community_deadline ON task(status, community_id, deadline);
        CREATE INDEX task_community ON task(community_id, deadline);
        CREATE INDEX task_problem ON task(problem_id);
        CREATE INDEX task_live_counts ON task(community_id, status, deadline) WHERE deleted_at IS NULL;
        CREATE INDEX problem_category ON problem(category_id, sort);
        -- Derived order keys (ord_problem, ord_community: ranks of the task's problem and community in the
        -- ledger's order, kept by the service) let every sort read one index in order, so the first screen
        -- of a 100k ledger needs no full sort.
        CREATE INDEX task_by_order ON task(ord_problem, ord_community, sort) WHERE deleted_at IS NULL;
        CREATE INDEX task_by_community ON task(ord_community, ord_problem, sort) WHERE deleted_at IS NULL;
        CREATE INDEX task_by_owner ON task(owner, ord_problem, ord_community, sort) WHERE deleted_at IS NULL;
        CREATE INDEX task_by_leader ON task(leader, ord_problem, ord_community, sort) WHERE deleted_at IS NULL;
        CREATE INDEX task_by_deadline ON task(deadline IS NULL, deadline, ord_problem, ord_community, sort)
            WHERE deleted_at IS NULL;
        CREATE INDEX task_by_kind ON task(kind, ord_problem, ord_community, sort) WHERE deleted_at IS NULL;
        CREATE INDEX task_by_status ON task(status, ord_problem, ord_community, sort) WHERE deleted_at IS NULL;
        CREATE INDEX task_by_updated ON task(updated_at, ord_problem, ord_community, sort) WHERE deleted_at IS NULL;
        CREATE INDEX task_by_measure ON task(measure, ord_problem, ord_community, sort) WHERE deleted_at IS NULL;
        CREATE TABLE indicator (
            id TEXT PRIMARY KEY, task_id TEXT NOT NULL REFERENCES task(id),
            name TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '', target REAL, actual REAL,
            sort INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX indicator_task ON indicator(task_id);
        CREATE TABLE blob (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL, size INTEGER NOT NULL);
        CREATE TABLE evidence (
            id TEXT PRIMARY KEY, task_id TEXT NOT NULL REFERENCES task(id),
            sha256 TEXT NOT NULL REFERENCES blob(sha256), file_name TEXT NOT NULL, mime TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL DEFAULT 0, added_by TEXT NOT NULL, added_at TEXT NOT NULL, removed_at TEXT);
        CREATE INDEX evidence_task ON evidence(task_id);
        CREATE TABLE review (
            id TEXT PRIMARY KEY, task_id TEXT NOT NULL REFERENCES task(id),
            round INTEGER NOT NULL, level INTEGER NOT NULL, level_name TEXT NOT NULL,
            reviewer TEXT NOT NULL, role TEXT NOT NULL, decision TEXT NOT NULL,
            grade TEXT NOT NULL DEFAULT '', opinion TEXT NOT NULL DEFAULT '', exception TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL);
        CREATE INDEX review_task ON review(task_id, round, level);
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL,
            actor TEXT NOT NULL, role TEXT NOT NULL, origin TEXT NOT NULL, command TEXT NOT NULL,
            task_id TEXT, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX journal_task ON journal(task_id, seq);
        CREATE INDEX journal_at ON journal(at);
        """
    )


def migrate_2(conn: sqlite3.Connection) -> None:
    """销号: extension requests, 回头看 draws and their re-check items; evidence by blob.

    Statement by statement (executescript would commit the migration's transaction half-way)."""
    script = """
        CREATE TABLE extension (
            id TEXT PRIMARY KEY, task_id TEXT NOT NULL REFERENCES task(id),
            requested_by TEXT NOT NULL, requested_at TEXT NOT NULL,
            old_deadline TEXT, new_deadline TEXT NOT NULL, reason TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
            decided_by TEXT NOT NULL DEFAULT '', decided_at TEXT, decision_note TEXT NOT NULL DEFAULT '');
        CREATE INDEX extension_task ON extension(task_id, requested_at);
        CREATE INDEX extension_pending ON extension(requested_at) WHERE status = 'pending';
        CREATE TABLE recheck (
            id TEXT PRIMARY KEY, drawn_by TEXT NOT NULL, drawn_at TEXT NOT NULL, seed INTEGER NOT NULL,
            method TEXT NOT NULL CHECK (method IN ('percent', 'count')), amount REAL NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('overall', 'per_community')),
            community_ids TEXT NOT NULL DEFAULT '', population TEXT NOT NULL, sample TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '');
        CREATE INDEX recheck_drawn ON recheck(drawn_at);
        CREATE TABLE recheck_item (
            id TEXT PRIMARY KEY, recheck_id TEXT NOT NULL REFERENCES recheck(id),
            task_id TEXT NOT NULL REFERENCES task(id),
            result TEXT NOT NULL DEFAULT '' CHECK (result IN ('', 'pass', 'relapse')),
            finding TEXT NOT NULL DEFAULT '', checked_by TEXT NOT NULL DEFAULT '', checked_at TEXT);
        CREATE INDEX recheck_item_recheck ON recheck_item(recheck_id);
        CREATE INDEX recheck_item_task ON recheck_item(task_id);
        -- Which evidence rows still refer to a blob (the bytes are released when no live row does).
        CREATE INDEX evidence_sha256 ON evidence(sha256, removed_at)
        """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def migrate_3(conn: sqlite3.Connection) -> None:
    """Community packages (下发包 / 上报包): what the master issued, merged and left for a person to decide.

    Every table keys on ``id`` so the journal records and verifies it like any other (``merged_entry.id`` is
    the PACKAGE's journal entry id: re-importing a return skips every entry already applied or decided)."""
    script = """
        CREATE TABLE package (
            id TEXT PRIMARY KEY, community_id TEXT NOT NULL, issued_at TEXT NOT NULL, issued_by TEXT NOT NULL,
            master_seq INTEGER NOT NULL, file_name TEXT NOT NULL);
        CREATE INDEX package_community ON package(community_id, issued_at);
        CREATE TABLE package_merge (
            id TEXT PRIMARY KEY, package_id TEXT NOT NULL REFERENCES package(id), merged_at TEXT NOT NULL,
            merged_by TEXT NOT NULL, file_name TEXT NOT NULL, file_sha256 TEXT NOT NULL,
            applied INTEGER NOT NULL DEFAULT 0, conflicts INTEGER NOT NULL DEFAULT 0,
            refused INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX package_merge_package ON package_merge(package_id, merged_at);
        CREATE TABLE merged_entry (
            id TEXT PRIMARY KEY, package_id TEXT NOT NULL REFERENCES package(id), package_seq INTEGER NOT NULL,
            merge_id TEXT NOT NULL, outcome TEXT NOT NULL);
        CREATE INDEX merged_entry_package ON merged_entry(package_id, package_seq);
        CREATE TABLE merge_conflict (
            id TEXT PRIMARY KEY, package_id TEXT NOT NULL REFERENCES package(id), merge_id TEXT NOT NULL,
            entry_id TEXT NOT NULL, key TEXT NOT NULL, task_id TEXT, tbl TEXT NOT NULL, row_id TEXT NOT NULL,
            field TEXT NOT NULL, command TEXT NOT NULL, ours TEXT, theirs TEXT, our_author TEXT NOT NULL DEFAULT '',
            our_at TEXT NOT NULL DEFAULT '', their_author TEXT NOT NULL DEFAULT '', their_at TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'taken', 'rewritten')),
            decided_by TEXT NOT NULL DEFAULT '', decided_at TEXT, value TEXT);
        CREATE INDEX merge_conflict_open ON merge_conflict(package_id, status)
        """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def migrate_4(conn: sqlite3.Connection) -> None:
    """对账销账 (ledger.reconcile): weekly periods with their opening counts and closing snapshot, and ticks.

    ``start_seq``/``end_seq`` bound the journal entries a period reconciles; a closed period's row never changes."""
    script = """
        CREATE TABLE period (
            id TEXT PRIMARY KEY, week TEXT NOT NULL UNIQUE, week_start TEXT NOT NULL, week_end TEXT NOT NULL,
            start_seq INTEGER NOT NULL, opened_at TEXT NOT NULL, opened_by TEXT NOT NULL, opening TEXT NOT NULL,
            closed_at TEXT, closed_by TEXT NOT NULL DEFAULT '', end_seq INTEGER, snapshot TEXT,
            note TEXT NOT NULL DEFAULT '', corrects TEXT NOT NULL DEFAULT '');
        CREATE TABLE period_tick (
            id TEXT PRIMARY KEY, period_id TEXT NOT NULL REFERENCES period(id), entry_id TEXT NOT NULL,
            ticked_by TEXT NOT NULL, ticked_at TEXT NOT NULL, UNIQUE (period_id, entry_id))
        """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


# The statuses whose tasks are late once their deadline has passed (waiting for review is not late).
# model.LATE_STATUSES as SQL, written out because the task_late index (schema 5) was made with exactly this text
# and SQLite matches a partial index by it (tests/ledger/test_store.py checks the two agree).
LATE_SQL = "('not_started','in_progress','returned','reopened')"


def migrate_5(conn: sqlite3.Connection) -> None:
    """Counts the window shows before its first paint, without reading 100,000 index entries each time.

    ``task_tally`` holds the live tasks per (community, status). SQLite triggers keep it, so every write path
    (commands, bulk inserts, undo, merges) agrees with it without knowing it exists; it is derived, so it is not
    journalled. ``task_late`` indexes only open tasks by deadline, so the overdue count reads only overdue ones."""
    statements = [
        """CREATE TABLE task_tally (
            community_id TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (community_id, status))""",
        """INSERT INTO task_tally (community_id, status, n)
            SELECT community_id, status, COUNT(*) FROM task WHERE deleted_at IS NULL GROUP BY community_id, status""",
        """CREATE TRIGGER task_tally_insert AFTER INSERT ON task WHEN NEW.deleted_at IS NULL BEGIN
            INSERT INTO task_tally (community_id, status, n) VALUES (NEW.community_id, NEW.status, 1)
                ON CONFLICT (community_id, status) DO UPDATE SET n = n + 1;
        END""",
        """CREATE TRIGGER task_tally_delete AFTER DELETE ON task WHEN OLD.deleted_at IS NULL BEGIN
            UPDATE task_tally SET n = n - 1 WHERE community_id = OLD.community_id AND status = OLD.status;
        END""",
        """CREATE TRIGGER task_tally_update AFTER UPDATE OF community_id, status, deleted_at ON task BEGIN
            UPDATE task_tally SET n = n - 1
                WHERE OLD.deleted_at IS NULL AND community_id = OLD.community_id AND status = OLD.status;
            INSERT INTO task_tally (community_id, status, n) SELECT NEW.community_id, NEW.status, 1
                WHERE NEW.deleted_at IS NULL ON CONFLICT (community_id, status) DO UPDATE SET n = n + 1;
        END""",
        f"CREATE INDEX task_late ON task(deadline) WHERE deleted_at IS NULL AND status IN {LATE_SQL}",
    ]
    for statement in statements:
        conn.execute(statement)


def migrate_6(conn: sqlite3.Connection) -> None:
    """The record tells the truth: the submission statement (销号说明) is its own field, on the task (the current
    round's) and on each review (the statement the reviewer saw); 原定时限 is the deadline in force when the first
    extension was approved, so a task never extended has none.

    Older files set 原定时限 to the first deadline ever entered, which made every correction look like an
    extension. The fix is written as one journal entry by 系统 (so ``verify`` still agrees with the tables):
    原定时限 becomes the deadline the first approved request started from, or none."""
    for table in ("task", "review"):
        if "statement" not in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN statement TEXT NOT NULL DEFAULT ''")
    if conn.execute("SELECT 1 FROM journal LIMIT 1").fetchone() is None:
        return
    wrong = conn.execute(
        "SELECT t.id, t.original_deadline, (SELECT x.old_deadline FROM extension x WHERE x.task_id = t.id "
        "AND x.status = 'approved' ORDER BY x.decided_at, x.rowid LIMIT 1) AS first FROM task t "
        "WHERE t.original_deadline IS NOT (SELECT x.old_deadline FROM extension x WHERE x.task_id = t.id "
        "AND x.status = 'approved' ORDER BY x.decided_at, x.rowid LIMIT 1)"
    ).fetchall()
    if not wrong:
        return
    import datetime as dt

    from ledger.storage.journal import GENESIS, Change, canonical, entry_hash  # journal builds on this module

    changes = []
    for task_id, before, after in wrong:
        conn.execute("UPDATE task SET original_deadline = ? WHERE id = ?", (after, task_id))
        changes.append(Change("update", "task", task_id, "original_deadline", before, after).to_json())
    # Written as journal.append would, but without the per-task index: that comes with schema 7, which fills it
    # from the entries already written (this one included).
    last = conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (1, GENESIS) if last is None else (last[0] + 1, last[1])
    fields = {
        "id": new_id(),
        "at": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
        "actor": "系统",
        "role": "work_team",
        "origin": "本机",
        "command": "fix_original_deadline",
        "task_id": None,
        "payload": canonical({"args": {"count": len(changes)}, "changes": changes}),
    }
    conn.execute(
        "INSERT INTO journal(seq, id, at, actor, role, origin, command, task_id, payload, prev_hash, hash) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (seq, *fields.values(), prev, entry_hash(prev, seq, fields)),
    )


# Numbered migrations: MIGRATIONS[n - 1] takes a file from version n - 1 to n. Append, never edit.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    migrate_1,
    migrate_2,
    migrate_3,
    migrate_4,
    migrate_5,
    migrate_6,
    migrate_7,
    migrate_8,
    migrate_9,
]
SCHEMA_VERSION = len(MIGRATIONS)


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
        cls, path: str | Path, *, create: bool = False, lock: bool = True, read_only: bool = False
    ) -> Store:
        """Open (or ``create``) a ledger; ``lock``: hold its lock file while open (taken on the resolved path,
        so a symlink and its target share one lock); ``read_only``: a connection that cannot write (no lock, no
        WAL switch, no migration), for commands that only read while a window holds the file.

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
                store._migrate(version, create)
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

    def _migrate(self, version: int, create: bool) -> None:
        if version == SCHEMA_VERSION:
            return
        if version > 0 and not create:
            self.backup(self.path.with_name(f"{self.path.stem}.v{version}-备份{self.path.suffix}"))
        with self.db.atomic():
            for number in range(version + 1, SCHEMA_VERSION + 1):
                log.info("migrating %s to schema %d", self.path, number)
                MIGRATIONS[number - 1](self.conn)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if create:
                self.conn.execute("INSERT INTO setting(key, value) VALUES ('app', ?)", (f'"{APP_ID}"',))

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def backup(self, target: str | Path) -> Path:
        """A consistent copy through SQLite's online backup API (before bulk changes, migrations, on close).

        Written beside ``target`` under a hidden temporary name (``partial_backup``) and renamed over it only when
        complete, so a run killed half-way never leaves a short file under the backup's name; a leftover of
        such a run is removed by the next backup beside it (``remove_partial_backups``)."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        part = partial_backup(target)
        remove_partial_backups(target.parent, self.path.stem)
        crash = os.environ.get(CRASH_IN_BACKUP_ENV) == "1"

        def copied(_status: int, remaining: int, _total: int) -> None:
            if crash and remaining > 0:
                os._exit(9)  # tests: the program killed in the middle of writing a backup

        dest = sqlite3.connect(str(part))
        try:
            self.conn.backup(dest, pages=BACKUP_PAGES if crash else -1, progress=copied)
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
