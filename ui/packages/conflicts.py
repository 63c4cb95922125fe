"""未决冲突: the conflicts earlier merges left open, decided per row now or left for later."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ledger.core import LedgerError
from ledger.exchange import merge as exchange_merge
from ledger.service import Ledger
from ui.common import messages
from ui.common.util import fit_to_screen, say
from ui.packages.rows import RowTable, TaskLabels, conflict_row


class OpenConflictsDialog(QDialog):
    """The conflicts earlier merges left open, each decided per row with ``decide_conflict``."""

    def __init__(
        self, ledger: Ledger, parent: QWidget | None = None, community_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.community_id = community_id
        self.decided = 0
        self.setObjectName("openConflictsDialog")
        self.setWindowTitle(self.tr("Decide open conflicts"))
        self.summary = QLabel()
        self.summary.setObjectName("conflictsSummary")
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("conflictsMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.table = RowTable([], decide=True)
        self.keep_all = QPushButton(self.tr("Keep all ours"))
        self.keep_all.clicked.connect(lambda: self.table.set_all("ours"))
        self.take_all = QPushButton(self.tr("Take all theirs"))
        self.take_all.clicked.connect(lambda: self.table.set_all("theirs"))
        self.apply_button = QPushButton(self.tr("Apply the decisions"))
        self.apply_button.setObjectName("applyDecisions")
        self.apply_button.clicked.connect(self.apply)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_all)
        buttons.addWidget(self.take_all)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(close)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.summary)
        self._layout.addWidget(self.table, 1)
        self._layout.addWidget(self.message)
        self._layout.addLayout(buttons)
        fit_to_screen(self, 1400, 560)
        self.reload()

    def reload(self) -> None:
        rows = exchange_merge.open_conflicts(self.ledger, self.community_id)
        tasks = TaskLabels(self.ledger)
        table = RowTable([conflict_row(tasks, r) for r in rows], decide=True)
        table.setObjectName("openConflictTable")
        self._layout.replaceWidget(self.table, table)
        self.table.hide()
        self.table.setParent(None)
        self.table.deleteLater()
        self.table = table
        self.summary.setText(
            self.tr(
                "{count} conflicts are open. Choose a decision for each you can settle now; "
                "the others stay open."
            ).format(count=len(rows))
            if rows
            else self.tr("No conflict is open.")
        )
        for b in (self.keep_all, self.take_all, self.apply_button):
            b.setEnabled(bool(rows))

    def choose(self, row: int, choice: str, value: str | None = None) -> None:
        self.table.choose(row, choice, value)

    def apply(self) -> int:
        """Decide every row with a choice; a refusal is reported per row and the others still go ahead."""
        try:
            decisions = self.table.decisions()
        except ValueError as exc:
            say(
                self.message,
                warn=True,
                text=self.tr(
                    "A new value is empty in row {row}. Write the value, or choose another decision."
                ).format(row=exc.args[0]),
            )
            return 0
        rows = {row.key: i for i, row in enumerate(self.table.rows)}
        done, errors = 0, []
        for conflict_id, (choice, value) in decisions.items():
            try:
                exchange_merge.decide_conflict(self.ledger, conflict_id, choice, value)
                done += 1
            except LedgerError as exc:
                errors.append(
                    self.tr("Row {row}: {error}").format(
                        row=rows[conflict_id] + 1, error=messages.error_text(exc)
                    )
                )
        self.decided += done
        self.reload()
        text = "\n".join([self.tr("{done} conflicts decided.").format(done=done), *errors])
        if errors:
            say(self.message, warn=True, text=text)
        else:
            say(self.message, text=text)
        return done
