"""Opening a ledger file: what is refused (with a clear sentence, the file untouched), locks, WAL, backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ledger.core import LedgerError
from ledger.service import Ledger
from ledger.storage import journal
from ledger.storage.schema import SCHEMA_VERSION
from ledger.storage.store import Store, lock_path
from tests.helpers import undo_schema_9


def _closed_copy(led: Ledger, tmp_path: Path, name: str = "副本.db") -> Path:
    """The bytes of a real ledger, closed (WAL checkpointed) and copied to ``name``."""
    led.close()
    target = tmp_path / name
    target.write_bytes(led.path.read_bytes())
    return target


def undo_schema_7(conn: sqlite3.Connection) -> None:
    """Take a file back to before the journal's per-task index (schema 7) and the sort indexes of schema 8."""
    undo_schema_9(conn)
    conn.execute("DROP INDEX task_by_progress")
    conn.execute("DROP INDEX task_by_department")
    conn.execute("DROP TABLE journal_task")
    conn.execute("DROP INDEX journal_by_task")
    conn.execute("CREATE INDEX journal_task ON journal(task_id, seq)")


def _refuse(path: Path) -> LedgerError:
    """Store.open must refuse ``path`` with a LedgerError and leave the file byte-for-byte as it was."""
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(LedgerError) as info:
        Store.open(path)
    if before is not None:
        assert path.read_bytes() == before, "a refused open changed the file"
    return info.value


def _sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name in (path.name + "-wal", path.name + "-shm"))


# ---- what is not a ledger ----------------------------------------------------------------------
def test_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "通知.txt"
    path.write_text("关于巡察整改情况的通报\n一、总体情况\n", encoding="utf-8")
    err = _refuse(path)
    assert err.code == "not_a_ledger"
    msg = err.message()
    assert "不是整改台账文件" in msg and "未作任何改动" in msg and "通知.txt" in msg
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通知.txt"], (
        "a plain text file got a lock file beside it"
    )


def test_empty_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "空.db"
    path.write_bytes(b"")
    err = _refuse(path)
    assert err.code == "not_a_ledger"
    assert "不是整改台账文件" in err.message()
    assert path.read_bytes() == b""


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "台账文件夹.db"
    folder.mkdir()
    (folder / "inside.txt").write_text("x", encoding="utf-8")
    err = _refuse(folder)
    assert err.code == "not_a_ledger"
    assert "文件夹" in err.message()
    assert sorted(p.name for p in folder.iterdir()) == ["inside.txt"]


def test_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "没有这个文件.db"
    err = _refuse(path)
    assert err.code == "not_found"
    assert "找不到文件" in err.message()
    assert not path.exists(), "opening a missing file created it"


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "别的程序.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('王五', '13800000000')")
    conn.commit()
    conn.close()
    err = _refuse(path)
    assert err.code == "not_a_ledger"
    assert "不是整改台账文件" in err.message() and "缺少台账的数据表" in err.message()


def test_sqlite_with_look_alike_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "仿冒.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("CREATE TABLE journal (seq INTEGER PRIMARY KEY)")
    conn.execute("INSERT INTO setting VALUES ('app', '\"another-app\"')")
    conn.commit()
    conn.close()
    err = _refuse(path)
    assert err.code == "not_a_ledger"
    assert "不是本程序创建的台账" in err.message()


@pytest.mark.parametrize("fraction", [0.5, 0.25, 0.75])
def test_truncated_ledger_is_refused_untouched(filled: Ledger, tmp_path: Path, fraction: float) -> None:
    whole = _closed_copy(filled, tmp_path).read_bytes()
    path = tmp_path / "截断.db"
    path.write_bytes(whole[: int(len(whole) * fraction)])
    err = _refuse(path)  # never a traceback: a LedgerError with a sentence
    assert err.code in ("damaged", "not_a_ledger")
    msg = err.message()
    assert ("已损坏" in msg or "不是整改台账文件" in msg) and "未作任何改动" in msg
    with pytest.raises(LedgerError):
        Ledger.open(path)


def test_ledger_from_a_newer_program_is_refused_untouched(filled: Ledger, tmp_path: Path) -> None:
    path = _closed_copy(filled, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    err = _refuse(path)
    assert err.code == "too_new"
    msg = err.message()
    assert "更新版本的程序" in msg and "升级" in msg and "未作任何改动" in msg
    assert str(SCHEMA_VERSION + 1) in msg and str(SCHEMA_VERSION) in msg
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1, "silently downgraded"
    conn.close()


def test_refused_open_leaves_no_open_connection_behind(filled: Ledger, tmp_path: Path) -> None:
    path = _closed_copy(filled, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    assert _sidecars(path) == []
    err = _refuse(path)
    assert err.code == "too_new"
    assert _sidecars(path) == [], "the refused file still has an open SQLite connection (WAL side files)"


# ---- one writer at a time ------------------------------------------------------------------------
def test_second_open_is_locked_until_the_first_closes(filled: Ledger, tmp_path: Path) -> None:
    path = filled.path
    # the lock file is a hidden dot file beside the ledger, not a second "台账.db.lock" for users to wonder about
    assert (
        lock_path(path).exists()
        and lock_path(path).name.startswith(".")
        and lock_path(path).parent == path.parent
    )
    with pytest.raises(LedgerError) as info:
        Store.open(path)
    assert info.value.code == "locked"
    assert "另一个" in info.value.message()
    with pytest.raises(LedgerError) as info2:
        Ledger.open(path)
    assert info2.value.code == "locked"
    # the first window still works after the refusal
    filled.add_community("天恒名城")
    n_tasks = len(filled.tasks_json())
    filled.close()
    again = Ledger.open(path)
    try:
        assert len(again.tasks_json()) == n_tasks
        assert "天恒名城" in [c["name"] for c in again.communities()]
    finally:
        again.close()


def test_create_refuses_to_overwrite(filled: Ledger, tmp_path: Path) -> None:
    path = _closed_copy(filled, tmp_path)
    before = path.read_bytes()
    with pytest.raises(LedgerError) as info:
        Ledger.create(path, org="另一个单位")
    assert info.value.code == "exists"
    assert "已经存在" in info.value.message() and "覆盖" in info.value.message()
    assert path.read_bytes() == before
    text = tmp_path / "说明.txt"
    text.write_text("不要覆盖我", encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        Store.open(text, create=True)
    assert info.value.code == "exists"
    assert text.read_text(encoding="utf-8") == "不要覆盖我"


# ---- how a ledger is opened ------------------------------------------------------------------------
def test_new_ledger_has_schema_version_wal_and_foreign_keys(ledger: Ledger) -> None:
    conn = ledger.store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert ledger.org_name == "测试工业区党工委"


def test_reopened_ledger_has_wal_and_foreign_keys_enforced(filled: Ledger) -> None:
    path = filled.path
    filled.close()
    led = Ledger.open(path)
    try:
        conn = led.store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO task (id, problem_id, community_id, measure, created_at, updated_at) "
                "VALUES ('x', 'no-such-problem', 'no-such-community', 'm', 'now', 'now')"
            )
        conn.rollback()
    finally:
        led.close()


def test_backup_is_an_openable_copy_with_the_same_tasks(filled: Ledger, tmp_path: Path) -> None:
    filled.update_progress(filled.tasks_json()[0]["id"], "已召开专题会议")
    want = filled.tasks_json()
    target = filled.store.backup(tmp_path / "备份" / "台账-备份.db")
    assert target.exists()
    copy = Ledger.open(target, clock=filled.clock)  # its own lock: the original stays open
    try:
        assert copy.tasks_json() == want
        assert copy.stats() == filled.stats()
        assert journal.verify(copy.store) is None
        assert journal.last_seq(copy.store) == journal.last_seq(filled.store)
    finally:
        copy.close()


def test_backup_replaces_an_old_backup(filled: Ledger, tmp_path: Path) -> None:
    target = tmp_path / "备份.db"
    target.write_text("旧的备份", encoding="utf-8")
    filled.store.backup(target)
    copy = Ledger.open(target)
    try:
        assert len(copy.tasks_json()) == 6
    finally:
        copy.close()


def test_a_ledger_from_schema_4_is_backed_up_then_given_its_tally(filled: Ledger, tmp_path: Path) -> None:
    """Version 5 added the counts kept by triggers: an older file is copied aside, then upgraded, counts right."""
    want = filled.stats()
    path = _closed_copy(filled, tmp_path)
    conn = sqlite3.connect(path)
    for trigger in ("task_tally_insert", "task_tally_delete", "task_tally_update"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP INDEX task_late")
    conn.execute("DROP TABLE task_tally")
    conn.execute("ALTER TABLE task DROP COLUMN statement")  # schema 6's, which a version-4 file never had
    conn.execute("ALTER TABLE review DROP COLUMN statement")
    undo_schema_7(conn)
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    led = Ledger.open(path, clock=filled.clock)
    try:
        assert led.stats() == want
        assert journal.verify(led.store) is None
        led.delete_task(led.tasks_json()[0]["id"])
        assert led.stats()["tasks"] == want["tasks"] - 1
    finally:
        led.close()
    old = path.with_name(f"{path.stem}.v4-备份{path.suffix}")
    conn = sqlite3.connect(old)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
        assert (
            conn.execute("SELECT COUNT(*) FROM task WHERE deleted_at IS NULL").fetchone()[0] == want["tasks"]
        )
    finally:
        conn.close()


def test_a_ledger_from_schema_6_is_backed_up_then_given_its_journal_index(
    filled: Ledger, tmp_path: Path
) -> None:
    """Version 7 indexes the journal by task: an older file is copied aside, then every task's history is the same."""
    tids = [r[0] for r in filled.store.conn.execute("SELECT id FROM task")]
    filled.bulk_insert(
        "import_plan",
        {"indicator": [filled.new_row("indicator", task_id=t, name="培训", unit="次") for t in tids]},
        {"file": "方案.docx"},
    )
    filled.update_progress(tids[0], "已开展培训")
    want = {t: filled.history(t) for t in tids}
    path = _closed_copy(filled, tmp_path)
    conn = sqlite3.connect(path)
    undo_schema_7(conn)
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    led = Ledger.open(path, clock=filled.clock)
    try:
        assert {t: led.history(t) for t in tids} == want
        assert [e.command for e in want[tids[0]]][-2:] == ["import_plan", "update_progress"]
        assert journal.verify(led.store) is None
    finally:
        led.close()
    assert path.with_name(f"{path.stem}.v6-备份{path.suffix}").exists()


def test_the_late_statuses_in_sql_are_the_models() -> None:
    from ledger.core import LATE_STATUSES
    from ledger.storage.schema import LATE_SQL

    assert {s.strip("'") for s in LATE_SQL.strip("()").split(",")} == LATE_STATUSES
