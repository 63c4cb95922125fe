"""修改记录 (ledger.audit): the journal as an .xlsx read back cell by cell, its filters, and the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ledger.audit import change_record as audit
from ledger.cli.main import main
from ledger.core import Action, FixedClock, LedgerError, Operator, Role
from ledger.service import Ledger
from ledger.storage import journal


def _rows(path: Path) -> list[dict[str, object]]:
    ws = load_workbook(path)["修改记录"]
    header = [c.value for c in ws[audit.HEADER_ROW]]
    return [
        dict(zip(header, r, strict=True))
        for r in ws.iter_rows(min_row=audit.HEADER_ROW + 1, values_only=True)
    ]


def test_every_change_is_a_row_with_who_when_before_and_after(filled: Ledger, tmp_path: Path) -> None:
    tid = next(
        t["id"]
        for t in filled.tasks_json()
        if t["measure"] == "开展专项整治" and t["community"] == "南郊别墅"
    )
    filled.operator = Operator("王书记", Role.SECRETARY)
    filled.update_progress(tid, "已排查 12 处")
    filled.act(tid, Action.START)
    result = audit.export_audit(filled, tmp_path / "修改记录.xlsx")
    rows = _rows(result.path)
    assert result.entries == journal.last_seq(filled.store) and result.rows == len(rows)
    assert result.anchor == journal.anchor(filled.store)
    progress = [r for r in rows if r["操作"] == "更新整改进展" and r["操作人"] == "王书记"]
    assert len(progress) == 1
    assert progress[0]["居民区"] == "南郊别墅" and progress[0]["整改措施"] == "开展专项整治"
    assert (
        progress[0]["身份"] == "居民区书记"
        and progress[0]["内容"] == "整改进展"
        and progress[0]["修改后"] == "已排查 12 处"
    )
    start = [r for r in rows if r["操作"] == "开始推进"]
    assert start and start[-1]["修改前"] == "未启动" and start[-1]["修改后"] == "推进中"
    assert [r["序号"] for r in rows] == sorted(r["序号"] for r in rows)  # oldest first
    ws = load_workbook(result.path)["修改记录"]
    assert ws["A1"].value == "测试工业区党工委整改台账修改记录"
    assert f"日志校验码：{result.anchor}" in ws["A2"].value
    assert (
        ws.print_title_rows == f"${audit.HEADER_ROW}:${audit.HEADER_ROW}"
        and ws.page_setup.orientation == "landscape"
    )


def test_filters_by_dates_person_and_community(filled: Ledger, tmp_path: Path) -> None:
    tasks = filled.tasks_json()
    other = next(t for t in tasks if t["community"] == "鑫峰苑")
    mine = next(t for t in tasks if t["community"] == "南郊别墅")
    filled.clock = FixedClock.on("2025-12-05")
    filled.operator = Operator("李专班", Role.WORK_TEAM)
    filled.update_progress(other["id"], "十二月的进展")
    filled.update_progress(mine["id"], "十二月，南郊别墅")
    cid = filled.community_id("南郊别墅")
    flt = audit.AuditFilter(
        since=dt.date(2025, 12, 1), until=dt.date(2025, 12, 31), actor="李专班", community_id=cid
    )
    rows = _rows(audit.export_audit(filled, tmp_path / "筛选.xlsx", flt).path)
    assert [(r["居民区"], r["修改后"]) for r in rows] == [("南郊别墅", "十二月，南郊别墅")]
    assert "李专班" in audit.actors(filled)
    assert audit.export_audit(filled, tmp_path / "空.xlsx", audit.AuditFilter(actor="没有这个人")).rows == 0


def test_a_bulk_entry_is_one_summed_up_row(tmp_path: Path) -> None:
    from ledger.example import generate

    led = generate(tmp_path / "大.db", tasks=300, communities=5, clock=FixedClock.on("2025-11-20"))
    try:
        rows = _rows(audit.export_audit(led, tmp_path / "大.xlsx").path)
        bulk = [r for r in rows if r["内容"] == "批量"]  # the structure, then the tasks (one batch)
        assert len(bulk) == 2 and "新增整改任务 300 条" in str(bulk[1]["修改后"])
    finally:
        led.close()


def test_a_cancel_or_a_bad_place_leaves_no_file(filled: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "导出"
    out.mkdir()
    target = out / "修改记录.xlsx"
    target.write_bytes(b"an older export")
    with pytest.raises(audit.AuditCancelled):
        audit.export_audit(filled, target, cancel=lambda: True)
    assert target.read_bytes() == b"an older export" and sorted(p.name for p in out.iterdir()) == [
        target.name
    ]
    with pytest.raises(LedgerError) as info:
        audit.export_audit(filled, tmp_path / "没有的文件夹" / "x.xlsx")
    assert "文件夹不存在" in info.value.message()


def test_command_line(filled: Ledger, tmp_path: Path, capsys) -> None:
    db = str(filled.path)
    filled.close()
    out = tmp_path / "记录.xlsx"
    assert main(["journal", db, str(out), "--community", "南郊别墅", "--from", "2025-01-01"]) == 0
    assert "已导出修改记录" in capsys.readouterr().out and _rows(out)
    assert main(["journal", db, str(out), "--from", "下周"]) == 1
    assert "下周" in capsys.readouterr().err
    assert main(["journal", db, str(out), "--community", "没有的居民区"]) == 1
    assert "没有的居民区" in capsys.readouterr().err
