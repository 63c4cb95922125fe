"""The main window's menu actions that open another room's dialog on the window's ledger."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ui.common.util import exec_and_free

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ledger.service import Ledger
    from ui.board.view import BoardView
    from ui.table.filters import FilterPanel

    _Window = QWidget  # the dialogs' parent: the window this is mixed into
else:
    _Window = object


class DialogActions(_Window):
    """Mixed into ``MainWindow``: each action asks its room's dialog, with the community chosen in the filters."""

    ledger: Ledger
    filters: FilterPanel
    data_dir: Path | None

    if TYPE_CHECKING:

        def view(self, key: str) -> QWidget: ...

    def _board(self) -> BoardView:
        """The wall chart, built now if its tab was not shown yet."""
        from ui.board.view import BoardView

        board = self.view("board")
        assert isinstance(board, BoardView)
        return board

    def export_fill_form(self) -> None:
        from ui.imports.fill_form import export_fill_form_dialog

        export_fill_form_dialog(self, self.ledger, self.filters.single_community())

    def import_excel(self) -> None:
        from ui.imports.fill_form import import_excel

        import_excel(self, self.ledger)

    def issue_packages(self) -> None:
        from ui.packages.issue import IssuePackagesDialog

        IssuePackagesDialog.run(self, self.ledger, self.filters.single_community())

    def merge_return(self) -> None:
        from ui.packages.merge import MergeDialog

        MergeDialog.run(self, self.ledger)

    def open_conflicts(self) -> None:
        from ui.packages.conflicts import OpenConflictsDialog

        exec_and_free(OpenConflictsDialog(self.ledger, self))

    def look_back(self) -> None:
        from ui.signoff.recheck import RecheckDialog

        RecheckDialog.run(self, self.ledger)

    def open_backups(self) -> None:
        from ledger.service.backups import folder_for
        from ui.common.util import open_folder
        from ui.window.app import data_dir

        folder = folder_for(self.ledger.path, self.data_dir or data_dir())
        folder.mkdir(parents=True, exist_ok=True)
        open_folder(self, folder)

    def export_audit(self) -> None:
        from ui.exports.change_record import export_audit_from_window

        export_audit_from_window(self, self.ledger, self.filters.single_community())

    def verify_ledger(self) -> None:
        from ui.window.verify import VerifyDialog

        VerifyDialog.run(self, self.ledger)

    def export_evidence(self) -> None:
        from ui.task.evidence_export import export_evidence

        community = self.filters.single_community()
        export_evidence(self, self.ledger, community=community)

    def print_board(self) -> None:
        self._board().print_chart()

    def export_board(self) -> None:
        self._board().export_pdf()

    def edit_board_scheme(self) -> None:
        self._board().edit_scheme()
