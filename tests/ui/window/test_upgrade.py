"""Opening a ledger written by an older version in the window: a sentence first, then the backup and the upgrade in
a worker thread behind a progress dialog; 取消 leaves the file exactly as it was, says so, and opens nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from ledger.core import FixedClock, Operator, Role
from ledger.service import Ledger
from ledger.storage import schema, upgrade
from ledger.storage.schema import SCHEMA_VERSION
from tests.ledger.storage.old_files import backups_beside, old_file, snapshot
from ui.window.app import Controller, make_app
from ui.window.dialogs import OperatorDialog
from ui.window.upgrade import UpgradeQuestion


@pytest.fixture
def controller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Controller:
    monkeypatch.setattr(
        OperatorDialog,
        "ask",
        classmethod(lambda cls, current=None, parent=None: Operator("张专班", Role.WORK_TEAM)),
    )
    return Controller(make_app("zh"), tmp_path / "data", FixedClock.on("2025-11-20"))


class Watcher:
    """Watches the progress dialog from the GUI thread while the worker waits for it (in the backup, and before
    migration 9): the labels and ranges it showed; ``cancel`` presses 取消 once the upgrade step shows. The backup
    and migration 9 themselves are the real ones."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, cancel: bool) -> None:
        self.cancel = cancel
        self.seen: list[tuple[str, int, int]] = []
        self.ready = threading.Event()
        real = schema.MIGRATIONS[8]

        def held_migrate_9(conn):  # in the worker: waits until the window has shown the step
            assert threading.current_thread() is not threading.main_thread(), "upgraded in the GUI thread"
            assert self.ready.wait(60), "the progress dialog never showed the upgrade step"
            real(conn)

        monkeypatch.setattr(upgrade, "MIGRATIONS", [*schema.MIGRATIONS[:8], held_migrate_9])
        self.backup_seen = threading.Event()
        advance = upgrade.Watch.advance_pages

        def held_advance(watch: upgrade.Watch, done: int, total: int) -> None:  # in the worker, too
            advance(watch, done, total)
            if 0 < done < total:
                assert self.backup_seen.wait(60), "the progress dialog never showed the backup's pages"

        monkeypatch.setattr(upgrade.Watch, "advance_pages", held_advance)
        monkeypatch.setattr(upgrade, "PROGRESS_EVERY", 50)  # the progress handler comes inside the statements
        monkeypatch.setattr(upgrade, "BACKUP_STEP_PAGES", 1)
        monkeypatch.setattr(upgrade, "REPORT_EVERY", 0.0)
        self.timer = QTimer()
        self.timer.timeout.connect(self.look)
        self.timer.start(5)

    def look(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, QProgressDialog)
                and widget.objectName() == "workerProgress"
                and widget.isVisible()
            ):
                seen = (widget.labelText(), widget.value(), widget.maximum())
                if not self.seen or self.seen[-1] != seen:
                    self.seen.append(seen)
                if widget.labelText().startswith("升级前正在备份") and widget.maximum() > 1:
                    self.backup_seen.set()
                if "第 1 步，共 1 步" in widget.labelText() and not self.ready.is_set():
                    if self.cancel:
                        widget.findChild(QPushButton).click()  # 取消
                    self.ready.set()


def test_an_older_file_is_told_then_upgraded_behind_progress_and_opened(
    qtbot, controller: Controller, filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = old_file(filled, tmp_path / "旧台账.db")
    asked: list[str] = []
    monkeypatch.setattr(  # the question as UpgradeQuestion.ask puts it to the user
        "ui.common.messages.confirm",
        lambda _parent, text, title=None, **kw: asked.append(f"{title}|{text}") or True,
    )
    watch = Watcher(monkeypatch, cancel=False)
    led = controller.open_path(path)
    watch.timer.stop()

    assert len(asked) == 1
    title, sentence = asked[0].split("|")
    assert title == "升级台账文件"
    assert "“旧台账.db”是旧版本程序写的台账文件" in sentence and "几分钟" in sentence and "取消" in sentence
    assert str(tmp_path / "旧台账.v8-备份.db") in sentence
    labels = [label for label, _value, _max in watch.seen]
    assert any(label == "升级前正在备份“旧台账.db”……" for label in labels)
    backup_ranges = {m for label, _v, m in watch.seen if label.startswith("升级前正在备份")}
    assert max(backup_ranges) > 1  # a real fraction: the backup's pages
    step = [
        (label, m)
        for label, _v, m in watch.seen
        if label.startswith("正在升级台账文件：第 1 步，共 1 步（建立搜索索引）")
    ]
    assert step and all(m == 0 for _label, m in step)  # no count: a busy bar and the seconds it has run
    assert "已用" in step[-1][0]

    assert led is not None
    try:
        assert led.store.one("PRAGMA user_version") == SCHEMA_VERSION
        assert len(led.tasks_json()) == 6
        controller.show(led)
        qtbot.addWidget(controller.window)
        assert controller.window.ledger is led
    finally:
        controller.window.close() if controller.window is not None else led.close()
    assert (tmp_path / "旧台账.v8-备份.db").exists()


def test_cancel_leaves_the_file_as_it_was_says_so_and_opens_nothing(
    qtbot, controller: Controller, filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = old_file(filled, tmp_path / "旧台账.db")
    before = snapshot(path)
    monkeypatch.setattr(UpgradeQuestion, "ask", classmethod(lambda cls, parent, p, backup: True))
    told: list[str] = []
    monkeypatch.setattr("ui.common.messages.info", lambda _parent, text, title=None: told.append(text))
    watch = Watcher(monkeypatch, cancel=True)
    led = controller.open_path(path)
    watch.timer.stop()

    assert led is None and controller.window is None
    assert told == [
        "已取消升级。“旧台账.db”保持原样（仍是旧版本的格式），没有打开。需要时再次打开它即可升级。"
    ]
    assert snapshot(path) == before, "a cancelled upgrade changed the file"
    assert backups_beside(path) == []
    assert upgrade.pending(path) == 8


def test_declining_the_upgrade_opens_nothing_and_touches_nothing(
    controller: Controller, filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = old_file(filled, tmp_path / "旧台账.db")
    before = snapshot(path)
    monkeypatch.setattr(UpgradeQuestion, "ask", classmethod(lambda cls, parent, p, backup: False))
    assert controller.open_path(path) is None
    assert snapshot(path) == before and backups_beside(path) == []


def test_a_current_file_is_opened_without_a_question(
    controller: Controller, filled: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    filled.close()
    monkeypatch.setattr(
        UpgradeQuestion, "ask", classmethod(lambda cls, *a: (_ for _ in ()).throw(AssertionError("asked")))
    )
    led = controller.open_path(filled.path)
    assert led is not None
    led.close()


def test_an_older_file_open_elsewhere_is_refused_before_any_question(
    controller: Controller, filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = old_file(filled, tmp_path / "旧台账.db")
    before = snapshot(path)
    monkeypatch.setattr(
        UpgradeQuestion, "ask", classmethod(lambda cls, *a: (_ for _ in ()).throw(AssertionError("asked")))
    )
    shown: list[str] = []
    monkeypatch.setattr("ui.common.messages.show_error", lambda _p, exc, *a: shown.append(exc.message()))
    from ledger.storage.lockfile import LockFile
    from ledger.storage.store import lock_path

    with LockFile(lock_path(path)):  # another window has it open
        assert controller.open_path(path) is None
    assert len(shown) == 1 and "旧台账.db" in shown[0]
    assert snapshot(path) == before and backups_beside(path) == []
