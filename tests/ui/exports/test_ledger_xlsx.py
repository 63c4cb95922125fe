"""导出台账 from the window: the dialog's choices, the export run (file read back with openpyxl), cancel, templates."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QPushButton

from ledger.office import (
    BUILTIN_TEMPLATE,
    COLUMNS,
    DEFAULT_COLUMNS,
    default_template_name,
    save_template,
    templates,
)
from ledger.service import Ledger
from ledger.storage import TaskFilter
from ui.common.util import settings
from ui.exports import ledger_xlsx as excel_export
from ui.exports.ledger_xlsx import ExportDialog, ExportOptions, run_export
from ui.exports.templates import TemplateDialog
from ui.window.app import make_app

ORG = "测试工业区党工委"
FIRST = 4  # first task row of the 整改台账 sheet: title, subtitle, header


@pytest.fixture(autouse=True)
def chinese(qapp):
    make_app("zh")


@pytest.fixture
def shown(monkeypatch):
    """What the user would have been told, instead of modal boxes."""
    seen: dict[str, list] = {"done": [], "cancelled": [], "warning": [], "info": []}
    monkeypatch.setattr(excel_export, "show_done", lambda _p, result: seen["done"].append(result))
    monkeypatch.setattr(
        excel_export, "show_cancelled", lambda _p, path, existed: seen["cancelled"].append((path, existed))
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: seen["warning"].append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: seen["info"].append(text))
    return seen


@pytest.fixture
def confirm(monkeypatch):
    """messages.confirm answers from this list (True when empty) and records the questions."""
    answers: list[bool] = []
    asked: list[str] = []

    def fake(_parent, text, title=None, *, destructive=False):
        asked.append(text)
        return answers.pop(0) if answers else True

    monkeypatch.setattr(excel_export.messages, "confirm", fake)
    return answers, asked


def cid(ledger: Ledger, name: str) -> str:
    return ledger.community_id(name)


def task_rows(path: Path, sheet: str = "整改台账") -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        ws = wb[sheet]
        measure = DEFAULT_COLUMNS.index("measure")
        return [r for r in ws.iter_rows(min_row=FIRST, values_only=True) if r[measure]]
    finally:
        wb.close()


def title_of(path: Path, sheet: str = "整改台账") -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return wb[sheet]["A1"].value
    finally:
        wb.close()


# ---- the export dialog ----------------------------------------------------------------------------------------
def test_dialog_shows_counts_and_defaults_to_the_current_filter(qtbot, filled):
    flt = TaskFilter(community_ids=frozenset({cid(filled, "南郊别墅")}))
    dlg = ExportDialog(filled, flt)
    qtbot.addWidget(dlg)
    assert dlg.scope_all.text() == "整本台账（6 条）"
    assert dlg.scope_filter.text() == "当前筛选结果（3 条）"
    assert dlg.scope_filter.isChecked()
    assert dlg.community_box.currentData() == "南郊别墅"  # the community the filter shows
    assert dlg.template_box.currentData() == BUILTIN_TEMPLATE
    assert dlg.template_box.currentText() == "标准台账（默认）"
    assert Path(dlg.path_edit.text()).name == f"{ORG}巡察整改台账-20251120.xlsx"


def test_an_unfiltered_table_defaults_to_the_whole_ledger(qtbot, filled):
    dlg = ExportDialog(filled, TaskFilter(due_soon_days=7))
    qtbot.addWidget(dlg)
    assert dlg.scope_all.isChecked()
    assert dlg.scope_filter.text() == "当前筛选结果（6 条）"


def test_an_empty_filter_cannot_be_chosen(qtbot, filled):
    dlg = ExportDialog(filled, TaskFilter(text="没有这样的任务"))
    qtbot.addWidget(dlg)
    assert dlg.scope_filter.text() == "当前筛选结果（0 条）"
    assert not dlg.scope_filter.isEnabled() and dlg.scope_all.isChecked()


@pytest.mark.parametrize("scope", ["all", "filter", "community"])
def test_scope_choices_produce_the_right_options(qtbot, filled, tmp_path, scope):
    flt = TaskFilter(statuses=frozenset({"not_started"}), due="overdue")
    dlg = ExportDialog(filled, flt)
    qtbot.addWidget(dlg)
    assert dlg.scope_filter.text() == f"当前筛选结果（{filled.task_count(flt)} 条）"
    {"all": dlg.scope_all, "filter": dlg.scope_filter, "community": dlg.scope_community}[scope].setChecked(
        True
    )
    if scope == "community":
        dlg.community_box.setCurrentIndex(dlg.community_box.findData("鑫峰苑"))
        assert not dlg.per_community.isEnabled()
    dlg.paper_box.setCurrentIndex(dlg.paper_box.findData("A3"))
    dlg.per_community.setChecked(True)
    dlg.three_lists.setChecked(True)
    dlg.path_edit.setText(str(tmp_path / "台账"))
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    opts = dlg.result_options
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert opts is not None
    assert opts.scope == scope
    assert opts.path == tmp_path / "台账.xlsx"
    assert opts.task_filter == (flt if scope == "filter" else None)
    assert opts.community == ("鑫峰苑" if scope == "community" else None)
    assert (opts.paper, opts.three_lists, opts.template) == ("A3", True, BUILTIN_TEMPLATE)
    assert opts.per_community_sheets is (scope != "community")
    # the choices are remembered for the next export
    again = ExportDialog(filled, flt)
    qtbot.addWidget(again)
    assert (again.paper_box.currentData(), again.three_lists.isChecked()) == ("A3", True)


def test_ask_returns_none_when_cancelled(qtbot, filled, monkeypatch):
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert ExportDialog.ask(filled, TaskFilter()) is None


def test_an_existing_file_is_replaced_only_after_asking(qtbot, filled, tmp_path, confirm):
    answers, asked = confirm
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    dlg = ExportDialog(filled, TaskFilter())
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(target))
    answers.append(False)
    dlg._accept()
    assert dlg.result_options is None and "已有" in asked[-1]
    dlg._accept()
    assert dlg.result_options is not None and dlg.result_options.path == target


def test_a_missing_folder_is_refused_with_a_sentence(qtbot, filled, tmp_path, shown):
    dlg = ExportDialog(filled, TaskFilter())
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "没有这个文件夹" / "台账.xlsx"))
    dlg._accept()
    assert dlg.result_options is None
    assert shown["info"] and "不存在" in shown["info"][0]


def test_browse_takes_the_file_dialogs_answer(qtbot, filled, tmp_path, monkeypatch, confirm):
    _answers, asked = confirm
    (tmp_path / "选的.xlsx").write_bytes(b"old")
    monkeypatch.setattr(excel_export, "ask_save_path", lambda _p, _start: str(tmp_path / "选的"))
    dlg = ExportDialog(filled, TaskFilter())
    qtbot.addWidget(dlg)
    dlg.browse()
    assert dlg.path_edit.text() == str(tmp_path / "选的.xlsx")
    dlg._accept()
    assert dlg.result_options is not None
    assert not asked  # the file dialog already asked about replacing it


def test_editing_templates_refreshes_the_choice(qtbot, filled, monkeypatch):
    def edit(ledger, _parent, current=None):
        assert current == BUILTIN_TEMPLATE
        save_template(ledger, "简版", ["seq", "measure", "owner"])
        return "简版"

    monkeypatch.setattr(TemplateDialog, "ask", staticmethod(edit))
    dlg = ExportDialog(filled, TaskFilter())
    qtbot.addWidget(dlg)
    dlg.edit_templates()
    assert dlg.template_box.currentData() == "简版"
    assert "共 3 列" in dlg.columns_hint.text()


# ---- running the export ---------------------------------------------------------------------------------------
def options(path: Path, **kw) -> ExportOptions:
    return ExportOptions(
        path=path, scope=kw.pop("scope", "all"), template=kw.pop("template", BUILTIN_TEMPLATE), **kw
    )


def test_run_export_writes_the_ledger(qtbot, filled, tmp_path, shown):
    out = tmp_path / "导出" / "台账.xlsx"
    out.parent.mkdir()
    result = run_export(None, filled, options(out, three_lists=True))
    assert result is not None and result.path == out
    assert shown["done"] == [result] and not shown["warning"]
    assert title_of(out) == f"{ORG}巡察整改台账"
    assert len(task_rows(out)) == 6
    assert {"问题清单", "任务清单", "责任清单"} <= set(result.sheets)
    assert settings().value(excel_export.FOLDER_KEY) == str(out.parent)
    assert excel_export.default_folder() == out.parent


def test_run_export_of_the_current_filter_and_of_one_community(qtbot, filled, tmp_path, shown):
    flt = TaskFilter(due="overdue")
    a = run_export(None, filled, options(tmp_path / "a.xlsx", scope="filter", task_filter=flt))
    assert a is not None and len(task_rows(a.path)) == filled.task_count(flt) == 2
    b = run_export(None, filled, options(tmp_path / "b.xlsx", scope="community", community="鑫峰苑"))
    assert b is not None and len(task_rows(b.path)) == 3
    assert all(r[DEFAULT_COLUMNS.index("community")] == "鑫峰苑" for r in task_rows(b.path))


class CancelAtFirstProgress(QProgressDialog):
    """The user presses 取消 as soon as the dialog shows progress (and what it said then is kept)."""

    made: list[CancelAtFirstProgress] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.said_at_cancel = ""
        CancelAtFirstProgress.made.append(self)

    def setValue(self, value: int) -> None:
        super().setValue(value)
        if not self.said_at_cancel and self.maximum() > 0:
            self.said_at_cancel = self.labelText()
            self.findChild(QPushButton).click()


@pytest.mark.parametrize("existed", [False, True])
def test_cancel_during_export_writes_nothing(qtbot, filled, tmp_path, shown, monkeypatch, existed):
    CancelAtFirstProgress.made.clear()
    monkeypatch.setattr("ui.common.worker.QProgressDialog", CancelAtFirstProgress)
    out = tmp_path / "台账.xlsx"
    if existed:
        out.write_bytes(b"old")
    assert run_export(None, filled, options(out)) is None
    assert shown["cancelled"] == [(out, existed)] and not shown["done"]
    dlg = CancelAtFirstProgress.made[0]
    assert dlg.said_at_cancel == "正在导出……（0 / 6）"
    assert dlg.windowModality() != Qt.WindowModality.NonModal
    assert (out.read_bytes() == b"old") if existed else not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == (
        ["台账.xlsx"] if existed else []
    )


def test_the_window_keeps_painting_while_the_ledger_exports(qtbot, filled, tmp_path, shown, monkeypatch):
    """The export runs in a worker thread: a timer of the GUI thread ticks while it writes, and the workbook is
    the same as one written directly."""
    import threading

    from ledger.office import export_ledger

    ticks: list[int] = []
    ticked = threading.Event()

    def tick() -> None:
        ticks.append(1)
        if len(ticks) >= 5:
            ticked.set()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(0)
    real = export_ledger
    threads: list[bool] = []

    def slow_export(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        result = real(*args, **kwargs)
        ticked.wait(60)  # returns at once once the GUI thread has ticked; a blocked GUI thread never would
        return result

    monkeypatch.setattr("ledger.office.export_ledger", slow_export)
    out = tmp_path / "台账.xlsx"
    result = run_export(None, filled, options(out))
    timer.stop()
    assert threads == [False] and len(ticks) > 3
    assert result is not None and len(task_rows(out)) == 6
    direct = real(filled, tmp_path / "direct.xlsx", **options(tmp_path / "direct.xlsx").kwargs())
    assert task_rows(out) == task_rows(direct.path)


def test_the_sentence_after_a_cancel_says_nothing_was_written(qtbot, monkeypatch, tmp_path):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    excel_export.show_cancelled(None, tmp_path / "a.xlsx", False)
    excel_export.show_cancelled(None, tmp_path / "a.xlsx", True)
    assert told[0] == "导出已取消，没有写入任何文件。"
    assert "保持不变" in told[1] and "a.xlsx" in told[1]


def test_a_ledger_error_is_shown_as_a_sentence(qtbot, filled, tmp_path, shown):
    assert run_export(None, filled, options(tmp_path / "a.xlsx", template="没有这个模板")) is None
    assert shown["warning"] and "没有这个模板" in shown["warning"][0] and not shown["done"]
    assert not list(tmp_path.glob("*.xlsx"))


def test_export_from_window_uses_the_windows_filter(qtbot, filled, tmp_path, shown, monkeypatch):
    from ui.window.main_window import MainWindow

    win = MainWindow(filled)
    qtbot.addWidget(win)
    monkeypatch.setattr(MainWindow, "save_layout", lambda self: None)
    win.filters.set_due("overdue")
    asked = []

    def ask(ledger, flt, parent):
        asked.append((ledger, flt, parent))
        return options(tmp_path / "w.xlsx", scope="filter", task_filter=flt)

    monkeypatch.setattr(ExportDialog, "ask", staticmethod(ask))
    result = excel_export.export_from_window(win)
    assert asked == [(filled, win.filters.current_filter(), win)]
    assert result is not None and len(task_rows(result.path)) == 2


# ---- the template editor --------------------------------------------------------------------------------------
def test_template_dialog_renames_moves_removes_and_saves(qtbot, filled, confirm):
    path = filled.path
    dlg = TemplateDialog(filled)
    qtbot.addWidget(dlg)
    assert dlg.keys() == list(DEFAULT_COLUMNS) and not dlg.dirty
    assert not dlg.delete_button.isEnabled()  # the built-in one cannot be deleted
    dlg.tree.topLevelItem(DEFAULT_COLUMNS.index("community")).setText(0, "居民区")  # as an edit would
    assert dlg.dirty
    dlg.tree.setCurrentItem(dlg.tree.topLevelItem(DEFAULT_COLUMNS.index("owner")))
    qtbot.mouseClick(dlg.up_button, Qt.MouseButton.LeftButton)  # 责任人 before 责任领导
    dlg.tree.setCurrentItem(dlg.tree.topLevelItem(DEFAULT_COLUMNS.index("remark")))
    qtbot.mouseClick(dlg.remove_button, Qt.MouseButton.LeftButton)
    assert "备注" in [dlg.available.item(i).text() for i in range(dlg.available.count())]
    dlg.name_edit.setText("简版")
    assert dlg.save()
    expected = [k for k in DEFAULT_COLUMNS if k != "remark"]
    i = expected.index("owner")
    expected[i - 1], expected[i] = expected[i], expected[i - 1]
    saved = templates(filled)["简版"]
    assert [c["key"] for c in saved] == expected
    assert saved[expected.index("community")]["title"] == "居民区"
    assert saved[expected.index("owner")] == {"key": "owner", "title": "责任人", "width": 8}
    assert dlg.template_box.currentData() == "简版" and not dlg.dirty
    assert dlg.status.text() == "已保存模板“简版”。"
    # moving a column is its own method: the dialog itself still moves (QWidget.move() is not hidden)
    keys = dlg.keys()
    dlg.move(QPoint(50, 20))
    qtbot.waitUntil(lambda: dlg.pos() == QPoint(50, 20))
    assert dlg.keys() == keys

    filled.close()
    again = Ledger.open(path)
    try:
        assert [c["key"] for c in templates(again)["简版"]] == expected
    finally:
        again.close()


def test_added_columns_go_after_the_selected_one(qtbot, filled):
    dlg = TemplateDialog(filled)
    qtbot.addWidget(dlg)
    dlg.tree.setCurrentItem(dlg.tree.topLevelItem(0))
    row = next(
        i
        for i in range(dlg.available.count())
        if dlg.available.item(i).data(Qt.ItemDataRole.UserRole) == "problem_no"
    )
    dlg.available.item(row).setSelected(True)
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    assert dlg.keys()[:2] == ["seq", "problem_no"]
    assert dlg.columns()[1] == {"key": "problem_no", "title": COLUMNS["problem_no"], "width": 9}
    assert "problem_no" not in [
        dlg.available.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dlg.available.count())
    ]


def test_a_template_without_columns_is_refused_and_nothing_saved(qtbot, filled, shown):
    before = templates(filled)
    dlg = TemplateDialog(filled)
    qtbot.addWidget(dlg)
    while dlg.tree.topLevelItemCount():
        dlg.tree.setCurrentItem(dlg.tree.topLevelItem(0))
        dlg.remove_selected()
    assert not dlg.remove_button.isEnabled()
    assert dlg.available.count() == len(COLUMNS)
    dlg.name_edit.setText("空模板")
    assert not dlg.save()
    assert shown["warning"] == ["设置“台账模板”的值无效：模板“空模板”至少要有一列。"]
    assert templates(filled) == before
    assert dlg.dirty  # the edits stay on screen to be fixed


@pytest.mark.parametrize(("name", "words"), [("", "名称不能为空"), (BUILTIN_TEMPLATE, "内置模板")])
def test_bad_template_names_are_refused(qtbot, filled, shown, name, words):
    dlg = TemplateDialog(filled)
    qtbot.addWidget(dlg)
    dlg.name_edit.setText(name)
    assert not dlg.save()
    assert words in shown["warning"][0]
    assert list(templates(filled)) == [BUILTIN_TEMPLATE]


def test_default_delete_and_replace(qtbot, filled, confirm, monkeypatch):
    answers, asked = confirm
    save_template(filled, "简版", ["seq", "measure", "owner"])
    save_template(filled, "领导版", ["seq", "measure", "leader"])
    dlg = TemplateDialog(filled, current="简版")
    qtbot.addWidget(dlg)
    assert dlg.keys() == ["seq", "measure", "owner"] and dlg.name_edit.text() == "简版"
    qtbot.mouseClick(dlg.default_button, Qt.MouseButton.LeftButton)
    assert default_template_name(filled) == "简版"
    assert dlg.template_box.currentText() == "简版（默认）"
    # saving over another template asks first
    dlg.name_edit.setText("领导版")
    answers.append(False)
    assert not dlg.save()
    assert "已经有名为“领导版”" in asked[-1]
    assert [c["key"] for c in templates(filled)["领导版"]] == ["seq", "measure", "leader"]
    # deleting the default one falls back to the built-in
    dlg.name_edit.setText("简版")
    qtbot.mouseClick(dlg.delete_button, Qt.MouseButton.LeftButton)
    assert "删除模板“简版”" in asked[-1]
    assert "简版" not in templates(filled) and default_template_name(filled) == BUILTIN_TEMPLATE
    assert dlg.template_box.currentData() == BUILTIN_TEMPLATE


def test_switching_template_with_unsaved_edits_asks(qtbot, filled, confirm):
    answers, asked = confirm
    save_template(filled, "简版", ["seq", "measure", "owner"])
    dlg = TemplateDialog(filled)
    qtbot.addWidget(dlg)
    dlg.tree.topLevelItem(0).setText(0, "编号")
    answers.append(False)
    dlg.template_box.setCurrentIndex(dlg.template_box.findData("简版"))
    dlg._template_picked(dlg.template_box.currentIndex())
    assert dlg.template_box.currentData() == BUILTIN_TEMPLATE and dlg.tree.topLevelItem(0).text(0) == "编号"
    assert "尚未保存" in asked[-1]
    dlg.template_box.setCurrentIndex(dlg.template_box.findData("简版"))
    dlg._template_picked(dlg.template_box.currentIndex())  # answered yes this time
    assert dlg.keys() == ["seq", "measure", "owner"] and not dlg.dirty


def test_ask_returns_the_chosen_template(qtbot, filled, monkeypatch):
    save_template(filled, "简版", ["seq", "measure"])

    def run(self):
        self.template_box.setCurrentIndex(self.template_box.findData("简版"))
        self._template_picked(self.template_box.currentIndex())
        self._use()
        return self.result()

    monkeypatch.setattr(TemplateDialog, "exec", run)
    assert TemplateDialog.ask(filled) == "简版"


def test_the_finished_box_names_the_file_and_opens_its_folder(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from ledger.office import ExportResult

    seen: dict[str, object] = {}

    def press_open_folder(box):
        seen["text"] = box.text() + "\n" + box.informativeText()
        next(b for b in box.buttons() if b.text() == "打开所在文件夹").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_open_folder)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: seen.setdefault("url", url) is not None)
    out = tmp_path / "台账.xlsx"
    excel_export.show_done(None, ExportResult(out, 6, ("汇总", "整改台账"), BUILTIN_TEMPLATE, 0.1))
    assert "共 6 条任务" in seen["text"] and str(out) in seen["text"] and "汇总、整改台账" in seen["text"]
    assert seen["url"].toLocalFile() == str(tmp_path)


def test_the_file_menu_item_exports(qtbot, filled, tmp_path, shown, monkeypatch):
    from PySide6.QtGui import QAction

    from ui.window.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "save_layout", lambda self: None)
    win = MainWindow(filled)
    qtbot.addWidget(win)
    monkeypatch.setattr(
        ExportDialog, "ask", staticmethod(lambda ledger, flt, parent: options(tmp_path / "m.xlsx"))
    )
    action = win.findChild(QAction, "exportExcel")
    assert action is not None and action.shortcut().toString() == "Ctrl+E"
    action.trigger()
    assert len(shown["done"]) == 1 and (tmp_path / "m.xlsx").exists()
