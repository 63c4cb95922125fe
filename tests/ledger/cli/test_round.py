"""A whole rectification round from the command line, with fixed dates, and every figure checked against it.

Three roles (工作专班 张专班, 居民区书记 王书记 / 李书记, 领导 刘副书记 / 陈书记), two weeks, a community package
with a conflict decided at import, a correction and an extension of a deadline, a three-level chain, a 长期坚持
task. The 周报 (.docx and .xlsx), the 汇总, ``period compare`` and the 修改记录 must say what this test did.

Six tasks (A–F):
  A 南郊别墅 开展专项整治  12-31, corrected to 11-20 (11-17), extended to 12-15 (asked 11-18, approved 11-19)
  B 南郊别墅 强化宣传培训  11-21, started in the package (11-18), signed off 11-26: late (否)
  C 鑫峰苑   加强日常巡查  12-20, signed off 11-20: on time (是)
  D 鑫峰苑   建立长效机制  长期坚持
  E 南郊别墅 完善审核机制  11-10 (overdue), progress written in the package AND on the master: a conflict
  F 鑫峰苑   强化警示教育  no deadline, 申请销号 on 11-21
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.helpers import run_main as run

WT = ("--actor", "张专班", "--role", "工作专班")
SEC_A = ("--actor", "王书记", "--role", "居民区书记")
SEC_B = ("--actor", "李书记", "--role", "居民区书记")
L1 = ("--actor", "刘副书记", "--role", "领导")
L2 = ("--actor", "陈书记", "--role", "领导")


def cli(*args: str | Path, day: str, code: int = 0) -> str:
    """One command on ``day``; the global options come AFTER the subcommand (they are accepted anywhere)."""
    done = run(*args, "--today", day)
    assert done.returncode == code, (args, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done.stdout + done.stderr


def tasks(db: Path, day: str) -> dict[str, dict[str, Any]]:
    return {t["owner"]: t for t in json.loads(cli("tasks", db, "--json", day=day))}


@pytest.fixture(scope="module")
def round_(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("round")
    db = tmp / "台账.db"
    d = "2025-11-17"
    cli("new", db, "--org", "测试工业区党工委", day=d)
    cli("do", db, "add_community", "--name", "南郊别墅", "--secretary", "王书记", *WT, day=d)
    cli("do", db, "add_community", "--name", "鑫峰苑", "--secretary", "李书记", *WT, day=d)
    cli("do", db, "add_category", "--title", "关于党建引领方面的整改", *WT, day=d)
    for title in ("针对治理效能不足的问题", "针对安全隐患的问题"):
        cli("do", db, "add_problem", "--category", "关于党建引领方面的整改", "--title", title, *WT, day=d)
    specs = [
        ("A", "针对安全隐患的问题", "南郊别墅", "开展专项整治", "2025-12-31", "限期整改"),
        ("B", "针对治理效能不足的问题", "南郊别墅", "强化宣传培训", "2025-11-21", "限期整改"),
        ("C", "针对安全隐患的问题", "鑫峰苑", "加强日常巡查", "2025-12-20", "限期整改"),
        ("D", "针对治理效能不足的问题", "鑫峰苑", "建立长效机制", None, "长期坚持"),
        ("E", "针对治理效能不足的问题", "南郊别墅", "完善审核机制", "2025-11-10", "限期整改"),
        ("F", "针对安全隐患的问题", "鑫峰苑", "强化警示教育", None, "限期整改"),
    ]
    for owner, problem, community, measure, deadline, kind in specs:
        extra = ("--deadline", deadline) if deadline else ()
        cli("do", db, "add_task", "--problem", problem, "--community", community, "--measure", measure,
            "--owner", owner, "--kind", kind, *extra, *WT, day=d)  # fmt: skip
    ids = {o: t["id"][:8] for o, t in tasks(db, d).items()}
    # a correction of A's deadline by the work team: not an extension
    said = cli("do", db, "update_task", "--task", ids["A"], "--deadline", "2025-11-20", *WT, day=d)
    assert said.startswith("已修改任务：南郊别墅·开展专项整治（整改时限（更正） 2025-12-31 → 2025-11-20）")
    # the package for 南郊别墅; a second one asks for --replace and names the package it would make obsolete
    out = tmp / "下发"
    out.mkdir()
    cli("issue-package", db, "--community", "南郊别墅", out, *WT, day=d)
    (pkg,) = out.glob("*.db")
    again = cli("issue-package", db, "--community", "南郊别墅", tmp / "再下发", *WT, day=d, code=1)
    assert f"旧包“{pkg.name}”就作废" in again and "--replace" in again
    # 11-18: the secretary works in the package; D becomes 长期坚持; A asks for more time
    d = "2025-11-18"
    cli("do", pkg, "update_progress", "--task", ids["E"], "--text", "书记写的进展", *SEC_A, day=d)
    cli("do", pkg, "start", "--task", ids["B"], *SEC_A, day=d)
    cli("return-package", pkg, "--actor", "王书记", day=d)
    (ret,) = (p for p in out.glob("*.db") if p != pkg)
    cli("do", db, "set_ongoing", "--task", ids["D"], *SEC_B, day=d)
    asked = cli("do", db, "request_extension", "--task", ids["A"], "--deadline", "2025-12-15",
                "--reason", "需等待街道统一采购", *SEC_A, day=d)  # fmt: skip
    xid = re.search(r"编号 ([0-9a-f]{8})", asked)
    assert xid
    pending = cli("extensions", db, "--pending", day=d)
    assert (
        pending.startswith(f"{xid[1]}  南郊别墅·开展专项整治  王书记")
        and "2025-11-20 → 2025-12-15" in pending
    )
    # 11-19: the leader approves from the list; the work team writes E's progress on the master too
    d = "2025-11-19"
    cli("do", db, "decide_extension", "--extension", xid[1], "--approve", *L1, day=d)
    assert cli("extensions", db, "--pending", day=d).strip() == "没有待批的延期申请。"
    cli("do", db, "update_progress", "--task", ids["E"], "--text", "专班写的进展", *WT, day=d)
    # 11-20: import the return; the conflict is listed in Chinese with a short key and decided at import
    d = "2025-11-20"
    preview = cli("apply-package", db, ret, "--dry-run", *WT, day=d, code=3)
    key = re.search(r"冲突 \[(task:[0-9a-f]{8}:progress)\] 南郊别墅·完善审核机制 的整改进展：", preview)
    assert key and "主台账“专班写的进展”（张专班" in preview and "上报“书记写的进展”（王书记" in preview
    assert "None" not in preview and "progress" not in preview.replace(key[1], "")
    cli("apply-package", db, ret, "--decide", f"{key[1]}=theirs", *WT, day=d)
    # C signed off at three levels on the 20th (early)
    evidence = tmp / "巡查照片.jpg"
    evidence.write_bytes(b"\xff\xd8 photo")
    cli("do", db, "start", "--task", ids["C"], *SEC_B, day=d)
    cli("do", db, "attach_evidence", "--task", ids["C"], "--file", evidence, *SEC_B, day=d)
    cli("do", db, "submit", "--task", ids["C"], "--reason", "已巡查 12 次", *SEC_B, day=d)
    for who in (WT, L1, L2):
        cli("do", db, "approve", "--task", ids["C"], "--opinion", "同意", *who, day=d)
    # 11-21: F applies for sign-off; week 47 (Sat 11-15 to Fri 11-21) is closed
    d = "2025-11-21"
    cli("do", db, "start", "--task", ids["F"], *SEC_B, day=d)
    cli("do", db, "submit", "--task", ids["F"], "--reason", "警示教育已开展", *SEC_B, day=d)
    for action in ("open", "tick", "close"):
        cli("period", db, action, "--week", "2025-W47", *(("--all",) if action == "tick" else ()), *WT, day=d)
    # B signed off on the 26th, after its deadline (21st); week 48 closed on the 28th
    cli("do", db, "attach_evidence", "--task", ids["B"], "--file", evidence, *SEC_A, day="2025-11-24")
    cli("do", db, "submit", "--task", ids["B"], "--reason", "已开展培训 3 次", *SEC_A, day="2025-11-24")
    cli("do", db, "approve", "--task", ids["B"], *WT, day="2025-11-25")
    cli("do", db, "approve", "--task", ids["B"], *L1, day="2025-11-26")
    cli("do", db, "approve", "--task", ids["B"], *L2, day="2025-11-26")
    d = "2025-11-28"
    for action in ("open", "tick", "close"):
        cli("period", db, action, "--week", "2025-W48", *(("--all",) if action == "tick" else ()), *WT, day=d)
    return {"db": db, "tmp": tmp, "ids": ids, "ret": ret}


def test_deadlines_and_on_time(round_: dict[str, Any]) -> None:
    t = tasks(round_["db"], "2025-11-28")
    assert (t["A"]["deadline"], t["A"]["original_deadline"]) == ("2025-12-15", "2025-11-20")
    assert all(t[o]["original_deadline"] is None for o in "BCDEF")  # never extended: no 原定时限
    assert t["B"]["finished_by_original_deadline_label"] == "否"  # due 11-21, signed off 11-26
    assert t["C"]["finished_by_original_deadline_label"] == "是"
    history = json.loads(
        cli("history", round_["db"], "--task", round_["ids"]["A"], "--json", day="2025-11-28")
    )
    assert [e["kind"] for e in history["deadline_history"]] == ["set", "correct", "request", "approve"]
    # the statement is its own field
    assert t["B"]["statement"] == "已开展培训 3 次" and "已开展培训" not in t["B"]["progress"]
    assert t["E"]["progress"] == "书记写的进展"  # the decision took theirs


WEEKS = {
    # as closed: 6 tasks = 已销号 + 长期坚持 + 未销号, 未销号 by state
    "2025-W47": {"本周新增销号": 1, "任务总数": 6, "已销号": 1, "长期坚持": 1, "未销号": 4, "未启动": 2,
                 "推进中": 1, "申请销号": 1, "审核中": 0, "已退回": 0, "反弹重启": 0, "完成率": 16.7, "逾期": 1,
                 "未按时上报": 1},
    "2025-W48": {"本周新增销号": 1, "任务总数": 6, "已销号": 2, "长期坚持": 1, "未销号": 3, "未启动": 2,
                 "推进中": 0, "申请销号": 1, "审核中": 0, "已退回": 0, "反弹重启": 0, "完成率": 33.3, "逾期": 1,
                 "未按时上报": 2},
}  # fmt: skip


@pytest.mark.parametrize("week", list(WEEKS))
def test_weekly_reports_add_up(round_: dict[str, Any], week: str) -> None:
    import docx

    from ledger.office.weekly import read_xlsx_figures

    want = WEEKS[week]
    xlsx, doc = round_["tmp"] / f"{week}.xlsx", round_["tmp"] / f"{week}.docx"
    cli("report", round_["db"], xlsx, "--week", week, day="2025-11-28")
    cli("report", round_["db"], doc, "--week", week, day="2025-11-28")
    assert read_xlsx_figures(xlsx) == want
    ws = openpyxl.load_workbook(xlsx)["周报"]
    cells = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert not any(c in ("not_started", "in_progress", "submitted", "closed") for c in cells)
    text = "\n".join(p.text for p in docx.Document(str(doc)).paragraphs)
    assert (
        f"本周新增销号 1 项，累计已销号 {want['已销号']} 项，完成率 {want['完成率']}%；整改任务共 6 项："
        f"已销号 {want['已销号']} 项、长期坚持 1 项、未销号 {want['未销号']} 项" in text
    )
    start = {"2025-W47": "2025年11月15日至11月21日", "2025-W48": "2025年11月22日至11月28日"}[week]
    assert f"（{start}）" in text and "W4" not in text  # Saturday to Friday is not an ISO week: dates only


def test_compare_and_difference_name_each_count_once(round_: dict[str, Any]) -> None:
    said = cli(
        "period", round_["db"], "compare", "--week", "2025-W47", "--with", "2025-W48", day="2025-11-28"
    )
    first = said.splitlines()[0]
    assert first.startswith("2025年11月15日至11月21日 → 2025年11月22日至11月28日：")
    assert (
        first.count("已销号") == 1 and "已销号 +1" in first and "推进中 -1" in first and "未销号 -1" in first
    )
    shown = cli("period", round_["db"], "show", "--week", "2025-W48", day="2025-11-28")
    assert "当前：任务总数 6，已销号 2，长期坚持 1，未销号 3，逾期 1" in shown


def test_summary_sheet_is_a_partition(round_: dict[str, Any]) -> None:
    out = round_["tmp"] / "台账.xlsx"
    cli("export", round_["db"], out, day="2025-11-28")
    wb = openpyxl.load_workbook(out)
    ws = wb["汇总"]
    header = [c.value for c in ws[3]]
    assert header == ["序号", "责任单位", "任务总数", "已销号", "长期坚持", "未销号", "其中逾期", "完成率"]
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "合计")
    assert total[2:7] == (6, 2, 1, 3, 1)
    ledger = wb["整改台账"]
    remarks = [
        c for row in ledger.iter_rows(values_only=True) for c in row if isinstance(c, str) and "原定时限" in c
    ]
    assert remarks == [
        "原定时限2025年11月20日"
    ]  # only the extended task, with the deadline it was extended from


def test_change_record_tells_who_where_and_when(round_: dict[str, Any]) -> None:
    from ledger.audit import HEADER_ROW

    out = round_["tmp"] / "修改记录.xlsx"
    cli("journal", round_["db"], out, day="2025-11-28")
    ws = openpyxl.load_workbook(out)["修改记录"]
    header = [c.value for c in ws[HEADER_ROW]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    for r in rows:
        assert r["内容"] and (r["修改前"] or r["修改后"]), r
        text = "".join(str(v) for v in r.values() if v is not None)
        assert "{" not in text and "None" not in text and "ledger_id" not in text, r
    (decision,) = [r for r in rows if r["操作"] == "裁决合并冲突"]
    assert (decision["操作人"], decision["身份"], decision["内容"]) == (
        "张专班",
        "工作专班",
        "冲突裁决：整改进展",
    )
    assert decision["修改前"] == "主台账：专班写的进展；上报（王书记）：书记写的进展"
    assert decision["修改后"] == "采用上报：书记写的进展"
    (started,) = [r for r in rows if r["操作"] == "开始推进" and r["整改措施"] == "强化宣传培训"]
    assert (started["操作人"], started["身份"]) == ("王书记", "居民区书记")
    assert str(started["来源"]).startswith("上报包 ") and str(started["发生时间"]).startswith("2025-11-18")
    assert str(started["记入台账"]).startswith("2025-11-20")
    (correction,) = [r for r in rows if r["内容"] == "整改时限（更正）"]
    assert (correction["修改前"], correction["修改后"]) == ("2025-12-31", "2025-11-20")
    assert [r["修改后"] for r in rows if r["内容"] == "审核链"] == [
        "初审（工作专班）→ 复核（领导）→ 终审（领导）"
    ]
    merges = [r for r in rows if r["操作"] == "导入上报"]
    assert [m["内容"] for m in merges] == ["导入上报包", "待处理的冲突：整改进展"]  # no empty rows per entry
