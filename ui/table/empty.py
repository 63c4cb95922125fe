"""What the 台账 tab shows when it has no rows: on a new blank ledger the next steps as buttons (导入整改方案…,
添加居民区…, 打开示例台账); when the filters leave nothing, a sentence and 显示全部."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.common import palette

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


class EmptyState(QWidget):
    """Laid over the table's viewport while the table has no rows."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win.table.viewport())
        self.win = win
        self.setObjectName("emptyState")
        self.title = QLabel()
        self.title.setObjectName("emptyTitle")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.title.setFont(f)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setObjectName("emptyText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setStyleSheet(f"color:{palette.MUTED};")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addStretch(1)
        for name, text, slot in (
            ("importPlan", self.tr("Import a rectification plan…"), win.import_plan),
            ("addCommunity", self.tr("Add communities…"), win.edit_structure),
            ("openExample", self.tr("Open the example ledger"), lambda: win.openRequested.emit("example")),
            ("showAll", self.tr("Show all"), win.clear_filters),
        ):
            b = QPushButton(text)
            b.setObjectName(f"empty_{name}")
            b.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[name] = b
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(2)
        win.table.viewport().installEventFilter(self)
        win.model.reloaded.connect(lambda _n: self.refresh())
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        """Cover the viewport; the explanation gets a definite width, so that its wrapped lines get their height
        (a word-wrapped label centred in a layout is otherwise measured at its narrowest and cut off)."""
        rect = self.win.table.viewport().rect()
        width = max(200, min(560, rect.width() - 40))
        self.text.setFixedWidth(width)
        self.text.setFixedHeight(max(self.text.heightForWidth(width), self.text.fontMetrics().height()))
        self.setGeometry(rect)

    def refresh(self) -> None:
        from ui.window.permissions import offered

        win = self.win
        if win.model.rowCount():
            self.hide()
            return
        blank = win.ledger.stats()["tasks"] == 0
        if blank:
            self.title.setText(self.tr("This ledger has no tasks yet"))
            self.text.setText(
                self.tr(
                    "Start by importing the rectification plan (.docx, .pdf, .xlsx or .txt): its problems, measures and "
                    "deadlines become the ledger's tasks. Or add the communities first, or look at the example."
                )
            )
        else:
            self.title.setText(self.tr("No task matches the filters"))
            self.text.setText(self.tr("Change the filters on the left, or show every task."))
        can_build = offered(win, "importPlan")
        self.buttons["importPlan"].setVisible(blank and can_build)
        self.buttons["addCommunity"].setVisible(blank and offered(win, "structure"))
        self.buttons["openExample"].setVisible(blank and win.ledger.package is None)
        self.buttons["showAll"].setVisible(not blank)
        self.fit()
        self.show()
        self.raise_()
