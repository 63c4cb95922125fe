"""The main window driven like a user would, then the ledger checked for what it now holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ledger.core import Kind, Status
from ledger.storage import TaskFilter
from ui.table.model import COLUMN_INDEX, TaskTableModel
from ui.window.app import make_app
from ui.window.main_window import MainWindow


def _row_of(win: MainWindow, measure: str, community: str) -> int:
    for row in range(win.model.rowCount()):
        t = win.model.task_at(row)
        if t and t.measure == measure and t.community == community:
            return row
    raise AssertionError(f"{measure}/{community} not shown")


def test_model_passes_qt_model_tester(qtmodeltester, filled):
    model = TaskTableModel(filled)
    qtmodeltester.check(model)
    model.set_filter(TaskFilter(text="巡查"))
    qtmodeltester.check(model)


def test_table_shows_every_task_in_ledger_order(window, filled):
    assert window.model.rowCount() == 6
    first = window.model.index(0, COLUMN_INDEX["community"]).data()
    assert first == "南郊别墅"
    assert window.model.index(0, COLUMN_INDEX["seq"]).data() == "1"
    overdue = window.model.index(
        _row_of(window, "强化宣传培训", "南郊别墅"), COLUMN_INDEX["days_left"]
    ).data()
    assert "10" in overdue


def test_inline_edit_of_owner_is_saved_and_journalled(window, filled):
    row = _row_of(window, "开展专项整治", "南郊别墅")
    idx = window.model.index(row, COLUMN_INDEX["owner"])
    assert window.model.setData(idx, "新责任人")
    tid = window.model.task_id_at(row)
    assert filled.task(tid).owner == "新责任人"
    assert filled.history(tid)[-1].command == "update_task"
    assert window.model.index(row, COLUMN_INDEX["owner"]).data() == "新责任人"


def test_inline_edit_refuses_empty_owner_and_says_why(window, filled, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    row = _row_of(window, "开展专项整治", "南郊别墅")
    tid = window.model.task_id_at(row)
    before = filled.task(tid)
    assert not window.model.setData(window.model.index(row, COLUMN_INDEX["owner"]), "  ")
    assert filled.task(tid) == before
    assert shown and "责任人" in shown[0] and "不能为空" in shown[0]


def test_inline_deadline_edit_with_date(window, filled):
    row = _row_of(window, "开展专项整治", "南郊别墅")
    idx = window.model.index(row, COLUMN_INDEX["deadline"])
    assert window.model.setData(idx, QDate(2026, 2, 1))
    assert filled.task(window.model.task_id_at(row)).deadline == dt.date(2026, 2, 1)


def test_filters_by_community_status_due_and_text(window, filled, qtbot):
    panel = window.filters
    root = panel.tree.topLevelItem(0)
    child = next(
        root.child(i) for i in range(root.childCount()) if root.child(i).text(0).startswith("鑫峰苑")
    )
    panel.tree.clearSelection()
    child.setSelected(True)
    assert window.model.rowCount() == 3
    assert {window.model.task_at(r).community for r in range(3)} == {"鑫峰苑"}
    panel.select_community(None)
    assert window.model.rowCount() == 6
    panel.set_due("overdue")
    assert {window.model.task_at(r).measure for r in range(window.model.rowCount())} == {
        "强化宣传培训",
        "加强日常巡查",
    }
    panel.set_due("due_soon")
    assert [window.model.task_at(r).owner for r in range(window.model.rowCount())] == ["钱二"]
    panel.set_due(None)
    panel.search.setText("补贴")
    with qtbot.waitSignal(panel.filterChanged, timeout=2000):
        pass
    assert window.model.rowCount() == 2
    panel.search.clear()
    panel.status_box.setCurrentIndex(panel.status_box.findData(Status.IN_PROGRESS.value))
    assert window.model.rowCount() == 0


def test_sorting_by_owner_column(window):
    window.table.sortByColumn(COLUMN_INDEX["owner"], Qt.SortOrder.AscendingOrder)
    owners = [window.model.task_at(r).owner for r in range(window.model.rowCount())]
    assert owners == sorted(owners)
    window.table.sortByColumn(COLUMN_INDEX["deadline"], Qt.SortOrder.DescendingOrder)
    deadlines = [window.model.task_at(r).deadline for r in range(window.model.rowCount())]
    dated = [d for d in deadlines if d]
    assert dated == sorted(dated, reverse=True)


def test_task_panel_edit_then_undo_and_redo(window, filled):
    row = _row_of(window, "完善审核机制", "南郊别墅")
    window.table.selectRow(row)
    tid = window.model.task_id_at(row)
    assert window.panel.task.id == tid
    window.panel.progress.setPlainText("已召开专题会议 2 次")
    window.panel.kind.setCurrentIndex(window.panel.kind.findData(Kind.IMMEDIATE.value))
    assert window.panel.save()
    assert filled.task(tid).progress == "已召开专题会议 2 次"
    assert filled.task(tid).kind == Kind.IMMEDIATE.value
    window.undo_action.trigger()
    assert filled.task(tid).progress == ""
    assert filled.task(tid).kind == Kind.DEADLINE.value
    assert filled.history(tid)[-1].command == "undo"
    window.redo_action.trigger()
    assert filled.task(tid).progress == "已召开专题会议 2 次"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.redo_action.shortcut().toString() == "Ctrl+Shift+Z"


def test_task_panel_refuses_bad_indicator_number(window, filled, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    row = _row_of(window, "完善审核机制", "南郊别墅")
    tid = window.model.task_id_at(row)
    ind = filled.add_indicator(tid, "培训", "次", 18, 0)
    window.table.selectRow(row)
    window.panel.show_task(tid)
    item = window.panel.indicators.item(0, 3)
    item.setText("十八")
    assert shown and "数字" in shown[0]
    assert filled.indicators(tid)[0].actual == 0
    item = window.panel.indicators.item(0, 3)
    item.setText("12")
    assert filled.indicators(tid)[0].actual == 12
    assert filled.indicators(tid)[0].id == ind


def test_delete_asks_first_and_keeps_history(window, filled, monkeypatch):
    answers = iter([False, True])
    monkeypatch.setattr("ui.common.messages.confirm", lambda *a, **k: next(answers))
    row = _row_of(window, "强化警示教育", "鑫峰苑")
    tid = window.model.task_id_at(row)
    window.table.selectRow(row)
    window.delete_task()
    assert filled.store.task_exists(tid)
    window.delete_task()
    assert not filled.store.task_exists(tid)
    assert window.model.rowCount() == 5
    assert filled.history(tid)[-1].command == "delete_task"
    window.undo()
    assert filled.store.task_exists(tid)
    assert window.model.rowCount() == 6


def test_workflow_buttons_move_a_task(window, filled, monkeypatch):
    row = _row_of(window, "开展专项整治", "南郊别墅")
    tid = window.model.task_id_at(row)
    window.table.selectRow(row)
    start = window.panel.action_buttons[__import__("ledger.core.workflow", fromlist=["Action"]).Action.START]
    assert start.isVisibleTo(window.panel)
    start.click()
    assert filled.task(tid).status == Status.IN_PROGRESS
    monkeypatch.setattr("ui.signoff.dialogs.SubmitDialog.ask", lambda *a, **k: {"reason": "已完成整改"})
    window.panel.action_buttons[__import__("ledger.core.workflow", fromlist=["Action"]).Action.SUBMIT].click()
    assert filled.task(tid).status == Status.SUBMITTED
    assert window.model.index(row, COLUMN_INDEX["status"]).data().endswith("申请销号")


def test_structure_dialog_adds_and_reorders_communities(qtbot, filled, monkeypatch):
    from ui.window.structure import StructureDialog

    shown: list[str] = []
    monkeypatch.setattr("ui.common.messages.show_error", lambda _p, exc, *a: shown.append(str(exc)))
    dlg = StructureDialog(filled)
    qtbot.addWidget(dlg)
    monkeypatch.setattr(dlg, "_text", lambda *a: "天恒名城")
    dlg.add_community()
    assert [c["name"] for c in filled.communities()] == ["南郊别墅", "鑫峰苑", "天恒名城"]
    dlg.communities.setCurrentRow(2)
    dlg.move_community(-1)
    assert [c["name"] for c in filled.communities()] == ["南郊别墅", "天恒名城", "鑫峰苑"]
    dlg.add_community()  # a duplicate name is refused with a sentence, nothing added
    assert len(filled.communities()) == 3
    assert shown and "已经有名为“天恒名城”的居民区" in shown[0]


def test_structure_dialog_adds_a_problem_beside_the_chosen_one_and_says_when_it_was_deleted_meanwhile(
    qtbot, filled, monkeypatch
):
    from ui.window.structure import StructureDialog

    shown: list[str] = []
    monkeypatch.setattr("ui.common.messages.show_error", lambda _p, exc, *a: shown.append(str(exc)))
    cat = filled.categories()[0]["id"]
    spare = filled.add_problem(cat, "针对临时问题")  # no task: it can be deleted
    dlg = StructureDialog(filled)
    qtbot.addWidget(dlg)
    monkeypatch.setattr(dlg, "_text", lambda *a: "针对新发现的问题")

    def choose(problem_id: str) -> None:
        for i in range(dlg.problems.topLevelItemCount()):
            top = dlg.problems.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, Qt.ItemDataRole.UserRole) == ("problem", problem_id):
                    dlg.problems.setCurrentItem(top.child(j))
                    return
        raise AssertionError(problem_id)

    choose(spare)
    dlg.add_problem()  # beside the chosen problem: in its category
    assert [p["title"] for p in filled.problems(cat)][-2:] == ["针对临时问题", "针对新发现的问题"]
    choose(spare)
    filled.delete_problem(spare)  # deleted elsewhere while the dialog shows it
    before = len(filled.problems())
    dlg.add_problem()
    assert len(filled.problems()) == before and shown and spare in shown[0]
    assert all(
        dlg.problems.topLevelItem(i).child(j).data(0, Qt.ItemDataRole.UserRole) != ("problem", spare)
        for i in range(dlg.problems.topLevelItemCount())
        for j in range(dlg.problems.topLevelItem(i).childCount())
    )  # the tree was filled again


def test_window_remembers_its_layout(qtbot, filled):
    win = MainWindow(filled)
    qtbot.addWidget(win)
    win.show()
    win.resize(700, 500)
    win.table.setColumnWidth(COLUMN_INDEX["measure"], 333)
    win.save_layout()
    win.close()
    again = MainWindow(filled)
    qtbot.addWidget(again)
    assert again.table.columnWidth(COLUMN_INDEX["measure"]) == 333
    assert again.size().width() == 700


def test_large_text_search_shows_first_screen_then_the_rest(qtbot, ledger, qtmodeltester):
    """Over FIRST_SCREEN matches: the first screen comes at once, the remaining rows are appended."""
    from ui.table.model import FIRST_SCREEN

    com = ledger.add_community("南郊别墅")
    cat = ledger.add_category("关于安全方面的整改")
    prob = ledger.add_problem(cat, "针对隐患排查不到位的问题")
    n = FIRST_SCREEN + 37
    rows = {
        "task": [
            ledger.new_row(
                "task", problem_id=prob, community_id=com, measure=f"排查隐患第{i}处", owner="某人", sort=i
            )
            for i in range(n)
        ]
    }
    ledger.bulk_insert("generate", rows, {})
    model = TaskTableModel(ledger)
    model.set_filter(TaskFilter(text="隐患"))
    assert model.rowCount() == FIRST_SCREEN
    qtbot.waitUntil(lambda: model.rowCount() == n)
    assert model.task_at(n - 1).measure == f"排查隐患第{n - 1}处"
    qtmodeltester.check(model)


def test_views_are_built_when_first_shown_and_board_click_selects_tasks(window, filled, qtbot):
    assert window.tabs.widget(1).objectName() == "lazy_board"
    board = window.view("board")
    assert board.objectName() == "boardView" and window.page(1) is board
    model = board.model
    target = None
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            ids = model.task_ids(model.index(r, c))
            if ids:
                target = (r, c, ids)
                break
        if target:
            break
    assert target is not None
    r, c, ids = target
    with qtbot.waitSignal(board.tasksActivated):
        board.tasksActivated.emit(ids)
    assert window.panel.task is not None and window.panel.task.id == ids[0]
    selected = {window.model.task_id_at(i.row()) for i in window.table.selectionModel().selectedRows()}
    assert selected == set(ids)
    assert window.tabs.widget(3).objectName() == "lazy_overview"  # not built until its tab is first shown
    overview = window.view("overview")
    assert overview.objectName() == "overviewView"


def test_screenshot_tool_renders_every_main_view(tmp_path, filled):
    from ui.window.screenshot import render_all

    path = filled.path
    paths = render_all(path, tmp_path / "shots", today="2025-11-20")
    names = [p.name for p in paths]
    assert names[:7] == [
        "01-ledgerTable.png",
        "02-boardView.png",
        "03-kanbanView.png",
        "04-overviewView.png",
        "05-reviewQueueView.png",
        "06-reconcileView.png",
        "07-packageStatusView.png",
    ]
    assert "13-dialog-guide.png" in names  # and the main dialogs after the views
    assert all(p.stat().st_size > 10_000 for p in paths)


def test_community_package_table_lets_only_progress_be_edited(qtbot, filled, tmp_path, clock):
    from ledger import exchange
    from ledger.core import Operator, Role
    from ledger.service import Ledger

    path = exchange.issue_package(filled, "南郊别墅", tmp_path / "包.db")
    pkg = Ledger.open(path, clock=clock, operator=Operator("王书记", Role.SECRETARY))
    try:
        model = TaskTableModel(pkg)
        editable = {
            key
            for key, col in COLUMN_INDEX.items()
            if model.flags(model.index(0, col)) & Qt.ItemFlag.ItemIsEditable
        }
        assert editable == {"progress"}
        assert model.setData(model.index(0, COLUMN_INDEX["progress"]), "书记写的进展")
        assert pkg.task(model.task_id_at(0)).progress == "书记写的进展"
    finally:
        pkg.close()


def test_a_package_opens_in_community_mode(qtbot, filled, tmp_path, clock):
    from ledger import exchange
    from ledger.core import Operator, Role
    from ledger.service import Ledger

    path = exchange.issue_package(filled, "南郊别墅", tmp_path / "包.db")
    pkg = Ledger.open(path, clock=clock, operator=Operator("王书记", Role.SECRETARY))
    win = MainWindow(pkg)
    qtbot.addWidget(win)
    try:
        assert win.findChild(QAction, "returnPackage") is not None
        assert win.findChild(QAction, "issuePackages") is None
        banner = win.findChild(QLabel, "communityBanner")
        assert banner is not None and "南郊别墅" in banner.text()
        root = win.filters.tree.topLevelItem(0)
        shown = [root.child(i).text(0) for i in range(root.childCount()) if not root.child(i).isHidden()]
        assert len(shown) == 1 and shown[0].startswith("南郊别墅")
        assert {win.model.task_at(r).community for r in range(win.model.rowCount())} == {"南郊别墅"}
    finally:
        win.close()
        pkg.close()


def test_master_has_the_package_menu_and_status_tab(window):
    assert window.findChild(QAction, "issuePackages") is not None
    assert window.findChild(QAction, "mergeReturn") is not None
    assert window.view("packages").objectName() == "packageStatusView"


def test_first_paint_comes_before_the_rest_of_a_large_ledger_and_the_task_panel(qtbot, tmp_path, clock):
    """A ledger bigger than one screen: the window paints the first screen, then reads the remaining ids and
    builds the task panel; until a task is chosen the dock says what to do."""
    from ledger.example import generate
    from ui.table.model import FIRST_SCREEN

    led = generate(tmp_path / "大台账.db", tasks=FIRST_SCREEN * 3, communities=12, clock=clock)
    make_app("zh")
    win = MainWindow(led)
    qtbot.addWidget(win)
    painted: list[bool] = []
    win.firstPainted.connect(lambda: painted.append(win.model._complete))
    assert win.model.rowCount() == FIRST_SCREEN  # the first screen's rows; the rest and the count come after
    assert not win.model._complete and win._panel is None  # the remaining ids and the panel wait
    assert win.task_stack.currentWidget() is win.task_hint
    assert "选择" in win.task_hint.findChildren(QLabel)[1].text()
    win.show()
    qtbot.waitUntil(lambda: win._panel is not None)
    assert painted == [False]  # the window had painted before the remaining ids were read
    qtbot.waitUntil(lambda: win.model._complete)
    assert win.model.rowCount() == FIRST_SCREEN * 3
    assert win.task_stack.currentWidget() is win.task_hint  # built, but no task chosen yet
    win.table.selectRow(FIRST_SCREEN * 3 - 1)  # a row beyond the first screen
    last = win.model.task_at(FIRST_SCREEN * 3 - 1)
    assert win.panel.task is not None and win.panel.task.id == last.id
    assert win.task_stack.currentWidget() is win.panel and win.panel.title.text() == last.measure
    win.close()
    led.close()


def test_reconcile_and_package_tabs_get_the_whole_width_and_the_docks_come_back(qtbot, filled):
    make_app("zh")
    win = MainWindow(filled)
    qtbot.addWidget(win)
    win.show()
    qtbot.wait(10)  # the window has been fitted into the (800-pixel) screen: now as wide as a laptop's
    win.resize(1300, 700)
    filter_dock, task_dock = win.docks
    assert filter_dock.isVisible() and not task_dock.isVisible()  # no task chosen: the table gets the width
    win.table.selectRow(0)
    assert task_dock.isVisible()
    width = task_dock.width()
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    win.tab_bar.setCurrentIndex(titles.index("对账"))
    assert win.page(win.tabs.currentIndex()).objectName() == "reconcileView"
    assert not filter_dock.isVisible() and not task_dock.isVisible()
    qtbot.waitUntil(lambda: win.tabs.currentWidget().width() > win.width() * 0.9)
    win.tab_bar.setCurrentIndex(titles.index("社区包"))
    assert not filter_dock.isVisible()
    win.tab_bar.setCurrentIndex(titles.index("挂图督战"))  # the wall chart follows the filters: they are back
    assert (
        filter_dock.isVisible() and not task_dock.isVisible()
    )  # the chart gets the width until a cell is chosen
    win.select_tasks([win.model.task_id_at(0)])  # a click on a cell
    assert task_dock.isVisible()
    assert task_dock.width() >= min(width, 330)  # not squeezed: its buttons show whole
    save = win.panel.save_button
    where = QRect(save.mapTo(task_dock, QPoint(0, 0)), save.size())
    assert save.isVisible() and task_dock.rect().contains(where)
    win.tab_bar.setCurrentIndex(titles.index("对账"))
    win.close()  # closed while the docks were hidden: the next window still has them on the ledger tab
    again = MainWindow(filled)
    qtbot.addWidget(again)
    again.show()
    assert again.tabs.currentIndex() == 0 and again.docks[0].isVisible()
    again.table.selectRow(0)
    assert again.docks[1].isVisible()
    again.close()


def test_the_task_panel_can_be_hidden_and_stays_hidden(qtbot, filled):
    make_app("zh")
    win = MainWindow(filled)
    qtbot.addWidget(win)
    win.show()
    win.table.selectRow(0)
    task_dock = win.docks[1]
    assert task_dock.isVisible()
    task_dock.close()  # its close button
    assert not task_dock.isVisible() and not win.task_panel_action.isChecked()
    win.table.selectRow(1)
    assert not task_dock.isVisible()  # choosing another task does not bring it back
    win.task_panel_action.trigger()  # 查看 → 任务面板
    assert task_dock.isVisible() and win.panel.task is not None
    win.close()


def test_redo_survives_a_panel_edit_that_changes_nothing(window, filled):
    """An indicator cell set to the value it has journals nothing, so it must not touch undo or redo."""
    row = _row_of(window, "完善审核机制", "南郊别墅")
    tid = window.model.task_id_at(row)
    filled.add_indicator(tid, "培训", "次", 18, 5)
    window.table.selectRow(row)
    window.panel.progress.setPlainText("第一次进展")
    assert window.panel.save()
    window.undo_action.trigger()
    assert window.redo_action.isEnabled() and len(window.redo_stack) == 1
    window.panel.show_task(tid)
    window.panel.indicators.item(0, 3).setText("5.0")  # the same actual value, written differently
    assert window.redo_action.isEnabled() and len(window.redo_stack) == 1
    window.redo_action.trigger()
    assert filled.task(tid).progress == "第一次进展"


def test_every_built_view_hears_changes_not_only_the_filtered_ones(window, filled, qtbot):
    heard: list[str] = []
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index("待我审核"))
    window.tabs.setCurrentIndex(titles.index("对账"))
    for name in ("reviewQueueView", "reconcileView"):
        view = window.findChild(QWidget, name)
        view.on_changed = lambda changed, n=name: heard.append(n)  # noqa: B023 - bound per name
    filled.update_progress(filled.tasks_json()[0]["id"], "新的进展")
    assert sorted(heard) == ["reconcileView", "reviewQueueView"]


def test_show_all_is_one_filter_change(window, qtbot):
    changes: list[object] = []
    window.filters.set_due("overdue")
    window.filters.filterChanged.connect(changes.append)
    window.clear_filters()
    assert len(changes) == 1 and changes[0].due is None and changes[0].community_ids is None


def test_the_backups_folder_opens_from_the_file_menu(window, filled, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from ledger.service import folder_for

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.data_dir = tmp_path / "数据"
    window.findChild(QAction, "openBackups").trigger()
    assert opened == [str(folder_for(filled.path, tmp_path / "数据"))] and Path(opened[0]).is_dir()


def test_dialogs_made_per_use_are_freed_afterwards(window, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QEvent

    from ui.common import messages
    from ui.window.structure import StructureDialog

    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    monkeypatch.setattr(StructureDialog, "exec", lambda self: 0)
    for _ in range(4):
        messages.confirm(window, "确定吗？")
        window.edit_structure()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(QMessageBox) == [] and window.findChildren(StructureDialog) == []


def test_screenshot_neither_reads_nor_writes_the_users_window_layout(tmp_path, filled):
    """A render is reproducible: the layout a user left (dock widths, column widths) is not used, nor replaced."""
    from ui.common.util import settings
    from ui.window.screenshot import render_all

    s = settings()
    s.setValue("window/state", b"the user's own layout")
    s.sync()
    first = render_all(filled.path, tmp_path / "a", today="2025-11-20")
    assert settings().value("window/state") == b"the user's own layout"
    second = render_all(filled.path, tmp_path / "b", today="2025-11-20")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_saving_in_the_task_panel_is_confirmed(window, filled):
    row = _row_of(window, "开展专项整治", "南郊别墅")
    window.table.selectRow(row)
    window.panel.progress.setPlainText("已完成第一轮排查")
    window.panel.save_button.click()
    assert filled.task(window.model.task_id_at(row)).progress == "已完成第一轮排查"
    assert window.statusBar().currentMessage() == "已保存：开展专项整治"


def test_qt_own_dialogs_speak_chinese(window):
    """The file dialogs' own words come from the qtbase translation PySide6 ships."""
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："


def test_the_help_menu_has_the_guide_where_the_data_is_and_the_version(window):
    from ui.window import help as guide

    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "帮助(&H)"
    names = {a.objectName() for a in window.findChild(QWidget, "helpMenu").actions()}
    assert {"guide", "about"} <= names
    dlg = guide.GuideDialog(window)
    places = dict(guide.locations(window))
    assert places["本台账文件"] == Path(filled_path(window))
    assert "自动备份" in " ".join(places) and any(str(p).endswith("ledger.log") for p in places.values())
    steps = " → ".join(s.split(". ")[1] for s, _t in guide.round_steps())
    assert steps == "下发 → 填报 → 上报 → 合并 → 审核 → 对账 → 周报"
    assert any(k == "Ctrl+Z" for k, _t in guide.shortcut_rows(window))
    assert guide.version() in guide.about_text()
    dlg.deleteLater()


def filled_path(window: MainWindow) -> str:
    return str(window.ledger.path)


def test_view_menu_reaches_every_view(window):
    menu = window.findChild(QWidget, "viewMenu")
    names = [a.objectName() for a in menu.actions() if a.objectName().startswith("show_")]
    assert names == [
        "show_table",
        "show_board",
        "show_kanban",
        "show_overview",
        "show_queue",
        "show_reconcile",
        "show_packages",
    ]
    window.findChild(QAction, "show_reconcile").trigger()
    assert window.page(window.tabs.currentIndex()).objectName() == "reconcileView"


def test_a_generated_ledger_says_so_in_the_status_bar(qtbot, tmp_path, clock):
    from ledger.example import generate

    led = generate(tmp_path / "测试.db", tasks=30, communities=3, clock=clock)
    make_app("zh")
    win = MainWindow(led)
    qtbot.addWidget(win)
    badge = win.findChild(QLabel, "exampleBadge")
    assert badge is not None and "测试数据" in badge.text()
    win.close()
    led.close()


def test_a_filter_change_paints_its_first_screen_before_reading_the_rest(qtbot, tmp_path, clock):
    """逾期 over a large ledger: the table is repainted with the first screen, then the remaining ids (and the
    count) arrive; a task chosen beyond the first screen is still selected once they do."""
    from PySide6.QtCore import QEvent, QObject

    from ledger.example import generate
    from ui.table.model import FIRST_SCREEN

    led = generate(tmp_path / "大台账.db", tasks=FIRST_SCREEN * 8, communities=4, clock=clock)
    make_app("zh")
    win = MainWindow(led)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win._panel is not None and win.model._complete)
    win.table.selectRow(FIRST_SCREEN * 8 - 1)
    chosen = win.current_task_id()
    overdue = led.store.one(
        "SELECT COUNT(*) FROM task WHERE deleted_at IS NULL AND deadline < ? AND status IN "
        "('not_started','in_progress','returned','reopened')",
        (clock.today().isoformat(),),
    )
    assert overdue > FIRST_SCREEN

    seen: list[tuple[bool, int]] = []

    class Spy(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                seen.append((win.model._complete, win.model.rowCount()))
            return False

    spy = Spy()
    win.table.viewport().installEventFilter(spy)
    win.apply_filter(TaskFilter(due="overdue"))
    qtbot.waitUntil(lambda: win.model._complete)
    assert seen and seen[0] == (False, FIRST_SCREEN)  # painted with the first screen, before the rest
    assert win.model.rowCount() == overdue  # the count arrived with the rest
    win.apply_filter(TaskFilter())
    qtbot.waitUntil(lambda: win.model._complete)
    qtbot.waitUntil(lambda: win.current_task_id() == chosen)  # re-selected once its row was loaded
    win.close()
    led.close()


@pytest.mark.parametrize(
    ("action", "method"),
    [("printBoard", "print_chart"), ("exportBoard", "export_pdf"), ("boardScheme", "edit_scheme")],
)
def test_wall_chart_commands_build_the_chart_once_and_reach_it(window, monkeypatch, action, method):
    from ui.board.view import BoardView

    reached: list[BoardView] = []
    monkeypatch.setattr(BoardView, method, lambda self: reached.append(self))
    window.findChild(QAction, action).trigger()  # the wall chart's tab not shown yet: built now
    window.findChild(QAction, action).trigger()
    assert len(reached) == 2 and reached[0] is reached[1] is window.view("board")
