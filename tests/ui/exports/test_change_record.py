"""文件 → 导出修改记录…: the dialog's choices reach the file, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QDate
from PySide6.QtGui import QAction

from ledger import audit
from ledger.core import Operator, Role
from ui.exports.change_record import AuditExportDialog
from ui.window.app import make_app
from ui.window.main_window import MainWindow


def _measures(path: Path) -> list[tuple[str, str]]:
    ws = load_workbook(path)["修改记录"]
    return [(r[7], r[11]) for r in ws.iter_rows(min_row=audit.HEADER_ROW + 1, values_only=True)]


def test_menu_opens_the_dialog_on_the_selected_community_and_exports(qtbot, filled, tmp_path, monkeypatch):
    make_app("zh")
    tid = next(t["id"] for t in filled.tasks_json() if t["community"] == "鑫峰苑")
    elsewhere = next(t["id"] for t in filled.tasks_json() if t["community"] == "南郊别墅")
    filled.operator = Operator("王书记", Role.SECRETARY)
    filled.update_progress(tid, "书记写的进展")
    filled.update_progress(elsewhere, "另一个居民区的进展")  # same person, another community: left out
    win = MainWindow(filled)
    qtbot.addWidget(win)
    win.filters.select_community(filled.community_id("鑫峰苑"))
    target = tmp_path / "记录.xlsx"
    done: list[audit.AuditExport] = []
    preset: list[object] = []
    monkeypatch.setattr(
        AuditExportDialog,
        "exec",
        lambda self: (
            preset.append(self.community.currentData()),
            self.person.setCurrentIndex(self.person.findData("王书记")),
            self._accept(),
            self.result(),
        )[-1],
    )
    monkeypatch.setattr(AuditExportDialog, "ask_path", lambda self: str(target))
    monkeypatch.setattr(AuditExportDialog, "show_done", lambda self, result: done.append(result))
    win.findChild(QAction, "exportAudit").trigger()
    assert preset == [filled.community_id("鑫峰苑")]  # the community chosen in the window comes preselected
    assert done and done[0].path == target
    assert _measures(target) == [("鑫峰苑", "书记写的进展")]  # the window's community, the chosen person


def test_dates_the_wrong_way_round_are_a_sentence(qtbot, filled):
    make_app("zh")
    dlg = AuditExportDialog(filled)
    qtbot.addWidget(dlg)
    dlg.use_dates.setChecked(True)
    dlg.since.setDate(QDate(2025, 12, 31))
    dlg.until.setDate(QDate(2025, 12, 1))
    dlg._accept()
    assert dlg.result() != dlg.DialogCode.Accepted and "晚于" in dlg.message.text()
    dlg.use_dates.setChecked(False)
    assert dlg.chosen().since is None and dlg.chosen().until is None
