"""The command line as a user runs it: `python main.py ...` in a subprocess; exit codes, sentences, JSON."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ledger.core import Status
from tests.helpers import run_main as run

TODAY = "2025-11-20"
STATUS_IDS = [
    "not_started",
    "in_progress",
    "submitted",
    "in_review",
    "returned",
    "closed",
    "ongoing",
    "reopened",
]
COMMUNITIES = ["南郊别墅", "鑫峰苑", "天恒名城", "瓶安路", "新源路", "申莘第一"]
TASK_KEYS = {
    "id",
    "detail",
    "department",
    "original_deadline",
    "days_left",
    "status_label",
    "statement",
    "return_reason",
    "review_round",
    "review_level",
    "review_level_name",
    "indicators",
    "updated_at",
    "evidence",
    "finished_by_original_deadline",
    "finished_by_original_deadline_label",
    "community",
    "category",
    "problem",
    "measure",
    "owner",
    "leader",
    "deadline",
    "kind",
    "status",
    "progress",
}


def ok(*args: str | Path) -> str:
    done = run(*args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def refused(*args: str | Path) -> subprocess.CompletedProcess[str]:
    done = run(*args)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert re.search(r"[\u4e00-\u9fff]", done.stderr), f"no Chinese sentence on stderr: {done.stderr!r}"
    return done


def tasks(path: Path) -> list[dict[str, Any]]:
    return json.loads(ok("tasks", path, "--json"))


def last_entry(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    try:
        cur = conn.execute(
            "SELECT seq, id, actor, role, origin, command, task_id FROM journal ORDER BY seq DESC LIMIT 1"
        )
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone(), strict=True))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("demo") / "示例台账.db"
    out = ok("demo", path, "--today", TODAY)
    assert "已生成示例台账" in out
    return path.read_bytes()


@pytest.fixture
def demo(demo_bytes: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "示例台账.db"
    path.write_bytes(demo_bytes)
    return path


def rows(path: Path) -> list[tuple[Any, ...]]:
    """The task table read directly (cheaper than a subprocess where only "unchanged" is checked)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM task ORDER BY rowid").fetchall()
    finally:
        conn.close()


def first_with_status(path: Path, status: str) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    try:
        cur = conn.execute(
            "SELECT id, progress, status FROM task WHERE status = ? ORDER BY rowid LIMIT 1", (status,)
        )
        names = [d[0] for d in cur.description]
        return dict(zip(names, cur.fetchone(), strict=True))
    finally:
        conn.close()


# ---- new ---------------------------------------------------------------------------------------------
def test_new_then_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "新台账.db"
    assert "已新建空白台账" in ok("new", path, "--org", "莘庄工业区党工委")
    assert json.loads(ok("stats", path, "--json"))["tasks"] == 0
    before = path.read_bytes()
    done = run("new", path, "--org", "别的单位")
    assert done.returncode != 0
    assert "已经存在" in done.stderr and "Traceback" not in done.stderr
    assert path.read_bytes() == before
    conn = sqlite3.connect(path)
    assert (
        conn.execute("SELECT value FROM setting WHERE key = 'org_name'").fetchone()[0] == '"莘庄工业区党工委"'
    )
    conn.close()


# ---- demo, stats, tasks -------------------------------------------------------------------------------
def test_demo_stats_json(demo: Path) -> None:
    stats = json.loads(ok("stats", demo, "--json", "--today", TODAY))
    assert set(stats) == {"tasks", "by_status", "by_community", "overdue"}
    assert list(stats["by_status"]) == STATUS_IDS
    assert list(stats["by_community"]) == COMMUNITIES
    missing = [s for s, n in stats["by_status"].items() if n < 1]
    assert not missing, f"the example ledger should show every state; missing {missing}"
    assert stats["tasks"] == sum(stats["by_status"].values()) == sum(stats["by_community"].values())
    listed = tasks(demo)
    assert len(listed) == stats["tasks"]
    overdue = [
        t
        for t in listed
        if t["deadline"]
        and t["deadline"] < TODAY
        and t["status"] in ("not_started", "in_progress", "returned", "reopened")
    ]
    assert stats["overdue"] == len(overdue) > 0


def test_stats_text_is_chinese(demo: Path) -> None:
    out = ok("stats", demo, "--today", TODAY)
    assert "整改任务" in out and "逾期" in out and "已销号" in out and "长期坚持" in out


def test_tasks_json_lists_every_task_with_its_fields(demo: Path) -> None:
    listed = tasks(demo)
    assert listed
    for t in listed:
        assert set(t) == TASK_KEYS
        assert t["community"] in COMMUNITIES and t["status"] in STATUS_IDS
        assert t["kind"] in ("立行立改", "限期整改", "长期坚持")
        assert t["measure"] and t["owner"].endswith("（示例）")
        assert t["deadline"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", t["deadline"])
    assert len({t["id"] for t in listed}) == len(listed)
    text = ok("tasks", demo)
    assert len(text.strip().splitlines()) == len(listed)


# ---- verify ------------------------------------------------------------------------------------------
def test_verify_then_tamper(demo: Path) -> None:
    assert "完好" in ok("verify", demo)
    victim = tasks(demo)[0]["id"]
    conn = sqlite3.connect(demo)
    conn.execute("UPDATE task SET owner = 'x' WHERE id = ?", (victim,))
    conn.commit()
    conn.close()
    done = run("verify", demo)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    m = re.search(r"校验失败：第 (\d+) 条日志（([^，]+)，(\w+)）", done.stdout)
    assert m, done.stdout
    assert "owner" in done.stdout and victim in done.stdout and "“x”" in done.stdout
    conn = sqlite3.connect(demo)
    command = conn.execute("SELECT command FROM journal WHERE seq = ?", (int(m[1]),)).fetchone()[0]
    conn.close()
    assert command == m[3]


def test_a_rewritten_tail_passes_the_chain_but_not_the_printed_anchor(demo: Path) -> None:
    """Someone edits the newest entry AND recomputes its hash: the chain alone still looks whole; the anchor
    printed on paper (周报, 销号审批表) earlier does not match any more."""
    from ledger.storage import entry_hash

    printed = re.search(r"最新日志校验码：(\d+:[0-9a-f]{16})", ok("verify", demo))
    assert printed, "verify shows the anchor to write down"
    anchor = printed.group(1)
    assert "相符" in ok("verify", demo, "--anchor", anchor)
    seq = int(anchor.split(":")[0])
    conn = sqlite3.connect(demo)
    row = conn.execute(
        "SELECT id, at, actor, role, origin, command, task_id, payload, prev_hash FROM journal WHERE seq = ?",
        (seq,),
    ).fetchone()
    fields = dict(
        zip(("id", "at", "actor", "role", "origin", "command", "task_id", "payload"), row[:8], strict=True)
    )
    fields["actor"] = "别人"  # who did it, rewritten
    conn.execute(
        "UPDATE journal SET actor = ?, hash = ? WHERE seq = ?",
        (fields["actor"], entry_hash(row[8], seq, fields), seq),
    )
    conn.commit()
    conn.close()
    assert "完好" in ok("verify", demo)  # the known limit of a chain kept inside the file
    done = run("verify", demo, "--anchor", anchor)
    assert done.returncode == 1 and f"第 {seq} 条日志" in done.stdout and "改写" in done.stdout
    spaced = anchor.split(":")[0] + ":" + " ".join(anchor.split(":")[1][i : i + 4] for i in range(0, 16, 4))
    assert (
        run("verify", demo, "--anchor", spaced).returncode == 1
    )  # copied by hand in groups of four: same check
    done = run("verify", demo, "--anchor", f"{seq + 5}:{anchor.split(':')[1]}")
    assert done.returncode == 1 and "删去" in done.stdout
    bad = run("verify", demo, "--anchor", "第五条")
    assert bad.returncode == 2 and "不是日志校验码" in bad.stderr and "Traceback" not in bad.stderr


def test_verify_a_truncated_ledger(demo: Path) -> None:
    data = demo.read_bytes()
    demo.write_bytes(data[: len(data) // 2])
    done = refused("verify", demo)
    assert "已损坏" in done.stderr or "不是整改台账" in done.stderr


# ---- do ----------------------------------------------------------------------------------------------
def test_update_progress_records_the_actor(demo: Path) -> None:
    task = first_with_status(demo, "in_progress")
    line = ok(
        "do",
        demo,
        "--actor",
        "张三",
        "update_progress",
        "--task",
        task["id"][:8],
        "--text",
        "已召开居民议事会",
    ).strip()
    # one Chinese line: what was done, to which task, what changed, the entry (8 characters, usable everywhere)
    m = re.fullmatch(r"已更新整改进展：(.+)（整改进展 .* → 已召开居民议事会）〔日志 ([0-9a-f]{8})〕", line)
    listed = {t["id"]: t for t in tasks(demo)}[task["id"]]
    assert (
        m and m[1] == f"{listed['community']}·{listed['measure']}" and last_entry(demo)["id"].startswith(m[2])
    )
    after = {t["id"]: t for t in tasks(demo)}
    assert after[task["id"]]["progress"] == "已召开居民议事会"
    e = last_entry(demo)
    assert (e["actor"], e["role"], e["command"], e["task_id"]) == (
        "张三",
        "work_team",
        "update_progress",
        task["id"],
    )
    assert "完好" in ok("verify", demo)


def test_actor_may_follow_the_command(demo: Path) -> None:
    task = first_with_status(demo, "in_progress")
    ok(
        "do",
        demo,
        "update_progress",
        "--task",
        task["id"][:8],
        "--text",
        "已召开居民议事会",
        "--actor",
        "张三",
    )
    assert last_entry(demo)["actor"] == "张三"


def new_state(line: str, demo: Path, tid: str) -> str:
    """After a `do` step printed its one Chinese line (saying the move, if the state moved): the task's state."""
    assert line.startswith("已") and "〔日志 " in line, line
    now = {t["id"]: t for t in tasks(demo)}[tid]["status"]
    assert ("状态 " in line) is (f"→ {Status(now).label}" in line), line
    return str(now)


def test_workflow_across_the_chain(demo: Path) -> None:
    tid = first_with_status(demo, "not_started")["id"]
    short = tid[:8]
    assert (
        new_state(
            ok("do", demo, "--actor", "王书记", "--role", "secretary", "start", "--task", short), demo, tid
        )
        == "in_progress"
    )
    assert (
        new_state(
            ok(
                "do",
                demo,
                "--actor",
                "王书记",
                "--role",
                "居民区书记",
                "submit",
                "--task",
                short,
                "--reason",
                "已按方案完成整改",
            ),
            demo,
            tid,
        )
        == "submitted"
    )
    # no evidence in the example ledger and unmet indicators: 初审 checks the materials, so it needs an exception
    done = refused("do", demo, "--actor", "张专班", "approve", "--task", short, "--grade", "好")
    assert "初审须核查" in done.stderr and "没有佐证材料" in done.stderr
    assert (
        new_state(
            ok(
                "do",
                demo,
                "--actor",
                "张专班",
                "approve",
                "--task",
                short,
                "--grade",
                "好",
                "--exception",
                "材料为纸质存档",
            ),
            demo,
            tid,
        )
        == "in_review"
    )
    assert (
        new_state(
            ok("do", demo, "--actor", "刘副书记", "--role", "leader", "approve", "--task", short), demo, tid
        )
        == "in_review"
    )
    # the same leader cannot sign 终审 too: refused, ledger unchanged
    before_bytes, before = demo.read_bytes(), rows(demo)
    done = refused("do", demo, "--actor", "刘副书记", "--role", "leader", "approve", "--task", short)
    assert "同一人不能签两级" in done.stderr
    assert demo.read_bytes() == before_bytes and rows(demo) == before
    assert (
        new_state(
            ok(
                "do",
                demo,
                "--actor",
                "陈书记",
                "--role",
                "领导",
                "approve",
                "--task",
                short,
            ),
            demo,
            tid,
        )
        == "closed"
    )
    final = {t["id"]: t for t in tasks(demo)}[tid]
    # the statement is its own field, never appended to the progress text
    assert final["status"] == "closed" and final["statement"] == "已按方案完成整改"
    assert "已按方案完成整改" not in final["progress"]
    e = last_entry(demo)
    assert (e["actor"], e["role"], e["command"]) == ("陈书记", "leader", "approve")
    assert "完好" in ok("verify", demo)


@pytest.mark.parametrize(
    "status,args,words",
    [
        ("closed", ["--actor", "王书记", "--role", "secretary", "start"], "不能从“已销号”执行“开始推进”"),
        ("submitted", ["--actor", "刘副书记", "--role", "leader", "approve"], "需要工作专班身份"),
        ("submitted", ["--actor", "张专班", "return"], "退回必须填写理由"),
        ("in_progress", ["--actor", "王书记", "--role", "secretary", "submit"], "必须填写理由"),
    ],
)
def test_refused_step_says_why_and_changes_nothing(
    demo: Path, status: str, args: list[str], words: str
) -> None:
    task = first_with_status(demo, status)
    before_bytes, before = demo.read_bytes(), rows(demo)
    done = refused("do", demo, *args, "--task", task["id"][:8])
    assert words in done.stderr
    assert demo.read_bytes() == before_bytes
    assert rows(demo) == before


def test_undo_through_the_command_line(demo: Path) -> None:
    task = first_with_status(demo, "in_progress")
    done = json.loads(
        ok(
            "do",
            demo,
            "--actor",
            "张三",
            "update_progress",
            "--task",
            task["id"],
            "--text",
            "写错了",
            "--json",
        )
    )
    assert (
        done["entry"] == done["entries"][0]["entry"]
        and done["entries"][0]["in_words"][0]["after"] == "写错了"
    )
    ok("do", demo, "--actor", "张三", "undo", "--entry", done["entry"][:8])  # the short id is enough
    after = {t["id"]: t for t in tasks(demo)}[task["id"]]
    assert after["progress"] == task["progress"] and after["status"] == "in_progress"
    assert last_entry(demo)["command"] == "undo"
    done = refused("do", demo, "--actor", "张三", "undo", "--entry", "no-such-entry")
    assert "没有可以撤销的操作" in done.stderr


def test_bad_input_through_do(demo: Path) -> None:
    task = first_with_status(demo, "in_progress")
    before = rows(demo)
    done = refused(
        "do", demo, "--actor", "张三", "update_task", "--task", task["id"][:8], "--deadline", "明天"
    )
    assert "“明天”不是有效日期" in done.stderr
    done = refused("do", demo, "--actor", "张三", "update_task", "--task", "ffffffffff")
    assert "找不到这条整改任务" in done.stderr
    done = refused("do", demo, "--actor", "张三", "--role", "主任", "start", "--task", task["id"][:8])
    assert "身份只能是" in done.stderr
    assert rows(demo) == before


def test_do_without_actor_asks_for_one(demo: Path) -> None:
    done = run("do", demo, "update_progress", "--task", "abcdef12", "--text", "x")
    assert done.returncode == 2 and "--actor" in done.stderr and "操作人" in done.stderr


# ---- files that are not ledgers --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["tasks", "--json"],
        ["verify"],
        ["do", "--actor", "张三", "update_progress", "--task", "abcdef12", "--text", "x"],
    ],
)
def test_text_file_is_refused_with_a_sentence(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "通知.txt"
    path.write_text("这不是台账\n", encoding="utf-8")
    verb, *rest = command
    done = refused(verb, path, *rest)
    assert "不是整改台账文件" in done.stderr and "未作任何改动" in done.stderr
    assert path.read_text(encoding="utf-8") == "这不是台账\n"


def test_missing_file_is_refused_with_a_sentence(tmp_path: Path) -> None:
    done = refused("stats", tmp_path / "没有.db")
    assert "找不到文件" in done.stderr


def test_bad_today_is_refused_with_a_sentence(demo: Path) -> None:
    done = refused("stats", demo, "--today", "11月20日")
    assert "不是有效日期" in done.stderr


def test_top_level_today_is_honoured(demo: Path) -> None:
    after = json.loads(ok("stats", demo, "--json", "--today", TODAY))
    before = json.loads(ok("--today", TODAY, "stats", demo, "--json"))
    assert before == after


# ---- what a user can get wrong on the command line: a sentence, never a traceback ---------------------------
def test_a_new_ledger_under_a_file_is_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "a.db").write_text("一个文件", encoding="utf-8")
    done = refused("new", tmp_path / "a.db" / "x.db")
    assert "保存位置" in done.stderr and (tmp_path / "a.db").read_text(encoding="utf-8") == "一个文件"


def test_a_setting_edited_outside_the_program_is_named_by_verify(demo: Path) -> None:
    conn = sqlite3.connect(demo)
    conn.execute("UPDATE setting SET value = '本单位' WHERE key = 'org_name'")  # not even JSON any more
    conn.commit()
    conn.close()
    done = run("verify", demo)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "org_name" in done.stdout


@pytest.mark.parametrize("value", ['"abc"', '[{"name": "初审", "role": "bogus"}]', '[{"name": "初审"}]', "5"])
def test_a_malformed_review_chain_is_refused_with_a_sentence(demo: Path, value: str) -> None:
    before = demo.read_bytes()
    done = refused("do", demo, "--actor", "张三", "set_setting", "--key", "review_chain", "--value", value)
    assert "审核链" in done.stderr
    assert "完好" in ok("verify", demo) and len(demo.read_bytes()) >= len(before)
