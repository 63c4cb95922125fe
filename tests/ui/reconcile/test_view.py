"""The 对账 tab (ui.reconcile): open a week, tick its lines until the difference is zero, close, report."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ledger import reconcile as rc
from ledger import signoff
from ledger.core import Action, FixedClock, Operator, Role
from ledger.service import Ledger
from ui.reconcile import dialogs as reconcile_dialogs
from ui.reconcile import view as view_mod
from ui.reconcile.view import ReconcileView

SEC = Operator("王书记", Role.SECRETARY)
WT = Operator("张专班", Role.WORK_TEAM)
W48 = "2025-W48"  # window 2025-11-22 .. 2025-11-28


def as_(led: Ledger, op: Operator) -> Ledger:
    led.operator = op
    return led


@pytest.fixture
def week(filled: Ledger, clock: FixedClock) -> Ledger:
    """The fixture's tasks were made on 2025-11-20 (W47); a week later, some work in W48."""
    clock.advance(days=7)  # 2025-11-27, Thursday of W48
    t = [x["id"] for x in filled.tasks_json()]
    filled.update_progress(t[2], "已排查 3 处隐患")
    as_(filled, SEC).act(t[4], Action.START)
    signoff.attach_evidence(filled, t[1], data=b"photo", file_name="现场照片.jpg")
    filled.act(t[1], Action.START)
    filled.act(t[1], Action.SUBMIT, reason="已完成整改")
    as_(filled, WT)
    filled.add_task(filled.problems()[0]["id"], filled.communities()[0]["id"], "补充排查台账", owner="赵一")
    clock.advance(hours=1)
    return filled


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        view_mod.messages, "show_error", lambda parent, exc, title=None: shown.append(str(exc))
    )
    monkeypatch.setattr(view_mod.messages, "info", lambda parent, text, title=None: None)
    return shown


def make_view(qtbot, led: Ledger) -> ReconcileView:
    v = ReconcileView(led)
    qtbot.addWidget(v)
    v.resize(1400, 860)
    return v


def row_of(v: ReconcileView, entry_id: str) -> int:
    return next(i for i, ln in enumerate(v.model.lines) if ln.entry_id == entry_id)


def set_check(v: ReconcileView, row: int, on: bool) -> bool:
    idx = v.model.index(row, 0)
    state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
    return v.model.setData(idx, state, Qt.ItemDataRole.CheckStateRole)


def test_current_week_is_selected_and_not_started(qtbot, week: Ledger) -> None:
    v = make_view(qtbot, week)
    assert v.objectName() == "reconcileView"
    assert v.week() == W48 == rc.week_of(week, week.today())
    assert "2025-11-22" in v.week_combo.currentText() and "2025-11-28" in v.week_combo.currentText()
    assert v.per is None and v.open_button.isEnabled() and not v.close_button.isEnabled()
    assert v.model.rowCount() == 0


def test_tick_each_line_until_balanced_then_close_and_report(
    qtbot, week: Ledger, errors, monkeypatch, tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    v = make_view(qtbot, week)
    qtbot.mouseClick(v.open_button, Qt.MouseButton.LeftButton)
    assert not errors
    assert v.per is not None and not v.per.closed
    rec = v.rec
    assert rec is not None and not rec.balanced
    # every task change of the week, in order (evidence is not a line of its own)
    assert [ln.command for ln in rec.lines] == ["update_progress", "start", "start", "submit", "add_task"]
    assert v.cells[("difference", "tasks")].text() == "-1"  # opening + ticked − now
    assert v.cells[("difference", "open")].text() == "-1"
    assert (
        "submitted" in v.balance_keys and "in_progress" in v.balance_keys
    )  # the statuses that moved show too
    assert v.verdict.text() == v.tr("Not balanced")
    # every line is checkable while open; the 申请销号 line is highlighted
    for r in range(v.model.rowCount()):
        assert v.model.flags(v.model.index(r, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    sub = next(r for r, ln in enumerate(v.model.lines) if ln.submits)
    assert v.model.data(v.model.index(sub, 3), Qt.ItemDataRole.BackgroundRole) is not None
    changes = [v.model.data(v.model.index(r, 5)) for r in range(v.model.rowCount())]
    assert any("→" in c for c in changes)

    effective = {ln.entry_id for ln in rec.lines if ln.effect}
    assert effective
    last_effective = max(row_of(v, e) for e in effective)
    order = [ln.entry_id for ln in rec.lines]
    done: set[str] = set()
    for eid in order:
        assert set_check(v, row_of(v, eid), True)
        done.add(eid)
        r = row_of(v, eid)
        assert v.model.data(v.model.index(r, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        assert v.rec is not None
        assert v.rec.balanced == (effective <= done), (eid, v.rec.difference)
        zero = all(v.cells[("difference", k)].text() == "0" for k in v.balance_keys)
        assert zero == (r >= last_effective)
    assert v.rec.balanced and v.verdict.text() == v.tr("Balanced")
    # untick and tick again
    victim = next(iter(effective))
    assert set_check(v, row_of(v, victim), False)
    assert not v.rec.balanced
    assert set_check(v, row_of(v, victim), True)
    assert v.rec.balanced

    # close: no note needed, the note dialog is never asked
    monkeypatch.setattr(
        reconcile_dialogs.CloseNoteDialog,
        "ask",
        classmethod(lambda cls, *a, **k: pytest.fail("no note needed")),
    )
    qtbot.mouseClick(v.close_button, Qt.MouseButton.LeftButton)
    assert not errors
    assert v.per is not None and v.per.closed
    assert v.state_label.text() == v.tr("Closed")
    assert not v.banner.isHidden() and WT.name in v.banner.text()
    for r in range(v.model.rowCount()):
        assert not (v.model.flags(v.model.index(r, 0)) & Qt.ItemFlag.ItemIsUserCheckable)
    # tick attempts are refused: through the model, and by the domain
    assert not set_check(v, 0, False)
    assert all(ln.ticked for ln in rc.reconcile(week, W48).lines)
    assert not v.tick_all_button.isEnabled() and not v.close_button.isEnabled()
    v.set_ticked(v.model.lines[0].entry_id, False)
    assert errors and "结账" in errors[-1]

    # the weekly report, through the patched path
    out = tmp_path / "周报.docx"
    monkeypatch.setattr(view_mod, "ask_report_path", lambda parent, start: str(out))
    from ledger.office import weekly

    threads: list[threading.Thread] = []
    real = weekly.write_report

    def watched(led, wk, path):
        threads.append(threading.current_thread())
        return real(led, wk, path)

    monkeypatch.setattr(weekly, "write_report", watched)
    written = v.write_report()
    assert written == out and out.exists()
    assert (
        threads and threads[0] is not threading.main_thread()
    )  # written by a worker: the window keeps painting
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    snap = rc.snapshot(week, W48)
    assert f"累计已销号 {snap['counts']['signed_off']} 项" in text
    assert f"整改任务共 {snap['counts']['tasks']} 项" in text


def test_close_with_unticked_lines_asks_for_a_note(qtbot, week: Ledger, errors, monkeypatch) -> None:
    v = make_view(qtbot, week)
    v.start()
    asked: list[tuple] = []
    monkeypatch.setattr(
        reconcile_dialogs.CloseNoteDialog, "ask", classmethod(lambda cls, *a, **k: asked.append(a))
    )
    v.close_period()  # cancelled: still open
    assert asked and not v.per.closed
    monkeypatch.setattr(reconcile_dialogs.CloseNoteDialog, "ask", classmethod(lambda cls, *a, **k: ""))
    v.close_period()  # an empty note is refused by the ledger
    assert errors and not v.per.closed
    monkeypatch.setattr(
        reconcile_dialogs.CloseNoteDialog, "ask", classmethod(lambda cls, *a, **k: "进展待补佐证")
    )
    v.close_period()
    assert v.per.closed and "进展待补佐证" in v.banner.text()


def test_chase_list_and_side_panels(qtbot, week: Ledger) -> None:
    v = make_view(qtbot, week)
    rows = {v.chase.text(r, 0): v.chase.text(r, 1) for r in range(v.chase.row_count())}
    assert rows == {"南郊别墅": "王书记", "鑫峰苑": "李书记"}
    pending = [v.pending.text(r, 1) for r in range(v.pending.row_count())]
    assert "强化宣传培训" in pending  # the task submitted this week waits for review
    # 加强日常巡查 fell due 2025-11-18, before this week: not new overdue in W48
    assert [v.overdue.text(r, 1) for r in range(v.overdue.row_count())] == []


def test_compare_two_closed_weeks(qtbot, week: Ledger, clock: FixedClock, errors, monkeypatch) -> None:
    rc.open_period(week, W48)
    rc.tick(week, W48)
    rc.close_period(week, W48)
    clock.advance(days=7)  # W49
    victim = next(x["id"] for x in week.tasks_json() if x["measure"] == "强化警示教育")
    as_(week, SEC).act(victim, Action.START)
    as_(week, WT)
    rc.open_period(week, "2025-W49")
    rc.tick(week, "2025-W49")
    rc.close_period(week, "2025-W49")
    v = make_view(qtbot, week)
    assert v.week() == "2025-W49"
    monkeypatch.setattr(view_mod, "ask_compare_week", lambda parent, w, choices: choices[0])
    shown: list[dict] = []
    monkeypatch.setattr(
        reconcile_dialogs.CompareDialog,
        "show_result",
        classmethod(lambda cls, result, led, parent=None: shown.append(result)),
    )
    result = v.compare()
    assert result is not None and shown and result["from"] == W48 and result["to"] == "2025-W49"
    assert any(m["task"] == victim for m in result["moved"])
    dlg = reconcile_dialogs.CompareDialog(result, week, v)
    qtbot.addWidget(dlg)
    assert "→" in dlg.text.toPlainText()
    assert "·强化警示教育：" in dlg.text.toPlainText()  # the moved task by its community and measure


def test_an_extension_waiting_is_named_by_its_community_and_measure(qtbot, week: Ledger) -> None:
    task = week.task(next(x["id"] for x in week.tasks_json() if (x["deadline"] or "") > "2025-12-01"))
    as_(week, SEC)
    signoff.request_extension(week, task.id, "2026-03-31", "需协调物业")
    as_(week, WT)
    v = make_view(qtbot, week)
    assert v.extensions.row_count() == 1
    assert v.extensions.text(0, 0) == f"{task.community}·{task.measure}"


def test_the_change_column_gets_the_width_and_rows_stay_short(qtbot, week: Ledger) -> None:
    """At 1366×768 the table is ~900 px: 变化（字段：前 → 后）, the thing being checked, is the widest column,
    nothing scrolls sideways, and a long change wraps to a few lines, not five ending in “…”."""
    t = [x["id"] for x in week.tasks_json()]
    week.update_progress(
        t[3], "已召开专题会议部署整改，完成第一轮入户走访，覆盖居民 320 户，发放宣传材料 500 份"
    )
    rc.open_period(week, W48)
    v = make_view(qtbot, week)
    v.resize(1340, 640)
    v.show()
    qtbot.waitUntil(lambda: v.model.rowCount() > 0)
    qtbot.wait(20)
    header = v.table.horizontalHeader()
    widths = [header.sectionSize(i) for i in range(header.count())]
    assert widths[5] == max(widths) and widths[5] >= 2 * widths[4] - 20
    assert sum(widths) <= v.table.viewport().width()
    line = v.table.fontMetrics().lineSpacing()
    assert all(v.table.rowHeight(r) <= 4 * line + 12 for r in range(v.model.rowCount()))


def test_the_compare_dialog_paints_like_any_widget(qtbot, filled: Ledger) -> None:
    """Its text builder once took the name ``render`` and so broke QWidget.render() (a TypeError)."""
    from PySide6.QtGui import QColor, QPixmap

    result = {
        "from": W48,
        "to": "2025-W49",
        "counts": {},
        "moved": [],
        "stall_weeks": 4,
        "stalled": [],
        "slipped": [],
    }
    dlg = reconcile_dialogs.CompareDialog(result, filled, None)
    qtbot.addWidget(dlg)
    assert dlg.text.toPlainText().startswith(f"{W48} → 2025-W49")
    pix = QPixmap(dlg.size())
    pix.fill(QColor("magenta"))
    dlg.render(pix)
    assert pix.toImage().pixelColor(1, 1) != QColor("magenta")
