"""Opening a ledger file written by an older version: say so first, then back it up and upgrade it in a worker
thread behind a progress dialog with 取消 (the file then stays exactly as it was, and is not opened)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ledger.core import LedgerError
from ledger.storage import upgrade
from ui.common import messages

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.common.worker import Progress

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Upgrade", text)


def step_words() -> dict[int, str]:
    """What each migration does, as the progress dialog names it."""
    return {
        6: _tr("tidying the original deadlines"),
        7: _tr("indexing the change history"),
        8: _tr("indexing the sort orders"),
        9: _tr("building the search index"),
    }


class UpgradeQuestion:
    """Tell the user the file is old and will be upgraded (where the backup goes, that it can take minutes)."""

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path, backup: Path) -> bool:
        return messages.confirm(parent, question_text(path, backup), _tr("Upgrade the ledger file"))


def question_text(path: Path, backup: Path) -> str:
    return _tr(
        "“{name}” was written by an older version of this program. It will be upgraded now so that this version "
        "can open it; a copy of it as it is now is kept at\n{backup}\n\nFor a large ledger this can take a few "
        "minutes. You can cancel at any time: the file then stays exactly as it was and is not opened.\n\n"
        "Upgrade and open it?"
    ).format(name=path.name, backup=backup)


def stage_text(stage: upgrade.Stage, path: Path) -> str:
    if stage.kind == "backup":
        return _tr("Backing up “{name}” before the upgrade…").format(name=path.name)
    if stage.kind == "done":
        return _tr("The ledger file is upgraded; opening it…")
    what = step_words().get(stage.schema, "")
    text = _tr("Upgrading the ledger file: step {step} of {steps}, {what}…").format(
        step=stage.step, steps=stage.steps, what=what
    )
    if stage.fraction is None:
        text += "\n" + _tr("Running for {seconds} s").format(seconds=f"{stage.elapsed:.0f}")
    return text


def upgrade_before_open(path: Path, parent: QWidget | None) -> bool:
    """True when ``path`` can be opened now: it needs no upgrade, or it was just upgraded. False when the user
    declined, cancelled (told that the file is unchanged) or the upgrade failed (told why): nothing is opened.
    A file another window holds raises its LedgerError before anything is asked.

    The backup and the migrations run in a worker thread (``Store.upgrade`` on its own connection, closed
    again); the window keeps painting and the caller then opens the upgraded file in the GUI thread."""
    from ledger.storage import Store
    from ui.common.worker import Cancelled, run_in_worker

    version = upgrade.pending(path)
    if version is None:
        return True
    Store.check_free(path)  # open elsewhere: said now (LedgerError), not after the question
    backup = upgrade.backup_path(path, version)
    if not UpgradeQuestion.ask(parent, path, backup):
        return False

    def work(progress: Progress) -> None:
        def report(stage: upgrade.Stage) -> None:
            # a fraction where the stage counts pages or rows; else a busy bar (total 0) and the seconds it ran
            progress(stage.done, stage.total, stage_text(stage, path))  # raises Cancelled after 取消

        Store.upgrade(path, report)

    log.info("upgrading %s from schema %d (backup %s)", path, version, backup)
    try:
        run_in_worker(
            parent,
            _tr("Upgrading the ledger file"),
            stage_text(upgrade.Stage("backup"), path),
            work,
            width_chars=34,
        )
    except Cancelled:
        if upgrade.pending(path) is None:
            return True  # 取消 came after the upgrade was committed: it is done
        log.info("upgrade of %s cancelled; the file is unchanged", path)
        messages.info(
            parent,
            _tr(
                "The upgrade was cancelled. “{name}” is unchanged (still in the older version's format) and was "
                "not opened. Open it again to upgrade it."
            ).format(name=path.name),
            _tr("Upgrade cancelled"),
        )
        return False
    except LedgerError as exc:
        messages.show_error(parent, exc, _tr("Cannot upgrade the ledger file"))
        return False
    return True
