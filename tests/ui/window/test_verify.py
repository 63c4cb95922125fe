"""文件 → 核对台账完整性…: the journal replayed at the window, with the anchors printed on paper."""

from __future__ import annotations

from PySide6.QtGui import QAction

from ledger.storage import entry_hash, journal
from ui.window.app import make_app
from ui.window.main_window import MainWindow
from ui.window.verify import VerifyDialog


def _rewrite_tail(led) -> None:
    """Change who made the newest entry and recompute its hash, as a forger who knows the scheme would."""
    conn = led.store.conn
    seq, id_, at, actor, role, origin, command, task_id, payload, prev = conn.execute(
        "SELECT seq, id, at, actor, role, origin, command, task_id, payload, prev_hash FROM journal "
        "ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    fields = {
        "id": id_,
        "at": at,
        "actor": "别人",
        "role": role,
        "origin": origin,
        "command": command,
        "task_id": task_id,
        "payload": payload,
    }
    conn.execute(
        "UPDATE journal SET actor = ?, hash = ? WHERE seq = ?", ("别人", entry_hash(prev, seq, fields), seq)
    )
    conn.commit()


def test_menu_opens_the_check_and_a_sound_ledger_passes_with_its_anchor(qtbot, filled, monkeypatch):
    make_app("zh")
    win = MainWindow(filled)
    qtbot.addWidget(win)
    opened: list[VerifyDialog] = []
    monkeypatch.setattr(VerifyDialog, "exec", lambda self: opened.append(self) or 0)
    win.findChild(QAction, "verifyLedger").trigger()
    dlg = opened[0]
    qtbot.addWidget(dlg)
    head = journal.anchor(filled.store)
    assert str(head) in dlg.head.text()
    dlg.anchors.setPlainText(f"{head}\n\n")
    assert dlg.check() is True
    assert "完好" in dlg.outcome.text() and "1 个日志校验码相符" in dlg.outcome.text()


def test_a_rewritten_tail_is_caught_by_the_anchor_from_paper(qtbot, filled):
    make_app("zh")
    printed = str(journal.anchor(filled.store))  # on a 周报 printed last week
    _rewrite_tail(filled)
    dlg = VerifyDialog(filled)
    qtbot.addWidget(dlg)
    assert dlg.check() is True  # the chain alone is consistent: that is why the anchor is printed
    dlg.anchors.setPlainText(printed)
    assert dlg.check() is False
    assert "核对未通过" in dlg.outcome.text() and "改写" in dlg.outcome.text()


def test_a_row_changed_outside_the_program_is_named(qtbot, filled):
    make_app("zh")
    tid = filled.tasks_json()[0]["id"]
    filled.store.conn.execute("UPDATE task SET owner = '外人' WHERE id = ?", (tid,))
    filled.store.conn.commit()
    dlg = VerifyDialog(filled)
    qtbot.addWidget(dlg)
    assert dlg.check() is False
    assert tid in dlg.outcome.text() and "外人" in dlg.outcome.text()


def test_a_mistyped_anchor_is_a_sentence_and_nothing_is_checked(qtbot, filled, monkeypatch):
    make_app("zh")
    dlg = VerifyDialog(filled)
    qtbot.addWidget(dlg)
    ran: list[int] = []
    monkeypatch.setattr(journal, "verify", lambda *a, **k: ran.append(1))
    dlg.anchors.setPlainText("第五条")
    assert dlg.check() is None
    assert "不是日志校验码" in dlg.outcome.text() and "尚未核对" in dlg.outcome.text() and not ran


def test_cancel_stops_the_check(qtbot, filled, monkeypatch):
    make_app("zh")
    from PySide6.QtWidgets import QProgressDialog

    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: True)
    dlg = VerifyDialog(filled)
    qtbot.addWidget(dlg)
    assert dlg.check() is None
    assert "已取消" in dlg.outcome.text()


def test_the_check_runs_beside_the_window_on_a_connection_of_its_own(qtbot, filled, monkeypatch):
    """The window keeps painting through a long check: verify runs in a worker thread on a read-only connection."""
    import threading

    make_app("zh")
    seen: list[tuple[bool, bool]] = []
    real = journal.verify

    def spy(store, **kw):
        seen.append((threading.current_thread() is threading.main_thread(), store is filled.store))
        return real(store, **kw)

    monkeypatch.setattr(journal, "verify", spy)
    dlg = VerifyDialog(filled)
    qtbot.addWidget(dlg)
    assert dlg.check() is True
    assert seen == [(False, False)]
    assert "完好" in dlg.outcome.text()


def test_the_dialog_keeps_qdialogs_result_code(qtbot, filled):
    """The result label once shadowed ``QDialog.result()``: the dialog's own answer could not be read."""
    make_app("zh")
    dlg = VerifyDialog(filled)
    qtbot.addWidget(dlg)
    dlg.accept()
    assert dlg.result() == VerifyDialog.DialogCode.Accepted
