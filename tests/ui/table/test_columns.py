"""The 台账 table's columns as a user meets them: what leads, problems written once per group, the user's own
choice of columns remembered, and the community column gone from a community package."""

from __future__ import annotations

from ledger.core import Action, Operator, Role
from ui.table.columns import DEFAULT_HIDDEN, LEADING
from ui.table.model import COLUMN_INDEX, COLUMNS
from ui.window.app import make_app
from ui.window.main_window import MainWindow


def visual_keys(win: MainWindow) -> list[str]:
    header = win.table.horizontalHeader()
    keys = [COLUMNS[header.logicalIndex(v)][0] for v in range(header.count())]
    return [k for k in keys if not header.isSectionHidden(COLUMN_INDEX[k])]


def test_the_table_leads_with_what_people_act_on(window):
    shown = visual_keys(window)
    assert shown[: len(LEADING)] == list(LEADING)
    assert shown[0] == "status" and "seq" not in shown
    assert [
        window.model.headerData(COLUMN_INDEX[k], window.table.horizontalHeader().orientation())
        for k in LEADING
    ] == [
        "状态",
        "剩余天数",
        "整改时限",
        "居民区",
        "整改措施",
        "责任人",
        "整改进展",
    ]


def test_a_problem_is_written_once_for_its_group_of_rows(window):
    model = window.model
    problems = [model.task_at(r).problem for r in range(model.rowCount())]
    shown = [model.index(r, COLUMN_INDEX["problem"]).data() for r in range(model.rowCount())]
    for r, text in enumerate(shown):
        if r and problems[r] == problems[r - 1]:
            assert text == ""  # the row above says it
        else:
            assert text == problems[r]
    assert shown.count("") >= 1
    tip = model.index(1, COLUMN_INDEX["problem"]).data(0x03)  # ToolTipRole: the whole problem on every row
    assert tip == problems[1]


def test_columns_shown_hidden_and_moved_are_remembered(qtbot, filled, window):
    header = window.table.horizontalHeader()
    window.columns.show_column(COLUMN_INDEX["leader"], True)
    window.columns.show_column(COLUMN_INDEX["community"], False)
    header.moveSection(header.visualIndex(COLUMN_INDEX["owner"]), 0)
    window.close()
    again = MainWindow(filled)
    qtbot.addWidget(again)
    again.show()
    shown = visual_keys(again)
    assert shown[0] == "owner" and "leader" in shown and "community" not in shown
    again.columns.defaults()
    assert visual_keys(again)[: len(LEADING)] == list(LEADING)
    assert not any(k in visual_keys(again) for k in DEFAULT_HIDDEN)
    again.close()


def test_the_header_menu_restores_the_default_columns(window, monkeypatch):
    from ui.table import columns as columns_mod

    class ChoosingMenu(columns_mod.QMenu):
        def exec(self, *_a):  # the user picks 恢复默认列
            next(a for a in self.actions() if a.text() == "恢复默认列").trigger()

    window.columns.show_column(COLUMN_INDEX["leader"], True)
    window.columns.show_column(COLUMN_INDEX["community"], False)
    window.columns.auto = False
    monkeypatch.setattr(columns_mod, "QMenu", ChoosingMenu)
    window.columns.menu(window.table.horizontalHeader().rect().center())
    assert visual_keys(window)[: len(LEADING)] == list(LEADING)
    assert not any(k in visual_keys(window) for k in DEFAULT_HIDDEN)
    assert window.columns.auto


def test_a_community_package_has_no_community_column(qtbot, filled, tmp_path, clock):
    from ledger import exchange
    from ledger.service import Ledger

    path = exchange.issue_package(filled, "南郊别墅", tmp_path / "包.db")
    pkg = Ledger.open(path, clock=clock, operator=Operator("王书记", Role.SECRETARY))
    win = MainWindow(pkg)
    qtbot.addWidget(win)
    try:
        win.show()
        assert "community" not in visual_keys(win)
        assert visual_keys(win)[:3] == ["status", "days_left", "deadline"]
    finally:
        win.close()
        pkg.close()


def test_a_long_term_task_past_its_date_is_not_shown_late(window, filled):
    row = next(r for r in range(window.model.rowCount()) if window.model.task_at(r).measure == "强化宣传培训")
    tid = window.model.task_id_at(row)
    assert "逾期" in window.model.index(row, COLUMN_INDEX["days_left"]).data()
    before = filled.stats()["overdue"]
    filled.act(tid, Action.START)
    filled.act(tid, Action.SET_ONGOING, reason="转为长期坚持")
    row = window.model.row_of_task(tid)
    assert window.model.index(row, COLUMN_INDEX["days_left"]).data() == "长期"
    assert filled.stats()["overdue"] == before - 1  # and the 逾期 count agrees


def test_a_new_blank_ledger_shows_the_next_steps(qtbot, ledger, monkeypatch):
    make_app("zh")
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    win.show()
    empty = win.empty_state
    assert empty.isVisible() and "还没有" in empty.title.text()
    qtbot.waitExposed(win)
    # the explanation is shown whole: its label is as tall as its wrapped lines need at its width
    text = empty.text
    assert text.height() >= text.heightForWidth(text.width()) and ".pdf" in text.text()
    shown = {name for name, b in empty.buttons.items() if b.isVisible()}
    assert shown == {"importPlan", "addCommunity", "openExample"}
    assert [empty.buttons[n].text() for n in ("importPlan", "addCommunity", "openExample")] == [
        "导入整改方案…",
        "添加居民区…",
        "打开示例台账",
    ]
    asked: list[str] = []
    win.openRequested.connect(asked.append)
    empty.buttons["openExample"].click()
    assert asked == ["example"]
    board = win.view("board")
    assert "还没有整改任务" in win.tabs.currentWidget().empty.text()
    assert board.fig_closed.value.text() == "—"  # no tasks: no share, as 总览 says, not "0.0%"
    c = ledger.add_community("南郊别墅")
    p = ledger.add_problem(ledger.add_category("关于党建引领方面的整改"), "针对治理效能不足的问题")
    ledger.add_task(p, c, "强化宣传培训", owner="赵一")
    assert not empty.isVisible() and not win.tabs.currentWidget().empty.isVisible()
    win.close()


def test_filters_that_leave_nothing_offer_to_show_all(window):
    from ledger.storage import TaskFilter

    window.apply_filter(TaskFilter(text="没有这样的任务"))
    empty = window.empty_state
    assert empty.isVisible() and empty.buttons["showAll"].isVisible()
    assert not empty.buttons["importPlan"].isVisible()


def test_a_long_term_task_past_its_date_is_not_late_in_the_task_panel(window, filled):
    row = next(r for r in range(window.model.rowCount()) if window.model.task_at(r).measure == "强化宣传培训")
    tid = window.model.task_id_at(row)
    filled.act(tid, Action.START)
    filled.act(tid, Action.SET_ONGOING, reason="转为长期坚持")
    window.select_tasks([tid])
    text = window.panel.state.text()
    assert "长期坚持" in text and "逾期" not in text
