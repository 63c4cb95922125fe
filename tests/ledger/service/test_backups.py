"""Automatic backups (ledger.backups): a copy whenever the ledger closes changed, the newest few kept."""

from __future__ import annotations

from pathlib import Path

from ledger.core import FixedClock
from ledger.service import backups
from ledger.service.commands import Ledger
from ledger.storage import journal


def test_a_changed_ledger_is_copied_and_an_unchanged_one_is_not(filled: Ledger, tmp_path: Path) -> None:
    data = tmp_path / "数据"
    first = backups.backup_if_changed(filled, data)
    assert first is not None and first.parent.parent == data / "自动备份"
    assert first.name.endswith(f"-第{journal.last_seq(filled.store)}条.db")
    assert backups.backup_if_changed(filled, data) is None  # nothing changed since
    filled.update_progress(filled.tasks_json()[0]["id"], "又推进了")
    second = backups.backup_if_changed(filled, data)
    assert second is not None and backups.backups(filled.path, data) == [second, first]
    copy = Ledger.open(second, clock=filled.clock)
    try:
        assert copy.tasks_json() == filled.tasks_json() and journal.verify(copy.store) is None
    finally:
        copy.close()


def test_only_the_newest_copies_are_kept(filled: Ledger, tmp_path: Path) -> None:
    tid = filled.tasks_json()[0]["id"]
    made = []
    for i in range(5):
        filled.update_progress(tid, f"第 {i} 次")
        made.append(backups.backup_if_changed(filled, tmp_path, keep=3))
    kept = backups.backups(filled.path, tmp_path)
    assert kept == made[:1:-1] and all(not p.exists() for p in made[:2])


def test_two_ledgers_of_the_same_name_keep_their_copies_apart(tmp_path: Path) -> None:
    clock = FixedClock.on("2025-11-20")
    a = Ledger.create(tmp_path / "甲" / "整改台账.db", org="甲", clock=clock)
    b = Ledger.create(tmp_path / "乙" / "整改台账.db", org="乙", clock=clock)
    try:
        for led in (a, b):
            backups.backup_if_changed(led, tmp_path / "数据", keep=1)
        assert backups.folder_for(a.path, tmp_path / "数据") != backups.folder_for(b.path, tmp_path / "数据")
        assert len(backups.backups(a.path, tmp_path / "数据")) == 1
        assert len(backups.backups(b.path, tmp_path / "数据")) == 1
    finally:
        a.close()
        b.close()


def test_ten_copies_are_kept_by_default(filled: Ledger, tmp_path: Path) -> None:
    tid = filled.tasks_json()[0]["id"]
    for i in range(backups.KEEP + 2):
        filled.update_progress(tid, f"第 {i} 次")
        backups.backup_if_changed(filled, tmp_path)
    assert backups.KEEP == 10 and len(backups.backups(filled.path, tmp_path)) == 10


def test_two_bulk_backups_in_one_second_keep_both(filled: Ledger) -> None:
    first = backups.before_bulk_change(filled, "导入前备份")
    filled.update_progress(filled.tasks_json()[0]["id"], "两次导入之间")
    second = backups.before_bulk_change(filled, "导入前备份")  # the clock has not moved: the same second
    assert first != second and first.exists() and second.exists() and second.name.endswith("-2.db")
