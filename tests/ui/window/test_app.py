"""First start: no ledger yet → the user picks the example or a blank ledger, says who they are, gets a window."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from ledger.core import FixedClock, Operator, Role
from ledger.service import Ledger
from ui.common.util import recent_ledgers
from ui.window.app import Controller, EarlyRecords, make_app, setup_logging
from ui.window.dialogs import FirstRunDialog, OperatorDialog

ROOT = Path(__file__).resolve().parents[3]


def _controller(tmp_path: Path) -> Controller:
    return Controller(make_app("zh"), tmp_path / "data", FixedClock.on("2025-11-20"))


def test_first_start_offers_the_example_and_asks_who_you_are(qtbot, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(
        FirstRunDialog, "ask", classmethod(lambda cls, parent=None: asked.append(1) or ("example", ""))
    )
    monkeypatch.setattr(
        OperatorDialog,
        "ask",
        classmethod(lambda cls, current=None, parent=None: Operator("王书记", Role.SECRETARY)),
    )
    ctl = _controller(tmp_path)
    led = ctl.first_ledger(None)
    assert asked == [1]
    assert led is not None and led.path == tmp_path / "data" / "示例台账.db"
    assert led.operator == Operator("王书记", Role.SECRETARY)
    assert led.stats()["tasks"] > 100
    ctl.show(led)
    qtbot.addWidget(ctl.window)
    assert ctl.window.findChild(type(ctl.window.status_counts), "exampleBadge") is not None
    ctl.window.close()
    led.close()
    # The second start opens the last ledger without asking again.
    monkeypatch.setattr(
        FirstRunDialog,
        "ask",
        classmethod(lambda cls, parent=None: (_ for _ in ()).throw(AssertionError("asked again"))),
    )
    again = _controller(tmp_path).first_ledger(None)
    assert again is not None and again.path == led.path
    again.close()


def test_first_start_blank_ledger_uses_the_organisation_name(tmp_path, monkeypatch):
    monkeypatch.setattr(
        FirstRunDialog, "ask", classmethod(lambda cls, parent=None: ("blank", "某某街道党工委"))
    )
    monkeypatch.setattr(
        OperatorDialog,
        "ask",
        classmethod(lambda cls, current=None, parent=None: Operator("张专班", Role.WORK_TEAM)),
    )
    led = _controller(tmp_path).first_ledger(None)
    assert led is not None
    assert led.org_name == "某某街道党工委"
    assert led.stats()["tasks"] == 0
    led.close()


def test_a_file_open_elsewhere_is_refused_with_a_sentence(tmp_path, monkeypatch):
    path = tmp_path / "台账.db"
    first = Ledger.create(path, org="甲")
    shown: list[str] = []
    monkeypatch.setattr("ui.common.messages.show_error", lambda _p, exc, *a: shown.append(exc.message()))
    monkeypatch.setattr("ui.window.app.saved_operator", lambda: Operator("乙", Role.WORK_TEAM))
    assert _controller(tmp_path).open_path(path) is None
    assert shown and "另一个窗口" in shown[0]
    first.close()


def test_not_a_ledger_is_refused_and_left_untouched(tmp_path, monkeypatch):
    path = tmp_path / "笔记.db"
    path.write_text("这不是台账", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr("ui.common.messages.show_error", lambda _p, exc, *a: shown.append(exc.message()))
    monkeypatch.setattr("ui.window.app.saved_operator", lambda: Operator("乙", Role.WORK_TEAM))
    assert _controller(tmp_path).open_path(path) is None
    assert shown and "不是整改台账文件" in shown[0]
    assert path.read_text(encoding="utf-8") == "这不是台账"


def test_a_newer_package_over_unreturned_work_says_what_to_do_first(tmp_path, monkeypatch, filled):
    from ledger import exchange
    from ui.common.util import settings

    old = exchange.issue_package(filled, "南郊别墅", tmp_path / "旧" / "包.db")
    new = exchange.issue_package(filled, "南郊别墅", tmp_path / "新" / "包.db")
    sec = Operator("王书记", Role.SECRETARY)
    copy = Ledger.open(old, operator=sec)
    tid = copy.tasks_json()[0]["id"]
    copy.update_progress(tid, "还没上报的进展")
    copy.close()
    told: list[str] = []
    monkeypatch.setattr("ui.common.messages.info", lambda _p, text, *a: told.append(text))
    monkeypatch.setattr("ui.window.app.saved_operator", lambda: sec)
    settings().setValue("ledger/last", str(old))
    ctl = _controller(tmp_path)
    assert ctl.open_path(new) is None
    assert told and "上报" in told[0]
    again = Ledger.open(old, operator=sec)  # the unreturned work is still there
    assert again.task(tid).progress == "还没上报的进展"
    again.close()
    # After 上报 and the work team's merge, the package issued next opens.
    from ledger.exchange import apply_merge

    apply_merge(filled, exchange.return_package(old))
    newer = exchange.issue_package(filled, "南郊别墅", tmp_path / "更新" / "包.db")
    opened = ctl.open_path(newer)
    assert opened is not None and opened.package is not None
    opened.close()


def _run_main(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``main.py`` as a user starts it, with its settings in a temporary folder and the operator already known."""
    config = tmp_path / "config"
    (config / "zhenggai").mkdir(parents=True, exist_ok=True)
    (config / "zhenggai" / "zhenggai-ledger.conf").write_text(
        "[operator]\nname=张专班\nrole=work_team\n", encoding="utf-8"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def test_startup_time_opens_the_window_reports_and_quits(tmp_path, filled):
    path = filled.path
    filled.close()
    done = _run_main(tmp_path, "--ledger", str(path), "--data-dir", str(tmp_path / "data"), "--startup-time")
    assert done.returncode == 0, done.stderr
    seconds = float(re.search(r"用时 ([0-9.]+) 秒", done.stdout).group(1))
    assert seconds > 0
    # the log file is opened after the first paint, and what start-up logged is in it
    assert (tmp_path / "data" / "ledger.log").exists()


def test_a_bad_today_for_the_window_is_a_sentence(tmp_path):
    done = _run_main(tmp_path, "--today", "2025-13-45", "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 2
    assert "2025-13-45" in done.stderr and "Traceback" not in done.stderr


def test_records_logged_before_the_log_file_opens_are_written_to_it(tmp_path):
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        early = EarlyRecords.install()
        logging.getLogger("ledger.storage.store").info("迁移到第 5 版")
        setup_logging(tmp_path, early)
        setup_logging(tmp_path, early)  # once only
        logging.getLogger("ui").warning("之后的记录")
        added = [h for h in root.handlers if h not in handlers]
        assert len(added) == 1
        added[0].close()
        text = (tmp_path / "ledger.log").read_text(encoding="utf-8")
        assert "迁移到第 5 版" in text and "之后的记录" in text and early not in root.handlers
    finally:
        for h in list(root.handlers):
            if h not in handlers:
                root.removeHandler(h)
        root.setLevel(level)


def test_recent_ledgers_menu_switches_and_the_closed_ledger_is_backed_up(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.window.app.saved_operator", lambda: Operator("张专班", Role.WORK_TEAM))
    clock = FixedClock.on("2025-11-20")
    for name in ("甲.db", "乙.db"):
        Ledger.create(tmp_path / name, org=name[0], clock=clock).close()
    ctl = _controller(tmp_path)
    first = ctl.open_path(tmp_path / "甲.db")
    ctl.show(first)
    qtbot.addWidget(ctl.window)
    ctl.window.ledger.add_community("南郊别墅")  # a change: closing 甲 backs it up
    second = ctl.open_path(tmp_path / "乙.db")
    ctl.show(second)
    qtbot.addWidget(ctl.window)
    # The recent list is written once the window has painted (not in the way of its first screen).
    qtbot.waitUntil(lambda: recent_ledgers()[:1] == [str(tmp_path / "乙.db")])
    from ledger.service import backups

    assert len(backups.backups(tmp_path / "甲.db", tmp_path / "data")) == 1
    assert not backups.backups(tmp_path / "乙.db", tmp_path / "data")
    menu = ctl.window.recent_menu
    menu.aboutToShow.emit()
    entries = [(a.text(), a.isChecked()) for a in menu.actions()]
    assert entries == [("&1 乙.db", True), ("&2 甲.db", False)]
    menu.actions()[1].trigger()  # back to 甲, unchanged since its copy: no second copy
    qtbot.addWidget(ctl.window)
    assert ctl.window.ledger.path == tmp_path / "甲.db"
    assert "南郊别墅" in [c["name"] for c in ctl.window.ledger.communities()]
    assert len(backups.backups(tmp_path / "甲.db", tmp_path / "data")) == 1
    assert (
        ctl.open_path(tmp_path / "甲.db") is None
    )  # open already: nothing happens, no “open elsewhere” error
    (tmp_path / "乙.db").unlink()
    menu = ctl.window.recent_menu
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions()] == ["&1 甲.db"]  # a file that is gone is not offered
    ctl.window.close()
    ctl.close_ledger(ctl.window.ledger)


def test_a_backup_that_cannot_be_written_does_not_stop_the_ledger_closing(tmp_path, monkeypatch, caplog):
    led = Ledger.create(tmp_path / "台账.db", org="甲", clock=FixedClock.on("2025-11-20"))
    led.add_community("南郊别墅")

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ledger.service.backup_if_changed", full)
    ctl = _controller(tmp_path)
    with caplog.at_level(logging.WARNING):
        ctl.close_ledger(led)
    assert "automatic backup" in caplog.text and "No space left" in caplog.text
    again = Ledger.open(tmp_path / "台账.db")  # closed, lock released, nothing lost
    try:
        assert [c["name"] for c in again.communities()] == ["南郊别墅"]
    finally:
        again.close()


def test_new_blank_ledger_from_the_menu_makes_one(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.window.app.saved_operator", lambda: Operator("张专班", Role.WORK_TEAM))
    Ledger.create(tmp_path / "甲.db", org="甲", clock=FixedClock.on("2025-11-20")).close()
    ctl = _controller(tmp_path)
    ctl.show(ctl.open_path(tmp_path / "甲.db"))
    qtbot.addWidget(ctl.window)
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName",
        lambda *a, **k: pytest.fail("the Open dialog came up"),
    )
    from PySide6.QtGui import QAction

    monkeypatch.setattr("ui.window.dialogs.ask_org", lambda parent: "乙街道党工委")  # asked: it is required
    ctl.window.findChild(QAction, "newLedger").trigger()
    qtbot.addWidget(ctl.window)
    assert (
        ctl.window.ledger.path == tmp_path / "data" / "整改台账.db"
        and ctl.window.ledger.stats()["tasks"] == 0
        and ctl.window.ledger.org_name == "乙街道党工委"
    )
    ctl.close_ledger(ctl.window.ledger)


def test_switching_ledgers_keeps_the_window_when_its_edits_cannot_be_saved(
    qtbot, tmp_path, monkeypatch, filled
):
    monkeypatch.setattr("ui.window.app.saved_operator", lambda: Operator("张专班", Role.WORK_TEAM))
    path = filled.path
    filled.close()
    Ledger.create(tmp_path / "乙.db", org="乙", clock=FixedClock.on("2025-11-20")).close()
    ctl = _controller(tmp_path)
    ctl.show(ctl.open_path(path))
    win = ctl.window
    qtbot.addWidget(win)
    win.select_tasks([win.model.task_id_at(0)])
    win.panel.owner.setText("")  # an edit the ledger refuses (the owner may not be empty)
    monkeypatch.setattr("ui.common.messages.confirm", lambda *a, **k: True)
    monkeypatch.setattr("ui.common.messages.show_error", lambda *a, **k: None)
    ctl.show(ctl.open_path(tmp_path / "乙.db"))
    assert (
        ctl.window is win and win.ledger.path == path and win.ledger.stats()["tasks"] == 6
    )  # still open, readable
    assert not Path(tmp_path / ".乙.db.lock").exists() or Ledger.open(tmp_path / "乙.db").close() is None
    win.panel.revert()
    win.close()
    ctl.close_ledger(win.ledger)


def test_a_blank_ledger_needs_the_organisation_name(qtbot, tmp_path, monkeypatch):
    """The first-run dialog refuses 新建空白台账 without a name and says why; the menu's 新建 asks for it."""
    dlg = FirstRunDialog()
    qtbot.addWidget(dlg)
    dlg.findChild(QPushButton, "blank").click()
    assert dlg.choice is None and dlg.message.isVisibleTo(dlg) and "单位" in dlg.message.text()
    dlg.org.setText("某某街道党工委")
    dlg.findChild(QPushButton, "blank").click()
    assert dlg.choice == "blank"

    from ui.window import dialogs

    monkeypatch.setattr(
        OperatorDialog,
        "ask",
        classmethod(lambda cls, current=None, parent=None: Operator("张三", Role.WORK_TEAM)),
    )
    monkeypatch.setattr(dialogs, "ask_org", lambda parent: "")  # the user cancelled the question
    ctl = _controller(tmp_path)
    assert ctl.handle_choice("blank", "", None) is None and not ctl.default_path().exists()
    monkeypatch.setattr(dialogs, "ask_org", lambda parent: "某某街道党工委")
    led = ctl.handle_choice("blank", "", None)
    assert led is not None and led.org_name == "某某街道党工委"
    led.close()
