"""The domain's words (states, kinds, roles, actions, grades …) in the window's language.

ledger/ writes its words in Chinese (the command line, the exported files and the journal keep them so); the
window shows them through Qt's translators, whose English lives in resources/i18n/en.ts under the context
"Domain" (tools/i18n.py collects the label tables of ledger/ into it). Under zh no translator for the context is
installed and a word is shown as ledger/ writes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ledger.core import Role, Status

if TYPE_CHECKING:
    from ledger.core import Action

DOMAIN = "Domain"  # a name, not a literal: tools/i18n_scan.py must not file these under the UI's catalogue


def word(text: str, disambiguation: str | None = None) -> str:
    """A word of ledger/'s label tables in the user's language; anything else (the user's own data) as is."""
    if not text:
        return text
    return QCoreApplication.translate(DOMAIN, text, disambiguation)


def status(value: Status | str) -> str:
    return word(Status(value).label)


def role(value: Role | str) -> str:
    return word(Role(value).label)


def action(value: Action | str) -> str:
    from ledger.core import Action  # here: the review workflow is not imported before the first paint

    # 申请销号 is also a state: the button's English is its own ("Ask for sign-off", not "Sign-off requested").
    return word(Action(value).label, "action")


def fact(value: object) -> object:
    """An error's fact: a domain word in the user's language (a state, a step …); any other fact as is."""
    if not isinstance(value, str) or not value:
        return value
    text = word(value)
    return word(value, "action") if text == value else text
