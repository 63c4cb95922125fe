"""填报表 in the window: export through the dialog, fill with openpyxl, preview (将应用/冲突/拒绝), decide, import;
another tool's 台账 through the mapping dialog; a file that is not a workbook refused with its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ledger.core import Status
from ledger.office import fill_form as excel_returns
from ledger.service import Ledger
from tests.helpers import Snapshot, foreign_ledger, form_columns, form_row_of, reverse_form_rows
from ui.common import messages
from ui.imports import fill_form as ui_er
from ui.imports.fill_form import ExportFillFormDialog, FillFormDialog
from ui.imports.foreign import ForeignImportDialog
from ui.window.app import make_app


@pytest.fixture
def led(filled: Ledger) -> Ledger:
    make_app("zh")
    return filled


def _task(led: Ledger, measure: str = "强化宣传培训") -> str:
    return led.store.one(
        "SELECT id FROM task WHERE measure = ? AND community_id = ?", (measure, led.community_id("南郊别墅"))
    )


def _export(qtbot, monkeypatch, led: Ledger, tmp_path: Path) -> Path:
    """Export 南郊别墅's fill form through export_fill_form_dialog (the community preselected, the path patched)."""
    seen: dict = {}
    monkeypatch.setattr(
        ui_er,
        "ask_save_path",
        lambda _p, start: seen.setdefault("start", start) and str(tmp_path / "南郊别墅填报表"),
    )
    monkeypatch.setattr(ui_er, "show_done", lambda _p, name, path: seen.setdefault("done", (name, path)))

    def fake_exec(dlg: ExportFillFormDialog) -> int:
        seen["chosen"] = dlg.chosen()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportFillFormDialog, "exec", fake_exec)
    out = ui_er.export_fill_form_dialog(None, led, led.community_id("南郊别墅"))
    assert out == tmp_path / "南郊别墅填报表.xlsx" and out.exists()
    assert seen["chosen"] == (led.community_id("南郊别墅"), "南郊别墅")
    assert seen["start"].name == "南郊别墅填报表.xlsx"
    assert seen["done"] == ("南郊别墅", out)
    return out


def _edit(out: Path, tid: str, cells: dict[str, object], reverse: bool = False) -> int:
    wb = load_workbook(out)
    ws = wb["填报表"]
    cols = form_columns(ws)
    r = form_row_of(ws, tid)
    for header, value in cells.items():
        ws[f"{cols[header]}{r}"] = value
    if reverse:
        reverse_form_rows(ws)
        r = form_row_of(ws, tid)
    wb.save(out)
    return r


def test_export_dialog_lists_communities_and_preselects(qtbot, led: Ledger) -> None:
    dlg = ExportFillFormDialog(led, led.community_id("鑫峰苑"))
    qtbot.addWidget(dlg)
    assert dlg.community.count() == 2
    assert dlg.chosen() == (led.community_id("鑫峰苑"), "鑫峰苑")
    assert "3 项任务" in dlg.community.currentText()


def test_fill_sort_import(qtbot, monkeypatch, led: Ledger, tmp_path: Path) -> None:
    out = _export(qtbot, monkeypatch, led, tmp_path)
    tid = _task(led)
    r = _edit(
        out,
        tid,
        {"整改进展（请填写）": "已开展培训 3 场", "申请销号（是/否）": "是", "销号说明": "培训全部完成"},
        reverse=True,
    )
    dlg = FillFormDialog(led, out)
    qtbot.addWidget(dlg)
    assert dlg.counts() == (2, 0, 0)
    assert dlg.tabs.tabText(0) == "将应用（2）" and dlg.tabs.tabText(1) == "冲突（0）"
    table = dlg.applied_table
    assert {table.item(i, 0).text() for i in range(2)} == {str(r)}
    assert table.item(0, 2).text() == "南郊别墅 / 强化宣传培训"
    assert {table.item(i, 3).text() for i in range(2)} == {"整改进展", "申请销号"}
    assert dlg.accept_refused.isHidden() and dlg.import_button.isEnabled()
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    result = dlg.findChild(type(dlg.message), "fillResult")
    assert result is not None and "已导入" in result.text() and "应用 2 项" in result.text()
    task = led.task(tid)
    assert task.status == Status.SUBMITTED
    assert task.progress.startswith("已开展培训 3 场")
    assert not dlg.import_button.isEnabled() and dlg.close_button.text() == "关闭"


def test_conflict_take_filled(qtbot, monkeypatch, led: Ledger, tmp_path: Path) -> None:
    out = _export(qtbot, monkeypatch, led, tmp_path)
    tid = _task(led)
    r = _edit(out, tid, {"整改进展（请填写）": "书记填的进展"})
    led.update_progress(tid, "专班改的进展")
    dlg = FillFormDialog(led, out)
    qtbot.addWidget(dlg)
    assert dlg.counts() == (0, 1, 0)
    assert dlg.tabs.currentWidget() is dlg.conflict_table
    t = dlg.conflict_table
    assert (t.item(0, 0).text(), t.item(0, 4).text(), t.item(0, 5).text()) == (
        str(r),
        "专班改的进展",
        "书记填的进展",
    )
    assert [t.boxes[0].itemText(i) for i in range(t.boxes[0].count())] == [
        "暂不决定",
        "保留台账",
        "采用填报",
        "填写新值",
    ]
    dlg.choose(0, "theirs")
    dlg.apply()
    assert led.task(tid).progress == "书记填的进展"
    assert "裁决 1 项冲突" in dlg.message.text()


def test_conflict_new_value_and_undecided(qtbot, monkeypatch, led: Ledger, tmp_path: Path) -> None:
    out = _export(qtbot, monkeypatch, led, tmp_path)
    tid = _task(led)
    _edit(out, tid, {"整改进展（请填写）": "书记填的进展"})
    led.update_progress(tid, "专班改的进展")
    dlg = FillFormDialog(led, out)
    qtbot.addWidget(dlg)
    dlg.choose(0, "new", "")
    dlg.conflict_table.editors[0].setText("")
    assert dlg.apply() is None and "没有填写" in dlg.message.text()
    assert led.task(tid).progress == "专班改的进展"
    dlg.choose(0, "new", "合并后的进展")
    dlg.apply()
    assert led.task(tid).progress == "合并后的进展"


def test_refused_needs_the_checkbox(qtbot, monkeypatch, led: Ledger, tmp_path: Path) -> None:
    out = _export(qtbot, monkeypatch, led, tmp_path)
    tid, other = _task(led), _task(led, "开展专项整治")
    r = _edit(out, tid, {"整改措施": "改掉的措施"})
    _edit(out, other, {"整改进展（请填写）": "另一项的进展"})
    snap = Snapshot(led)
    dlg = FillFormDialog(led, out)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.counts() == (1, 0, 1)
    assert dlg.tabs.currentWidget() is dlg.refused_table
    t = dlg.refused_table
    assert (t.item(0, 0).text(), t.item(0, 1).text()) == (str(r), "F")
    assert f"第 {r} 行 F 列" in t.item(0, 6).text()
    assert dlg.accept_refused.isVisible() and not dlg.import_button.isEnabled()
    assert dlg.apply() is None
    snap.unchanged()
    dlg.accept_refused.setChecked(True)
    assert dlg.import_button.isEnabled()
    dlg.apply()
    assert led.task(other).progress == "另一项的进展"
    assert led.task(tid).measure == "强化宣传培训"
    assert "跳过 1 个" in dlg.message.text()


def test_fill_form_of_another_ledger_shows_sentence(
    qtbot, monkeypatch, led: Ledger, tmp_path: Path, clock
) -> None:
    out = _export(qtbot, monkeypatch, led, tmp_path)
    other = Ledger.create(tmp_path / "别的.db", clock=clock)
    try:
        dlg = FillFormDialog(other, out)
        qtbot.addWidget(dlg)
        assert dlg.preview is None and not dlg.import_button.isEnabled()
        assert "另一本台账" in dlg.message.text()
    finally:
        other.close()


def test_foreign_ledger_preview_and_import(qtbot, led: Ledger, tmp_path: Path) -> None:
    path = foreign_ledger(tmp_path / "旧台账.xlsx")
    dlg = ForeignImportDialog(led, path)
    qtbot.addWidget(dlg)
    assert "第 2 行是表头" in dlg.header_label.text() and "存在问题" in dlg.header_label.text()
    assert dlg.mapping() == {
        "category": 1,
        "problem": 2,
        "measure": 3,
        "community": 4,
        "owner": 5,
        "deadline": 6,
        "progress": 7,
    }
    assert dlg.boxes["leader"].currentText() == "（不导入）"
    assert dlg.boxes["measure"].currentText() == "D 列：整改措施"
    snap = Snapshot(led)
    dlg.preview()
    assert "4 项任务" in dlg.message.text() and "新居民区" in dlg.message.text()
    snap.unchanged()
    dlg.set_column("measure", -1)
    dlg.apply()
    assert "整改措施" in dlg.message.text() and dlg.import_result is None
    snap.unchanged()
    dlg.set_column("measure", 3)
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    assert dlg.import_result is not None and dlg.import_result.written
    assert "已导入：4 项任务" in dlg.findChild(type(dlg.message), "foreignResult").text()
    titles = {r["title"] for r in led.store.rows("SELECT title FROM category")}
    assert {"党建引领", "廉政建设"} <= titles
    problems = {r["title"] for r in led.store.rows("SELECT title FROM problem")}
    assert {"组织生活不规范", "台账不全", "补贴审核不严"} <= problems
    assert (
        led.store.one(
            "SELECT COUNT(*) FROM task WHERE measure IN ('规范三会一课', '开展专题培训', '补齐台账', "
            "'完善审核') AND deleted_at IS NULL"
        )
        == 4
    )
    # 关闭 after an import accepts the dialog, and QDialog.result() says so (an attribute named "result" hid it)
    qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted


def test_foreign_ledger_imported_again_says_what_it_skipped(qtbot, led: Ledger, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = foreign_ledger(tmp_path / "旧台账.xlsx")
    first = ForeignImportDialog(led, path)
    qtbot.addWidget(first)
    assert first.apply() is not None
    again = ForeignImportDialog(led, path)
    qtbot.addWidget(again)
    snap = Snapshot(led)
    assert again.preview() is None  # nothing new: a sentence, not an empty import
    assert "都已经有了" in again.message.text()
    snap.unchanged()
    wb = load_workbook(path)
    wb.active.append([5, "廉政建设", "补贴审核不严", "公开审核结果", "南郊别墅", "周五", "2026-03-01", None])
    wb.save(path)
    third = ForeignImportDialog(led, path)
    qtbot.addWidget(third)
    third.preview()
    assert "1 项任务" in third.message.text() and "跳过 4 行" in third.message.text()
    assert "第 3、4、5、6 行" in third.message.text()
    result = third.apply()
    assert result is not None and result.tasks == 1 and "跳过 4 行" in third.message.text()


def test_import_excel_routes_and_refuses_text(qtbot, monkeypatch, led: Ledger, tmp_path: Path) -> None:
    bad = tmp_path / "假的.xlsx"
    bad.write_text("序号,整改措施\n1,培训\n", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _p, exc, _t=None: shown.append(messages.error_text(exc))
    )
    monkeypatch.setattr(ui_er, "ask_open_path", lambda _p, _s: str(bad))
    snap = Snapshot(led)
    assert ui_er.import_excel(None, led) is None
    assert len(shown) == 1 and "假的.xlsx" in shown[0]
    snap.unchanged()
    # a fill form opens FillFormDialog, anything else ForeignImportDialog
    opened: list[str] = []
    monkeypatch.setattr(FillFormDialog, "run", classmethod(lambda cls, p, lg, path: opened.append("fill")))
    monkeypatch.setattr(
        ForeignImportDialog, "run", classmethod(lambda cls, p, lg, path: opened.append("foreign"))
    )
    form = excel_returns.export_fill_form(led, "南郊别墅", tmp_path / "表.xlsx")
    monkeypatch.setattr(ui_er, "ask_open_path", lambda _p, _s: str(form))
    ui_er.import_excel(None, led)
    monkeypatch.setattr(ui_er, "ask_open_path", lambda _p, _s: str(foreign_ledger(tmp_path / "旧.xlsx")))
    ui_er.import_excel(None, led)
    assert opened == ["fill", "foreign"]


def test_set_all_then_a_new_indicator_value_must_be_a_number(
    qtbot, monkeypatch, led: Ledger, tmp_path: Path
) -> None:
    tid = _task(led)
    iid = led.add_indicator(tid, "培训人次", "人", 20)
    out = _export(qtbot, monkeypatch, led, tmp_path)
    r = _edit(out, tid, {"整改进展（请填写）": "书记填的进展", "指标1完成值（请填写）": 25})
    led.update_progress(tid, "专班改的进展")
    led.update_indicator(iid, actual=22)
    dlg = FillFormDialog(led, out)
    qtbot.addWidget(dlg)
    assert dlg.counts() == (0, 2, 0)
    t = dlg.conflict_table
    row = {t.item(i, 3).text(): i for i in range(t.rowCount())}
    assert set(row) == {"整改进展", "指标完成值：培训人次"}
    indicator = row["指标完成值：培训人次"]
    t.set_all("theirs")
    assert [b.currentText() for b in t.boxes] == ["采用填报", "采用填报"]
    t.boxes[indicator].setCurrentIndex(t.boxes[indicator].findData("new"))
    editor = t.editors[indicator]
    assert editor.isEnabled() and editor.text() == "25" and not t.editors[1 - indicator].isEnabled()
    editor.setText("二十三")
    snap = Snapshot(led)
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    assert dlg.outcome is None and dlg.message.text() == f"第 {r} 行填写的新值不是数字。"
    snap.unchanged()
    editor.setText("23")
    keys = {it.field: it.key for it in dlg.preview.conflicts}
    assert t.decisions() == {keys["progress"]: "theirs", keys[f"actual:{iid}"]: ("new", 23.0)}
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    assert led.task(tid).progress == "书记填的进展"
    assert led.indicators(tid)[0].actual == 23
    assert "裁决 2 项冲突" in dlg.message.text() and dlg.close_button.text() == "关闭"


def test_run_asks_for_the_file_and_shows_a_refused_one_in_a_box(
    qtbot, monkeypatch, led: Ledger, tmp_path: Path
) -> None:
    bad = tmp_path / "假的.xlsx"
    bad.write_text("序号,整改措施\n1,培训\n", encoding="utf-8")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, exc, title=None: shown.append((str(exc), title)))
    monkeypatch.setattr(ui_er, "ask_open_path", lambda _p, _s: str(bad))
    snap = Snapshot(led)
    assert FillFormDialog.run(None, led) is None
    assert len(shown) == 1 and "假的.xlsx" in shown[0][0] and shown[0][1] == "导入填报表"
    assert ui_er.settings().value(ui_er.FOLDER_KEY) == str(tmp_path)
    snap.unchanged()
    monkeypatch.setattr(ui_er, "ask_open_path", lambda _p, _s: "")
    assert FillFormDialog.run(None, led) is None and len(shown) == 1
