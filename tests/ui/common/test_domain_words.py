"""The domain's words (states, kinds, roles, steps, the board's legend) are shown in the window's language:
ledger/ keeps them in Chinese and the English comes from resources/i18n/en.ts, as the error sentences do."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ledger import signoff
from ledger.board import CommunityProgress, load_scheme
from ledger.core import Action, Kind, Operator, Role, Status
from ledger.service import Ledger
from ui.board.overview import ProgressModel
from ui.board.paint import legend_items
from ui.common import words
from ui.table.model import COLUMN_INDEX, TaskTableModel
from ui.task.panel import TaskPanel
from ui.task.trail import ReviewTrail
from ui.window.app import make_app

ROOT = Path(__file__).resolve().parents[3]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def english(qapp):
    make_app("en")
    yield
    make_app("zh")  # the tests that follow expect the Chinese translators


def statuses(model: TaskTableModel) -> set[str]:
    column = COLUMN_INDEX["status"]
    model.fetchMore(model.index(0, 0).parent())
    return {model.index(r, column).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())}


def step_buttons(qtbot, led: Ledger) -> dict[Action, str]:
    panel = TaskPanel(led)
    qtbot.addWidget(panel)
    return {a: b.text().rstrip("…") for a, b in panel.action_buttons.items()}


def test_the_window_shows_the_domain_words_in_chinese_by_default(qapp, qtbot, filled: Ledger) -> None:
    make_app("zh")
    assert statuses(TaskTableModel(filled)) <= {s.label for s in Status}
    assert step_buttons(qtbot, filled) == {a: a.label for a in step_buttons(qtbot, filled)}
    assert [label for _s, label in legend_items(load_scheme(filled))][0] == "逾期"


def test_under_lang_en_the_table_the_steps_and_the_legend_speak_english(
    english, qtbot, filled: Ledger
) -> None:
    shown = statuses(TaskTableModel(filled))
    assert shown and not any(CJK.search(s) for s in shown), shown
    assert "Not started" in shown
    buttons = step_buttons(qtbot, filled)
    assert buttons[Action.START] == "Start"
    assert buttons[Action.SUBMIT] == "Ask for sign-off"  # the step, not the state of the same Chinese word
    assert not any(CJK.search(t) for t in buttons.values()), buttons
    legend = [label for state, label in legend_items(load_scheme(filled)) if not state.startswith("band")]
    assert legend[0] == "Overdue"
    assert not any(CJK.search(t) for t in legend), legend


def progress_tip() -> str:
    model = ProgressModel()
    model.set_rows([CommunityProgress("c", "南郊别墅", 25, 1, 10)])
    return model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_the_boards_phrases_follow_the_language(qapp, english, filled: Ledger) -> None:
    legend = dict(legend_items(load_scheme(filled)))
    assert legend["band0"] == "Due soon (within 7 days)"
    assert progress_tip() == "南郊别墅: 25 tasks, 1 signed off (4.0%), 10 overdue"
    make_app("zh")
    assert dict(legend_items(load_scheme(filled)))["band0"] == "临期（7天内）"
    assert progress_tip() == "南郊别墅：共25项，已销号1项（4.0%），逾期10项"


def trail_text(qtbot, led: Ledger) -> str:
    tid = led.tasks_json()[0]["id"]
    if led.task(tid).status == Status.NOT_STARTED:
        signoff.attach_evidence(led, tid, data=b"photo", file_name="照片.jpg")
        led.act(tid, Action.START)
        led.act(tid, Action.SUBMIT, reason="已完成")
    trail = ReviewTrail(led)
    qtbot.addWidget(trail)
    trail.show_task(led.task(tid))
    return trail.toPlainText()


def test_the_review_trail_follows_the_language(qapp, qtbot, filled: Ledger) -> None:
    filled.operator = Operator("书记", Role.SECRETARY)
    make_app("zh")
    assert "申请销号 提交" in trail_text(qtbot, filled)
    make_app("en")
    try:
        text = trail_text(qtbot, filled)
    finally:
        make_app("zh")
    assert "Sign-off requested Submitted" in text
    assert not CJK.search(text.replace("已完成", "").replace("书记", "")), text


def test_the_review_queue_names_the_level_in_the_windows_language(english, filled: Ledger) -> None:
    from ui.signoff.queue import ReviewQueueModel

    tid = filled.tasks_json()[0]["id"]
    filled.operator = Operator("书记", Role.SECRETARY)
    signoff.attach_evidence(filled, tid, data=b"photo", file_name="照片.jpg")
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="已完成")
    filled.operator = Operator("专班", Role.WORK_TEAM)
    model = ReviewQueueModel(filled)
    model.reload()
    assert model.index(0, 4).data() == "First review (level 1)"


def test_a_returns_rows_say_what_changed_in_the_windows_language(qapp) -> None:
    from ui.packages.rows import field_words, value_words

    extension = {"new_deadline": "2025-12-31", "old_deadline": "2025-11-30"}
    make_app("zh")
    assert field_words("indicator", "*") == "量化指标" and field_words("task", "status") == "状态"
    assert value_words("extension", "*", extension) == "延期至 2025-12-31（原 2025-11-30）"
    assert value_words("task", "status", "closed") == "已销号"
    make_app("en")
    try:
        assert field_words("indicator", "*") == "Indicator" and field_words("task", "status") == "Status"
        assert field_words("evidence", "removed_at") == "Remove evidence"
        assert value_words("extension", "*", extension) == "Deadline moved to 2025-12-31 (was 2025-11-30)"
        assert value_words("task", "status", "closed") == "Signed off"
    finally:
        make_app("zh")


def test_every_domain_word_has_its_english(english) -> None:
    for s in Status:
        assert not CJK.search(words.status(s)), s
    for r in Role:
        assert not CJK.search(words.role(r)), r
    for a in Action:
        assert not CJK.search(words.action(a)), a
    for k in Kind:
        assert not CJK.search(words.word(k.value)), k
    assert words.word("南郊别墅") == "南郊别墅"  # the user's own data is shown as typed


def test_the_check_fails_when_a_domain_word_has_no_english(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import i18n

    # check=True writes nothing: the real en.ts is only read.
    table = tmp_path / "model.py"
    table.write_text('NEW_LABELS = {"x": "新状态", "y": "Not Chinese"}\n', encoding="utf-8")
    tables = (*i18n.DOMAIN_TABLES, (str(table), "NEW_LABELS"))
    assert (
        i18n.update(i18n.ERRORS_EN, i18n.error_messages() + i18n.domain_messages(tables), check=True) is False
    )
    out = capsys.readouterr().out
    assert "unfinished: Domain | '新状态'" in out
    assert "Not Chinese" not in out
    assert i18n.update(i18n.ERRORS_EN, i18n.error_messages() + i18n.domain_messages(), check=True) is True
    del sys.modules["i18n"]
