"""The ledger file's schema: numbered migrations, each taking a file one version further (7, 8 and 9 live beside
what they index: journal_index, sort_indexes, search_index), and the ids new rows get.

``MIGRATIONS`` is made when first asked for (PEP 562): opening a ledger of the newest version runs none, and the
modules of 7, 8 and 9 need not be imported before the window's first paint. ``SCHEMA_VERSION`` is their number,
written out (tests/ledger/storage/test_schema_snapshot.py holds it equal to ``len(MIGRATIONS)``)."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any


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


SCHEMA_VERSION = 9  # len(MIGRATIONS): a new migration adds one

if TYPE_CHECKING:
    MIGRATIONS: list[Callable[[sqlite3.Connection], None]]


def __getattr__(name: str) -> Any:
    if name == "MIGRATIONS":
        return migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def migrations() -> list[Callable[[sqlite3.Connection], None]]:
    """Numbered migrations: MIGRATIONS[n - 1] takes a file from version n - 1 to n. Append, never edit."""
    from ledger.storage.journal_index import migrate_7
    from ledger.storage.search_index import migrate_9
    from ledger.storage.sort_indexes import migrate_8

    return [
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
