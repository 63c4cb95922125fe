"""First start: no ledger yet → the user picks the example or a blank ledger, says who they are, gets a window."""

from __future__ import annotations

from pathlib import Path

from ledger.clock import FixedClock
from ledger.model import Operator, Role
from ledger.service import Ledger
from ui.app import Controller, make_app
from ui.dialogs import FirstRunDialog, OperatorDialog


def _controller(tmp_path: Path) -> Controller:
    return Controller(make_app("zh"), tmp_path / "data", FixedClock.on("2025-11-20"))


def test_first_start_offers_the_example_and_asks_who_you_are(qtbot, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls, parent=None: asked.append(1) or ("example", "")))
    monkeypatch.setattr(OperatorDialog, "ask",
                        classmethod(lambda cls, current=None, parent=None: Operator("王书记", Role.SECRETARY)))
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
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls, parent=None: (_ for _ in ()).throw(
        AssertionError("asked again"))))
    again = _controller(tmp_path).first_ledger(None)
    assert again is not None and again.path == led.path
    again.close()


def test_first_start_blank_ledger_uses_the_organisation_name(tmp_path, monkeypatch):
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls, parent=None: ("blank", "某某街道党工委")))
    monkeypatch.setattr(OperatorDialog, "ask",
                        classmethod(lambda cls, current=None, parent=None: Operator("张专班", Role.WORK_TEAM)))
    led = _controller(tmp_path).first_ledger(None)
    assert led is not None
    assert led.org_name == "某某街道党工委"
    assert led.stats()["tasks"] == 0
    led.close()


def test_a_file_open_elsewhere_is_refused_with_a_sentence(tmp_path, monkeypatch):
    path = tmp_path / "台账.db"
    first = Ledger.create(path, org="甲")
    shown: list[str] = []
    monkeypatch.setattr("ui.messages.show_error", lambda _p, exc, *a: shown.append(exc.message()))
    monkeypatch.setattr("ui.app.saved_operator", lambda: Operator("乙", Role.WORK_TEAM))
    assert _controller(tmp_path).open_path(path) is None
    assert shown and "另一个窗口" in shown[0]
    first.close()


def test_not_a_ledger_is_refused_and_left_untouched(tmp_path, monkeypatch):
    path = tmp_path / "笔记.db"
    path.write_text("这不是台账", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr("ui.messages.show_error", lambda _p, exc, *a: shown.append(exc.message()))
    monkeypatch.setattr("ui.app.saved_operator", lambda: Operator("乙", Role.WORK_TEAM))
    assert _controller(tmp_path).open_path(path) is None
    assert shown and "不是整改台账文件" in shown[0]
    assert path.read_text(encoding="utf-8") == "这不是台账"


def test_a_newer_package_over_unreturned_work_says_what_to_do_first(tmp_path, monkeypatch, filled):
    from ledger import exchange
    from ui.util import settings

    old = exchange.issue_package(filled, "南郊别墅", tmp_path / "旧" / "包.db")
    new = exchange.issue_package(filled, "南郊别墅", tmp_path / "新" / "包.db")
    sec = Operator("王书记", Role.SECRETARY)
    copy = Ledger.open(old, operator=sec)
    tid = copy.tasks_json()[0]["id"]
    copy.update_progress(tid, "还没上报的进展")
    copy.close()
    told: list[str] = []
    monkeypatch.setattr("ui.messages.info", lambda _p, text, *a: told.append(text))
    monkeypatch.setattr("ui.app.saved_operator", lambda: sec)
    settings().setValue("ledger/last", str(old))
    ctl = _controller(tmp_path)
    assert ctl.open_path(new) is None
    assert told and "上报" in told[0]
    again = Ledger.open(old, operator=sec)  # the unreturned work is still there
    assert again.task(tid).progress == "还没上报的进展"
    again.close()
    # After 上报 and the work team's merge, the package issued next opens.
    from ledger.exchange_merge import apply_merge
    apply_merge(filled, exchange.return_package(old))
    newer = exchange.issue_package(filled, "南郊别墅", tmp_path / "更新" / "包.db")
    opened = ctl.open_path(newer)
    assert opened is not None and opened.package is not None
    opened.close()
