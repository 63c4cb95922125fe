"""The 挂图督战 tab: the title and big figures, the toolbar (columns, colours, print), the legend and the grid."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ledger import board as lb
from ledger.board import BoardData, BoardScheme
from ledger.board.wallchart import CellMap
from ledger.service import Changed, Ledger
from ledger.storage import TaskFilter
from ui.board.board_jobs import BoardReads
from ui.board.flow import GroupFlow
from ui.board.grid import BoardDelegate, BoardModel, GroupHeader, RowHeader, cell_height, cell_width
from ui.board.paint import INK, OVERDUE_INK, LegendWidget, make_fonts
from ui.common import palette


class BigFigure(QWidget):
    """A caption over a number in large type (the header's 已销号 % and 逾期 count)."""

    def __init__(self, caption: str, color: QColor = INK, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption)
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSizeF(30)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setStyleSheet(f"color: {color.name()};")
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 0, 12, 0)
        lay.setSpacing(0)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)


# ---- the view ----------------------------------------------------------------------------------------------
class BoardView(QWidget):
    """The 挂图督战 tab. ``tasksActivated(list)`` gives the task ids of a clicked cell; ``taskHovered(str)`` the
    most urgent task of the cell under the mouse ("" over an empty cell). It subscribes to nothing: the window
    calls ``set_filter`` / ``refresh`` / ``on_changed``."""

    tasksActivated = Signal(list)
    taskHovered = Signal(str)
    columnsChanged = Signal(str)
    schemeChanged = Signal(object)

    MODES = ("problem", "category", "owner", "week")

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, *, columns: str = "problem") -> None:
        super().__init__(parent)
        self.setObjectName("boardView")
        self.ledger = ledger
        self._filter = TaskFilter()
        self._columns = columns
        self._hovered: tuple[int, int] = (-1, -1)
        self.model = BoardModel(ledger, self)
        self.fonts = make_fonts(self.font(), max(11.0, self.font().pointSizeF()))

        self.table = QTableView(self)
        self.table.setObjectName("boardTable")
        self.delegate = BoardDelegate(self.model, self.table)
        self.delegate.fonts = self.fonts
        self.table.setItemDelegate(self.delegate)
        self.table.setHorizontalHeader(GroupHeader(self.fonts, self.table))
        self.table.setVerticalHeader(RowHeader(self.fonts, self.table))
        self.table.setModel(self.model)
        self.table.setShowGrid(True)
        self.table.setGridStyle(Qt.PenStyle.SolidLine)
        self.table.setStyleSheet(
            f"QTableView {{ gridline-color: {palette.PAPER}; background: {palette.PAPER}; }}"
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMouseTracking(True)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setCornerButtonEnabled(False)
        for header, size in (
            (self.table.horizontalHeader(), cell_width(self.fonts)),
            (self.table.verticalHeader(), cell_height(self.fonts)),
        ):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setDefaultSectionSize(size)
            header.setMinimumSectionSize(size)
        self.table.clicked.connect(self._clicked)
        self.table.entered.connect(self._entered)
        self.table.viewportEntered.connect(lambda: self._entered(QModelIndex()))
        self.table.installEventFilter(self)  # Enter on the current cell activates it, like a click

        # the header: title and date at the left, the figures that matter in large type at the right
        self.title = QLabel()
        self.title.setObjectName("boardTitle")
        font = self.title.font()
        font.setPointSizeF(18)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)  # a narrow window: the title takes two lines, the figures stay whole
        self.subtitle = QLabel()
        self.fig_closed = BigFigure(self.tr("Signed off"))
        self.fig_overdue = BigFigure(self.tr("Overdue"), OVERDUE_INK)
        self.fig_tasks = BigFigure(self.tr("Tasks"))
        # a narrow tab (the task panel open beside it): the title wraps, then the figures go under it, whole
        self.header = QWidget()
        self.header.setObjectName("boardHeader")
        head = GroupFlow(self.header, spacing=6)
        titles = QWidget()
        titles_col = QVBoxLayout(titles)
        titles_col.setContentsMargins(0, 0, 0, 0)
        titles_col.addWidget(self.title)
        titles_col.addWidget(self.subtitle)
        figures, figures_row = self._group()
        for fig in (self.fig_tasks, self.fig_closed, self.fig_overdue):
            figures_row.addWidget(fig)
        head.add_group(titles)
        head.add_group(figures, right=True)

        # the toolbar: what the columns are, the colours, print and export; three groups that wrap onto a second
        # row when the window is narrow (1366×768 at 125 % or 150 %), each label staying beside its buttons
        self.toolbar = QWidget()
        self.toolbar.setObjectName("boardToolbar")
        bar = GroupFlow(self.toolbar)
        modes, modes_row = self._group()
        modes_row.addWidget(QLabel(self.tr("Columns:")))
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_buttons: dict[str, QToolButton] = {}
        names = {
            "problem": self.tr("Problems"),
            "category": self.tr("Categories"),
            "owner": self.tr("Owners"),
            "week": self.tr("Weeks to deadline"),
        }
        tips = {
            "problem": self.tr("One column per problem, grouped by category"),
            "category": self.tr("One column per category"),
            "owner": self.tr("One column per responsible person"),
            "week": self.tr("One column per deadline week, scheduled backwards; this week is marked"),
        }
        for mode in self.MODES:
            btn = QToolButton()
            btn.setText(names[mode])
            btn.setToolTip(tips[mode])
            btn.setCheckable(True)
            btn.setObjectName(f"boardMode_{mode}")
            btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.mode_group.addButton(btn)
            self.mode_buttons[mode] = btn
            modes_row.addWidget(btn)
            btn.clicked.connect(lambda _c=False, m=mode: self.set_columns(m))
        colours, colours_row = self._group()
        colours_row.addWidget(QLabel(self.tr("Colours:")))
        self.scheme_box = QComboBox()
        self.scheme_box.setObjectName("boardScheme")
        self.scheme_box.setToolTip(self.tr("Colour scheme of the chart, saved in the ledger"))
        for key, preset in lb.PRESETS.items():
            self.scheme_box.addItem(preset.name, key)
        self.scheme_box.addItem(self.tr("Custom"), "custom")
        self.scheme_box.activated.connect(self._preset_chosen)
        colours_row.addWidget(self.scheme_box)
        self.settings_button = QPushButton(self.tr("Colours and warnings…"))
        self.settings_button.setObjectName("boardSchemeSettings")
        self.settings_button.setToolTip(self.tr("Change each colour and the warning days before deadlines"))
        self.settings_button.clicked.connect(self.edit_scheme)
        colours_row.addWidget(self.settings_button)
        output, output_row = self._group()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("boardPrint")
        self.print_button.setToolTip(self.tr("Print the chart on A3 landscape sheets"))
        self.print_button.clicked.connect(self.print_chart)
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.export_button.setObjectName("boardExportPdf")
        self.export_button.setToolTip(self.tr("Save the chart as a PDF to print or send"))
        self.export_button.clicked.connect(self.export_pdf)
        output_row.addWidget(self.print_button)
        output_row.addWidget(self.export_button)
        bar.add_group(modes)
        bar.add_group(colours)
        bar.add_group(output, right=True)

        self.legend = LegendWidget(self.model.scheme)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addWidget(self.header)
        lay.addWidget(self.toolbar)
        lay.addWidget(self.legend)
        lay.addWidget(self.table, 1)
        self.mode_buttons[columns].setChecked(True)
        self._sync_scheme_box()
        self.reads = BoardReads(self, ledger, self._busy)
        self._read()  # on a large ledger: when the tab is shown, on a worker

    @staticmethod
    def _group() -> tuple[QWidget, QHBoxLayout]:
        """A toolbar group: a widget whose row of controls stays together."""
        group = QWidget()
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        return group, row

    # public API
    @property
    def scheme(self) -> BoardScheme:
        return self.model.scheme

    def columns(self) -> str:
        return self._columns

    def set_filter(self, task_filter: TaskFilter | None) -> None:
        self._filter = task_filter or TaskFilter()
        self._read()

    def set_columns(self, mode: str) -> None:
        if mode not in self.MODES:
            raise ValueError(mode)
        self.mode_buttons[mode].setChecked(True)
        if mode != self._columns:
            self._columns = mode
            self.table.horizontalScrollBar().setValue(0)
            self.refresh()
            self.columnsChanged.emit(mode)

    def refresh(self) -> None:
        """Recompute the chart (keeping the scroll position) when the ledger (its journal's head, today), the
        filter or the layout changed since the last read. A hidden tab reads when it is shown; a large ledger is read on a worker thread
        (``reads``) while the tab keeps painting."""
        self._read(hidden_too=False)

    def _read(self, *, hidden_too: bool = True) -> None:
        flt, columns, bands = self._filter, self._columns, self.model.scheme.bands

        def read(led: Ledger) -> BoardData:
            data = lb.board_data(led, flt, columns, bands=bands)
            if led is not self.ledger and isinstance(data.cells, CellMap):
                # the worker's connection closes: read every cell now, in one query, not a block when painted
                data.cells.block = max(1, data.cells.n_rows)
                data.cells.load_all()
            return data

        self.reads.ask((flt, columns, bands), read, self._show_board, hidden_too=hidden_too)

    def _show_board(self, data: BoardData) -> None:
        h, v = self.table.horizontalScrollBar().value(), self.table.verticalScrollBar().value()
        self.model.set_board(data)
        self._fit_columns()
        self.table.horizontalScrollBar().setValue(h)
        self.table.verticalScrollBar().setValue(v)
        self._update_header()

    def _busy(self, busy: bool) -> None:
        self._update_header()
        if busy:
            self.subtitle.setText(self.tr("Reading the chart…"))

    def on_changed(self, changed: Changed) -> None:
        if changed.source is self or not changed.affects_board:
            return
        if lb.SETTING_KEY in changed.settings:
            scheme = lb.load_scheme(self.ledger)
            if scheme != self.model.scheme:
                self._use_scheme(scheme)
        self.refresh()

    def stop(self) -> None:
        """The window closes (its ledger closes next): a read under way on a worker is dropped, nothing more is read."""
        self.reads.stop()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown with nothing changed: the chart stands. A large ledger is read after the tab has painted."""
        super().showEvent(event)
        if not self.reads.wanted((self._filter, self._columns, self.model.scheme.bands)):
            return
        if self.reads.big():
            QTimer.singleShot(0, self, lambda: self._read())
        else:
            self._read()

    def set_scheme(self, scheme: BoardScheme, *, save: bool = True) -> None:
        """Use ``scheme``; with ``save`` it is stored in the ledger (journalled)."""
        if save:
            # This view applies the scheme itself: the notice of the save is not for it.
            with self.ledger.batch(source=self):
                lb.save_scheme(self.ledger, scheme)
        if self._use_scheme(scheme):
            self.refresh()

    def _use_scheme(self, scheme: BoardScheme) -> bool:
        """Show ``scheme`` (colours repaint); True when its warning bands changed, so the cells must be recomputed."""
        bands_changed = scheme.bands != self.model.scheme.bands
        self.model.set_scheme(scheme)
        self.legend.set_scheme(scheme)
        self._sync_scheme_box()
        self.table.viewport().update()
        self.schemeChanged.emit(scheme)
        return bands_changed

    def edit_scheme(self) -> None:
        from ui.board.settings import BoardSettingsDialog

        scheme = BoardSettingsDialog.ask(self, self.ledger)
        if scheme is not None:
            self.set_scheme(scheme, save=False)

    def print_chart(self) -> None:
        from ui.board.printing import print_board

        print_board(self, self.ledger, columns=self._columns, task_filter=self._filter)

    def export_pdf(self) -> None:
        from ui.board.printing import export_with_dialog

        export_with_dialog(self, self.ledger, columns=self._columns, task_filter=self._filter)

    # internals
    def _fit_columns(self) -> None:
        """Few columns share the width (up to 240 px each); many keep the narrow width and scroll."""
        header = self.table.horizontalHeader()
        n = self.model.columnCount()
        base = cell_width(self.fonts)
        available = self.table.viewport().width() or (self.width() - self.table.verticalHeader().width() - 30)
        width = base if n == 0 or n * base >= available else min(240, available // n)
        if header.defaultSectionSize() != width:
            header.setDefaultSectionSize(width)
        header.updateGeometry()
        self.table.verticalHeader().updateGeometry()
        self.table.updateGeometries()
        # On a short screen (1366×768 at 150 %) the tab scrolls rather than squeeze the chart below two rows of
        # cells under its header: a chart that shows only its header tells nothing.
        bar = self.table.horizontalScrollBar().sizeHint().height()
        rows = min(2, self.model.rowCount())
        self.table.setMinimumHeight(
            header.sizeHint().height() + rows * cell_height(self.fonts) + bar + 2 * self.table.frameWidth()
        )

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _update_header(self) -> None:
        data = self.model.data_
        self.title.setText(
            self.tr("%1 — inspection rectification wall chart").replace("%1", self.ledger.org_name)
        )
        today = self.ledger.today()
        self.subtitle.setText(f"{today.year}年{today.month}月{today.day}日")
        if data is not None:
            self.fig_tasks.value.setText(str(data.total.tasks))
            # no tasks: no share to show (as 总览 says), not "0.0%"
            self.fig_closed.value.setText(f"{data.total.pct_closed:.1f}%" if data.total.tasks else "—")
            self.fig_overdue.value.setText(str(data.total.overdue))

    def _sync_scheme_box(self) -> None:
        key = lb.preset_of(self.model.scheme) or "custom"
        self.scheme_box.setCurrentIndex(max(0, self.scheme_box.findData(key)))

    def _preset_chosen(self, row: int) -> None:
        key = self.scheme_box.itemData(row)
        if key in lb.PRESETS:
            preset = lb.PRESETS[key]
            if len(preset.bands) == 1:
                days = self.ledger.due_soon_days
                preset = preset.with_bands(
                    (days,) if days > 0 else (), preset.band_colors if days > 0 else ()
                )
            self.set_scheme(preset)
        else:
            self.edit_scheme()

    def _clicked(self, index: QModelIndex) -> None:
        ids = self.model.task_ids(index)
        if ids:
            self.tasksActivated.emit(ids)

    def _entered(self, index: QModelIndex) -> None:
        key = (index.row(), index.column())
        if key != self._hovered:
            self._hovered = key
            self.taskHovered.emit(self.model.first_task_id(index) if index.isValid() else "")

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.table.currentIndex().isValid()
        ):
            self._clicked(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)
