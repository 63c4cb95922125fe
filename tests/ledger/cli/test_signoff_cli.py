"""Issue 3 from the command line: `python main.py do …` for evidence, extensions, 回头看 and 待我审核; then verify."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ledger import signoff
from ledger.core import Action, Operator, Role, Status
from ledger.service import Ledger
from tests.helpers import run_main as run

TODAY = "2025-11-20"
SEC = ("--actor", "王书记", "--role", "secretary")
WT = ("--actor", "张专班", "--role", "work_team")
L1 = ("--actor", "刘副书记", "--role", "leader")


def do(path: Path, *args: str | Path) -> str:
    done = run("do", path, "--today", TODAY, *args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout.strip()


def number(line: str) -> str:
    """The short id a summary line gives the row it added (编号 1a2b3c4d)."""
    m = re.search(r"编号 ([0-9a-f]{8})", line)
    assert m, line
    return m[1]


def refused(path: Path, *args: str | Path) -> str:
    done = run("do", path, "--today", TODAY, *args)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert re.search(r"[\u4e00-\u9fff]", done.stderr)
    return done.stderr


def query(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def ledger_file(filled: Ledger) -> Path:
    """The six-task ledger with three tasks signed off, closed so that the command line can open it."""
    ids = sorted(t["id"] for t in filled.tasks_json() if t["deadline"] and t["deadline"] >= "2025-11-25")
    for tid in ids:
        filled.operator = Operator("王书记", Role.SECRETARY)
        filled.act(tid, Action.START)
        signoff.attach_evidence(filled, tid, data=f"照片 {tid}".encode(), file_name="现场.jpg")
        filled.act(tid, Action.SUBMIT, reason="已完成")
        for name, role in (("张专班", Role.WORK_TEAM), ("刘副书记", Role.LEADER), ("陈书记", Role.LEADER)):
            filled.operator = Operator(name, role)
            filled.act(tid, Action.APPROVE, grade="好")
        assert filled.task(tid).status == Status.CLOSED
    path = filled.path
    filled.close()
    return path


def test_round_trip_of_every_step(ledger_file: Path, tmp_path: Path) -> None:
    path = ledger_file
    open_task = query(path, "SELECT id FROM task WHERE status = 'not_started' AND deadline = '2025-11-18'")[
        0
    ][0]
    short = open_task[:8]
    # evidence
    photo = tmp_path / "巡查照片.jpg"
    photo.write_bytes(b"\xff\xd8" + os.urandom(1000))
    eid = number(do(path, *SEC, "attach_evidence", "--task", short, "--file", photo))
    assert query(path, "SELECT file_name, added_by FROM evidence WHERE id LIKE ?", (eid + "%",)) == [
        ("巡查照片.jpg", "王书记")
    ]
    assert "已经" in refused(path, *SEC, "attach_evidence", "--task", short, "--file", photo)
    assert "找不到" in refused(
        path, *SEC, "attach_evidence", "--task", short, "--file", tmp_path / "没有.jpg"
    )
    # 待我审核
    do(path, *SEC, "start", "--task", short)
    do(path, *SEC, "submit", "--task", short, "--reason", "已完成巡查")
    queue = json.loads(do(path, *WT, "review_queue"))
    assert [q["task"] for q in queue] == [open_task] and queue[0]["level_name"] == "初审"
    assert queue[0]["evidence"] == 1
    assert json.loads(do(path, *L1, "review_queue")) == []
    # extensions: the task without a deadline gets one, then asks for a later one
    tid = query(path, "SELECT id FROM task WHERE status = 'not_started' AND deadline IS NULL")[0][0]
    do(path, *WT, "update_task", "--task", tid, "--deadline", "2025-11-30")
    xid = number(
        do(
            path,
            *SEC,
            "request_extension",
            "--task",
            tid[:8],
            "--deadline",
            "2025-12-31",
            "--reason",
            "等待采购",
        )
    )
    assert "待批" in refused(
        path, *SEC, "request_extension", "--task", tid, "--deadline", "2026-01-31", "--reason", "again"
    )
    assert "领导" in refused(path, *SEC, "decide_extension", "--extension", xid, "--approve")
    assert "--approve" in refused(path, *L1, "decide_extension", "--extension", xid)
    assert "待批 → 同意延期" in do(
        path, *L1, "decide_extension", "--extension", xid[:8], "--approve", "--note", "同意"
    )
    assert query(path, "SELECT deadline, original_deadline FROM task WHERE id = ?", (tid,)) == [
        ("2025-12-31", "2025-11-30")
    ]
    late = run(
        "do",
        path,
        "--today",
        "2026-01-01",
        *SEC,
        "request_extension",
        "--task",
        tid,
        "--deadline",
        "2026-02-28",
        "--reason",
        "x",
    )
    assert late.returncode == 1 and "已过" in late.stderr
    # 回头看
    drawn = json.loads(do(path, *WT, "draw_recheck", "--count", "2", "--seed", "42"))
    assert drawn["seed"] == 42 and drawn["population"] == 3 and len(drawn["sample"]) == 2
    assert [it["task"] for it in drawn["items"]] == drawn["sample"]
    again = json.loads(do(path, *WT, "repeat_draw", "--recheck", drawn["recheck"][:8]))
    assert again["same"] is True and again["repeated"] == drawn["sample"]
    first, second = drawn["items"]
    assert (
        do(
            path,
            *L1,
            "record_recheck",
            "--item",
            first["item"],
            "--result",
            "relapse",
            "--finding",
            "楼道堆物又出现",
        )
    ).count("→ 反弹重启") == 1
    assert "待核查 → 合格" in do(path, *WT, "record_recheck", "--item", second["item"], "--result", "pass")
    assert query(path, "SELECT status, return_reason FROM task WHERE id = ?", (first["task"],)) == [
        ("reopened", "回头看发现反弹：楼道堆物又出现")
    ]
    assert "反弹" in refused(path, *WT, "record_recheck", "--item", first["item"], "--result", "pass")
    per = json.loads(
        do(
            path,
            *WT,
            "draw_recheck",
            "--percent",
            "50",
            "--per-community",
            "--community",
            "南郊别墅",
            "鑫峰苑",
        )
    )
    assert per["scope"] == "per_community" and per["population"] == 2
    assert "数量" in refused(path, *WT, "draw_recheck", "--count", "0")
    # remove, export
    assert "已删除" in do(path, *SEC, "remove_evidence", "--evidence", eid[:8])
    out = tmp_path / "佐证材料.zip"
    assert do(path, *WT, "export_evidence", "--out", out) == f"已导出佐证材料：{out}"
    names = zipfile.ZipFile(out).namelist()
    # three signed-off tasks' photos and the list, as CSV and as a print-ready workbook
    assert "目录.csv" in names and "目录.xlsx" in names and len(names) == 5
    one = tmp_path / "一项.zip"
    do(path, *WT, "export_evidence", "--out", one, "--community", "鑫峰苑")
    assert all(n.startswith("鑫峰苑/") for n in zipfile.ZipFile(one).namelist() if not n.startswith("目录."))
    # the whole trail verifies
    done = run("verify", path)
    assert done.returncode == 0 and "完好" in done.stdout, done.stdout
    commands = {r[0] for r in query(path, "SELECT command FROM journal")}
    assert {
        "attach_evidence",
        "remove_evidence",
        "request_extension",
        "decide_extension",
        "draw_recheck",
        "record_recheck",
    } <= commands


def test_verify_fails_after_editing_a_draw_behind_the_programs_back(ledger_file: Path) -> None:
    drawn = json.loads(do(ledger_file, *WT, "draw_recheck", "--count", "1", "--seed", "1"))
    assert drawn["sample"]
    conn = sqlite3.connect(ledger_file)
    conn.execute("UPDATE recheck SET seed = 2")
    conn.commit()
    conn.close()
    done = run("verify", ledger_file)
    assert done.returncode == 1 and "recheck" in done.stdout
