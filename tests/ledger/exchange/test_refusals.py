"""Returns that are refused whole, one case at a time: the master is compared before and after (its tables AND
its bytes, main file and WAL: a refusal writes nothing at all). Plus a merge killed half-way, and the CLI."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from unittest import mock

import pytest

from ledger.core import FixedClock, LedgerError
from ledger.exchange import packages as exchange
from ledger.exchange.merge import apply_merge, preview_merge
from ledger.storage import journal
from tests.helpers import run_main as run
from tests.ledger.exchange.exchange_helpers import dump, edit_package, file_bytes, master


@pytest.fixture
def world(tmp_path: Path, clock: FixedClock):
    led, ids = master(tmp_path, clock)
    yield led, ids
    led.close()


def _return(led, ids, tmp_path: Path, clock: FixedClock, name: str = "out") -> Path:
    path = exchange.issue_package(led, "南郊别墅", tmp_path / name)
    pkg = edit_package(path, clock)
    pkg.update_progress(ids["tasks_a"][0], "书记的进展")
    pkg.act(ids["tasks_a"][0], "start")
    pkg.close()
    return exchange.return_package(path, clock=clock)


def _refused(led, path: Path, code: str) -> LedgerError:
    before, raw = dump(led.path), file_bytes(led.path)
    for step in (preview_merge, apply_merge):
        with pytest.raises(LedgerError) as info:
            step(led, path)
        assert info.value.code == code, info.value.message()
    assert dump(led.path) == before and file_bytes(led.path) == raw, "the ledger changed"
    assert not list(led.path.parent.glob("*合并前备份*")), "a refused file must not even cause a backup"
    return info.value


def test_a_file_that_is_not_a_package(world, tmp_path: Path) -> None:
    led, _ = world
    text = tmp_path / "不是包.db"
    text.write_text("随便什么内容", encoding="utf-8")
    err = _refused(led, text, "package_not_package")
    assert "不是本程序的下发包或上报包" in err.message() and "未作任何改动" in err.message()


def test_a_plain_ledger_is_not_a_package(world, tmp_path: Path, clock: FixedClock) -> None:
    led, _ = world
    other, _ = master(tmp_path, clock, "另一本.db")
    other.close()
    assert "这是一本台账" in _refused(led, tmp_path / "另一本.db", "package_not_package").message()


def test_a_truncated_return(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    ret = _return(led, ids, tmp_path, clock)
    data = ret.read_bytes()
    ret.write_bytes(data[: len(data) // 2])
    _refused(led, ret, "package_damaged")


def test_a_return_edited_outside_the_program(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    ret = _return(led, ids, tmp_path, clock)
    conn = sqlite3.connect(ret)
    seq = conn.execute("SELECT MAX(seq) FROM journal WHERE command = 'update_progress'").fetchone()[0]
    conn.execute(
        "UPDATE journal SET payload = replace(payload, '书记的进展', '篡改的进展') WHERE seq = ?", (seq,)
    )
    conn.commit()
    conn.close()
    err = _refused(led, ret, "package_tampered")
    assert f"第 {seq} 条日志" in err.message() and "update_progress" in err.message()


def test_a_return_whose_rows_were_edited_behind_the_journal(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    ret = _return(led, ids, tmp_path, clock)
    conn = sqlite3.connect(ret)
    conn.execute("UPDATE task SET deadline = '2030-01-01'")
    conn.commit()
    conn.close()
    assert "在程序之外被改动过" in _refused(led, ret, "package_tampered").message()


def test_a_package_of_another_ledger(world, tmp_path: Path, clock: FixedClock) -> None:
    led, _ = world
    (tmp_path / "other").mkdir()
    other, other_ids = master(tmp_path / "other", clock)
    ret = _return(other, other_ids, tmp_path / "other", clock)
    other.close()
    assert "另一本台账" in _refused(led, ret, "package_other_ledger").message()


def test_a_package_this_ledger_never_issued(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    restored = led.store.backup(tmp_path / "恢复前.db")
    ret = _return(led, ids, tmp_path, clock)
    led.close()
    shutil.copyfile(restored, led.path)
    for side in ("-wal", "-shm"):
        led.path.with_name(led.path.name + side).unlink(missing_ok=True)
    again = edit_package(led.path, clock)
    try:
        assert "从未下发过" in _refused(again, ret, "package_not_issued").message()
    finally:
        again.close()
    world[0].store = again.store  # the fixture closes what is open


def test_entries_touching_another_community(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    pkg = edit_package(path, clock)
    pkg.update_progress(ids["tasks_a"][0], "正常的进展")
    pkg._package_guard = lambda *a, **k: None  # type: ignore[method-assign]  # as an older program would write
    with mock.patch("ledger.service.permissions.check", lambda *a, **k: False):  # nor the role gate
        pkg.add_community("鑫峰苑", id=ids["b"])
        pkg.add_task(ids["problem"], ids["b"], "越界添加的任务", owner="某人")
    pkg.close()
    ret = exchange.return_package(path, clock=clock)
    before, raw = dump(led.path), file_bytes(led.path)
    preview = preview_merge(led, ret)
    assert any("鑫峰苑" in r.reason for r in preview.refused)
    with pytest.raises(LedgerError) as info:
        apply_merge(led, ret)
    assert info.value.code == "package_out_of_scope" and "鑫峰苑" in info.value.message()
    assert dump(led.path) == before and file_bytes(led.path) == raw


# ---- the command line, and a merge killed half-way ---------------------------------------------------------------------


def _scripted_round(tmp_path: Path, clock: FixedClock) -> tuple[Path, Path, list[str]]:
    led, ids = master(tmp_path, clock)
    led.close()
    out = run("issue-package", led.path, "--community", "南郊别墅", tmp_path / "out", "--today", "2025-11-20")
    assert out.returncode == 0, out.stderr
    pkg = next((tmp_path / "out").glob("*下发包*.db"))
    sec = ("--actor", "王书记", "--role", "secretary")
    for t in ids["tasks_a"]:
        for cmd in (
            ("update_progress", "--task", t, "--text", f"进展{t[:4]}"),
            ("start", "--task", t),
            (
                "add_indicator",
                "--task",
                t,
                "--name",
                "培训",
                "--unit",
                "次",
                "--target",
                "3",
                "--actual",
                "1",
            ),
        ):
            done = run("do", pkg, *sec, *cmd)
            assert done.returncode == 0, done.stderr
    refused = run("do", pkg, *sec, "update_task", "--task", ids["tasks_a"][0], "--deadline", "2026-01-01")
    assert refused.returncode == 1 and "居民区模式" in refused.stderr and "整改时限" in refused.stderr
    done = run("return-package", pkg, "--today", "2025-11-20")
    assert done.returncode == 0, done.stderr
    return led.path, next((tmp_path / "out").glob("*上报*.db")), ids["tasks_a"]


def test_the_whole_round_trip_on_the_command_line(tmp_path: Path, clock: FixedClock) -> None:
    ledger, ret, tasks = _scripted_round(tmp_path, clock)
    before = dump(ledger)
    dry = run("apply-package", ledger, ret, "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert len(report["applied"]) == 9 and report["conflicts"] == [] and report["refused"] == []
    assert {"task_id", "field", "reason"} <= set(report["applied"][0])
    assert dump(ledger) == before
    done = run("apply-package", ledger, ret, "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["written"]
    again = json.loads(run("apply-package", ledger, ret, "--json").stdout)
    assert again["applied"] == [] and again["written"] is False
    assert run("verify", ledger).returncode == 0
    tasks_json = json.loads(run("tasks", ledger, "--json").stdout)
    assert {t["id"]: t["status"] for t in tasks_json if t["id"] in tasks} == dict.fromkeys(
        tasks, "in_progress"
    )


def test_open_conflicts_exit_3(tmp_path: Path, clock: FixedClock) -> None:
    ledger, ret, tasks = _scripted_round(tmp_path, clock)
    done = run(
        "do", ledger, "--actor", "张专班", "update_progress", "--task", tasks[0], "--text", "专班的进展"
    )
    assert done.returncode == 0, done.stderr
    done = run("apply-package", ledger, ret, "--json")
    assert done.returncode == 3, done.stderr
    report = json.loads(done.stdout)
    (conflict,) = report["conflicts"]
    assert conflict["task_id"] == tasks[0] and conflict["field"] == "progress" and conflict["reason"]
    listed = run("decide-conflict", ledger)
    assert listed.returncode == 3 and "专班的进展" in listed.stdout
    done = run("decide-conflict", ledger, conflict["conflict_id"], "--choice", "theirs", "--actor", "张专班")
    assert done.returncode == 0, done.stderr
    assert run("decide-conflict", ledger).returncode == 0
    assert run("verify", ledger).returncode == 0


def test_a_refused_file_on_the_command_line_says_why(world, tmp_path: Path) -> None:
    led, _ = world
    led.close()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 100)
    done = run("apply-package", led.path, junk)
    assert (
        done.returncode == 1
        and "不是本程序的下发包或上报包" in done.stderr
        and "Traceback" not in done.stderr
    )
    world[0].store = edit_package(led.path, FixedClock()).store


def test_killing_the_program_in_the_middle_of_a_merge_leaves_the_ledger_as_it_was(
    tmp_path: Path, clock: FixedClock
) -> None:
    ledger, ret, _ = _scripted_round(tmp_path, clock)
    before = dump(ledger)
    killed = run("apply-package", ledger, ret, env={"LEDGER_TEST_CRASH_AFTER": "4"})
    assert killed.returncode == 9, (killed.stdout, killed.stderr)
    assert run("verify", ledger).returncode == 0
    assert dump(ledger) == before
    done = run("apply-package", ledger, ret, "--json")
    assert done.returncode == 0 and len(json.loads(done.stdout)["applied"]) == 9
    assert run("verify", ledger).returncode == 0
    conn = sqlite3.connect(ledger)
    try:
        assert journal.GENESIS and conn.execute("SELECT COUNT(*) FROM package_merge").fetchone()[0] == 1
    finally:
        conn.close()
