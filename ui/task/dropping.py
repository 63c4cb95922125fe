"""Files dropped on the task panel (or on its child widgets) are attached to the shown task as 佐证材料."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from ui.task.evidence import local_files


class DropsEvidence(QWidget):
    """The base of TaskPanel, which sets ``task``, ``tabs``, ``evidence_tab`` and ``evidence``."""

    task: Any
    tabs: Any
    evidence_tab: Any
    evidence: Any

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        return self.task is not None and bool(local_files(event.mimeData()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.evidence_tab)  # show where the files will go
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        event.acceptProposedAction()
        self.tabs.setCurrentWidget(self.evidence_tab)
        self.evidence.attach_paths(local_files(event.mimeData()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
            and isinstance(event, QDragMoveEvent | QDropEvent)
            and self._accepts(event)
        ):
            if kind == QEvent.Type.DragEnter:
                self.dragEnterEvent(event)  # type: ignore[arg-type]
            elif kind == QEvent.Type.DragMove:
                self.dragMoveEvent(event)  # type: ignore[arg-type]
            else:
                self.dropEvent(event)
            return True
        return bool(super().eventFilter(watched, event))
