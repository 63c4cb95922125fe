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


def test_the_record_is_in_words_one_row_per_field_and_never_empty(tmp_path: Path) -> None:
    """Indicators by name (target or actual), settings in words, a merge and its conflict decided, all in Chinese:
    no JSON, no internal key, no row without content."""
    from ledger.exchange import packages as exchange
    from ledger.exchange.merge import apply_merge, decide_conflict, open_conflicts
    from tests.ledger.exchange.exchange_helpers import edit_package, master

    clock = FixedClock.on("2025-11-17")
    led, ids = master(tmp_path, clock)
    try:
        t0, t1 = ids["tasks_a"][:2]
        iid = led.add_indicator(t1, "培训", "次", 10, None)
        led.update_indicator(iid, actual=4)
        led.update_indicator(iid, target=12)
        led.set_setting("example", True)
        path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
        clock.at = dt.datetime(2025, 11, 18, 16, 30)
        pkg = edit_package(path, clock)
        try:
            pkg.update_progress(t0, "书记写的进展")
            pkg.update_indicator(iid, actual=9)
        finally:
            pkg.close()
        ret = exchange.return_package(path, clock=clock)
        clock.at = dt.datetime(2025, 11, 19, 10)
        led.update_progress(t0, "专班写的进展")
        clock.at = dt.datetime(2025, 11, 20, 9)
        apply_merge(led, ret)
        decide_conflict(led, open_conflicts(led)[0]["id"], "ours")
        rows = _rows(audit.export_audit(led, tmp_path / "修改记录.xlsx").path)
    finally:
        led.close()
    for r in rows:
        assert r["内容"] and (r["修改前"] or r["修改后"]), r  # no empty row
        text = "".join(str(v) for v in r.values() if v is not None)
        assert "{" not in text and '["' not in text and "ledger_id" not in text and "None" not in text, r
        assert not any(w in text for w in ("work_team", "secretary", "progress", "actual", "update_")), r
    by = {(r["操作人"], r["操作"], r["内容"]): r for r in rows}
    assert by[("张专班", "更新指标完成值", "指标“培训”的完成值")]["修改后"] == "4"
    assert by[("张专班", "修改指标目标值", "指标“培训”的目标值")]["修改前"] == "10"
    assert by[("张专班", "新建台账", "审核链")]["修改后"] == "初审（工作专班）→ 复核（领导）→ 终审（领导）"
    assert [r["修改后"] for r in rows if r["内容"] == "示例台账"] == ["是"]
    # the package's change: the secretary, from the package, when it happened there and when it arrived
    actual = by[("王书记", "更新指标完成值", "指标“培训”的完成值")]
    assert (actual["身份"], actual["修改后"]) == ("居民区书记", "9")
    assert str(actual["来源"]).startswith("上报包 ") and actual["发生时间"] == "2025-11-18 16:30"
    assert actual["记入台账"] == "2025-11-20 09:00"
    merge = [r for r in rows if r["操作"] == "导入上报"]
    assert [m["内容"] for m in merge] == ["导入上报包", "待处理的冲突：整改进展"]
    assert merge[1]["修改前"] == "专班写的进展" and merge[1]["修改后"] == "书记写的进展"
    (decision,) = [r for r in rows if r["操作"] == "裁决合并冲突"]
    assert decision["内容"] == "冲突裁决：整改进展" and decision["操作人"] == "张专班"
    assert decision["修改前"] == "主台账：专班写的进展；上报（王书记）：书记写的进展"
    assert decision["修改后"] == "保留主台账：专班写的进展"


def test_the_people_register_is_told_by_names_and_roles_not_its_key() -> None:
    from ledger.audit.wording import field_label, setting_text

    people = [
        {"name": "张专班", "role": "work_team", "active": True},
        {"name": "王书记", "role": "secretary", "community_id": "c1", "active": False},
    ]
    assert field_label("setting", "value", {}, "people") == "人员名册"
    assert setting_text("people", people) == "张专班（工作专班）、王书记（居民区书记，已停用）"


def test_a_setting_change_shows_its_before_and_after_in_words(tmp_path: Path) -> None:
    """Each setting change is a row with 修改前 and 修改后 in words (they were all left out); a change the words do
    not show (a scheme's colour) says there was one; a signing password's hash never appears."""
    from dataclasses import replace

    from ledger import board as lb
    from ledger.office import save_template
    from ledger.service import set_password

    led = Ledger.create(
        tmp_path / "台账.db",
        org="测试工业区党工委",
        clock=FixedClock.on("2025-11-17"),
        operator=Operator("张专班", Role.WORK_TEAM),
    )
    try:
        led.set_setting("due_soon_days", 10)
        led.set_setting("org_name", "测试镇党委")
        led.set_setting("week_closes_on", 5)
        led.set_setting("week_closes_on", 3)
        grey = lb.PRESETS["grey"].with_bands((20, 10))
        lb.save_scheme(led, lb.PRESETS["default"])
        lb.save_scheme(led, grey)
        lb.save_scheme(led, replace(grey, border="#000000"))  # only a colour: the words stay the same
        save_template(led, "简表", ["measure", "owner"])
        save_template(led, "简表", ["measure", "owner", "progress"])
        set_password(led, "很长的签字密码")
        hashed = str(led.setting("people_passwords"))
        rows = _rows(audit.export_audit(led, tmp_path / "修改记录.xlsx").path)
    finally:
        led.close()
    said = [(r["内容"], r["修改前"] or "", r["修改后"] or "") for r in rows]
    assert ("临期预警天数", "7", "10") in said
    assert ("单位名称", "测试工业区党工委", "测试镇党委") in said
    assert ("每周结账日", "", "周五") in said and ("每周结账日", "周五", "周三") in said
    default = f"{lb.PRESETS['default'].name}，提前 7 天预警临期"
    grey_words = f"{lb.PRESETS['grey'].name}，提前 20、10 天预警临期"
    assert ("挂图配色", "", default) in said
    assert ("挂图配色", default, grey_words) in said
    assert ("挂图配色", grey_words, f"{grey_words}（其中细节有改动）") in said
    assert ("Excel 导出模板", "", "模板：简表") in said
    assert ("Excel 导出模板", "模板：简表", "模板：简表（其中细节有改动）") in said
    assert [r for r in said if r[0] == "签字密码"] == [("签字密码", "", "已设置签字密码（只保存加密摘要）")]
    text = "".join(str(v) for r in rows for v in r.values() if v is not None)
    assert hashed[10:40] not in text and "很长的签字密码" not in text and "{" not in text
