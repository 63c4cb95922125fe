"""The crash dialog: an unexpected error goes to ledger.log with its traceback and is shown once, in Chinese."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from ui.window import app as window_app
from ui.window.app import Controller, make_app, setup_logging
from ui.window.crash import CrashDialog, CrashHandler


@pytest.fixture
def log_folder(tmp_path):
    """Logging to tmp_path/ledger.log as the window sets it up; the root logger restored afterwards."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield tmp_path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture
def shown(monkeypatch):
    """The dialogs the handler asked for, instead of showing them."""
    calls: list[tuple[Path, str, str]] = []
    monkeypatch.setattr(
        CrashDialog,
        "ask",
        classmethod(lambda cls, parent, path, error, details: calls.append((path, error, details))),
    )
    return calls


def _handler(folder: Path) -> CrashHandler:
    return CrashHandler(folder / "ledger.log", lambda: setup_logging(folder))


def _raise(text: str) -> tuple:
    try:
        raise RuntimeError(text)
    except RuntimeError:
        return sys.exc_info()


def test_an_unexpected_error_is_logged_with_its_traceback_and_shown_once(qapp, log_folder, shown):
    handler = _handler(log_folder)
    handler.excepthook(*_raise("列宽算错了"))
    text = (log_folder / "ledger.log").read_text(encoding="utf-8")
    assert "unexpected error" in text and "Traceback" in text and "RuntimeError: 列宽算错了" in text
    assert len(shown) == 1
    path, error, details = shown[0]
    assert path == log_folder / "ledger.log" and error == "RuntimeError: 列宽算错了" and "_raise" in details


def test_under_pythonw_without_stderr_the_log_still_gets_it(qapp, log_folder, shown, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    _handler(log_folder).excepthook(*_raise("没有控制台"))
    assert "RuntimeError: 没有控制台" in (log_folder / "ledger.log").read_text(encoding="utf-8")
    assert len(shown) == 1


def test_an_error_while_the_dialog_is_open_is_only_logged(qapp, log_folder, monkeypatch):
    handler = _handler(log_folder)
    calls = []

    def ask(cls, parent, path, error, details):
        calls.append(error)
        handler.excepthook(*_raise("第二个错误"))  # e.g. a timer's slot failing behind the modal dialog

    monkeypatch.setattr(CrashDialog, "ask", classmethod(ask))
    handler.excepthook(*_raise("第一个错误"))
    assert calls == ["RuntimeError: 第一个错误"]
    text = (log_folder / "ledger.log").read_text(encoding="utf-8")
    assert "第一个错误" in text and "第二个错误" in text
    handler.excepthook(*_raise("第三个错误"))  # once the dialog is closed, the next error is shown again
    assert len(calls) == 2


def test_an_error_in_a_thread_is_logged_and_shown_by_the_window(qapp, qtbot, log_folder, shown):
    handler = _handler(log_folder)
    handler.install()
    try:
        worker = threading.Thread(target=lambda: 1 / 0, name="备份")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(shown) == 1)
    finally:
        handler.uninstall()
    assert shown[0][1].startswith("ZeroDivisionError")
    assert "unexpected error in thread 备份" in (log_folder / "ledger.log").read_text(encoding="utf-8")


def test_install_and_uninstall_put_the_hooks_back(qapp, tmp_path):
    before = (sys.excepthook, threading.excepthook)
    handler = _handler(tmp_path)
    handler.install()
    assert sys.excepthook == handler.excepthook and threading.excepthook == handler.thread_excepthook
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_the_dialog_says_what_happened_where_the_log_is_and_that_the_ledger_is_safe(
    qapp, qtbot, tmp_path, monkeypatch
):
    make_app("zh")
    box = CrashDialog.build(None, tmp_path / "ledger.log", "RuntimeError: 列宽算错了", "Traceback …")
    qtbot.addWidget(box)
    assert "意外错误" in box.text() and "RuntimeError: 列宽算错了" in box.text()
    assert str(tmp_path / "ledger.log") in box.text()
    assert "台账是安全的" in box.text() and "事务" in box.text()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    [folder] = [b for b in box.buttons() if b.text() == "打开日志所在文件夹"]
    folder.click()
    assert [Path(p) for p in opened] == [tmp_path]


def test_the_window_installs_the_hooks_while_it_runs(qapp, tmp_path, monkeypatch):
    seen = []

    def first_ledger(self, explicit):
        seen.append((sys.excepthook, threading.excepthook))
        return None

    monkeypatch.setattr(Controller, "first_ledger", first_ledger)
    before = (sys.excepthook, threading.excepthook)
    args = argparse.Namespace(data_dir=str(tmp_path), ledger=None, lang="zh", today=None)
    try:
        assert window_app.run(args) == 0
    finally:
        root = logging.getLogger()
        for handler in root.handlers[:]:
            if getattr(handler, "baseFilename", "").startswith(str(tmp_path)):
                root.removeHandler(handler)
                handler.close()
    hook, thread_hook = seen[0]
    assert isinstance(hook.__self__, CrashHandler) and thread_hook.__self__ is hook.__self__
    assert hook.__self__.log_path == tmp_path / "ledger.log"
    assert (sys.excepthook, threading.excepthook) == before


def test_the_dialog_speaks_english_when_the_window_does(qapp, qtbot, tmp_path):
    try:
        make_app("en")
        box = CrashDialog.build(None, tmp_path / "ledger.log", "RuntimeError: x", "")
        qtbot.addWidget(box)
        assert "The ledger is safe" in box.text() and box.windowTitle() == "Unexpected error"
    finally:
        make_app("zh")
