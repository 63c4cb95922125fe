"""看板: moves go through the workflow; illegal ones are refused with the Chinese reason and change nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from ledger.core import Action, Operator, Role, Status
from ledger.service import Ledger
from ledger.storage import TaskFilter, journal
from ui.board import kanban
from ui.board.kanban import ActionDialog, KanbanModel, KanbanView, TaskIdRole
from ui.window.app import make_app


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(kanban, "show_refusal", lambda parent, text: said.append(text))
    return said


@pytest.fixture
def board(qtbot, filled: Ledger) -> KanbanView:
    v = KanbanView(filled)
    qtbot.addWidget(v)
    v.resize(1600, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def first_task(led: Ledger, owner: str) -> str:
    return next(r[1] for r in led.store.task_rows(led.task_rowids()).values() if r[11] == owner)


def ids_in(view: KanbanView, status: Status) -> list[str]:
    model = view.columns[status].model
    return [model.data(model.index(i), TaskIdRole) for i in range(model.rowCount())]


def test_column_model_passes_the_model_tester(qtmodeltester, board: KanbanView) -> None:
    qtmodeltester.check(board.columns[Status.NOT_STARTED].model)
    empty = KanbanModel(Status.CLOSED)
    qtmodeltester.check(empty)


def test_columns_show_counts_and_cap(qtbot, filled: Ledger) -> None:
    v = KanbanView(filled, cap=4)
    qtbot.addWidget(v)
    col = v.columns[Status.NOT_STARTED]
    assert col.model.rowCount() == 4 and col.title.text().endswith("6")
    assert not col.more.isHidden() and "2" in col.more.text()
    v.set_filter(TaskFilter(statuses=frozenset({"not_started", "in_progress"})))
    assert v.columns[Status.CLOSED].isHidden() and not v.columns[Status.IN_PROGRESS].isHidden()


def test_an_illegal_move_is_refused_and_nothing_changes(
    board: KanbanView, filled: Ledger, refusals: list[str]
) -> None:
    tid = first_task(filled, "赵一")
    before = journal.last_seq(filled.store)
    assert board.move_task(tid, Status.CLOSED) is False
    assert refusals and "只有申请销号或审核中的任务才能审核" in refusals[0] and "未启动" in refusals[0]
    assert filled.task(tid).status == Status.NOT_STARTED
    assert journal.last_seq(filled.store) == before
    assert board.move_task(tid, Status.NOT_STARTED) is False  # same column: nothing to do, nothing said
    assert len(refusals) == 1


def test_a_move_no_action_leads_to_is_refused(board: KanbanView, filled: Ledger, refusals: list[str]) -> None:
    make_app("zh")  # the refusal's reason is the window's own sentence, in Chinese through zh_CN.qm
    tid = first_task(filled, "赵一")
    filled.act(tid, Action.START)
    assert board.move_task(tid, Status.NOT_STARTED) is False
    assert "没有哪一步操作能直接到达这一栏" in refusals[0] and "移到“未启动”" in refusals[0]
    assert filled.task(tid).status == Status.IN_PROGRESS


def test_a_wrong_role_is_refused(board: KanbanView, filled: Ledger, refusals: list[str]) -> None:
    tid = first_task(filled, "钱二")
    filled.operator = Operator("某领导", Role.LEADER)
    assert board.move_task(tid, Status.IN_PROGRESS) is False
    assert "需要" in refusals[0] and "身份" in refusals[0]
    assert filled.task(tid).status == Status.NOT_STARTED


def test_legal_moves_follow_the_workflow(
    board: KanbanView, filled: Ledger, refusals: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tid = first_task(filled, "孙三")
    assert board.move_task(tid, Status.IN_PROGRESS) is True
    assert filled.task(tid).status == Status.IN_PROGRESS and tid in ids_in(board, Status.IN_PROGRESS)
    asked: list[tuple[Action, str]] = []

    def answer(parent, action, task, *, missing="", note=""):
        asked.append((action, note))
        return (
            None
            if action == Action.RETURN
            else (
                {"reason": "已完成整改"}
                if action == Action.SUBMIT
                else {"grade": "好", "opinion": "同意"} | ({"exception": "纸质存档"} if missing else {})
            )
        )

    monkeypatch.setattr(ActionDialog, "ask", classmethod(lambda cls, *a, **k: answer(*a, **k)))
    assert board.move_task(tid, Status.SUBMITTED) is True
    assert filled.task(tid).status == Status.SUBMITTED and filled.task(tid).statement == "已完成整改"
    filled.operator = Operator("钱专班", Role.WORK_TEAM)  # whoever applied signs no level of the round
    assert board.move_task(tid, Status.RETURNED) is False  # the reason dialog was cancelled
    assert filled.task(tid).status == Status.SUBMITTED
    assert refusals == []
    # dropped on 已销号, a submitted task gets its first-level review and goes on to 审核中; the dialog says so
    assert board.move_task(tid, Status.CLOSED) is True
    assert filled.task(tid).status == Status.IN_REVIEW and "审核中" in asked[-1][1]
    assert tid in ids_in(board, Status.IN_REVIEW)


def test_first_approval_asks_for_the_missing_evidence_exception(
    board: KanbanView, filled: Ledger, refusals: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tid = first_task(filled, "周五")
    work_team, filled.operator = filled.operator, Operator("王书记", Role.SECRETARY)
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="完成")
    filled.operator = work_team  # 初审 by the work team: the first level checks the evidence
    seen = {}

    def answer(cls, parent, action, task, *, missing="", note=""):
        seen.update(action=action, missing=missing, note=note)
        return {"grade": "好", "opinion": "同意", "exception": "纸质材料已归档"}

    monkeypatch.setattr(ActionDialog, "ask", classmethod(answer))
    assert board.move_task(tid, Status.CLOSED) is True
    assert seen["action"] == Action.APPROVE and "没有佐证材料" in seen["missing"]
    assert filled.task(tid).status == Status.IN_REVIEW and tid in ids_in(board, Status.IN_REVIEW)
    filled.operator = Operator("副组长", Role.LEADER)
    filled.act(tid, Action.APPROVE, grade="好")  # 复核 confirms
    filled.operator = Operator("组长", Role.LEADER)
    seen.clear()
    assert board.move_task(tid, Status.CLOSED) is True  # 终审 confirms: nothing missing to ask about
    assert seen["missing"] == "" and filled.task(tid).status == Status.CLOSED
    assert refusals == []


def test_dialog_requires_text(qtbot, filled: Ledger) -> None:
    task = filled.task(first_task(filled, "赵一"))
    d = ActionDialog(Action.SUBMIT, task)
    qtbot.addWidget(d)
    ok = d.buttons.buttons()[0]
    assert not ok.isEnabled()
    d.text.setPlainText("已召开专题会议")
    assert ok.isEnabled() and d.values() == {"reason": "已召开专题会议"}
    a = ActionDialog(Action.APPROVE, task, missing="没有佐证材料")
    qtbot.addWidget(a)
    assert not a.buttons.buttons()[0].isEnabled()
    a.exception.setPlainText("纸质存档")
    assert a.values() == {"grade": "好", "opinion": "", "exception": "纸质存档"}
    r = ActionDialog(Action.RETURN, task)
    qtbot.addWidget(r)
    r.text.setPlainText("材料不全")
    assert r.values() == {"reason": "材料不全"}


def _drop(target, mime) -> None:
    viewport = target.viewport()
    pos = QPoint(20, 20)
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    enter = QDragEnterEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(
        pos.toPointF(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, drop)


def test_dragging_a_card_to_another_column(board: KanbanView, filled: Ledger, refusals: list[str]) -> None:
    source = board.columns[Status.NOT_STARTED]
    index = source.model.index(0)
    tid = index.data(TaskIdRole)
    mime = source.model.mimeData([index])
    _drop(board.columns[Status.IN_PROGRESS].list, mime)
    assert filled.task(tid).status == Status.IN_PROGRESS
    assert tid in ids_in(board, Status.IN_PROGRESS) and tid not in ids_in(board, Status.NOT_STARTED)
    # an illegal drop: refused, unchanged
    mime = board.columns[Status.IN_PROGRESS].model.mimeData(
        [board.columns[Status.IN_PROGRESS].model.index(0)]
    )
    _drop(board.columns[Status.ONGOING].list, mime)
    assert filled.task(tid).status == Status.ONGOING  # 推进中 → 长期坚持 is allowed for the work team
    mime = board.columns[Status.ONGOING].model.mimeData([board.columns[Status.ONGOING].model.index(0)])
    _drop(board.columns[Status.RETURNED].list, mime)
    assert "只有申请销号或审核中的任务才能退回" in refusals[-1]
    assert filled.task(tid).status == Status.ONGOING


def test_a_drop_on_its_own_column_is_ignored(board: KanbanView) -> None:
    col = board.columns[Status.NOT_STARTED]
    mime = col.model.mimeData([col.model.index(0)])
    pos = QPoint(20, 20)
    enter = QDragEnterEvent(
        pos, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(col.list.viewport(), enter)
    assert not enter.isAccepted()


def test_double_click_activates_the_task(qtbot, board: KanbanView) -> None:
    col = board.columns[Status.NOT_STARTED]
    index = col.model.index(0)
    rect = col.list.visualRect(index)
    with qtbot.waitSignal(board.tasksActivated, timeout=2000) as blocker:
        qtbot.mouseClick(col.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(col.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] == [index.data(TaskIdRole)]


def test_on_changed_refreshes(board: KanbanView, filled: Ledger) -> None:
    filled.subscribe(board.on_changed)
    tid = first_task(filled, "吴六")
    filled.act(tid, Action.START)
    assert tid in ids_in(board, Status.IN_PROGRESS)
