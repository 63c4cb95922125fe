"""填报表 export → fill with openpyxl → sort → import; bad files refused; another tool's ledger imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ledger.cli.main import main
from ledger.core import Status
from ledger.office import fill_form as excel_returns
from ledger.office import foreign as excel_foreign
from ledger.service import Changed, Ledger
from ledger.storage import journal
from tests.helpers import Snapshot, foreign_ledger, form_columns, form_row_of, refuse, reverse_form_rows


def _export(led: Ledger, tmp_path: Path) -> tuple[Path, str, str]:
    tid = led.store.one(
        "SELECT id FROM task WHERE measure = '强化宣传培训' AND community_id = ?",
        (led.community_id("南郊别墅"),),
    )
    iid = led.add_indicator(tid, "培训人次", "人", 20)
    out = excel_returns.export_fill_form(led, "南郊别墅", tmp_path / "南郊别墅填报表.xlsx")
    return out, tid, iid


def test_export_is_protected_with_hidden_id(filled: Ledger, tmp_path: Path) -> None:
    out, tid, _ = _export(filled, tmp_path)
    wb = load_workbook(out)
    ws = wb["填报表"]
    cols = form_columns(ws)
    assert ws.column_dimensions["A"].hidden
    assert ws.protection.sheet and not ws.protection.password
    assert wb["_meta"].sheet_state == "hidden"
    r = form_row_of(ws, tid)
    assert ws.max_row == excel_returns.FIRST_ROW + 2  # three tasks of 南郊别墅
    assert ws[f"{cols['整改进展（请填写）']}{r}"].protection.locked is False
    assert ws[f"{cols['指标1完成值（请填写）']}{r}"].protection.locked is False
    assert ws[f"{cols['申请销号（是/否）']}{r}"].protection.locked is False
    # sortable while protected (Excel and LibreOffice sort only unlocked cells): the filter starts at column A
    # so the hidden ids move with their rows; the cells that take no input refuse typing by a validation
    assert ws.auto_filter.ref.startswith(f"A{excel_returns.HEADER_ROW}:")
    assert ws.protection.sort is False and ws.protection.autoFilter is False  # False = allowed
    stop = [dv for dv in ws.data_validations.dataValidation if dv.type == "textLength"]
    assert stop and f"{cols['整改措施']}{r}" in stop[0].sqref and f"A{r}" in stop[0].sqref
    assert f"{cols['整改进展（请填写）']}{r}" not in stop[0].sqref
    assert (
        ws[f"{cols['整改措施']}{r}"].fill.fgColor.rgb
        != ws[f"{cols['整改进展（请填写）']}{r}"].fill.fgColor.rgb
    )
    assert ws.row_dimensions[r].height and ws.row_dimensions[r].height >= 20
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and '"是,否"' in lists[0].formula1
    assert cols["申请销号（是/否）"] in str(lists[0].sqref)


def test_fill_sort_import_and_reimport(filled: Ledger, tmp_path: Path) -> None:
    out, tid, iid = _export(filled, tmp_path)
    wb = load_workbook(out)
    ws = wb["填报表"]
    cols = form_columns(ws)
    r = form_row_of(ws, tid)
    ws[f"{cols['整改进展（请填写）']}{r}"] = "已开展培训 3 场"
    ws[f"{cols['指标1完成值（请填写）']}{r}"] = 25
    ws[f"{cols['申请销号（是/否）']}{r}"] = "是"
    ws[f"{cols['销号说明']}{r}"] = "培训全部完成"
    reverse_form_rows(ws)
    assert form_row_of(ws, tid) != r
    wb.save(out)
    preview = excel_returns.preview_fill_form(filled, out)
    assert not preview.refused and not preview.conflicts
    assert {i.field for i in preview.applied} == {"progress", f"actual:{iid}", "submit"}
    assert all(i.row == form_row_of(ws, tid) for i in preview.applied)
    result = excel_returns.apply_fill_form(filled, out)
    assert result.written and result.backup and result.backup.exists()
    task = filled.task(tid)
    assert task.status == Status.SUBMITTED
    assert task.progress.startswith("已开展培训 3 场")
    assert filled.indicators(tid)[0].actual == 25
    entries = filled.history(tid)
    assert {e.origin for e in entries[-4:]} == {f"填报表:{out.name}"}
    assert entries[-1].actor == "王书记"
    seq = journal.last_seq(filled.store)
    again = excel_returns.apply_fill_form(filled, out)
    assert not again.applied and not again.conflicts and not again.written
    assert journal.last_seq(filled.store) == seq


def _edit(out: Path, tid: str, header: str, value) -> int:
    wb = load_workbook(out)
    ws = wb["填报表"]
    r = form_row_of(ws, tid)
    if header == "A":
        ws.cell(r, 1).value = "ffffffff-0000-0000-0000-000000000000"
    else:
        ws[f"{form_columns(ws)[header]}{r}"] = value
    wb.save(out)
    return r


def test_altered_id_refused_naming_row(filled: Ledger, tmp_path: Path) -> None:
    out, tid, _ = _export(filled, tmp_path)
    r = _edit(out, tid, "A", None)
    preview = excel_returns.preview_fill_form(filled, out)
    assert [(i.row, i.column) for i in preview.refused] == [(r, "A")]
    assert f"第 {r} 行" in preview.refused[0].reason
    refuse(filled, "fill_form_refused", excel_returns.apply_fill_form, filled, out)


def test_locked_cell_edit_refused_naming_cell(filled: Ledger, tmp_path: Path) -> None:
    out, tid, _ = _export(filled, tmp_path)
    _edit(out, tid, "整改进展（请填写）", "新进展")
    r = _edit(out, tid, "整改措施", "改掉的措施")
    preview = excel_returns.preview_fill_form(filled, out)
    assert [(i.row, i.column, i.field) for i in preview.refused] == [(r, "F", "measure")]
    assert not preview.applied  # the row is not applied while its locked cell is wrong
    message = refuse(filled, "fill_form_refused", excel_returns.apply_fill_form, filled, out)
    assert f"第 {r} 行 F 列" in message


def test_bad_number_refused_naming_cell(filled: Ledger, tmp_path: Path) -> None:
    out, tid, _ = _export(filled, tmp_path)
    r = _edit(out, tid, "指标1完成值（请填写）", "二十五")
    preview = excel_returns.preview_fill_form(filled, out)
    assert len(preview.refused) == 1 and preview.refused[0].row == r
    assert "二十五" in preview.refused[0].reason and "不是数字" in preview.refused[0].reason
    refuse(filled, "fill_form_refused", excel_returns.apply_fill_form, filled, out)


def test_accept_refused_applies_the_rest(filled: Ledger, tmp_path: Path) -> None:
    out, tid, iid = _export(filled, tmp_path)
    _edit(out, tid, "指标1完成值（请填写）", "二十五")
    _edit(out, tid, "整改进展（请填写）", "推进中")
    result = excel_returns.apply_fill_form(filled, out, accept_refused=True)
    assert result.written and filled.task(tid).progress == "推进中"
    assert filled.indicators(tid)[0].actual is None


def test_conflict_when_ledger_changed_meanwhile(filled: Ledger, tmp_path: Path) -> None:
    out, tid, _ = _export(filled, tmp_path)
    _edit(out, tid, "整改进展（请填写）", "书记填的进展")
    filled.update_progress(tid, "专班改的进展")
    preview = excel_returns.preview_fill_form(filled, out)
    assert len(preview.conflicts) == 1 and preview.conflicts[0].field == "progress"
    key = preview.conflicts[0].key
    result = excel_returns.apply_fill_form(filled, out)
    assert result.open_conflicts and filled.task(tid).progress == "专班改的进展"
    excel_returns.apply_fill_form(filled, out, {key: "theirs"})
    assert filled.task(tid).progress == "书记填的进展"


def test_other_ledger_form_refused(filled: Ledger, tmp_path: Path, clock) -> None:
    out, _, _ = _export(filled, tmp_path)
    other = Ledger.create(tmp_path / "别的.db", clock=clock)
    other.add_community("南郊别墅")
    try:
        refuse(other, "fill_form_not_ours", excel_returns.preview_fill_form, other, out)
    finally:
        other.close()


@pytest.mark.parametrize("kind", ["text", "ole", "empty", "header"])
def test_bad_files_refused(filled: Ledger, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.xlsx"
    if kind == "text":
        path.write_text("序号,整改措施\n1,培训\n", encoding="utf-8")
        code = "office_damaged"
    elif kind == "ole":
        path.write_bytes(excel_returns.OLE_MAGIC + b"\0" * 504)
        code = "office_xls"  # an OLE file with no encrypted package in it: an old .xls, not a password
    else:
        wb = Workbook()
        if kind == "header":
            wb.active.append(["编号", "名称", "备注"])
            wb.active.append([1, "甲", "乙"])
        wb.save(path)
        code = "excel_empty" if kind == "empty" else "excel_header_unmapped"
    message = refuse(filled, code, excel_foreign.import_foreign_ledger, filled, path)
    assert path.name in message
    if kind == "header":
        assert "整改措施" in message and "责任单位" in message
    snap = Snapshot(filled)
    assert main(["import-excel", str(filled.path), str(path)]) == 1
    snap.unchanged()


def test_foreign_ledger_imported(filled: Ledger, tmp_path: Path) -> None:
    path = foreign_ledger(tmp_path / "旧台账.xlsx")
    preview = excel_foreign.import_foreign_ledger(filled, path, dry_run=True)
    assert preview.header_row == 2 and preview.tasks == 4 and not preview.written
    assert set(preview.mapping) >= {
        "category",
        "problem",
        "measure",
        "community",
        "owner",
        "deadline",
        "progress",
    }
    seq = journal.last_seq(filled.store)
    result = excel_foreign.import_foreign_ledger(filled, path)
    assert result.written and journal.last_seq(filled.store) == seq + 1
    assert result.categories == ["党建引领", "廉政建设"] and result.communities == ["新居民区"]
    rows = filled.store.rows(
        "SELECT c.title AS cat, p.title AS prob, t.measure, m.name AS com, t.deadline, t.progress, t.status "
        "FROM task t JOIN problem p ON p.id = t.problem_id JOIN category c ON c.id = p.category_id "
        "JOIN community m ON m.id = t.community_id WHERE c.title IN ('党建引领', '廉政建设') ORDER BY t.rowid"
    )
    assert [(r["cat"], r["prob"], r["measure"], r["com"], r["deadline"]) for r in rows] == [
        ("党建引领", "组织生活不规范", "规范三会一课", "南郊别墅", "2025-12-31"),
        ("党建引领", "组织生活不规范", "开展专题培训", "新居民区", "2026-01-15"),
        ("党建引领", "台账不全", "补齐台账", "鑫峰苑", None),
        ("廉政建设", "补贴审核不严", "完善审核", "鑫峰苑", "2026-02-01"),
    ]
    assert rows[0]["status"] == "in_progress"
    assert filled.store.one("SELECT origin FROM journal ORDER BY seq DESC LIMIT 1") == "导入台账:旧台账.xlsx"


def test_foreign_ledger_imported_twice_adds_nothing_the_second_time(
    filled: Ledger, tmp_path: Path, capsys
) -> None:
    path = foreign_ledger(tmp_path / "旧台账.xlsx")
    first = excel_foreign.import_foreign_ledger(filled, path)
    assert first.tasks == 4 and not first.skipped
    message = refuse(filled, "excel_nothing_new", excel_foreign.import_foreign_ledger, filled, path)
    assert "4 项任务" in message and "旧台账.xlsx" in message
    # A row added to the file (and one repeated inside it): only the new task is created, the rest are listed.
    wb = load_workbook(path)
    wb.active.append([5, "廉政建设", "补贴审核不严", "公开审核结果", "南郊别墅", "周五", "2026-03-01", None])
    wb.active.append([6, "廉政建设", "补贴审核不严", "公开审核结果", "南郊别墅", "周五", "2026-03-01", None])
    wb.save(path)
    tasks = len(filled.tasks_json())
    again = excel_foreign.import_foreign_ledger(filled, path)
    assert again.written and again.tasks == 1 and len(filled.tasks_json()) == tasks + 1
    assert again.problems == 0 and again.categories == [] and again.communities == []
    assert [(s["row"], s["reason"]) for s in again.skipped] == [
        (3, "台账中已有这项任务"),
        (4, "台账中已有这项任务"),
        (5, "台账中已有这项任务"),
        (6, "台账中已有这项任务"),
        (8, "与本表第 7 行相同"),
    ]
    assert journal.verify(filled.store) is None
    # A task deleted from the ledger is not "there already": importing brings it back.
    tid = next(t["id"] for t in filled.tasks_json() if t["measure"] == "补齐台账")
    filled.delete_task(tid)
    back = excel_foreign.import_foreign_ledger(filled, path, dry_run=True)
    assert back.tasks == 1 and back.rows[0]["measure"] == "补齐台账"
    db = str(filled.path)
    filled.close()
    capsys.readouterr()
    assert main(["import-excel", db, str(path), "--dry-run"]) == 0
    assert "跳过重复的 5 项" in capsys.readouterr().out


def test_foreign_bad_date_refused(filled: Ledger, tmp_path: Path) -> None:
    path = foreign_ledger(tmp_path / "旧台账.xlsx")
    wb = load_workbook(path)
    wb.active["G6"] = "下个月"
    wb.save(path)
    message = refuse(filled, "excel_bad_cell", excel_foreign.import_foreign_ledger, filled, path)
    assert "第 6 行 G 列" in message


def test_cli_fill_form_and_import(filled: Ledger, tmp_path: Path, capsys) -> None:
    db = str(filled.path)
    filled.close()
    out = tmp_path / "表.xlsx"
    assert main(["fill-form", db, "--community", "鑫峰苑", str(out)]) == 0
    wb = load_workbook(out)
    ws = wb["填报表"]
    ws[f"{form_columns(ws)['整改进展（请填写）']}{excel_returns.FIRST_ROW}"] = "CLI 填的进展"
    wb.save(out)
    capsys.readouterr()
    assert main(["import-excel", db, str(out), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "fill_form" and len(data["applied"]) == 1 and not data["written"]
    assert main(["import-excel", db, str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["written"]
    foreign = foreign_ledger(tmp_path / "旧.xlsx")
    assert main(["import-excel", db, str(foreign), "--dry-run"]) == 0
    assert "4 项任务" in capsys.readouterr().out


@pytest.mark.parametrize("column", ["Ｄ", "D列", "ZZZZ"])
def test_a_column_letter_typed_wrongly_is_a_sentence(
    filled: Ledger, tmp_path: Path, capsys, column: str
) -> None:
    db = str(filled.path)
    filled.close()
    foreign = foreign_ledger(tmp_path / "旧.xlsx")
    assert main(["import-excel", db, str(foreign), "--dry-run", "--map", f"measure={column}"]) == 1
    assert "--map" in capsys.readouterr().err


def test_a_fill_form_import_notifies_once_with_every_task(filled: Ledger, tmp_path: Path) -> None:
    out, tid, _iid = _export(filled, tmp_path)
    wb = load_workbook(out)
    ws = wb["填报表"]
    cols = form_columns(ws)
    others = [t["id"] for t in filled.tasks_json() if t["community"] == "南郊别墅"]
    for t in others:
        ws[f"{cols['整改进展（请填写）']}{form_row_of(ws, t)}"] = "填报的进展"
    ws[f"{cols['申请销号（是/否）']}{form_row_of(ws, tid)}"] = "是"
    wb.save(out)
    heard: list[Changed] = []
    filled.subscribe(heard.append)
    before = (filled.operator, filled.origin)
    excel_returns.apply_fill_form(filled, out)
    assert len(heard) == 1 and heard[0].command == "import_fill_form"
    assert heard[0].task_ids == set(others) and len(heard[0].entry_ids) >= len(others) + 1
    assert (filled.operator, filled.origin) == before


def test_ids_sorted_apart_from_their_rows_is_one_sentence(filled: Ledger, tmp_path: Path) -> None:
    out, tid, _ = _export(filled, tmp_path)
    wb = load_workbook(out)
    ws = wb["填报表"]
    cols = form_columns(ws)
    ws[f"{cols['整改进展（请填写）']}{form_row_of(ws, tid)}"] = "已开展培训 3 场"
    first, last = excel_returns.FIRST_ROW, ws.max_row
    visible = [[ws.cell(r, c).value for c in range(4, ws.max_column + 1)] for r in range(first, last + 1)]
    for r, values in zip(range(first, last + 1), reversed(visible), strict=True):  # D:… sorted, A:C left
        for c, v in enumerate(values, start=4):
            ws.cell(r, c).value = v
    wb.save(out)
    sentence = refuse(filled, "fill_form_rows_separated", excel_returns.apply_fill_form, filled, out)
    assert "隐藏编号列" in sentence and "撤销" in sentence and "筛选按钮" in sentence
