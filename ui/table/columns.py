"""How the ledger table shows its columns: what people act on first, widths by what the cells hold, and the user's
own choice of columns (show, hide, drag to reorder; remembered).

The model's columns keep their order (``COLUMNS``); only the header's visual order changes. By default the table
leads with the state chip, 剩余天数, 整改时限, 居民区, 整改措施, 责任人 and 整改进展; 责任人 holds a name and a short
role (王建华（书记）), and 整改措施 and 整改进展 share what is left of the width, 整改措施 first (three parts to two),
so those columns fit the table without scrolling. 反馈问题 and 问题类别 follow, written once per
group of rows (see ``TaskTableModel``); 序号, 牵头领导, 类型 and 更新时间 are hidden until the user shows them
(right-click the header). A community package hides the community column: it would repeat one name.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QHeaderView, QMenu, QTableView

from ui.common.util import settings
from ui.table.model import COLUMN_INDEX, COLUMNS

LEADING = ("status", "days_left", "deadline", "community", "measure", "owner", "progress")
DEFAULT_ORDER = (*LEADING, "problem", "category", "leader", "kind", "seq", "updated_at")
DEFAULT_HIDDEN = frozenset({"leader", "kind", "seq", "updated_at"})
SHARED = ("measure", "progress")  # these two share the width the other leading columns leave
SHARE = {"measure": 3, "progress": 2}  # 整改措施 is what a row is about: it gets the larger part
OWNER_SAMPLE = "王建华（书记）"  # a three-character name and a short role
HEADER_VERSION = 2  # a header saved by an older layout is not restored over the new default


def _tr(text: str) -> str:
    return QCoreApplication.translate("TableColumns", text)


class ColumnLayout(QObject):
    """Sets up ``table``'s header and keeps 整改措施 / 整改进展 sharing the width until the user resizes them."""

    def __init__(self, table: QTableView, *, community_mode: bool = False) -> None:
        super().__init__(table)
        self.setObjectName("columnLayout")
        self.table = table
        self.header = table.horizontalHeader()
        self.community_mode = community_mode
        self.auto = True  # 整改措施 and 整改进展 follow the table's width until the user drags one of them
        self._fitting = False
        self.header.setSectionsMovable(True)
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header.setStretchLastSection(False)
        self.header.setHighlightSections(False)
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self.menu)
        self.header.sectionResized.connect(self._resized)
        # hidden while its sections are moved, hidden and sized: a shown header answers the table's question of its
        # height after each of those ~40 steps by asking the model for every column's header in four roles
        self.header.hide()
        self.defaults()
        self.header.show()
        self._timer = QTimer(table)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        self._last_width = -1
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and self.auto
            and self.table.viewport().width() != self._last_width
        ):
            self._timer.start()
        return False

    # ---- defaults ------------------------------------------------------------------------------------------
    def content_widths(self) -> dict[str, int]:
        """Each column's width from what it holds, in the table's font."""
        fm = self.table.fontMetrics()
        pad = 14  # the cell's text margins (6 px at most in Qt's styles) and a little air

        def w(sample: str) -> int:
            return fm.horizontalAdvance(sample) + pad

        return {
            "seq": w("0000"),
            "status": w("申请销号") + fm.height() + 12,  # the letter's square, then the state
            "days_left": max(w("逾期 999 天"), w(_tr("Days left")) + 12),
            "deadline": w("2025-12-31"),
            "community": w("南郊别墅"),
            "owner": w(OWNER_SAMPLE),
            "leader": w("欧阳建华"),
            "kind": w("立行立改"),
            "category": w("一二三四五六七八"),
            "problem": w("一二三四五六七八九十一二"),
            "measure": w("一二三四五六七八九十一二"),
            "progress": w("一二三四五六七八九十一二"),
            "updated_at": w("2025-12-31 23:59"),
        }

    def defaults(self) -> None:
        """The default order, visibility and widths."""
        widths = self.content_widths()
        for visual, key in enumerate(DEFAULT_ORDER):
            logical = COLUMN_INDEX[key]
            self.header.moveSection(self.header.visualIndex(logical), visual)
            self.header.setSectionHidden(logical, key in DEFAULT_HIDDEN)
            self.header.resizeSection(logical, widths[key])
        if self.community_mode:
            self.header.setSectionHidden(COLUMN_INDEX["community"], True)
        self.auto = True

    def _reset(self) -> None:
        """恢复默认列: the defaults, then the shared width."""
        self.defaults()
        self.fit()

    # ---- sharing the width ---------------------------------------------------------------------------------
    def fit(self) -> None:
        """整改措施 and 整改进展 take what the other leading columns leave, within sensible bounds: 整改措施 three parts
        and 整改进展 two, and 整改措施 keeps at least seven characters before 整改进展 drops below its own five."""
        if not self.auto:
            return
        width = self.table.viewport().width()
        self._last_width = width
        shared = [COLUMN_INDEX[k] for k in SHARED if not self.header.isSectionHidden(COLUMN_INDEX[k])]
        if not shared:
            return
        last = max(self.header.visualIndex(i) for i in shared)
        used = sum(
            self.header.sectionSize(self.header.logicalIndex(v))
            for v in range(last + 1)
            if not self.header.isSectionHidden(self.header.logicalIndex(v))
            and self.header.logicalIndex(v) not in shared
        )
        fm = self.table.fontMetrics()
        low, high = fm.horizontalAdvance("一二三四五") + 14, fm.horizontalAdvance("一" * 30) + 14
        room = width - used - 2
        sizes: dict[int, int] = {}
        if len(shared) == 1:
            sizes[shared[0]] = max(low, min(high, room))
        else:
            measure, progress = COLUMN_INDEX["measure"], COLUMN_INDEX["progress"]
            first = fm.horizontalAdvance("一" * 7) + 14  # 整改措施's floor while 整改进展 still has its own
            parts = sum(SHARE.values())
            m = min(max(room * SHARE["measure"] // parts, first), room - low)  # never pushing 整改进展 out
            sizes[measure] = max(low, min(high, m))
            sizes[progress] = max(low, min(high, room - sizes[measure]))
        self._fitting = True
        try:
            for i, size in sizes.items():
                self.header.resizeSection(i, size)
        finally:
            self._fitting = False

    def _resized(self, logical: int, _old: int, _new: int) -> None:
        dragging = bool(QApplication.mouseButtons() & Qt.MouseButton.LeftButton)
        if not self._fitting and dragging and COLUMNS[logical][0] in SHARED:
            self.auto = False  # dragged by the user: from now on the user decides

    # ---- the user's choice ---------------------------------------------------------------------------------
    def menu(self, pos: QPoint) -> None:
        """Right-click on the header: a check mark per column, and 恢复默认列."""
        menu = QMenu(self.header)
        menu.setObjectName("columnMenu")
        for key in DEFAULT_ORDER:
            if key == "community" and self.community_mode:
                continue
            logical = COLUMN_INDEX[key]
            act = QAction(self.table.model().headerData(logical, self.header.orientation()), menu)
            act.setCheckable(True)
            act.setChecked(not self.header.isSectionHidden(logical))
            act.toggled.connect(lambda on, i=logical: self.show_column(i, on))
            menu.addAction(act)
        menu.addSeparator()
        reset = menu.addAction(_tr("Default columns"))
        reset.triggered.connect(self._reset)
        menu.exec(self.header.mapToGlobal(pos))

    def show_column(self, logical: int, shown: bool) -> None:
        visible = [i for i in range(self.header.count()) if not self.header.isSectionHidden(i)]
        if not shown and visible == [logical]:
            return  # the last column stays
        self.header.setSectionHidden(logical, not shown)
        self.fit()

    def settings_key(self) -> str:
        return "table/header/community" if self.community_mode else "table/header"

    def save(self) -> None:
        s = settings()
        s.setValue(self.settings_key(), self.header.saveState())
        s.setValue(f"{self.settings_key()}/version", HEADER_VERSION)
        s.setValue(f"{self.settings_key()}/auto", self.auto)

    def restore(self) -> None:
        s = settings()
        state = s.value(self.settings_key())
        if str(s.value(f"{self.settings_key()}/version", "")) != str(HEADER_VERSION):
            return
        if isinstance(state, QByteArray) and not state.isEmpty() and self.header.restoreState(state):
            self.auto = s.value(f"{self.settings_key()}/auto", True) not in (False, "false")
            if self.community_mode:
                self.header.setSectionHidden(COLUMN_INDEX["community"], True)
