"""Hostile SQLite files: a ledger or a return whose schema was changed (a recursive view in place of a table, a
trigger of someone else's, a column of another type, a dropped trigger, text stored as a BLOB) is refused with a
sentence, never hangs and never gives a traceback; the file is not changed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ledger import signoff
from ledger.core import FixedClock, LedgerError, Operator, Role
from ledger.exchange import packages as exchange
from ledger.exchange.merge import preview_merge
from ledger.service import Ledger
from ledger.storage import Store, journal
from ledger.storage.untrusted import time_limit
from tests.ledger.exchange.exchange_helpers import edit_package, file_bytes, master

ROOT = Path(__file__).resolve().parents[3]
RECURSIVE = (
    "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x AS id, x AS status FROM r"
)


def raw(path: Path, *statements: str) -> None:
    """Change the file behind the program's back, as an attacker with a SQLite shell would."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        for sql in statements:
            conn.execute(sql)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


HOSTILE: dict[str, tuple[str, ...]] = {
    "recursive view for a table": ("DROP TABLE task_tally", f"CREATE VIEW task_tally AS {RECURSIVE}"),
    "recursive view for the journal": (
        "ALTER TABLE journal RENAME TO journal_old",
        f"CREATE VIEW journal AS {RECURSIVE}",
    ),
    "a trigger of someone else's": (
        "CREATE TRIGGER spy AFTER UPDATE ON task BEGIN DELETE FROM journal; END",
    ),
    "an extra view": (f"CREATE VIEW hang AS {RECURSIVE}",),
    "a dropped trigger": ("DROP TRIGGER task_tally_update",),
    "a rewritten trigger": (
        "DROP TRIGGER task_tally_delete",
        "CREATE TRIGGER task_tally_delete AFTER DELETE ON task BEGIN SELECT 1; END",
    ),
    "a column of another type": (
        "CREATE TABLE j2 (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, actor TEXT NOT NULL, "
        "role TEXT NOT NULL, origin TEXT NOT NULL, command TEXT NOT NULL, task_id TEXT, payload BLOB NOT NULL, "
        "prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
        "INSERT INTO j2 SELECT * FROM journal",
        "DROP TABLE journal",
        "ALTER TABLE j2 RENAME TO journal",
        "CREATE INDEX journal_by_task ON journal(task_id, seq)",
        "CREATE INDEX journal_at ON journal(at)",
    ),
    "an extra index": ("CREATE INDEX mine ON task(owner)",),
    "a search index of another kind": (
        "DROP TABLE task_search_fts",
        "CREATE VIRTUAL TABLE task_search_fts USING fts5(text, content='task_search', content_rowid='task_rowid')",
    ),
    "a virtual table of an unknown module": (  # (SQLite refuses to create one: written into the schema itself)
        "PRAGMA writable_schema = ON",
        "INSERT INTO sqlite_master VALUES ('table', 'spy', 'spy', 0, 'CREATE VIRTUAL TABLE spy USING no_such(x)')",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_ledger_with_a_hostile_schema_is_refused_unchanged(filled: Ledger, case: str) -> None:
    path = filled.path
    filled.close()
    raw(path, *HOSTILE[case])
    before = file_bytes(path)
    with pytest.raises(LedgerError) as err:
        Ledger.open(path)
    assert err.value.code in ("unexpected_schema", "not_a_ledger")
    assert "没有打开" in err.value.message() or "不是整改台账" in err.value.message()
    assert file_bytes(path) == before
    with pytest.raises(LedgerError):
        Ledger.open(path, lock=False)  # the read-only commands' way in is guarded the same


def test_verify_from_the_command_line_says_so_in_a_sentence_and_quickly(filled: Ledger) -> None:
    path = filled.path
    filled.close()
    raw(path, *HOSTILE["recursive view for a table"])
    done = subprocess.run(
        [sys.executable, "main.py", "verify", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,  # the harness's limit: a hang fails the test instead of hanging CI
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "结构与本程序建立的不符" in done.stderr + done.stdout


def test_a_statement_running_too_long_is_stopped_with_a_sentence(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(LedgerError) as err, time_limit(conn, tmp_path / "x.db", seconds=0.2):
        conn.execute(f"SELECT COUNT(*) FROM ({RECURSIVE})").fetchone()
    assert err.value.code == "file_too_slow"
    assert "0.2 秒" in err.value.message()
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the limit is gone after the block


# ---- returns (上报包): the same defences before anything is read ----------------------------------------------
@pytest.fixture
def world(tmp_path: Path, clock: FixedClock):
    led, ids = master(tmp_path, clock)
    yield led, ids
    led.close()


def _return(led: Ledger, ids: dict, tmp_path: Path, clock: FixedClock) -> Path:
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    pkg = edit_package(path, clock)
    pkg.update_progress(ids["tasks_a"][0], "书记的进展")
    pkg.close()
    return exchange.return_package(path, clock=clock)


@pytest.mark.parametrize(
    "case", ["recursive view for a table", "recursive view for the journal", "an extra view"]
)
def test_a_return_with_a_hostile_schema_is_refused_before_anything_is_read(
    world, tmp_path: Path, clock: FixedClock, case: str
) -> None:
    led, ids = world
    returned = _return(led, ids, tmp_path, clock)
    raw(returned, *HOSTILE[case])
    before = file_bytes(led.path)
    with pytest.raises(LedgerError) as err:
        preview_merge(led, returned)
    assert err.value.code == "unexpected_schema"
    with pytest.raises(LedgerError):
        exchange.open_package_info(returned)
    assert file_bytes(led.path) == before


def test_a_return_whose_settings_hold_the_wrong_kinds_is_refused(
    world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    returned = _return(led, ids, tmp_path, clock)
    raw(returned, "UPDATE setting SET value = '[1, 2]' WHERE key = 'package'")
    with pytest.raises(LedgerError) as err:
        preview_merge(led, returned)
    assert err.value.code == "package_damaged"


def test_a_return_whose_journal_text_is_a_blob_is_refused(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    returned = _return(led, ids, tmp_path, clock)
    raw(
        returned,
        "UPDATE journal SET payload = CAST(payload AS BLOB) WHERE seq = (SELECT MAX(seq) FROM journal)",
    )
    with pytest.raises(LedgerError) as err:
        preview_merge(led, returned)
    assert err.value.code == "package_tampered"
    assert "二进制" in err.value.message()


# ---- verify: everything it can rebuild, tampered one at a time ----------------------------------------------------
Tamper = Callable[[sqlite3.Connection, dict[str, str]], None]


def _first(conn: sqlite3.Connection, table: str, where: str = "1") -> str:
    key = "key" if table == "setting" else "id"
    return conn.execute(f"SELECT {key} FROM {table} WHERE {where} ORDER BY rowid LIMIT 1").fetchone()[0]


def _change_each_table(table: str) -> Tamper:
    def tamper(conn: sqlite3.Connection, _ids: dict[str, str]) -> None:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        key = "key" if table == "setting" else "id"
        column = next(c for c in cols if c not in (key, "rank", "ord_problem", "ord_community"))
        rid = _first(conn, table, "key != 'app'" if table == "setting" else "1")
        conn.execute(f"UPDATE {table} SET {column} = 'x' || COALESCE({column}, '') WHERE {key} = ?", (rid,))

    return tamper


def _delete_from(table: str) -> Tamper:
    def tamper(conn: sqlite3.Connection, _ids: dict[str, str]) -> None:
        key = "key" if table == "setting" else "id"
        rid = _first(conn, table, "key != 'app'" if table == "setting" else "1")
        conn.execute(f"DELETE FROM {table} WHERE {key} = ?", (rid,))

    return tamper


REBUILT_TABLES = ("setting", "community", "category", "problem", "task", "indicator", "review", "journal")
TAMPERS: dict[str, tuple[Tamper, str]] = {
    **{f"a field of {t}": (_change_each_table(t), "在程序之外") for t in REBUILT_TABLES if t != "journal"},
    **{f"a row of {t} deleted": (_delete_from(t), "") for t in REBUILT_TABLES if t != "journal"},
    "the tally's count": (
        lambda c, _i: c.execute(
            "UPDATE task_tally SET n = n + 50 WHERE rowid = (SELECT MIN(rowid) FROM task_tally)"
        ),
        "task_tally",
    ),
    "a tally row deleted": (
        lambda c, _i: c.execute("DELETE FROM task_tally WHERE n > 0 AND rowid = 1"),
        "task_tally",
    ),
    "a tally row added": (
        lambda c, _i: c.execute("INSERT INTO task_tally VALUES ('nobody', 'closed', 3)"),
        "task_tally",
    ),
    "a community's rank": (lambda c, _i: c.execute("UPDATE community SET rank = rank + 7"), "排序键"),
    "a problem's rank": (lambda c, _i: c.execute("UPDATE problem SET rank = 99 WHERE rowid = 1"), "排序键"),
    "a task's ord_problem": (
        lambda c, _i: c.execute("UPDATE task SET ord_problem = 99 WHERE rowid = 2"),
        "排序键",
    ),
    "a task's ord_community": (
        lambda c, _i: c.execute("UPDATE task SET ord_community = 99 WHERE rowid = 2"),
        "排序键",
    ),
    "a blob's bytes": (
        lambda c, _i: c.execute("UPDATE blob SET data = X'00'"),
        "SHA-256",
    ),
    "the journal's payload as a BLOB": (
        lambda c, _i: c.execute("UPDATE journal SET payload = CAST(payload AS BLOB) WHERE seq = 2"),
        "二进制",
    ),
    "the journal's actor as bytes": (
        lambda c, _i: c.execute("UPDATE journal SET actor = X'00ff' WHERE seq = 3"),
        "类型不对",
    ),
    "a journal row deleted": (lambda c, _i: c.execute("DELETE FROM journal WHERE seq = 3"), "序号不连续"),
    "the journal index's copy": (
        lambda c, _i: c.execute("UPDATE journal_task SET changes = '{\"changes\":[]}' WHERE rowid = 1"),
        "journal_task",
    ),
    "a journal index row deleted": (
        lambda c, _i: c.execute(
            "DELETE FROM journal_task WHERE rowid = (SELECT MAX(rowid) FROM journal_task)"
        ),
        "journal_task",
    ),
    "a journal index row added": (
        lambda c, _i: c.execute("INSERT INTO journal_task VALUES ('nobody', 1, NULL)"),
        "journal_task",
    ),
    "the search text": (
        lambda c, _i: c.execute("UPDATE task_search SET text = 'x' WHERE task_rowid = 1"),
        "task_search",
    ),
    "a search row deleted": (
        lambda c, _i: c.execute("DELETE FROM task_search WHERE task_rowid = 2"),
        "task_search",
    ),
    "a trigger dropped": (lambda c, _i: c.execute("DROP TRIGGER task_tally_insert"), "task_tally_insert"),
    "an index dropped": (lambda c, _i: c.execute("DROP INDEX task_late"), "task_late"),
}


@pytest.fixture
def rich(filled: Ledger, tmp_path: Path) -> Ledger:
    """``filled`` with a row in every table verify rebuilds: an indicator, a review, evidence."""
    tid = filled.tasks_json()[0]["id"]
    filled.add_indicator(tid, "培训", "次", 10, 3)
    signoff.attach_evidence(filled, tid, data=b"\xff\xd8\xff" + b"jpeg" * 100, file_name="照片.jpg")
    work_team, filled.operator = filled.operator, Operator("王书记", Role.SECRETARY)
    filled.act(tid, "start")
    filled.act(tid, "submit", reason="已完成")
    filled.operator = work_team  # whoever applied signs no level of the round
    filled.act(tid, "return", reason="材料不全")
    assert journal.verify(filled.store) is None
    return filled


@pytest.mark.parametrize("case", sorted(TAMPERS))
def test_verify_finds_every_tamper_it_can_rebuild(rich: Ledger, case: str) -> None:
    tamper, words = TAMPERS[case]
    path = rich.path
    rich.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    tamper(conn, {})
    conn.commit()
    conn.close()
    store = Store.open(path, lock=False, read_only=False) if "dropped" not in case else _unchecked(path)
    try:
        problem = journal.verify(store)
    finally:
        store.conn.close()
    assert problem is not None, case
    assert words in problem.detail


def _unchecked(path: Path) -> Store:
    """A store opened past the schema check (as the window's, when a trigger is dropped while it is open)."""
    return Store(path, sqlite3.connect(path), None)


def test_verify_in_a_small_memory_cache_agrees_with_the_whole_in_memory(rich: Ledger) -> None:
    from ledger.storage.verify import verify_store

    assert verify_store(rich.store, cache_rows=3) is None
    rich.store.conn.execute("UPDATE task SET owner = 'x' WHERE rowid = 4")
    small = verify_store(rich.store, cache_rows=3)
    assert small is not None
    assert small == verify_store(rich.store)
