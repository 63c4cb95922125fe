"""Community packages in the window: issue, the merge preview with per-row conflict decisions, the status view,
conflicts left open, and the community-mode window on a package (read-only work-team fields, 上报)."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from ledger.core.clock import FixedClock
from ledger.exchange import packages as exchange
from ledger.exchange.merge import open_conflicts, preview_merge
from ledger.service.commands import Ledger
from ledger.storage import journal
from tests.ledger.exchange.exchange_helpers import SECRETARY, dump, edit_package, master
from ui.common import messages
from ui.packages import community_mode
from ui.packages import issue as package_issue
from ui.packages import merge as package_merge
from ui.packages import rows as package_rows
from ui.packages.conflicts import OpenConflictsDialog
from ui.packages.issue import IssuePackagesDialog
from ui.packages.merge import MergeDialog
from ui.packages.status import PackageStatusView
from ui.table.model import COLUMN_INDEX
from ui.window.app import make_app


@pytest.fixture
def world(tmp_path: Path, clock: FixedClock):
    make_app("zh")
    led, ids = master(tmp_path, clock)
    yield led, ids
    led.close()


def _return_with_three_kinds(led: Ledger, ids: dict, tmp_path: Path, clock: FixedClock) -> Path:
    """A return holding one change to apply (t1's progress), one conflict (t0's progress, changed on both sides)
    and one refused entry (t2's owner, the work team's field)."""
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    t0, t1, t2 = ids["tasks_a"]
    pkg = edit_package(path, clock)
    try:
        pkg.update_progress(t0, "书记写的进展")
        pkg.update_progress(t1, "书记写的第二项进展")
        # Community mode refuses this at the source; switch the guard off to write an entry the merge must refuse.
        pkg._package_guard = lambda *a, **k: None  # type: ignore[method-assign]
        with mock.patch("ledger.service.permissions.check", lambda *a, **k: False):  # nor the role gate
            pkg.update_task(t2, owner="书记改的责任人")
    finally:
        pkg.close()
    clock.advance(hours=1)
    led.update_progress(t0, "专班写的进展")
    return exchange.return_package(path, clock=clock)


def _cell(table, row: int, col: int) -> str:
    return table.item(row, col).text()


def test_preview_shows_three_lists_then_take_theirs_applies(
    qtbot, world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    t0, t1, t2 = ids["tasks_a"]
    ret = _return_with_three_kinds(led, ids, tmp_path, clock)
    before = dump(led.path)
    dlg = MergeDialog(led, ret)
    qtbot.addWidget(dlg)
    assert dump(led.path) == before, "the preview changed the ledger"
    assert dlg.counts() == (1, 1, 1)
    assert [dlg.tabs.tabText(i) for i in range(3)] == ["将应用（1）", "冲突（1）", "拒绝（1）"]
    assert dlg.tabs.currentWidget() is dlg.conflict_table
    applied = dlg.applied_table
    assert (_cell(applied, 0, package_rows.COL_COMMUNITY), _cell(applied, 0, package_rows.COL_MEASURE)) == (
        "南郊别墅",
        "措施3",
    )
    assert _cell(applied, 0, package_rows.COL_THEIRS) == "书记写的第二项进展"
    conflicts = dlg.conflict_table
    assert _cell(conflicts, 0, package_rows.COL_FIELD) == "整改进展"
    assert _cell(conflicts, 0, package_rows.COL_OURS) == "专班写的进展"
    assert _cell(conflicts, 0, package_rows.COL_THEIRS) == "书记写的进展"
    authors = _cell(conflicts, 0, package_rows.COL_AUTHORS)
    assert "我方：张专班" in authors and "对方：王书记" in authors
    assert "两边都修改" in _cell(conflicts, 0, package_rows.COL_REASON)
    refused = dlg.refused_table
    assert _cell(refused, 0, package_rows.COL_FIELD) == "责任人" and "工作专班" in _cell(
        refused, 0, package_rows.COL_REASON
    )

    box = conflicts.cellWidget(0, package_rows.COL_DECISION)
    assert [box.itemText(i) for i in range(box.count())] == ["暂不决定", "保留我方", "采用对方", "填写新值"]
    box.setCurrentIndex(box.findData("theirs"))
    qtbot.mouseClick(dlg.apply_button, Qt.MouseButton.LeftButton)
    assert dlg.outcome is not None and dlg.outcome.written and not dlg.outcome.open_conflicts
    assert isinstance(dlg.result(), int)  # QDialog.result() is not hidden by the dialog's own attribute
    assert led.task(t0).progress == "书记写的进展"
    assert led.task(t1).progress == "书记写的第二项进展"
    assert led.task(t2).owner == "责任人4"
    # taking theirs is the decider's act: one entry by 张专班 naming both values, the secretary's text its change
    (decided,) = [e for e in led.history(t0) if e.command == "decide_conflict"]
    assert decided.actor == "张专班" and decided.args["choice"] == "theirs"
    assert (decided.args["ours"], decided.args["theirs"]) == ("专班写的进展", "书记写的进展")
    assert decided.origin == f"上报包:{ret.name}（冲突裁决）"
    secretary = [e for e in led.history(t1) if e.command == "update_progress"][-1]
    assert secretary.origin == f"上报包:{ret.name}" and secretary.actor == "王书记"
    assert "已合并" in dlg.message.text() and "未决定" not in dlg.message.text()
    assert not dlg.apply_button.isEnabled() and dlg.outcome.backup and dlg.outcome.backup.exists()


def test_write_a_new_value(qtbot, world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    ret = _return_with_three_kinds(led, ids, tmp_path, clock)
    dlg = MergeDialog(led, ret)
    qtbot.addWidget(dlg)
    editor = dlg.conflict_table.cellWidget(0, package_rows.COL_NEW)
    assert not editor.isEnabled()
    box = dlg.conflict_table.cellWidget(0, package_rows.COL_DECISION)
    box.setCurrentIndex(box.findData("new"))
    assert editor.isEnabled() and editor.text() == "书记写的进展"  # their value to start from
    editor.setText("两边合起来的进展")
    qtbot.mouseClick(dlg.apply_button, Qt.MouseButton.LeftButton)
    assert led.task(ids["tasks_a"][0]).progress == "两边合起来的进展"
    assert dlg.outcome is not None and dlg.outcome.conflicts[0].status == "rewritten"


def test_an_empty_new_value_is_not_applied(qtbot, world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    ret = _return_with_three_kinds(led, ids, tmp_path, clock)
    dlg = MergeDialog(led, ret)
    qtbot.addWidget(dlg)
    dlg.choose(0, "new", "")
    dlg.conflict_table.editors[0].clear()
    before = dump(led.path)
    assert dlg.apply() is None
    assert "第 1 行" in dlg.message.text() and dump(led.path) == before


def test_undecided_conflicts_stay_open_and_are_decided_later(
    qtbot, world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    ret = _return_with_three_kinds(led, ids, tmp_path, clock)
    dlg = MergeDialog(led, ret)
    qtbot.addWidget(dlg)
    dlg.apply()
    assert "还有 1 项冲突未决定" in dlg.message.text()
    assert led.task(ids["tasks_a"][0]).progress == "专班写的进展"
    assert len(open_conflicts(led)) == 1

    later = OpenConflictsDialog(led)
    qtbot.addWidget(later)
    assert later.table.rowCount() == 1
    assert _cell(later.table, 0, package_rows.COL_OURS) == "专班写的进展"
    assert _cell(later.table, 0, package_rows.COL_THEIRS) == "书记写的进展"
    later.choose(0, "theirs")
    qtbot.mouseClick(later.apply_button, Qt.MouseButton.LeftButton)
    assert later.decided == 1 and later.table.rowCount() == 0 and "没有未决冲突" in later.summary.text()
    assert led.task(ids["tasks_a"][0]).progress == "书记写的进展" and not open_conflicts(led)


def test_keep_all_ours(qtbot, world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    ret = _return_with_three_kinds(led, ids, tmp_path, clock)
    dlg = MergeDialog(led, ret)
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.keep_all, Qt.MouseButton.LeftButton)
    assert dlg.conflict_table.decisions() == {dlg.preview.conflicts[0].key: ("ours", None)}
    dlg.apply()
    assert led.task(ids["tasks_a"][0]).progress == "专班写的进展" and not open_conflicts(led)


def test_set_all_then_one_row_rewritten(qtbot, world, tmp_path: Path, clock: FixedClock) -> None:
    """保留我方 for every conflict with the button, then one row changed to 填写新值 and typed: the decisions read
    back per row, and apply writes ours for the one and the typed value for the other."""
    led, ids = world
    t0, t1, _t2 = ids["tasks_a"]
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    pkg = edit_package(path, clock)
    try:
        pkg.update_progress(t0, "书记写的进展")
        pkg.update_progress(t1, "书记写的第二项进展")
    finally:
        pkg.close()
    clock.advance(hours=1)
    led.update_progress(t0, "专班写的进展")
    led.update_progress(t1, "专班写的第二项进展")
    dlg = MergeDialog(led, exchange.return_package(path, clock=clock))
    qtbot.addWidget(dlg)
    assert dlg.counts() == (0, 2, 0) and dlg.keep_all.isEnabled()
    row = {it.task_id: i for i, it in enumerate(dlg.preview.conflicts)}
    table = dlg.conflict_table
    qtbot.mouseClick(dlg.keep_all, Qt.MouseButton.LeftButton)
    assert [b.currentText() for b in table.boxes] == ["保留我方", "保留我方"]
    qtbot.mouseClick(dlg.take_all, Qt.MouseButton.LeftButton)
    assert [b.currentText() for b in table.boxes] == ["采用对方", "采用对方"]
    qtbot.mouseClick(dlg.keep_all, Qt.MouseButton.LeftButton)
    box = table.cellWidget(row[t1], package_rows.COL_DECISION)
    box.setCurrentIndex(box.findData("new"))
    editor = table.cellWidget(row[t1], package_rows.COL_NEW)
    assert editor.isEnabled() and editor.text() == "书记写的第二项进展"
    assert not table.editors[row[t0]].isEnabled()
    editor.selectAll()
    editor.insert(
        "两边商量后的进展"
    )  # as an input method commits it (QTest.keyClicks aborts on Chinese text)
    keys = {it.task_id: it.key for it in dlg.preview.conflicts}
    assert table.decisions() == {keys[t0]: ("ours", None), keys[t1]: ("new", "两边商量后的进展")}
    qtbot.mouseClick(dlg.apply_button, Qt.MouseButton.LeftButton)
    assert led.task(t0).progress == "专班写的进展"
    assert led.task(t1).progress == "两边商量后的进展"
    assert not open_conflicts(led) and "裁决 2 项冲突" in dlg.message.text()
    assert not dlg.keep_all.isEnabled() and not dlg.take_all.isEnabled() and dlg.close_button.text() == "关闭"
    assert not any(b.isEnabled() for b in dlg.conflict_table.boxes)


def test_a_refused_file_shows_the_sentence_and_changes_nothing(
    qtbot, world, tmp_path: Path, monkeypatch
) -> None:
    led, _ = world
    text = tmp_path / "上报.db"
    text.write_text("这不是上报文件", encoding="utf-8")
    before = dump(led.path)
    dlg = MergeDialog(led, text)
    qtbot.addWidget(dlg)
    assert dlg.preview is None and "不是" in dlg.error
    assert dlg.message.text() == dlg.error and not dlg.message.isHidden()
    assert not dlg.apply_button.isEnabled()
    assert dump(led.path) == before
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _p, exc, _t=None: shown.append(str(exc)))
    monkeypatch.setattr(package_merge, "ask_return_path", lambda *_a: str(text))
    assert MergeDialog.run(None, led) is None
    assert shown == [dlg.error] and dump(led.path) == before
    assert not list(tmp_path.glob("*合并前备份*"))


def test_status_view_shows_last_issued_and_merged(qtbot, world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    view = PackageStatusView(led)
    qtbot.addWidget(view)
    led.subscribe(view.on_changed)
    try:
        assert view.objectName() == "packageStatusView" and view.table.rowCount() == 2
        assert view.table.item(0, 2).text() == "—"
        ret = _return_with_three_kinds(led, ids, tmp_path, clock)
        assert "南郊别墅-下发包-20251120.db" in view.table.item(0, 2).text()
        MergeDialog(led, ret).apply()
        row = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}["南郊别墅"]
        assert view.table.item(row, 1).text() == "王书记"
        cid = next(c["id"] for c in led.communities() if c["name"] == "南郊别墅")
        led.update_community(cid, secretary="欧阳建华（示例）")
        view.refresh()
        fm = view.table.fontMetrics()
        assert view.table.columnWidth(1) > fm.horizontalAdvance(
            "欧阳建华（示例）"
        )  # on one line, not wrapped
        assert ret.name in view.table.item(row, 3).text()
        assert view.table.item(row, 4).text() == "1 / 1 / 1"
        assert view.table.item(row, 5).text() == "1"
        assert view.table.item(1 - row, 3).text() == "—"
    finally:
        led.unsubscribe(view.on_changed)


def test_issue_one_or_all(qtbot, world, tmp_path: Path, monkeypatch) -> None:
    led, ids = world
    out = tmp_path / "下发"
    out.mkdir()
    monkeypatch.setattr(package_issue, "ask_folder", lambda *_a: str(out))
    dlg = IssuePackagesDialog(led)
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.findChild(QWidget, "browseFolder"), Qt.MouseButton.LeftButton)
    assert dlg.folder.text() == str(out)
    assert dlg.community.currentData() == IssuePackagesDialog.ALL
    paths = dlg.issue()
    assert sorted(p.name for p in paths) == ["南郊别墅-下发包-20251120.db", "鑫峰苑-下发包-20251120.db"]
    assert all(p.exists() for p in paths)
    assert (
        "已下发 2 个社区包" in dlg.result_label.text()
        and "鑫峰苑-下发包-20251120.db" in dlg.result_label.text()
    )
    dlg.community.setCurrentIndex(dlg.community.findData(ids["b"]))
    again = dlg.issue()
    assert [p.name for p in again] == ["鑫峰苑-下发包-20251120-2.db"]
    status = {s["community"]: s for s in exchange.package_status(led)}
    assert status["鑫峰苑"]["last_issued"]["file"] == "鑫峰苑-下发包-20251120-2.db"


# ---- community mode ------------------------------------------------------------------------------------------------
@pytest.fixture
def package_window(qtbot, world, tmp_path: Path, clock: FixedClock):
    from ui.window.main_window import MainWindow

    led, ids = world
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "书记")
    pkg = Ledger.open(path, clock=clock, operator=SECRETARY)
    win = MainWindow(pkg)
    qtbot.addWidget(win)
    assert community_mode.apply_community_mode(win)
    win.show()
    yield win, led, ids, path
    win.close()
    pkg.close()


def test_community_mode_tree_banner_and_read_only_fields(package_window) -> None:
    win, _led, ids, _path = package_window
    root = win.filters.tree.topLevelItem(0)
    shown = [root.child(i).text(0) for i in range(root.childCount()) if not root.child(i).isHidden()]
    assert len(shown) == 1 and shown[0].startswith("南郊别墅")
    win.filters.reload_communities()  # survives a reload
    root = win.filters.tree.topLevelItem(0)
    assert [root.child(i).text(0) for i in range(root.childCount()) if not root.child(i).isHidden()] == shown
    banner = win.findChild(QWidget, "communityBanner")
    assert banner is not None and banner.isVisible()
    assert banner.text() == "社区版：南郊别墅 · 下发于 2025-11-20 · 修改后请点“上报”"
    assert community_mode.community_editable_fields() == {"progress"}

    delegate = win.table.itemDelegate()
    option = QStyleOptionViewItem()
    owner = win.model.index(0, COLUMN_INDEX["owner"])
    deadline = win.model.index(0, COLUMN_INDEX["deadline"])
    progress = win.model.index(0, COLUMN_INDEX["progress"])
    assert delegate.createEditor(win.table.viewport(), option, owner) is None
    assert delegate.createEditor(win.table.viewport(), option, deadline) is None
    editor = delegate.createEditor(win.table.viewport(), option, progress)
    assert editor is not None
    editor.deleteLater()

    win.select_tasks([ids["tasks_a"][0]])
    panel = win.panel
    assert panel.task is not None
    assert panel.owner.isReadOnly() and panel.measure.isReadOnly() and panel.deadline.isReadOnly()
    assert panel.kind.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert not panel.progress.isReadOnly() and panel.progress.isEnabled()


def test_return_writes_the_file_beside_the_package(package_window, monkeypatch, clock: FixedClock) -> None:
    win, led, ids, path = package_window
    shown: list[Path] = []
    monkeypatch.setattr(community_mode, "show_returned", lambda _p, p: shown.append(p))
    win.ledger.update_progress(ids["tasks_a"][0], "书记在窗口里写的进展")
    action = win.findChild(community_mode.QAction, "returnPackage")
    assert action is not None and action.text() == "上报…"
    file_menu = win.menuBar().actions()[0].menu()
    assert action in file_menu.actions()  # in the first menu (文件), before its first separator
    assert file_menu.actions().index(action) < next(
        i for i, a in enumerate(file_menu.actions()) if a.isSeparator()
    )
    action.trigger()
    expected = path.parent / "南郊别墅-上报-20251120.db"
    assert shown == [expected] and expected.exists()
    info = exchange.open_package_info(expected)
    assert info.returned_seq is not None and not info.unreturned
    preview = preview_merge(led, expected)
    assert [(i.field, i.theirs) for i in preview.applied] == [("progress", "书记在窗口里写的进展")]


def test_a_return_that_cannot_be_written_records_nothing(package_window, monkeypatch) -> None:
    """The window returns through the command line's function: a place that cannot take the file is refused
    before the package is recorded as returned (the window's own copy of that code recorded first)."""
    from ledger.storage.store import Store

    win, _led, ids, path = package_window
    win.ledger.update_progress(ids["tasks_a"][0], "要上报的进展")
    errors: list[object] = []
    monkeypatch.setattr(community_mode.messages, "show_error", lambda _w, exc, *_a: errors.append(exc))
    monkeypatch.setattr(community_mode, "show_returned", lambda *_a: pytest.fail("nothing was written"))

    def full_disk(_store: Store, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "backup", full_disk)
    seq = journal.last_seq(win.ledger.store)
    assert community_mode.return_from_window(win) is None
    assert len(errors) == 1 and "南郊别墅-上报-20251120.db" in errors[0].message()  # type: ignore[attr-defined]
    assert journal.last_seq(win.ledger.store) == seq, "the return was recorded although nothing was written"
    assert win.ledger.setting(exchange.RETURNED_SETTING) is None
    assert not list(path.parent.glob("*上报*"))


def test_master_window_is_left_alone(qtbot, world) -> None:
    from ui.window.main_window import MainWindow

    led, _ = world
    win = MainWindow(led)
    qtbot.addWidget(win)
    assert not community_mode.apply_community_mode(win)
    assert win.findChild(QWidget, "communityBanner") is None


def test_a_newer_package_over_unreturned_work_is_refused_plainly(
    world, tmp_path: Path, clock: FixedClock, monkeypatch
) -> None:
    led, ids = world
    old = exchange.issue_package(led, "南郊别墅", tmp_path / "old")
    pkg = edit_package(old, clock)
    pkg.update_progress(ids["tasks_a"][0], "没上报的进展")
    pkg.close()
    new = exchange.issue_package(led, "南郊别墅", tmp_path / "new")
    errors: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda _p, exc, _t=None: errors.append(messages.error_text(exc))
    )
    before = old.read_bytes()
    assert not community_mode.open_package_over(None, old, new)
    assert errors and "上报" in errors[0] and old.read_bytes() == before
    # Returned and merged: the new package (issued after the merge) may replace the copy, after a question.
    apply = exchange.return_package(old, clock=clock)
    from ledger.exchange import apply_merge

    apply_merge(led, apply)
    newer = exchange.issue_package(led, "南郊别墅", tmp_path / "newer")
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, text, _t=None, **_k: asked.append(text) or True)
    assert community_mode.open_package_over(None, old, newer)
    assert asked and "已全部合并" in asked[0]
    assert exchange.open_package_info(old).package_id == exchange.open_package_info(newer).package_id
    assert list(old.parent.glob("*旧包*"))
