"""A refused action is explained in the window's language: the error's Chinese template goes through the same
tr() + .ts → .qm as the rest of the UI (resources/i18n/en.ts), then gets the error's facts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ledger.core.errors import MESSAGES, LedgerError
from ledger.core.model import Status
from ledger.service.commands import Ledger
from ui.board import kanban
from ui.common import messages
from ui.table.model import COLUMN_INDEX, TaskTableModel
from ui.window.app import make_app


@pytest.fixture
def english(qapp):
    make_app("en")
    yield
    make_app("zh")  # the tests that follow expect the Chinese translators


def first_task(led: Ledger, owner: str) -> str:
    return next(r[1] for r in led.store.task_rows(led.task_rowids()).values() if r[11] == owner)


def test_error_sentences_are_chinese_by_default(qapp) -> None:
    make_app("zh")
    exc = LedgerError("bad_date", value="2025-13-01")
    assert messages.error_text(exc) == exc.message("zh") == MESSAGES["bad_date"][0].format(value="2025-13-01")


def test_error_sentences_are_english_with_their_facts_under_lang_en(english) -> None:
    exc = LedgerError("bad_date", value="2025-13-01")
    assert messages.error_text(exc) == "“2025-13-01” is not a valid date. Use the form 2025-11-30."
    for code, (zh, _en) in MESSAGES.items():
        assert qapp_translate(zh, code) != zh, f"{code} has no English in resources/i18n/en.ts"


def qapp_translate(source: str, code: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("LedgerError", source, code)


def test_a_refused_move_on_the_board_says_why_in_english(english, qtbot, filled: Ledger, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(kanban, "show_refusal", lambda parent, text: said.append(text))
    board = kanban.KanbanView(filled)
    qtbot.addWidget(board)
    assert board.move_task(first_task(filled, "赵一"), Status.CLOSED) is False
    assert said and said[0].startswith("Cannot ") and "“Not started”" in said[0], (
        said
    )  # the state too, not only the sentence


def test_a_refused_edit_in_the_table_says_why_in_english(english, qtbot, filled: Ledger) -> None:
    model = TaskTableModel(filled)
    said: list[str] = []
    model.editFailed.connect(said.append)
    index = model.index(0, COLUMN_INDEX["measure"])
    assert model.setData(index, "", Qt.ItemDataRole.EditRole) is False
    assert said and said[0].endswith("must not be empty."), said


def test_the_board_settings_dialog_explains_a_bad_scheme_in_english(english, qtbot, filled: Ledger) -> None:
    from ui.board.settings import BoardSettingsDialog

    d = BoardSettingsDialog(filled)
    qtbot.addWidget(d)
    d.add_band_button.click()
    d.band_rows[1][0].setValue(9)  # nearer step must be fewer days
    assert d.error.text().startswith("Setting “挂图配色” is invalid: "), d.error.text()
