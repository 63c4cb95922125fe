"""包状态: per community the last package issued, the last return merged and the conflicts still open; from here
the 下发 (ui/packages/issue.py), 导入上报 (ui/packages/merge.py) and open-conflict (ui/packages/conflicts.py) dialogs.

Everything calls ``ledger.exchange.packages`` / ``ledger.exchange.merge``; these modules only ask, show and decide.
Dialogs never pop message boxes of their own while they are open: sentences go into a label in the dialog, so
a refused file shows its sentence where the user is looking and tests need no patching.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ledger import exchange
from ledger.service import Changed, Ledger
from ui.common.util import exec_and_free
from ui.packages.conflicts import OpenConflictsDialog
from ui.packages.issue import IssuePackagesDialog
from ui.packages.merge import MergeDialog

__all__ = ["PackageStatusView"]


class PackageStatusView(QWidget):
    """包状态: per community the last package issued, the last return merged and its counts, open conflicts."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setObjectName("packageStatusView")
        intro = QLabel(
            self.tr(
                "Per community: the last package issued, the last return merged and the conflicts still open."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setObjectName("packageStatusTable")
        headers = [
            self.tr("Community"),
            self.tr("Secretary"),
            self.tr("Last issued"),
            self.tr("Last merged"),
            self.tr("Merge result (applied/conflicts/refused)"),
            self.tr("Open conflicts"),
        ]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        em = self.fontMetrics().horizontalAdvance("中")
        for c, w in enumerate((7, 5, 15, 15, 12, 5)):
            self.table.setColumnWidth(c, w * em + 12)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.issue_button = QPushButton(self.tr("Issue packages…"))
        self.issue_button.setObjectName("statusIssue")
        self.issue_button.clicked.connect(self._issue)
        self.import_button = QPushButton(self.tr("Import a return…"))
        self.import_button.setObjectName("statusImport")
        self.import_button.clicked.connect(lambda: MergeDialog.run(self, self.ledger))
        self.conflicts_button = QPushButton(self.tr("Decide open conflicts…"))
        self.conflicts_button.setObjectName("statusConflicts")
        self.conflicts_button.clicked.connect(lambda: exec_and_free(OpenConflictsDialog(self.ledger, self)))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        for b in (self.issue_button, self.import_button, self.conflicts_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.status: list[dict[str, Any]] = []
        self.refresh()

    def _issue(self) -> None:
        row = self.table.currentRow()
        cid = self.status[row]["community_id"] if 0 <= row < len(self.status) else None
        IssuePackagesDialog.run(self, self.ledger, cid)

    def refresh(self) -> None:
        if exchange.is_package(self.ledger):
            self.status = []
            self.table.setRowCount(0)
            return
        self.status = exchange.package_status(self.ledger)
        secretaries = {c["id"]: c.get("secretary") or "" for c in self.ledger.communities()}
        self.table.setRowCount(len(self.status))
        for r, s in enumerate(self.status):
            issued, merged = s["last_issued"], s["last_merged"]
            cells = [
                s["community"],
                secretaries.get(s["community_id"], ""),
                f"{str(issued['at'])[:16]} {issued['by']}\n{issued['file']}" if issued else "—",
                f"{str(merged['at'])[:16]} {merged['by']}\n{merged['file']}" if merged else "—",
                self.tr("{applied} / {conflicts} / {refused}").format(**merged) if merged else "—",
                str(s["open_conflicts"]) if s["open_conflicts"] else "—",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 5 and s["open_conflicts"]:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(r, c, item)
        for c in (
            0,
            1,
        ):  # names and secretaries on one line (“王建华（示例）” wrapped in a 5-character column)
            self.table.setColumnWidth(c, max(self.table.columnWidth(c), self.table.sizeHintForColumn(c) + 8))
        self.table.resizeRowsToContents()
        self.conflicts_button.setEnabled(any(s["open_conflicts"] for s in self.status))

    def on_changed(self, changed: Changed) -> None:
        if changed.affects_packages:
            self.refresh()
