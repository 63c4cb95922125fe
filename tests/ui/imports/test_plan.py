"""The import dialog driven like a user would, then the ledger checked for what it now holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from ledger.core import LedgerError
from ledger.service import Ledger
from ledger.storage import journal
from tests.helpers import select_item
from ui.exports import notice as notice_export
from ui.imports.plan import PlanImportDialog

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "resources" / "samples" / "xinzhuang-industrial-zone-notice.txt"
MINUTES = ROOT / "tests" / "ledger" / "data" / "unstructured_minutes.txt"
COMMUNITIES = ("南郊别墅", "鑫峰苑", "天恒名城", "瓶安路", "新源路", "申莘第一")


@pytest.fixture
def six(ledger: Ledger) -> Ledger:
    for name in COMMUNITIES:
        ledger.add_community(name)
    return ledger


@pytest.fixture
def dialog(open_preview, six: Ledger) -> PlanImportDialog:
    return open_preview(six, SAMPLE)


def _measures(led: Ledger) -> set[str]:
    return {t["measure"] for t in led.tasks_json()}


def test_rename_drop_and_import(qtbot, dialog: PlanImportDialog, six: Ledger) -> None:
    assert dialog.banner.isHidden()
    assert dialog.tree.topLevelItemCount() == 4
    assert len(dialog.measure_items()) == 28
    item = dialog.find_item("强化宣传培训，提升居民自治意识")
    item.setText(0, "  强化宣传培训（改名）  ")  # what the inline editor commits
    assert item.text(0) == "强化宣传培训（改名）"
    select_item(dialog, "建立常态化治理机制，巩固整改成效")
    qtbot.mouseClick(dialog.edit_buttons["drop"], Qt.MouseButton.LeftButton)
    assert len(dialog.measure_items()) == 27
    assert "整改任务" in dialog.summary.text() or "tasks" in dialog.summary.text()
    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert result is dialog.import_result and result.tasks_created > 0
    measures = _measures(six)
    assert "强化宣传培训（改名）" in measures
    assert "强化宣传培训，提升居民自治意识" not in measures
    assert "建立常态化治理机制，巩固整改成效" not in measures
    assert len(measures) == 27
    assert "已导入" in dialog.message.text() or "Imported" in dialog.message.text()
    assert not dialog.import_button.isEnabled()
    assert journal.verify(six.store) is None


def test_emptied_title_is_put_back(dialog: PlanImportDialog) -> None:
    item = dialog.find_item("完善硬件设施，夯实治理基础")
    item.setText(0, "   ")
    assert item.text(0) == "完善硬件设施，夯实治理基础"


def test_communities_preselected_and_ticked(qtbot, dialog: PlanImportDialog, six: Ledger) -> None:
    item = select_item(dialog, "完善硬件设施，夯实治理基础")
    assert item.text(1) == "鑫峰苑、天恒名城"
    rows = {
        dialog.communities.item(i).text(): dialog.communities.item(i)
        for i in range(dialog.communities.count())
    }
    assert rows["鑫峰苑"].checkState() == Qt.CheckState.Checked
    assert rows["南郊别墅"].checkState() == Qt.CheckState.Unchecked
    rows["南郊别墅"].setCheckState(Qt.CheckState.Checked)
    assert item.text(1) == "南郊别墅、鑫峰苑、天恒名城"
    everywhere = dialog.find_item("强化宣传培训，提升居民自治意识")
    assert everywhere.text(1).startswith(("全部", "All"))
    dialog.do_import()
    got = {t["community"] for t in six.tasks_json() if t["measure"] == "完善硬件设施，夯实治理基础"}
    assert got == {"南郊别墅", "鑫峰苑", "天恒名城"}


def test_split_merge_and_move(qtbot, dialog: PlanImportDialog, six: Ledger) -> None:
    item = select_item(dialog, "压实安全责任，健全管理制度")
    text = dialog.detail.toPlainText()
    cut = text.index("深入推进")
    cursor = dialog.detail.textCursor()
    cursor.setPosition(cut)
    dialog.detail.setTextCursor(cursor)
    qtbot.mouseClick(dialog.edit_buttons["split"], Qt.MouseButton.LeftButton)
    problem = item.parent()
    assert problem.childCount() == 4
    new = problem.child(1)
    assert new.text(0).startswith("深入推进“四位一体”例会制度")
    assert item.data(0, Qt.ItemDataRole.UserRole + 2).endswith("实现签约率 100%。")
    # merge it back into the measure above
    select_item(dialog, new.text(0))
    qtbot.mouseClick(dialog.edit_buttons["merge"], Qt.MouseButton.LeftButton)
    assert problem.childCount() == 3
    assert "深入推进“四位一体”例会制度" in item.data(0, Qt.ItemDataRole.UserRole + 2)
    # move the last measure of the first problem down: it becomes the first of the next problem
    last = select_item(dialog, "建立常态化治理机制，巩固整改成效")
    qtbot.mouseClick(dialog.edit_buttons["down"], Qt.MouseButton.LeftButton)
    assert last.parent() is problem and problem.indexOfChild(last) == 0
    dialog.do_import()
    rows = [t for t in six.tasks_json() if t["measure"] == "建立常态化治理机制，巩固整改成效"]
    assert rows and {t["problem"] for t in rows} == {"针对防范化解安全风险隐患不到位的问题"}


def test_the_dialog_still_moves_and_reports_how_it_closed(qtbot, dialog: PlanImportDialog) -> None:
    """The edit methods must not hide QWidget.move() or QDialog.result() (they once were named move and result)."""
    select_item(dialog, "强化宣传培训，提升居民自治意识")
    before = [m.text(0) for m in dialog.measure_items()]
    dialog.move(QPoint(40, 30))
    qtbot.waitUntil(lambda: dialog.pos() == QPoint(40, 30))
    assert [m.text(0) for m in dialog.measure_items()] == before  # no tree item moved
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_merge_with_nothing_above_says_so(qtbot, dialog: PlanImportDialog) -> None:
    select_item(dialog, "强化宣传培训，提升居民自治意识")
    qtbot.mouseClick(dialog.edit_buttons["merge"], Qt.MouseButton.LeftButton)
    assert dialog.message.text()
    assert len(dialog.measure_items()) == 28


def test_document_without_findings_says_so_and_offers_nothing_to_import(qtbot, six: Ledger) -> None:
    dlg = PlanImportDialog(six, MINUTES)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.banner.isVisible()
    assert "没有找到巡察发现的问题" in dlg.banner.text()
    assert dlg.tree.topLevelItemCount() == 0 and not dlg.measure_items()
    assert not dlg.import_button.isEnabled()


def test_bad_file_is_a_sentence_and_nothing_is_written(qtbot, six: Ledger, tmp_path: Path) -> None:
    bad = tmp_path / "方案.docx"
    bad.write_bytes(b"not a word file")
    before = six.store.one("SELECT COUNT(*) FROM journal")
    dlg = PlanImportDialog(six, bad)
    qtbot.addWidget(dlg)
    assert dlg.message.text() == LedgerError("plan_docx_damaged", name="方案.docx").message()
    assert "文件“方案.docx”无法作为 Word 文档打开" in dlg.message.text()
    assert dlg.tree.topLevelItemCount() == 0
    assert not dlg.import_button.isEnabled()
    assert dlg.do_import() is None
    assert six.store.one("SELECT COUNT(*) FROM journal") == before


def test_run_asks_for_a_file_then_returns_the_result(qtbot, six: Ledger, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(SAMPLE), ""))

    def fake_exec(self: QDialog) -> int:
        self.do_import()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(PlanImportDialog, "exec", fake_exec)
    result = PlanImportDialog.run(None, six)
    assert result is not None and result.categories_created == 4
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert PlanImportDialog.run(None, six) is None


def test_export_notice_writes_the_draft(qtbot, filled: Ledger, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "通报.docx"
    said: list[str] = []
    monkeypatch.setattr(notice_export, "ask_path", lambda parent, ledger: str(out))
    monkeypatch.setattr(notice_export.messages, "info", lambda parent, text, title=None: said.append(text))
    assert notice_export.export_notice(None, filled) == out
    assert out.exists() and str(out) in said[0]
    assert "测试工业区党工委" in notice_export.default_name(filled)


def _finished_translations() -> set[str]:
    """Sources with a finished Chinese translation in the .ts, the translations' only home."""
    import xml.etree.ElementTree as ET

    root = ET.parse(ROOT / "resources" / "i18n" / "zh_CN.ts").getroot()
    return {
        m.findtext("source") or ""
        for m in root.iter("message")
        if (t := m.find("translation")) is not None and t.text and t.get("type") is None
    }


@pytest.mark.parametrize("module", ["imports/plan", "imports/plan_tree", "exports/notice"])
def test_every_chrome_string_has_chinese(module: str) -> None:
    import ast

    tree = ast.parse((ROOT / "ui" / f"{module}.py").read_text(encoding="utf-8"))
    used = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and (getattr(node.func, "attr", None) == "tr" or getattr(node.func, "id", None) in ("tr", "_tr"))
    }
    done = _finished_translations()
    assert used and used <= done, used - done
