"""The committed schema snapshot (ledger/storage/schema_snapshot.py) is what our migrations make, so that the
check of a ledger's schema at start-up can read it instead of running every migration; it can never go stale
unnoticed, and a file that differs from it is judged against the migrations before it is refused."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.core import FixedClock, Operator, Role
from ledger.service import Ledger
from ledger.storage import SCHEMA_VERSION, schema_snapshot, untrusted
from tests.helpers import python_prints

ROOT = Path(__file__).resolve().parents[3]


def test_the_committed_snapshot_is_what_the_migrations_make_now():
    committed = (ROOT / "ledger" / "storage" / "schema_snapshot.py").read_text(encoding="utf-8")
    assert committed == untrusted.snapshot_text(), "stale: run python tools/schema_snapshot.py"
    assert schema_snapshot.VERSION == SCHEMA_VERSION
    assert schema_snapshot.SCHEMA == untrusted.migrated_schema(SCHEMA_VERSION)


def test_the_schema_version_is_the_number_of_migrations_which_opening_the_newest_leaves_unimported(tmp_path):
    from ledger.storage import schema

    assert SCHEMA_VERSION == len(schema.MIGRATIONS) and schema.MIGRATIONS is schema.MIGRATIONS
    Ledger.create(tmp_path / "l.db").close()
    code = (
        "import sys; from ledger.storage import Store; "
        f"Store.open({str(tmp_path / 'l.db')!r}).close(); "
        "print(sorted({'ledger.storage.journal_index', 'ledger.storage.search_index', "
        "'ledger.storage.sort_indexes'} & set(sys.modules)))"
    )
    assert python_prints(code) == "[]"


def test_the_newest_version_is_read_from_the_snapshot_and_older_ones_from_the_migrations():
    assert untrusted.expected_schema(SCHEMA_VERSION) is schema_snapshot.SCHEMA
    older = untrusted.expected_schema(SCHEMA_VERSION - 1)
    assert older is untrusted.migrated_schema(SCHEMA_VERSION - 1)
    assert older != schema_snapshot.SCHEMA


def test_the_tool_reports_an_up_to_date_snapshot():
    done = subprocess.run(
        [sys.executable, "tools/schema_snapshot.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout


@pytest.fixture()
def ledger_conn(tmp_path):
    path = tmp_path / "l.db"
    Ledger.create(
        path, org="测试", clock=FixedClock.on("2025-11-20"), operator=Operator("测", Role.WORK_TEAM)
    ).close()
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def test_a_file_that_differs_only_from_a_wrong_snapshot_is_judged_by_the_migrations(ledger_conn, monkeypatch):
    """Another SQLite could word its own FTS5 tables differently: the snapshot alone never refuses a file."""
    wrong = dict(schema_snapshot.SCHEMA)
    name = next(n for n, entry in wrong.items() if entry[0] == "trigger")
    kind, table, sql, columns = wrong[name]
    wrong[name] = (kind, table, sql + " ", columns)
    monkeypatch.setattr(schema_snapshot, "SCHEMA", wrong)
    assert untrusted.compare_schema(untrusted.read_schema(ledger_conn), wrong) != []
    assert untrusted.schema_problems(ledger_conn, SCHEMA_VERSION) == []


def test_a_changed_file_is_still_refused(ledger_conn):
    assert untrusted.schema_problems(ledger_conn, SCHEMA_VERSION) == []
    ledger_conn.execute("CREATE TRIGGER spy AFTER UPDATE ON task BEGIN SELECT 1; END")
    assert untrusted.schema_problems(ledger_conn, SCHEMA_VERSION) == ["多出了本程序不会建立的触发器“spy”"]


def test_a_tables_columns_are_taken_as_known_only_for_the_same_statement_word_for_word(ledger_conn):
    """The start-up's check asks SQLite for the columns of a table only when its statement is not ours."""
    asked = untrusted.read_schema(ledger_conn)
    assert untrusted.read_schema(ledger_conn, known=schema_snapshot.SCHEMA) == asked
    kind, table, sql, columns = schema_snapshot.SCHEMA["task"]
    made_up = (("x", "TEXT", 0, 0),)
    same_statement = {**schema_snapshot.SCHEMA, "task": (kind, table, sql, made_up)}
    assert untrusted.read_schema(ledger_conn, known=same_statement)["task"][3] == made_up
    other_statement = {**schema_snapshot.SCHEMA, "task": (kind, table, sql + " x", made_up)}
    assert untrusted.read_schema(ledger_conn, known=other_statement)["task"][3] == columns == asked["task"][3]


def test_a_table_made_by_another_statement_is_judged_by_the_columns_sqlite_reports(ledger_conn):
    ledger_conn.executescript(
        "CREATE TABLE c2 (id TEXT PRIMARY KEY, name BLOB NOT NULL UNIQUE, kind TEXT NOT NULL DEFAULT '居民区', "
        "secretary TEXT NOT NULL DEFAULT '', leader TEXT NOT NULL DEFAULT '', sort INTEGER NOT NULL DEFAULT 0, "
        "example INTEGER NOT NULL DEFAULT 0, rank INTEGER NOT NULL DEFAULT 0);"
        "PRAGMA foreign_keys = OFF; INSERT INTO c2 SELECT * FROM community; DROP TABLE community;"
        "ALTER TABLE c2 RENAME TO community;"
    )
    assert "数据表“community”的列与本程序的不符" in untrusted.schema_problems(ledger_conn, SCHEMA_VERSION)
