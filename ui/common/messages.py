"""User-facing messages in one place: log, then show a plain sentence (STYLE: qutebrowser's message.py)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ledger.core import LedgerError
from ledger.core.errors import MESSAGES
from ui.common import words

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def lang() -> str:
    app = QCoreApplication.instance()
    return str(app.property("ledger_lang") or "zh") if app is not None else "zh"


def error_text(exc: BaseException | str) -> str:
    if isinstance(exc, str):
        return exc
    if isinstance(exc, LedgerError):
        return ledger_sentence(exc)
    return str(exc)


def ledger_sentence(exc: LedgerError) -> str:
    """The error's Chinese template through the installed translators (resources/i18n/en.ts under --lang en),
    then filled with its facts: errors.py stays free of Qt and the English lives in a .ts like the UI's."""
    template = MESSAGES.get(exc.code, ("",))[0]
    text = QCoreApplication.translate("LedgerError", template, exc.code) if template else ""
    if not text or text == template:
        return exc.message("zh")  # no translator for it installed: the sentence as errors.py writes it
    try:
        return text.format(**{k: words.fact(v) for k, v in exc.facts.items()})
    except (KeyError, IndexError):
        return f"{text} {exc.facts}"


def show_error(parent: QWidget | None, exc: BaseException | str, title: str | None = None) -> None:
    """Say what went wrong and what to do; never a traceback for an error the user can cause.

    ``exc`` is the error, or a sentence already written for the user."""
    from PySide6.QtWidgets import QMessageBox  # here: the window's start-up need not make its type

    log.warning("shown to user: %s", exc)
    QMessageBox.warning(parent, title or _tr("Cannot do that"), error_text(exc))


def info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title or _tr("Notice"), text)


def confirm(
    parent: QWidget | None, text: str, title: str | None = None, *, destructive: bool = False
) -> bool:
    """Ask before anything destructive; the safe answer is the default."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
        title or _tr("Please confirm"),
        text,
        parent=parent,
    )
    yes = box.addButton(_tr("Yes"), QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(_tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.exec()
    answer = box.clickedButton() is yes
    box.deleteLater()
    return answer
