"""What the import-preview tests share: the preview dialog opened on a file, shown as a user sees it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ledger.service import Ledger
from ui.imports.plan import PlanImportDialog


@pytest.fixture
def open_preview(qtbot) -> Callable[[Ledger, Path], PlanImportDialog]:
    """``open_preview(ledger, file)``: the plan import dialog on ``file``, shown (closed after the test)."""

    def open_(ledger: Ledger, path: Path) -> PlanImportDialog:
        dlg = PlanImportDialog(ledger, path)
        qtbot.addWidget(dlg)
        dlg.show()
        return dlg

    return open_
