"""The editable preview of an import: promote, demote, drag, delete a section, the source lines shown; what the
ledger holds after 导入 is what the tree said, nothing before it, one journal entry, and again adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDropEvent

from ledger.service import Ledger
from tests.helpers import select_item
from ui.imports.plan import PlanImportDialog

CORPUS = Path(__file__).resolve().parents[2] / "ledger" / "plan" / "corpus"
CIRCLED = CORPUS / "t13_bureau_circled.txt"


@pytest.fixture
def two(ledger: Ledger) -> Ledger:
    ledger.add_community("金桥")
    ledger.add_community("红旗")
    return ledger


@pytest.fixture
def dialog(open_preview, two: Ledger) -> PlanImportDialog:
    return open_preview(two, CIRCLED)


def _click(qtbot, dlg: PlanImportDialog, key: str) -> None:
    qtbot.mouseClick(dlg.edit_buttons[key], Qt.MouseButton.LeftButton)


def _journal(led: Ledger) -> int:
    return int(led.store.one("SELECT COUNT(*) FROM journal"))


def _problems(led: Ledger) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in led.tasks_json():
        out.setdefault(t["problem"], set()).add(t["measure"])
    return out


def test_tree_shows_source_lines(dialog: PlanImportDialog) -> None:
    assert dialog.find_item("针对学区化办学推进不平衡的问题").text(2) == "11–14"
    assert dialog.find_item("推动优质学校教师到薄弱学校交流任教").text(2) == "13"


def test_promote_a_measure_to_a_problem_and_import(qtbot, dialog: PlanImportDialog, two: Ledger) -> None:
    before = _journal(two)
    select_item(dialog, "推动优质学校教师到薄弱学校交流任教")
    _click(qtbot, dialog, "promote")
    new = dialog.find_item("推动优质学校教师到薄弱学校交流任教")
    assert new.parent().text(0) == "关于教育资源配置方面"
    assert [new.child(i).text(0) for i in range(new.childCount())] == ["建立学区联合教研制度"]
    assert _journal(two) == before  # nothing written yet
    dialog.do_import()
    problems = _problems(two)
    assert problems["针对学区化办学推进不平衡的问题"] == {"制定学区化办学三年行动计划，明确各学区建设目标"}
    assert problems["推动优质学校教师到薄弱学校交流任教"] == {"建立学区联合教研制度"}
    assert _journal(two) == before + 1


def test_demote_a_problem_into_the_one_above(qtbot, dialog: PlanImportDialog, two: Ledger) -> None:
    select_item(dialog, "针对校外培训监管存在盲区的问题")
    _click(qtbot, dialog, "demote")
    first = dialog.find_item("针对学区化办学推进不平衡的问题")
    assert [first.child(i).text(0) for i in range(first.childCount())][-3:] == [
        "针对校外培训监管存在盲区的问题",
        "联合市场监管部门开展校外培训机构专项检查",
        "公布校外培训机构白名单",
    ]
    dialog.do_import()
    problems = _problems(two)
    assert "针对校外培训监管存在盲区的问题" not in problems
    assert len(problems["针对学区化办学推进不平衡的问题"]) == 6
    assert {t["community"] for t in two.tasks_json()} == {"金桥", "红旗"}


def test_promote_a_problem_to_a_category_then_demote_it_back(qtbot, dialog: PlanImportDialog) -> None:
    select_item(dialog, "针对校外培训监管存在盲区的问题")
    _click(qtbot, dialog, "promote")
    assert dialog.tree.topLevelItemCount() == 3
    category = dialog.tree.topLevelItem(1)
    assert category.text(0) == "针对校外培训监管存在盲区的问题"
    assert category.childCount() == 2  # its measures became its problems
    _click(qtbot, dialog, "demote")
    assert dialog.tree.topLevelItemCount() == 2
    back = dialog.find_item("针对校外培训监管存在盲区的问题")
    assert back.parent().text(0) == "关于教育资源配置方面"
    assert back.childCount() == 2
    _click(qtbot, dialog, "demote")  # and further down: a measure of the problem above, its measures after it
    measure = dialog.find_item("针对校外培训监管存在盲区的问题")
    assert measure.data(0, Qt.ItemDataRole.UserRole + 1) == "measure"
    assert measure.parent().text(0) == "针对学区化办学推进不平衡的问题"
    assert measure.parent().childCount() == 6


def test_levels_that_cannot_move_say_so(qtbot, dialog: PlanImportDialog) -> None:
    select_item(dialog, "关于教育资源配置方面")
    _click(qtbot, dialog, "promote")
    assert dialog.message.text()
    select_item(dialog, "实行食堂负责人陪餐制度")
    _click(qtbot, dialog, "demote")
    assert dialog.message.text()
    assert dialog.tree.topLevelItemCount() == 2 and len(dialog.measure_items()) == 7


def _drop(dlg: PlanImportDialog, title: str, onto: str) -> None:
    item = select_item(dlg, title)
    target = dlg.find_item(onto)
    dlg.tree.scrollToItem(target)
    rect = dlg.tree.visualItemRect(target)
    mime = dlg.tree.mimeData([item])
    event = QDropEvent(
        rect.center().toPointF(),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dlg.tree.dropEvent(event)


def test_drag_a_measure_onto_another_problem(qtbot, dialog: PlanImportDialog, two: Ledger) -> None:
    _drop(dialog, "公布校外培训机构白名单", "针对校园食堂食品安全检查不细的问题")
    moved = dialog.find_item("公布校外培训机构白名单")
    assert moved.parent().text(0) == "针对校园食堂食品安全检查不细的问题"
    # a problem dropped onto a measure does not go there
    _drop(dialog, "针对学区化办学推进不平衡的问题", "实行食堂负责人陪餐制度")
    assert dialog.find_item("针对学区化办学推进不平衡的问题").parent().text(0) == "关于教育资源配置方面"
    dialog.do_import()
    problems = _problems(two)
    assert "公布校外培训机构白名单" in problems["针对校园食堂食品安全检查不细的问题"]


def test_delete_a_section_merge_split_and_import_twice(qtbot, dialog: PlanImportDialog, two: Ledger) -> None:
    select_item(dialog, "关于校园安全方面")
    _click(qtbot, dialog, "drop")
    assert dialog.tree.topLevelItemCount() == 1
    for title in ("推动优质学校教师到薄弱学校交流任教", "建立学区联合教研制度"):
        select_item(dialog, title)
        _click(qtbot, dialog, "merge")
    merged = dialog.find_item("制定学区化办学三年行动计划，明确各学区建设目标")
    assert merged.parent().childCount() == 1
    assert (
        merged.data(0, Qt.ItemDataRole.UserRole + 2)
        == "推动优质学校教师到薄弱学校交流任教。建立学区联合教研制度。"
    )
    select_item(dialog, "制定学区化办学三年行动计划，明确各学区建设目标")
    cursor = dialog.detail.textCursor()
    cursor.setPosition(dialog.detail.toPlainText().index("建立学区"))
    dialog.detail.setTextCursor(cursor)
    _click(qtbot, dialog, "split")
    assert merged.parent().childCount() == 2
    assert dialog.find_item("建立学区联合教研制度") is not None
    before = _journal(two)
    result = dialog.do_import()
    assert result is not None and result.tasks_created == 2 * 4
    assert {c["title"] for c in two.categories()} == {"关于教育资源配置方面"}
    assert _journal(two) == before + 1


def test_the_same_document_imported_twice_adds_nothing(qtbot, two: Ledger) -> None:
    first = PlanImportDialog(two, CIRCLED)
    qtbot.addWidget(first)
    result = first.do_import()
    assert result is not None and result.tasks_created == 7 * 2
    entries = _journal(two)
    again = PlanImportDialog(two, CIRCLED)
    qtbot.addWidget(again)
    assert "0" in again.summary.text()
    second = again.do_import()
    assert second is not None and second.tasks_created == 0 and not second.changed
    assert _journal(two) == entries


def test_people_and_deadline_from_the_document_are_shown_and_imported(qtbot, two: Ledger) -> None:
    dlg = PlanImportDialog(two, CORPUS / "t15_owners_deadlines.txt")
    qtbot.addWidget(dlg)
    dlg.show()
    select_item(dlg, "每月开展一次主题党日活动，活动方案报街道备案")
    assert (
        "王芳、刘洋" in dlg.facts.text() and "陈志远" in dlg.facts.text() and "2025-10-31" in dlg.facts.text()
    )
    select_item(dlg, "开展消防通道占用专项清理")
    assert "立行立改" in dlg.facts.text()
    dlg.do_import()
    tasks = {t["measure"]: t for t in two.tasks_json()}
    first = tasks["每月开展一次主题党日活动，活动方案报街道备案"]
    assert (first["owner"], first["leader"], first["deadline"]) == ("王芳、刘洋", "陈志远", "2025-10-31")
    assert tasks["开展消防通道占用专项清理"]["kind"] == "立行立改"
