"""The Chinese translation: complete and up to date with the code, and really loaded by the app."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ui.table.model import COLUMN_INDEX
from ui.window.app import make_app
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]
CJK = re.compile(r"[\u4e00-\u9fff]")

HEADERS_ZH = {
    "seq": "序号",
    "community": "居民区",
    "category": "问题类别",
    "problem": "反馈问题",
    "measure": "整改措施",
    "owner": "责任人",
    "leader": "责任领导",
    "deadline": "整改时限",
    "days_left": "剩余天数",
    "kind": "整改类型",
    "status": "状态",
    "progress": "整改进展",
    "updated_at": "更新时间",
}
HEADERS_EN = {
    "seq": "No.",
    "community": "Community",
    "category": "Category",
    "problem": "Problem",
    "measure": "Measure",
    "owner": "Owner",
    "leader": "Leader",
    "deadline": "Deadline",
    "days_left": "Days left",
    "kind": "Kind",
    "status": "Status",
    "progress": "Progress",
    "updated_at": "Updated",
}
MENUS_ZH = ["文件(&F)", "编辑(&E)", "查看(&V)", "设置(&S)"]
MENUS_EN = ["&File", "&Edit", "&View", "&Settings"]


def test_translation_is_complete_and_up_to_date():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]


def _headers(win: MainWindow) -> dict[str, str]:
    return {key: win.model.headerData(i, Qt.Orientation.Horizontal) for key, i in COLUMN_INDEX.items()}


def _menus(win: MainWindow) -> list[str]:
    return [a.text() for a in win.menuBar().actions() if a.menu() is not None]


@pytest.fixture
def no_saved_layout(monkeypatch, tmp_path):
    """Closing a MainWindow saves its layout: keep this test out of the user's settings."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(MainWindow, "save_layout", lambda self: None)


def test_window_speaks_chinese_by_default_and_english_on_request(qapp, qtbot, filled, no_saved_layout):
    try:
        app = make_app("zh")
        assert app is qapp  # make_app reuses the running QApplication
        zh = MainWindow(filled)
        qtbot.addWidget(zh)
        headers = _headers(zh)
        for key, text in HEADERS_ZH.items():
            assert headers[key] == text, key
        assert all(CJK.search(h) for h in headers.values()), headers
        menus = _menus(zh)
        assert set(MENUS_ZH) <= set(menus), menus
        assert all(CJK.search(m) for m in menus), menus
        assert zh.tabs.tabText(0) == "台账"
        zh.close()

        make_app("en")
        en = MainWindow(filled)
        qtbot.addWidget(en)
        headers = _headers(en)
        for key, text in HEADERS_EN.items():
            assert headers[key] == text, key
        assert set(MENUS_EN) <= set(_menus(en)), _menus(en)
        assert en.tabs.tabText(0) == "Ledger"
        en.close()
    finally:
        make_app("zh")  # re-installs the Chinese translators for the tests that follow
    assert qapp.property("ledger_lang") == "zh"
    assert qapp.translate("TaskTableModel", "No.") == "序号"


def test_the_tool_keeps_what_the_translator_wrote_and_reports_what_is_unfinished(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import i18n

    Message = i18n.Message
    old = [
        Message("A", "Open", translation="打开", finished=True, translator_comment="菜单项"),
        Message("B", "Save", translation="存", finished=False),  # the translator has not confirmed it
    ]
    new = [Message("A", "Open"), Message("C", "Open"), Message("B", "Save"), Message("B", "New")]
    i18n.merge(new, old)
    assert [(m.translation, m.done) for m in new] == [
        ("打开", True),
        ("打开", True),
        ("存", False),
        ("", False),
    ]
    ts = tmp_path / "x.ts"
    ts.write_text(i18n.serialize(new, i18n.UI_ZH), encoding="utf-8")
    back = {m.key: (m.translation, m.done, m.translator_comment) for m in i18n.read_ts(ts)}
    assert back == {m.key: (m.translation, m.done, m.translator_comment) for m in new}


def test_changing_language_replaces_the_translators_instead_of_adding_to_them(qapp):
    from PySide6.QtCore import QTranslator

    from ui.window.app import TRANSLATOR_NAME

    try:
        make_app("zh")
        once = len(qapp.findChildren(QTranslator, TRANSLATOR_NAME))
        make_app("en")
        assert len(qapp.findChildren(QTranslator, TRANSLATOR_NAME)) == 1  # en.qm: the error sentences only
        assert qapp.translate("TaskTableModel", "No.") == "No."
        make_app("zh")
        make_app("zh")
        assert len(qapp.findChildren(QTranslator, TRANSLATOR_NAME)) == once >= 1
    finally:
        make_app("zh")
    assert qapp.translate("TaskTableModel", "No.") == "序号"
