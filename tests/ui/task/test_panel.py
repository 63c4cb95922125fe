"""The task panel (ui.task.panel) as a keyboard user meets it."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut


def test_ctrl_s_saves_the_task_fields(window, filled):
    window.table.selectRow(0)
    window.panel.progress.setPlainText("按 Ctrl+S 保存的进展")
    save = QKeySequence(QKeySequence.StandardKey.Save)
    shortcuts = [s for s in window.panel.findChildren(QShortcut) if s.key() == save]
    assert len(shortcuts) == 1
    shortcuts[0].activated.emit()
    assert filled.task(window.model.task_id_at(0)).progress == "按 Ctrl+S 保存的进展"


def test_a_long_measure_shows_its_beginning(window, filled):
    """A 整改措施 longer than its box is shown from its first character (a line edit shows its end after setText:
    the secretary saw "…提升居民自治意识" and not what the measure is)."""
    task_id = window.model.task_id_at(0)
    long = "强化宣传培训，提升居民自治意识，" * 6
    filled.update_task(task_id, measure=long)
    window.panel.show_task(task_id)
    assert window.panel.measure.text() == long
    assert window.panel.measure.cursorPosition() == 0
