"""销号 in the window: submit, three review levels, return, evidence, extensions, 回头看, 待我审核, 销号审批表."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QLabel

from ledger import signoff
from ledger.core import Action, Operator, Role, Status
from ledger.service import Changed, Ledger
from ui.common import palette
from ui.signoff.dialogs import DecideExtensionDialog, ExtensionDialog, ReviewDialog, SubmitDialog
from ui.window.main_window import MainWindow

SECRETARY = Operator("王书记", Role.SECRETARY)
REVIEWERS = [
    Operator("张专班", Role.WORK_TEAM),
    Operator("郑领导", Role.LEADER),
    Operator("陈书记", Role.LEADER),
]
OPINIONS = ["材料齐全，同意报复核。", "措施落实到位，同意报终审。", "同意销号。"]


@pytest.fixture
def shown(monkeypatch):
    """Every message box a test would otherwise block on, collected instead."""
    said: dict[str, list[str]] = {"error": [], "info": []}
    monkeypatch.setattr(
        "ui.common.messages.show_error",
        lambda _p, exc, *a: said["error"].append(
            __import__("ui.common.messages", fromlist=["error_text"]).error_text(exc)
        ),
    )
    monkeypatch.setattr("ui.common.messages.info", lambda _p, text, *a: said["info"].append(text))
    return said


def task_id(led: Ledger, measure: str, community: str) -> str:
    for t in led.tasks_json():
        if t["measure"] == measure and t["community"] == community:
            return str(t["id"])
    raise AssertionError(f"{measure}/{community}")


def photo(folder: Path, name: str = "整治现场.png", colour: str = "#4a90d9") -> Path:
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path = folder / name
    assert image.save(str(path))
    return path


def drag_files(target, paths: list[Path]) -> tuple[QDragEnterEvent, QDropEvent]:
    """What a file manager's drag does: DragEnter, then Drop (Qt delivers a Drop only to the drag's target)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(8, 8),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(
        QPointF(8, 8),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, drop)
    return enter, drop


def as_(win: MainWindow, op: Operator, tid: str) -> None:
    win.ledger.operator = op
    win.panel.show_task(tid)


def close_task(led: Ledger, tid: str, folder: Path) -> None:
    led.operator = SECRETARY
    led.act(tid, Action.START)
    f = folder / f"{tid[:8]}.txt"
    f.write_text(f"签到表 {tid}", encoding="utf-8")
    signoff.attach_evidence(led, tid, f)
    led.act(tid, Action.SUBMIT, reason="已完成整改。")
    for op, opinion in zip(REVIEWERS, OPINIONS, strict=True):
        led.operator = op
        led.act(tid, Action.APPROVE, grade="好", opinion=opinion)
    assert led.task(tid).status == Status.CLOSED


# ---- submit and the three levels ------------------------------------------------------------------------------
def test_submit_then_approve_at_each_level_with_three_reviewers(window, filled, monkeypatch, tmp_path, shown):
    tid = task_id(filled, "开展专项整治", "南郊别墅")
    window.select_tasks([tid])
    as_(window, SECRETARY, tid)
    window.panel.action_buttons[Action.START].click()
    assert filled.task(tid).status == Status.IN_PROGRESS
    window.panel.evidence.attach_paths([photo(tmp_path)])
    asked: list[tuple] = []
    monkeypatch.setattr(
        SubmitDialog, "ask", lambda *a, **k: asked.append(a) or {"reason": "已完成专项整治 3 次。"}
    )
    submit = window.panel.action_buttons[Action.SUBMIT]
    assert submit.isVisibleTo(window.panel)
    submit.click()
    assert asked and asked[0][1] == tid
    assert filled.task(tid).status == Status.SUBMITTED
    assert filled.task(tid).statement == "已完成专项整治 3 次。"
    assert "等待初审" in window.panel.state.text()

    reviews_asked: list[bool] = []

    def answer(op_index: int):
        def ask(_ledger, _tid, *, returning=False, parent=None):
            reviews_asked.append(returning)
            return {"grade": ["好", "较好", "好"][op_index], "opinion": OPINIONS[op_index], "exception": ""}

        return ask

    expected = [Status.IN_REVIEW, Status.IN_REVIEW, Status.CLOSED]
    for i, op in enumerate(REVIEWERS):
        as_(window, op, tid)
        approve = window.panel.action_buttons[Action.APPROVE]
        assert approve.isVisibleTo(window.panel), op
        assert window.panel.action_buttons[Action.RETURN].isVisibleTo(window.panel)
        monkeypatch.setattr(ReviewDialog, "ask", answer(i))
        approve.click()
        assert filled.task(tid).status == expected[i]
        if i == 1:  # 郑领导 signed 复核: the 终审 button is not his
            as_(window, op, tid)
            assert not window.panel.action_buttons[Action.APPROVE].isVisibleTo(window.panel)
    assert reviews_asked == [False, False, False]
    assert not shown["error"]
    trail = window.panel.trail.toPlainText()
    for op, opinion, level in zip(REVIEWERS, OPINIONS, ("初审", "复核", "终审"), strict=True):
        assert op.name in trail and opinion in trail and level in trail
    assert "通过（较好）" in trail
    assert window.panel.action_buttons[Action.REOPEN].isVisibleTo(window.panel)  # a leader may reopen…
    as_(window, SECRETARY, tid)
    assert not window.panel.action_buttons[Action.REOPEN].isVisibleTo(window.panel)  # …a secretary may not


def test_unsaved_progress_is_saved_before_submitting(window, filled, monkeypatch):
    tid = task_id(filled, "完善审核机制", "南郊别墅")
    window.select_tasks([tid])
    as_(window, SECRETARY, tid)
    window.panel.action_buttons[Action.START].click()
    window.panel.progress.setPlainText("已修订审核制度。")
    monkeypatch.setattr(SubmitDialog, "ask", lambda *a, **k: {"reason": "制度已印发。"})
    window.panel.action_buttons[Action.SUBMIT].click()
    t = filled.task(tid)
    assert t.status == Status.SUBMITTED
    assert t.progress == "已修订审核制度。" and t.statement == "制度已印发。"  # never mixed


def test_return_needs_a_reason_which_the_panel_shows_in_red(window, filled, monkeypatch, shown):
    tid = task_id(filled, "加强日常巡查", "鑫峰苑")
    filled.operator = SECRETARY
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="已巡查 20 次。")
    window.select_tasks([tid])
    as_(window, REVIEWERS[0], tid)
    monkeypatch.setattr(
        ReviewDialog,
        "ask",
        lambda _l, _t, *, returning=False, parent=None: (
            {"reason": "照片不清晰，缺少巡查记录。"} if returning else None
        ),
    )
    window.panel.action_buttons[Action.RETURN].click()
    t = filled.task(tid)
    assert t.status == Status.RETURNED
    assert t.return_reason == "初审退回：照片不清晰，缺少巡查记录。"
    state = window.panel.state.text()
    assert "初审退回：照片不清晰，缺少巡查记录。" in state
    assert re.search(rf"color:{palette.ACCENT}[^>]*>初审退回", state)
    assert "已退回" in state
    assert "退回" in window.panel.trail.toPlainText()


def test_dialogs_refuse_what_the_workflow_needs(qtbot, filled, shown):
    """The dialogs stay open with a sentence: no grade, no opinion, no exception when evidence is missing at the
    last level, no reason to return, no closing statement, no note to refuse an extension. The ledger keeps the
    checks at the last level here (setting review_checks), where a poor grade needs no exception."""
    filled.set_setting("review_checks", [[], [], ["evidence", "indicators"]])
    tid = task_id(filled, "强化宣传培训", "鑫峰苑")
    filled.add_indicator(tid, "培训次数", "次", 18, 10)
    filled.operator = SECRETARY
    filled.act(tid, Action.START)
    submit = SubmitDialog(filled, tid)
    qtbot.addWidget(submit)
    note = submit.findChild(QLabel, "missingNote")
    assert note is not None and "没有佐证材料" in note.text() and "培训次数" in note.text()
    assert not submit.try_accept()
    assert "申请销号的整改情况说明必须填写理由" in shown["error"][-1]
    submit.statement.setPlainText("已培训 10 次。")
    assert submit.try_accept() and submit.result_kwargs == {"reason": "已培训 10 次。"}
    filled.act(tid, Action.SUBMIT, reason="已培训 10 次。")
    for op in REVIEWERS[:2]:
        filled.operator = op
        filled.act(tid, Action.APPROVE, grade="好", opinion="同意")
    filled.operator = REVIEWERS[2]
    dlg = ReviewDialog(filled, tid)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.last and dlg.missing_note is not None and dlg.missing_note.isVisible()
    note = dlg.missing_note.text()
    assert "没有佐证材料" in note and "培训次数" in note and "目标 18次" in note
    assert not dlg.try_accept()
    assert "验收评定" in shown["error"][-1]
    dlg.grades["好"].setChecked(True)
    assert not dlg.try_accept()
    assert "审核意见" in shown["error"][-1]
    dlg.opinion.setPlainText("同意销号。")
    assert not dlg.try_accept()
    assert "必须填写理由" in shown["error"][-1]
    dlg.grades["一般"].setChecked(True)
    assert dlg.second_round.isVisible()  # 一般 at the last level: second round, no exception needed
    dlg.grades["好"].setChecked(True)
    assert not dlg.second_round.isVisible()
    dlg.exception.setPlainText("培训因疫情顺延，已有替代方案。")
    assert dlg.try_accept()
    assert dlg.result_kwargs == {
        "grade": "好",
        "opinion": "同意销号。",
        "exception": "培训因疫情顺延，已有替代方案。",
    }
    filled.act(tid, Action.APPROVE, **dlg.result_kwargs)
    assert filled.task(tid).status == Status.CLOSED

    other = task_id(filled, "开展专项整治", "南郊别墅")
    filled.operator = SECRETARY
    filled.act(other, Action.START)
    filled.act(other, Action.SUBMIT, reason="完成")
    filled.operator = REVIEWERS[0]
    back = ReviewDialog(filled, other, returning=True)
    qtbot.addWidget(back)
    assert not back.try_accept() and "退回必须填写理由" in shown["error"][-1]
    back.reason.setPlainText("缺少整治前后照片")
    assert back.try_accept() and back.result_kwargs == {"reason": "缺少整治前后照片"}

    filled.operator = SECRETARY
    third = task_id(filled, "完善审核机制", "南郊别墅")
    xid = signoff.request_extension(filled, third, "2026-02-28", "年底人手紧张")
    filled.operator = REVIEWERS[1]
    refuse = DecideExtensionDialog(filled, xid, approve=False)
    qtbot.addWidget(refuse)
    assert refuse.ok_button.text() == "不同意"
    assert not refuse.try_accept() and "不同意延期必须填写理由" in shown["error"][-1]
    refuse.approve_button.setChecked(True)
    assert refuse.ok_button.text() == "同意延期"
    assert refuse.try_accept() and refuse.result_kwargs == {"approve": True, "note": ""}


# ---- evidence -------------------------------------------------------------------------------------------------
def test_evidence_by_button_path_and_by_drop_then_open_save_remove(
    window, filled, tmp_path, monkeypatch, shown
):
    tid = task_id(filled, "开展专项整治", "南郊别墅")
    window.select_tasks([tid])
    panel = window.panel
    ev = panel.evidence
    pic = photo(tmp_path)
    monkeypatch.setattr(ev, "ask_open_paths", lambda: [str(pic)])
    ev.add_button.click()
    assert ev.list.count() == 1
    assert "整治现场.png" in ev.list.item(0).text() and "张专班" in ev.list.item(0).text()
    assert not ev.list.item(0).icon().isNull()
    assert panel.tabs.tabText(panel.tabs.indexOf(panel.evidence_tab)) == "佐证（1）"

    minutes = tmp_path / "会议纪要.pdf"
    minutes.write_bytes(b"%PDF-1.4\n" + b"x" * 2000)
    panel.tabs.setCurrentIndex(0)
    enter, drop = drag_files(panel, [minutes])
    assert enter.isAccepted() and drop.isAccepted()
    assert panel.tabs.currentWidget() is panel.evidence_tab  # the list the files went to
    names = [e.file_name for e in signoff.evidence(filled, tid)]
    assert names == ["整治现场.png", "会议纪要.pdf"]
    assert ev.list.count() == 2

    # a file dropped on the progress field is evidence too, not a path pasted as text
    sheet = tmp_path / "签到表.xlsx"
    sheet.write_bytes(b"PK" + b"y" * 500)
    drag_files(panel.progress.viewport(), [sheet])
    assert len(signoff.evidence(filled, tid)) == 3
    assert panel.progress.toPlainText() == ""

    # text dragged from elsewhere is not taken for evidence
    words = QMimeData()
    words.setText("一段文字")
    refused = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        words,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dragEnterEvent(refused)
    assert not refused.isAccepted()

    # an empty file and a missing one: a sentence each, nothing attached
    empty = tmp_path / "空白扫描件.pdf"
    empty.write_bytes(b"")
    assert ev.attach_paths([empty, tmp_path / "不存在.jpg"]) == []
    assert len(signoff.evidence(filled, tid)) == 3
    assert (
        "空白扫描件.pdf" in shown["error"][-1]
        and "是空的" in shown["error"][-1]
        and "找不到文件" in shown["error"][-1]
    )

    filled.set_setting("evidence_max_mb", 0.001)  # about 1 KB
    big = tmp_path / "整改前后对比.jpg"
    big.write_bytes(b"j" * 5000)
    assert ev.attach_paths([big]) == []
    assert "超过佐证材料的大小上限" in shown["error"][-1] and len(signoff.evidence(filled, tid)) == 3
    filled.set_setting("evidence_max_mb", 50)

    opened: list[QUrl] = []
    monkeypatch.setattr("ui.task.evidence.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    ev.select_row(1)
    path = ev.open_selected()
    assert opened and Path(opened[0].toLocalFile()) == path and path.read_bytes() == minutes.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(ev, "ask_save_path", lambda suggested: str(out / suggested.name))
    saved = ev.save_selected()
    assert saved == out / "会议纪要.pdf" and saved.read_bytes() == minutes.read_bytes()

    monkeypatch.setattr("ui.common.messages.confirm", lambda *a, **k: True)
    ev.select_row(0)
    assert ev.remove_selected()
    assert [e.file_name for e in signoff.evidence(filled, tid)] == ["会议纪要.pdf", "签到表.xlsx"]
    assert filled.history(tid)[-1].command == "remove_evidence"
    assert ev.list.count() == 2
    ev.show_removed.setChecked(True)
    assert ev.list.count() == 3 and "删除" in ev.list.item(0).text()
    assert any(
        row[2] == "删除佐证材料" and row[3] == "整治现场.png"
        for row in (
            [panel.history.item(r, c).text() for c in range(5)] for r in range(panel.history.rowCount())
        )
    )


def test_evidence_zip_export(window, filled, tmp_path, monkeypatch, shown):
    from ui.task import evidence_export

    tid = task_id(filled, "开展专项整治", "南郊别墅")
    signoff.attach_evidence(filled, tid, photo(tmp_path))
    assert evidence_export.default_name(filled, task_id=tid) == "南郊别墅-开展专项整治-佐证材料.zip"
    target = tmp_path / "证据.zip"
    monkeypatch.setattr(evidence_export, "ask_path", lambda _p, suggested: str(target))
    done: list[Path] = []
    monkeypatch.setattr(evidence_export, "show_done", lambda _p, path: done.append(path))
    out = evidence_export.export_evidence(window, filled, task_id=tid)
    assert out == target and done == [target]
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
    assert {"目录.csv", "目录.xlsx"} <= set(names) and any(n.endswith("整治现场.png") for n in names)
    whole = tmp_path / "全部.zip"
    monkeypatch.setattr(evidence_export, "ask_path", lambda _p, suggested: str(whole))
    assert evidence_export.export_evidence(window, filled) == whole
    assert evidence_export.default_name(filled).startswith("测试工业区党工委-佐证材料-20251120")
    monkeypatch.setattr(evidence_export, "ask_path", lambda _p, suggested: str(target))
    other = task_id(filled, "强化警示教育", "鑫峰苑")
    assert evidence_export.export_evidence(window, filled, task_id=other) is None
    assert "还没有佐证材料" in shown["error"][-1]


# ---- 延期申请 -------------------------------------------------------------------------------------------------
def test_extension_requested_by_the_owner_and_approved_by_a_leader(window, filled, monkeypatch, shown):
    tid = task_id(filled, "开展专项整治", "南郊别墅")
    window.select_tasks([tid])
    as_(window, SECRETARY, tid)
    panel = window.panel
    assert panel.extension_button.isVisibleTo(panel) and panel.extension_button.isEnabled()
    assert not panel.approve_extension_button.isVisibleTo(panel)
    monkeypatch.setattr(
        ExtensionDialog,
        "ask",
        lambda *a, **k: {"new_deadline": dt.date(2026, 1, 31), "reason": "春节前后居民外出较多。"},
    )
    panel.extension_button.click()
    assert filled.task(tid).deadline == dt.date(2025, 12, 31)  # nothing changes before a leader decides
    assert "申请延期至 2026-01-31" in panel.state.text()
    assert not panel.extension_button.isVisibleTo(panel)  # one pending request at a time

    as_(window, Operator("郑领导", Role.LEADER), tid)
    assert panel.approve_extension_button.isVisibleTo(panel) and panel.refuse_extension_button.isVisibleTo(
        panel
    )
    decided: list[bool] = []
    monkeypatch.setattr(
        DecideExtensionDialog,
        "ask",
        lambda _l, _x, approve=True, parent=None: (
            decided.append(approve) or {"approve": approve, "note": "同意，务必按期完成。"}
        ),
    )
    panel.approve_extension_button.click()
    assert decided == [True]
    t = filled.task(tid)
    assert t.deadline == dt.date(2026, 1, 31)
    assert t.original_deadline == dt.date(2025, 12, 31)
    assert not panel.approve_extension_button.isVisibleTo(panel)
    assert panel.original.text() == "原定：2025-12-31"
    history = panel.deadlines.toPlainText()
    assert "原定时限：2025-12-31" in history and "现在的整改时限：2026-01-31" in history
    assert "2025-12-31 → 2026-01-31" in history and "同意延期" in history and "郑领导" in history
    assert "春节前后居民外出较多" in history and "同意，务必按期完成" in history
    assert not shown["error"]


def test_extension_button_is_disabled_after_the_deadline(window, filled):
    tid = task_id(filled, "强化宣传培训", "南郊别墅")  # deadline 2025-11-10, today 2025-11-20
    window.select_tasks([tid])
    as_(window, SECRETARY, tid)
    b = window.panel.extension_button
    assert b.isVisibleTo(window.panel) and not b.isEnabled()
    assert "已过" in b.toolTip()


# ---- 回头看 ---------------------------------------------------------------------------------------------------
def test_recheck_draw_with_seed_repeats_and_a_relapse_reopens(qtbot, filled, tmp_path, monkeypatch, shown):
    from ui.signoff.dialogs import RelapseDialog
    from ui.signoff.recheck import RecheckDialog

    closed = [
        task_id(filled, m, c)
        for m, c in (
            ("强化宣传培训", "南郊别墅"),
            ("开展专项整治", "南郊别墅"),
            ("完善审核机制", "南郊别墅"),
            ("强化宣传培训", "鑫峰苑"),
        )
    ]
    for tid in closed:
        close_task(filled, tid, tmp_path)
    filled.operator = REVIEWERS[0]
    dlg = RecheckDialog(filled)
    qtbot.addWidget(dlg)
    dlg.seed.setText("42")
    dlg.percent.setValue(50)
    rid = dlg.draw()
    assert rid is not None and not shown["error"]
    first = signoff.recheck(filled, rid)
    assert first.seed == 42 and len(first.sample) == 2 and set(first.sample) <= set(closed)
    assert "随机种子 <b>42</b>" in dlg.draw_info.text() or "42" in dlg.draw_info.text()
    assert dlg.items.rowCount() == 2
    assert dlg.verify() is True
    assert "一致" in dlg.verify_label.text()
    # anyone drawing again with the same seed over the same tasks gets the same sample
    again = dlg.draw()
    assert again != rid and signoff.recheck(filled, again).sample == first.sample
    assert dlg.draws.count() == 2 and dlg.current_draw().id == again

    dlg.reload_draws(select=rid)
    measures = [dlg.items.item(r, 1).text() for r in range(dlg.items.rowCount())]
    assert measures == [filled.task(t).measure for t in first.sample]
    dlg.select_item(0)
    monkeypatch.setattr(RelapseDialog, "ask", lambda *a, **k: {"finding": "楼道又堆放杂物。"})
    assert dlg.mark_relapse() == Status.REOPENED
    relapsed = first.sample[0]
    t = filled.task(relapsed)
    assert t.status == Status.REOPENED and "楼道又堆放杂物" in t.return_reason
    assert dlg.items.item(0, 2).text() == "反弹" and dlg.items.item(0, 3).text() == "楼道又堆放杂物。"
    dlg.select_item(1)
    monkeypatch.setattr("ui.common.messages.confirm", lambda *a, **k: True)
    assert dlg.mark_pass() == Status.CLOSED
    assert dlg.items.item(1, 2).text() == "合格"
    dlg.select_item(1)
    assert not dlg.pass_button.isEnabled()  # recorded once, not twice


def test_recheck_refusals_are_sentences(qtbot, filled, shown):
    from ui.signoff.recheck import RecheckDialog

    filled.operator = REVIEWERS[0]
    dlg = RecheckDialog(filled)
    qtbot.addWidget(dlg)
    assert dlg.draw() is None
    assert "没有已销号的任务" in shown["error"][-1]
    dlg._tick_all(False)
    assert dlg.draw() is None and "至少选择一个居民区" in shown["error"][-1]


# ---- 待我审核 -------------------------------------------------------------------------------------------------
def test_review_queue_shows_what_waits_for_the_operator_and_opens_it(
    window, filled, qtbot, qtmodeltester, clock
):
    from ui.signoff.queue import ReviewQueueView

    a = task_id(filled, "开展专项整治", "南郊别墅")
    b = task_id(filled, "加强日常巡查", "鑫峰苑")
    c = task_id(filled, "完善审核机制", "南郊别墅")
    filled.operator = SECRETARY
    for tid in (b, a, c):  # b asked first, then a, then c
        filled.act(tid, Action.START)
        filled.act(tid, Action.SUBMIT, reason="已完成。")
        clock.advance(days=1)
    filled.operator = REVIEWERS[0]
    filled.act(
        c, Action.APPROVE, grade="好", opinion="同意", exception="材料为纸质存档"
    )  # c waits for 复核 now

    view = ReviewQueueView(filled)
    qtbot.addWidget(view)
    view.tasksActivated.connect(window.select_tasks)
    view.show()
    qtmodeltester.check(view.model)
    assert view.objectName() == "reviewQueueView"
    assert view.task_ids() == [b, a]  # oldest request first; c is past 初审
    m = view.model
    assert [m.headerData(i, Qt.Orientation.Horizontal) for i in range(m.columnCount())] == [
        "居民区",
        "整改措施",
        "申请人",
        "申请时间",
        "等待级别",
        "已等待天数",
    ]
    assert m.index(0, 2).data() == "王书记"
    assert m.index(0, 4).data() == "初审（第 1 级）"
    assert m.index(0, 5).data() == "3"

    filled.operator = REVIEWERS[1]
    view.refresh()
    assert view.task_ids() == [c]
    assert "1 项任务等待您审核" in view.summary.text()
    filled.operator = SECRETARY
    view.refresh()
    assert view.task_ids() == [] and "身份" in view.summary.text()

    filled.operator = REVIEWERS[0]
    view.refresh()
    rect = view.table.visualRect(m.index(1, 1))
    activated: list[list[str]] = []
    view.tasksActivated.connect(activated.append)
    qtbot.mouseClick(
        view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )  # one click opens it
    assert activated == [[a]] and window.panel.task.id == a
    window.select_tasks([b])
    with qtbot.waitSignal(view.tasksActivated) as sig:  # a double-click (press, release, double-click) too
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == [[a]]
    assert window.panel.task.id == a
    assert window.current_task_id() == a
    # approving it (a ledger change) takes it off the queue
    filled.act(a, Action.APPROVE, grade="好", opinion="同意", exception="材料为纸质存档")
    view.on_changed(Changed("approve", "entry", frozenset({a}), frozenset({"review", "task"})))
    assert view.task_ids() == [b]


# ---- 销号审批表 -----------------------------------------------------------------------------------------------
# Qt's PDF text layer maps a glyph back to the lowest code point that shares it: with Noto CJK fonts some
# characters come back as radicals (⼯ for 工, ⺠ for 民). NFKC folds the Kangxi radicals; these are the others.
RADICALS = str.maketrans("⺠⻅⻓⻚⻔⻋⻢⻛⻜⻝⻬⻉⻆⻘⻩⻮⻳", "民见长页门车马风飞食齐贝角青黄齿龟")


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(RADICALS))


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return norm(done.stdout.decode("utf-8"))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils' pdftotext is not installed")
def test_approval_form_pdf_reads_back(window, filled, tmp_path, monkeypatch):
    from ui.signoff import approval_form

    tid = task_id(filled, "开展专项整治", "南郊别墅")
    filled.add_indicator(tid, "整治点位", "处", 12, 15)
    close_task(filled, tid, tmp_path)
    out = approval_form.write_approval_form(filled, tid, tmp_path / "销号审批表.pdf")
    text = _pdf_text(out)
    assert norm("测试工业区党工委巡察整改任务销号审批表") in text
    assert "开展专项整治" in text and "针对安全隐患的问题" in text and "南郊别墅" in text
    for op, opinion in zip(REVIEWERS, OPINIONS, strict=True):
        assert norm(op.name) in text and norm(opinion) in text
    for label in (
        "居民区",
        "问题类别",
        "反馈问题",
        "整改措施",
        "责任人",
        "责任领导",
        "整改时限",
        "整改情况",
        "销号说明",
        "佐证材料清单",
        "初审意见",
        "复核意见",
        "终审意见",
        "签字",
    ):
        assert label in text, label
    assert "原定时限" not in text  # never extended: no 原定时限
    assert "整治点位" in text and "已达标" in text
    assert f"{tid[:8]}.txt" in text
    from ledger.storage import journal

    assert str(journal.anchor(filled.store)) in text  # the journal's head when printed, for verify --anchor
    raw = out.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", raw)
    assert len(boxes) == 1  # one A4 page: a task with three levels fits on one sheet
    for x0, y0, x1, y1 in boxes:
        assert abs(float(x1) - float(x0) - 595) < 2 and abs(float(y1) - float(y0) - 842) < 2

    # from the panel: the path asked for, with the default name
    window.select_tasks([tid])
    asked: list[Path] = []
    target = tmp_path / "chosen.pdf"
    monkeypatch.setattr(
        approval_form, "ask_path", lambda _p, suggested: asked.append(suggested) or str(target)
    )
    monkeypatch.setattr(approval_form, "show_done", lambda _p, _path: None)
    window.panel.print_button.click()
    assert asked[0].name == "南郊别墅-开展专项整治-销号审批表.pdf"
    assert target.exists() and "同意销号" in _pdf_text(target)

    # from the command line (the lead wires `main.py approval-form LEDGER --task ID OUT.pdf`)
    cli_out = tmp_path / "cli.pdf"
    assert approval_form.cmd_approval_form(filled.path, tid[:8], cli_out, today="2025-12-01") == 0
    assert "陈书记" in _pdf_text(cli_out) and "填表日期:2025年12月1日" in _pdf_text(cli_out)
    assert approval_form.cmd_approval_form(filled.path, "nonexistent", tmp_path / "x.pdf") == 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils' pdftotext is not installed")
def test_approval_form_of_an_unfinished_task_has_blank_levels_to_fill_by_hand(qapp, filled, tmp_path):
    from ui.signoff.approval_form import write_approval_form

    tid = task_id(filled, "加强日常巡查", "鑫峰苑")
    filled.operator = SECRETARY
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="已巡查。")
    text = _pdf_text(write_approval_form(filled, tid, tmp_path / "form"))
    assert (tmp_path / "form.pdf").exists()
    assert "尚未销号" in text and text.count("审核人签字") == 3 and "年月日" in text


def test_ask_opens_the_real_dialog_and_returns_its_answer(qtbot, filled):
    """The classmethods the panel calls (and other tests patch): shown modal, answered, closed."""
    from PySide6.QtCore import QTimer

    tid = task_id(filled, "开展专项整治", "南郊别墅")
    filled.operator = SECRETARY
    filled.act(tid, Action.START)

    def answer() -> None:
        dlg = QApplication.activeModalWidget()
        try:
            assert isinstance(dlg, SubmitDialog)
            dlg.statement.setPlainText("已完成整治 3 处。")
            dlg.ok_button.click()
        finally:  # never leave a modal loop running when an assertion fails
            if dlg is not None and dlg.isVisible():
                dlg.reject()

    QTimer.singleShot(0, answer)
    assert SubmitDialog.ask(filled, tid) == {"reason": "已完成整治 3 处。"}

    def cancel() -> None:
        dlg = QApplication.activeModalWidget()
        try:
            assert isinstance(dlg, ExtensionDialog)
            assert dlg.new_deadline.minimumDate().toString("yyyy-MM-dd") == "2026-01-01"
        finally:
            if dlg is not None:
                dlg.reject()

    QTimer.singleShot(0, cancel)
    assert ExtensionDialog.ask(filled, tid) is None
