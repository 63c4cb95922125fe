"""Upgrading an older ledger file: it says how far it got (the backup's pages, each step, rows where a step counts
them), and stopped anywhere (cancelled, interrupted, killed) the file is exactly as it was."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ledger.core import KnownStorageError
from ledger.service import Ledger
from ledger.storage import Store, upgrade
from ledger.storage.schema import SCHEMA_VERSION
from tests.ledger.storage.old_files import backups_beside, old_file, snapshot

ROOT = Path(__file__).resolve().parents[3]


class Stop(Exception):
    """What a report raises to cancel (the window's 取消)."""


@pytest.fixture
def often(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every report sent and the progress handler called often, so a small file shows every kind of report."""
    monkeypatch.setattr(upgrade, "REPORT_EVERY", 0.0)
    monkeypatch.setattr(upgrade, "PROGRESS_EVERY", 50)
    monkeypatch.setattr(upgrade, "BACKUP_STEP_PAGES", 1)


def test_pending_tells_an_older_file_from_a_current_one(filled: Ledger, tmp_path: Path) -> None:
    assert upgrade.pending(filled.path) is None
    old = old_file(filled, tmp_path / "旧.db")
    assert upgrade.pending(old) == 8
    (tmp_path / "文本.db").write_text("不是数据库", encoding="utf-8")
    assert upgrade.pending(tmp_path / "文本.db") is None
    assert upgrade.pending(tmp_path / "没有.db") is None


def test_an_upgrade_reports_the_backup_pages_then_its_step(
    filled: Ledger, tmp_path: Path, often: None
) -> None:
    path = old_file(filled, tmp_path / "旧.db")
    before = snapshot(path)
    stages: list[upgrade.Stage] = []
    Store.upgrade(path, stages.append)

    backup = [s for s in stages if s.kind == "backup"]
    assert len(backup) > 2 and backup[-1].done == backup[-1].total > 1
    assert [s.done for s in backup] == sorted(s.done for s in backup)
    assert all(s.backup == tmp_path / "旧.v8-备份.db" for s in backup)
    steps = [s for s in stages if s.kind == "migrate"]
    assert {(s.step, s.steps, s.schema) for s in steps} == {(1, 1, 9)}
    assert len(steps) > 2  # the progress handler reported while the statements ran
    assert (
        steps[-1].fraction is None
        and "正在升级台账文件（第 1 步，共 1 步：建立搜索索引）…  已用" in steps[-1].sentence()
    )
    assert stages[-1].kind == "done"

    assert upgrade.pending(path) is None
    assert (
        snapshot(tmp_path / "旧.v8-备份.db")[1:] == before[1:]
    )  # the backup is the old file, table for table
    led = Ledger.open(path)
    try:
        assert led.store.one("PRAGMA user_version") == SCHEMA_VERSION
        assert len(led.tasks_json()) == 6
    finally:
        led.close()


def test_a_step_that_reads_rows_counts_them(filled: Ledger, tmp_path: Path, often: None) -> None:
    for i in range(30):
        filled.update_progress(filled.store.one("SELECT id FROM task LIMIT 1"), f"第 {i} 次")
    entries = filled.store.one("SELECT COUNT(*) FROM journal")
    path = old_file(filled, tmp_path / "旧.db", version=6)
    stages: list[upgrade.Stage] = []
    Store.upgrade(path, stages.append)
    seventh = [s for s in stages if s.kind == "migrate" and s.schema == 7]
    assert {(s.step, s.steps, s.total) for s in seventh} == {(1, 3, entries)}
    done = [s.done for s in seventh]  # the rows read (also reported by the progress handler between them)
    assert done == sorted(done) and sorted(set(done)) == list(range(entries + 1))
    assert "第 1 步，共 3 步：建立修改历史索引）…  100%" in seventh[-1].sentence()
    assert {s.schema for s in stages if s.kind == "migrate"} == {7, 8, 9}
    assert upgrade.pending(path) is None


def _stop_at(where: str, stages: list[upgrade.Stage]) -> upgrade.Report:
    def report(stage: upgrade.Stage) -> None:
        stages.append(stage)
        seen = [s for s in stages if s.kind == stage.kind]
        if where == "backup" and stage.kind == "backup" and 0 < stage.done < stage.total:
            raise Stop
        if where == "statement" and stage.kind == "migrate" and len(seen) == 3:
            raise Stop  # the progress handler's call, inside a statement of migration 9
        if where == "rows" and stage.kind == "migrate" and stage.schema == 7 and stage.done == 2:
            raise Stop
        if where == "commit" and stage.kind == "migrate" and stage.schema == 9 and len(seen) > 3:
            if sys._getframe(2).f_code.co_name == "migrate":  # its last word before COMMIT
                raise Stop

    return report


@pytest.mark.parametrize(
    ("where", "version"), [("backup", 8), ("statement", 8), ("commit", 8), ("rows", 6), ("commit", 6)]
)
def test_cancelled_anywhere_the_file_is_as_it_was(
    filled: Ledger, tmp_path: Path, often: None, where: str, version: int
) -> None:
    for i in range(30):
        filled.update_progress(filled.store.one("SELECT id FROM task LIMIT 1"), f"第 {i} 次")
    path = old_file(filled, tmp_path / "旧.db", version=version)
    before = snapshot(path)
    stages: list[upgrade.Stage] = []
    with pytest.raises(Stop) as info:
        Store.upgrade(path, _stop_at(where, stages))
    if where == "statement":  # SQLite's progress handler stopped a statement half-way
        assert isinstance(info.value.__context__, sqlite3.OperationalError)
    assert snapshot(path) == before, "a cancelled upgrade changed the file"
    assert backups_beside(path) == [], "a cancelled upgrade left its backup"
    assert not any(s.kind == "done" for s in stages)
    Store.upgrade(path)  # the next open upgrades it
    assert upgrade.pending(path) is None


def _run(path: Path, crash: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "stats", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, upgrade.CRASH_IN_MIGRATION_ENV: crash},
        timeout=180,
    )


@pytest.mark.parametrize(("crash", "version"), [("9", 8), ("commit", 8), ("7", 6), ("9", 6), ("commit", 6)])
def test_killed_half_way_the_file_is_as_it_was(
    filled: Ledger, tmp_path: Path, crash: str, version: int
) -> None:
    path = old_file(filled, tmp_path / "旧.db", version=version)
    _bytes, _version, tables = snapshot(path)
    killed = _run(path, crash)
    assert killed.returncode == 9, (killed.stdout, killed.stderr)
    conn = sqlite3.connect(path)  # recovers from what the killed process left (its WAL), as any open does
    conn.close()
    after = snapshot(path)
    assert after[1:] == (version, tables), "a killed upgrade changed the file"
    assert after[0] == _bytes
    done = _run(path, "")
    assert done.returncode == 0, done.stderr
    assert upgrade.pending(path) is None


@pytest.mark.parametrize("how", [{"read_only": True}, {"lock": False, "upgrade": False}])
def test_opened_only_to_read_an_older_file_is_refused_with_a_sentence_not_upgraded(
    filled: Ledger, tmp_path: Path, how: dict[str, bool]
) -> None:
    """What only reads (the overview's worker, the screenshot, a command beside the window) has no one to ask and
    no backup to make: it says to open the file in the window first, and the file stays as it was."""
    path = old_file(filled, tmp_path / "旧.db")
    before = snapshot(path)
    with pytest.raises(KnownStorageError) as info:
        Ledger.open(path, **how)
    assert info.value.code == "needs_upgrade"
    assert info.value.message() == (
        f"台账文件“{path}”由旧版本的程序保存（格式版本 8），要先升级才能读取；这里只读取、不升级它。"
        "请先在程序窗口中打开它（程序会先备份原文件再升级），然后再试；文件未作任何改动。"
    )
    assert snapshot(path) == before and backups_beside(path) == []
