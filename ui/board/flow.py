"""A row of control groups that wraps whole groups onto a next row when the width runs out (挂图督战's toolbar)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class GroupFlow(QLayout):
    """Groups (each a widget with its own label and buttons) side by side at their natural width; a group that no
    longer fits goes, whole, to the next row, so a label never parts from its buttons and nothing is cut off at a
    narrow window (1366×768 at 150 %). A group whose text wraps (a title: height for width) takes what the others
    leave in its row, down to its minimum. A group added with ``right=True`` keeps to the right end of its row.

    The layout is as wide as its widest group at the least and tells its parent how tall it is for a width
    (``heightForWidth``), as Qt's flow layout example does."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 16, row_spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right: set[int] = set()  # ids of the items kept to the right
        self._gap = spacing
        self._row_gap = row_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def add_group(self, widget: QWidget, *, right: bool = False) -> None:
        item = QWidgetItem(widget)
        self.addChildWidget(widget)
        self.addItem(item)
        if right:
            self._right.add(id(item))

    # QLayout's interface
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._right.discard(id(item))
        self.invalidate()
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """Every group on one row."""
        shown = self._shown()
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in shown) + self._gap * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest group at its least, one row high (the height for a width comes from ``heightForWidth``)."""
        shown = self._shown()
        m = self.contentsMargins()
        width = max((self._least(i) for i in shown), default=0)
        height = max((i.minimumSize().height() for i in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    # internals
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    @staticmethod
    def _least(item: QLayoutItem) -> int:
        """The narrowest a group may be: a group that wraps its text (a title) gives way down to its minimum and
        grows taller; any other keeps its natural width."""
        return item.minimumSize().width() if item.hasHeightForWidth() else item.sizeHint().width()

    def rows(self, width: int) -> list[list[QLayoutItem]]:
        """The groups of each row at ``width`` (margins included), in order."""
        m = self.contentsMargins()
        room = width - m.left() - m.right()
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            w = self._least(item)
            if rows[-1] and used + self._gap + w > room:
                rows.append([])
                used = 0
            used += (self._gap if rows[-1] else 0) + w
            rows[-1].append(item)
        return rows if rows[-1] else []

    def _widths(self, row: list[QLayoutItem], room: int) -> list[int]:
        """Each group's width in a row: its natural width, a wrapping group what the others leave it."""
        widths = [min(self._least(i), room) for i in row]
        spare = room - sum(widths) - self._gap * (len(row) - 1)
        for n, item in enumerate(row):
            if spare > 0 and item.hasHeightForWidth():
                grow = min(spare, item.sizeHint().width() - widths[n])
                if grow > 0:
                    widths[n] += grow
                    spare -= grow
        return widths

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Place the groups in ``rect`` (only measure without ``place``); the height they take."""
        m = self.contentsMargins()
        inner = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = inner.y()
        rows = self.rows(rect.width())
        for n, row in enumerate(rows):
            widths = self._widths(row, inner.width())
            heights = [
                i.heightForWidth(w) if i.hasHeightForWidth() else i.sizeHint().height()
                for i, w in zip(row, widths, strict=True)
            ]
            height = max(heights)
            x = inner.x()
            for item, w, h in zip(row, widths, heights, strict=True):
                if id(item) in self._right and item is row[-1]:
                    x = max(x, inner.x() + inner.width() - w)
                if place:
                    item.setGeometry(QRect(x, y + (height - h) // 2, w, h))
                x += w + self._gap
            y += height + (self._row_gap if n < len(rows) - 1 else 0)
        return y - rect.y() + m.bottom()
