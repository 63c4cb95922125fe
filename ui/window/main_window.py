"""The main window: filters on the left, the ledger's views in tabs, the selected task on the right."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ledger.core.errors import LedgerError
from ledger.service import Ledger, register
from ledger.storage.store import TaskFilter
from ui.common import messages, palette, words
from ui.common.util import exec_and_free, save_operator, settings
from ui.table.columns import ColumnLayout
from ui.table.empty import EmptyState
from ui.table.filters import FilterPanel
from ui.table.model import COLUMN_INDEX, TaskIdRole, TaskTableModel
from ui.window import menus as window_menus
from ui.window.actions import DialogActions
from ui.window.delegate import EditDelegate, LedgerTable, StateChipDelegate
from ui.window.layout import (
    TaskDock,
    ViewPage,
    ViewTabs,
    cover_empty_pages,
    default_dock_width,
    fit_into,
    page_view,
    restore_geometry,
    save_geometry,
    tabs_on_top,
    window_screen,
)
from ui.window.permissions import apply_permissions
from ui.window.views import VIEW_NAMES, make_view

if TYPE_CHECKING:
    from ledger.service import Changed
    from ui.task.panel import TaskPanel

log = logging.getLogger(__name__)


class Notifier(QObject):
    """Turns the ledger's change notices into one Qt signal the views listen to."""

    changed = Signal(object)


@runtime_checkable
class FilteredView(Protocol):
    """A view that reads the whole filter itself (the wall chart, kanban, overview), told when it changes."""

    def set_filter(self, task_filter: TaskFilter | None) -> None: ...


class MainWindow(DialogActions, QMainWindow):
    openRequested = Signal(str)  # "blank", "open", "example" — handled by the app
    openPathRequested = Signal(str)  # a ledger file chosen from 最近打开的台账
    firstPainted = Signal()  # the first screen has been painted (the work that could wait starts now)
    closing = Signal()  # the window is closing (after the user agreed)

    # made by ``menus.build_menus`` in ``__init__``
    recent_menu: QMenu
    undo_action: QAction
    redo_action: QAction
    task_panel_action: QAction  # 查看 → 任务面板

    def __init__(
        self, ledger: Ledger, parent: QWidget | None = None, *, remember_layout: bool = True
    ) -> None:
        super().__init__(parent)
        # False for a screenshot: neither read nor write the user's saved layout, so a render is reproducible
        self.remember_layout = remember_layout
        self.ledger = ledger
        self.setObjectName("mainWindow")
        self._ask_signatures()
        self.notifier = Notifier(self)
        self._observer: Callable[[Changed], None] = self.notifier.changed.emit
        ledger.subscribe(self._observer)
        self.data_dir: Path | None = None  # the data folder (automatic backups); set by the app
        self.undo_stack: list[str] = []
        self.redo_stack: list[str] = []

        self.filters = FilterPanel(ledger)
        self.model = TaskTableModel(ledger, self, defer_rest=True)
        self.table = LedgerTable()
        self.table.setObjectName("ledgerTable")
        # hidden before the model comes: a shown row header would first ask the model for 200 rows' headers
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.setModel(self.model)
        self.model.watch_paints(self.table.viewport())
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setItemDelegate(EditDelegate(self.table))
        self.chips = StateChipDelegate(self.table)
        self.table.setItemDelegateForColumn(COLUMN_INDEX["status"], self.chips)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.columns = ColumnLayout(self.table, community_mode=ledger.package is not None)
        self.table.viewport().installEventFilter(self)  # its first paint starts the work that can wait
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.editFailed.connect(lambda text: messages.show_error(self, text, self.tr("Not saved")))
        self.model.reloaded.connect(lambda _n: self._update_status())

        self.tabs = ViewTabs()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.table, self.tr("Ledger"))
        # The other views are built (and their modules imported) the first time their tab is shown.
        tabs = [
            ("board", self.tr("Wall chart")),
            ("kanban", self.tr("Kanban")),
            ("overview", self.tr("Overview")),
            ("queue", self.tr("Awaiting my review")),
        ]
        if ledger.package is None:
            tabs += [("reconcile", self.tr("Reconciliation")), ("packages", self.tr("Packages"))]
        for key, title in tabs:
            holder = QWidget()
            holder.setObjectName(f"lazy_{key}")
            self.tabs.addTab(holder, title)
        self.tabs.currentChanged.connect(self._tab_shown)
        self._stale_views: set[FilteredView] = set()  # built views whose filter changed while hidden
        self.tabs.currentChanged.connect(self._refilter_if_stale)
        self.setCentralWidget(self.tabs)
        self.tab_bar = tabs_on_top(self)

        # The task panel (fields, evidence, reviews, history) is built after the first paint: until a task is
        # chosen the dock shows what to do instead (see ``panel``).
        self._panel: TaskPanel | None = None
        self.task_stack = QStackedWidget()
        self.task_stack.setObjectName("taskStack")
        self.task_hint = self._task_hint()
        self.task_stack.addWidget(self.task_hint)
        left = QDockWidget(self.tr("Filters"), self)
        left.setObjectName("filterDock")
        left.setWidget(self.filters)
        left.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, left)
        right = TaskDock(self.tr("Task"), self)
        right.setObjectName("taskDock")
        right.setWidget(self.task_stack)
        right.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        right.closedByUser.connect(lambda: self.task_panel_action.setChecked(False))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, right)
        self.docks = (left, right)
        self._dock_widths: dict[str, int] = {}  # as the user left them; by the window's width until then
        self.tabs.currentChanged.connect(self._docks_for_tab)

        self.filters.filterChanged.connect(self.apply_filter)
        self.notifier.changed.connect(self._on_changed)

        self.status_counts = QLabel()
        self.status_counts.setObjectName("statusCounts")
        self.status_path = QLabel(str(ledger.path))
        self.statusBar().addWidget(self.status_counts, 1)
        generated = ledger.setting("generated")
        if ledger.setting("example") or generated:
            badge = QLabel(
                self.tr("Generated test data: the tasks and people are made up")
                if generated
                else self.tr("Example ledger: the people in it are invented")
            )
            badge.setObjectName("exampleBadge")
            badge.setStyleSheet(f"color:{palette.ACCENT}; font-weight:bold; padding:0 8px;")
            self.statusBar().addPermanentWidget(badge)
        self.statusBar().addPermanentWidget(self.status_path)
        window_menus.build_menus(self)
        apply_permissions(self)
        self.empty_state = EmptyState(self)
        self._update_undo_actions()
        self._update_title()
        self._update_status()
        if remember_layout:
            self._restore_layout()
        self._docks_for_tab()
        if ledger.package is not None:
            from ui.packages.community_mode import apply_community_mode

            apply_community_mode(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the docks at their remembered widths, or by the window's width
            self._shown_once = True
            shown = [d for d in self.docks if not d.isHidden()]
            widths = [self._dock_widths.get(d.objectName(), default_dock_width(self, d)) for d in shown]
            self.resizeDocks(shown, widths, Qt.Orientation.Horizontal)
        if self.remember_layout:
            QTimer.singleShot(0, self._fit_to_screen)

    def _fit_to_screen(self) -> None:
        """Framed now: keep the frame, not only the inside, within the screen (not after the window closed)."""
        if not self._closed:
            fit_into(self, window_screen(self).availableGeometry())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.table.viewport():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        """What the first screen does not need: the remaining ids of a large ledger, then the task panel."""
        self.firstPainted.emit()
        self.model.load_rest_soon()
        QTimer.singleShot(
            0, lambda: self._closed or self.panel
        )  # not after the window (and its ledger) closed

    def _task_hint(self) -> QWidget:
        box = QWidget()
        box.setObjectName("taskHint")
        title = QLabel(self.tr("No task selected"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        title.setFont(f)
        text = QLabel(self.tr("Choose a task in the ledger to see and edit it here."))
        text.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(1)
        return box

    @property
    def panel(self) -> TaskPanel:
        """The task panel, built (and its modules imported) the first time it is needed."""
        if self._panel is None:
            from ui.task.panel import TaskPanel

            self._panel = TaskPanel(self.ledger)
            self._panel.taskShown.connect(self._task_shown)
            self._panel.saved.connect(
                lambda measure: self.statusBar().showMessage(
                    self.tr("Saved: {measure}").format(measure=measure), 6000
                )
            )
            self.task_stack.addWidget(self._panel)
            if self.ledger.package is not None:
                from ui.packages.community_mode import lock_panel

                lock_panel(self)
        return self._panel

    def _task_shown(self, task_id: str) -> None:
        self.task_stack.setCurrentWidget(self.panel if task_id else self.task_hint)
        self._docks_for_tab()

    # ---- lazy tabs -------------------------------------------------------------------------
    # Views that use neither the filters nor the task panel: their tab gets the window's whole width.
    WIDE_VIEWS = frozenset({"reconcileView", "lazy_reconcile", "packageStatusView", "lazy_packages"})

    def _docks_for_tab(self, _index: int = -1) -> None:
        """The filters beside every view that follows them; the task panel only while a task is shown and the
        user has not hidden it (查看 → 任务面板). Each dock comes back at the width it had."""
        view = page_view(self.tabs.currentWidget())
        wide = view is not None and view.objectName() in self.WIDE_VIEWS
        left, right = self.docks
        # the table's selection shows beside the table; another view shows the panel once a task is chosen there
        has_task = self.task_stack.currentWidget() is not self.task_hint and (
            self.tabs.currentIndex() in (0, self._task_tab)
        )
        self._show_dock(left, not wide)
        self._show_dock(right, not wide and has_task and self.task_panel_action.isChecked())

    def _show_dock(self, dock: QDockWidget, visible: bool) -> None:
        if dock.isHidden() != visible:
            return  # as it should be (before the window is shown, isVisible() is False for every dock)
        if not visible:
            if self.isVisible() and dock.isVisible() and dock.width() > 60:
                self._dock_widths[dock.objectName()] = dock.width()
            dock.setVisible(False)
            return
        dock.setVisible(True)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the dock takes its place first; then its width is set
        shown = [d for d in self.docks if not d.isHidden()]
        widths = [self._dock_widths.get(d.objectName(), default_dock_width(self, d)) for d in shown]
        self.resizeDocks(shown, widths, Qt.Orientation.Horizontal)

    def show_task_panel(self, shown: bool) -> None:
        """查看 → 任务面板: hidden, the ledger table gets the width even when a task is chosen."""
        settings().setValue("window/taskPanel", shown)
        self._docks_for_tab()

    def _tab_shown(self, index: int) -> None:
        holder = self.tabs.widget(index)
        if holder is None or not holder.objectName().startswith("lazy_"):
            return  # built already, or no tab at all (index -1)
        name = holder.objectName()
        view = make_view(self, name[5:])
        title = self.tabs.tabText(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, ViewPage(view), title)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        holder.deleteLater()
        self._update_empty_pages()
        if isinstance(view, FilteredView):
            view.set_filter(self.filters.current_filter())

    def view(self, key: str) -> QWidget:
        """The view of a tab ("board", "kanban", "overview"), built now if it was not yet."""
        for i in range(self.tabs.count()):
            w = self.page(i)
            if w.objectName() in (f"lazy_{key}", VIEW_NAMES[key]):
                if w.objectName().startswith("lazy_"):
                    self.tabs.setCurrentIndex(i)
                    return self.page(i)
                return w
        raise KeyError(key)

    def _update_empty_pages(self) -> None:
        cover_empty_pages(self)

    def page(self, index: int) -> QWidget:
        """The view of the tab at ``index`` (its placeholder until first shown)."""
        view = page_view(self.tabs.widget(index))
        assert view is not None
        return view

    # ---- filtering and selection -----------------------------------------------------------
    def apply_filter(self, flt: TaskFilter) -> None:
        current = self.current_task_id()
        self.model.set_filter(flt)
        # Only the view in front follows now; the others when their tab is shown (each reads the whole filter).
        front = self.tabs.currentIndex()
        for i in range(self.tabs.count()):
            view = self.page(i)
            if not isinstance(view, FilteredView):
                continue
            if i == front:
                view.set_filter(flt)
            else:
                self._stale_views.add(view)
        if current:
            if self.model.loaded_row_of(current) is not None:
                self.select_tasks([current], quiet=True)
            else:  # beyond the first screen: selected once the rest of the ids (read after the paint) are in

                def select_when_loaded() -> None:
                    if not self._closed:
                        self.select_tasks([current], quiet=True)

                self.model.when_complete(select_when_loaded)

    def _refilter_if_stale(self, index: int) -> None:
        view = self.page(index)
        if isinstance(view, FilteredView) and view in self._stale_views:
            self._stale_views.discard(view)
            view.set_filter(self.filters.current_filter())

    def clear_filters(self) -> None:
        self.filters.clear()

    def current_task_id(self) -> str | None:
        idx = self.table.currentIndex()
        return self.model.task_id_at(idx.row()) if idx.isValid() else None

    def select_tasks(self, task_ids: list[str], *, quiet: bool = False) -> None:
        """Select these tasks in the ledger table and show the first in the task panel."""
        if not quiet:
            self._task_tab = self.tabs.currentIndex()  # chosen on this view: the panel shows beside it
        answered: list[bool] = []

        def select(rows: list[int | None]) -> None:
            answered.append(True)
            self._select_rows(task_ids, rows, quiet)

        self.model.with_rows_of(task_ids, select)
        if (
            not answered and not quiet and task_ids
        ):  # the ids are still arriving: the panel shows the task now
            self.panel.show_task(task_ids[0])
            self._docks_for_tab()

    def _select_rows(self, task_ids: list[str], rows: list[int | None], quiet: bool) -> None:
        """Select ``rows`` (of ``task_ids``; None: not under the filter) and show the first task in the panel."""
        sel = self.table.selectionModel()
        sel.clearSelection()
        first = None
        for row in rows:
            if row is None:
                continue
            idx = self.model.index(row, 0)
            sel.select(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
            if first is None:
                first = idx
        if first is not None:
            sel.setCurrentIndex(
                first, QItemSelectionModel.SelectionFlag.NoUpdate
            )  # shows its task (_row_changed)
            self.table.scrollTo(first)
            if self.panel.task is None or self.panel.task.id != task_ids[0]:
                self.panel.show_task(task_ids[0])
        elif not quiet and task_ids:
            self.panel.show_task(task_ids[0])
        self._docks_for_tab()  # the same task chosen again on another view: the panel shows beside it too

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.panel.show_task(current.data(TaskIdRole) if current.isValid() else None)

    # ---- changes, undo ---------------------------------------------------------------------
    def _on_changed(self, changed: Changed) -> None:
        """One notice per operation; each view decides from its flags, and the view that started the operation
        (``changed.source``) has refreshed itself already."""
        if changed.command != "undo" and self._recording:
            for entry_id in changed.entry_ids:
                if entry_id not in self.undo_stack and entry_id not in self.redo_stack:
                    self._record_entry(entry_id)
        source = changed.source
        if source is not self.model:
            self.model.on_changed(changed)
        if self._panel is not None and source is not self._panel:
            self._panel.on_changed(changed)
        if changed.affects_task_list and source is not self.filters:
            self.filters.reload_communities()
        if changed.affects_task_list:
            self._update_empty_pages()
        for i in range(self.tabs.count()):  # every view built so far, not only those the filters drive
            view = self.page(i)
            if view is not source and hasattr(view, "on_changed"):
                view.on_changed(changed)
        self._update_status()

    _recording, _closed, _shown_once, _task_tab = True, False, False, 0

    def _record_entry(self, entry_id: str) -> None:
        from ledger.service import UNDOABLE
        from ledger.storage import journal

        e = journal.entry(self.ledger.store, entry_id)
        if e is None or e.command not in UNDOABLE or entry_id in self.undo_stack:
            return
        self.undo_stack.append(entry_id)
        self.redo_stack.clear()
        self._update_undo_actions()

    def undo(self) -> None:
        if not self.undo_stack:
            return
        entry = self.undo_stack[-1]
        try:
            self._recording = False
            inverse = self.ledger.undo(entry)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return
        finally:
            self._recording = True
        self.undo_stack.pop()
        if inverse is not None:
            self.redo_stack.append(inverse)
        self._update_undo_actions()

    def redo(self) -> None:
        if not self.redo_stack:
            return
        entry = self.redo_stack[-1]
        try:
            self._recording = False
            again = self.ledger.undo(entry)
        except LedgerError as exc:
            messages.show_error(self, exc)
            return
        finally:
            self._recording = True
        self.redo_stack.pop()
        if again is not None:
            self.undo_stack.append(again)
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        self.undo_action.setEnabled(bool(self.undo_stack))
        self.redo_action.setEnabled(bool(self.redo_stack))

    # ---- commands --------------------------------------------------------------------------
    def new_task(self) -> None:
        from ui.window.dialogs import NewTaskDialog

        spec = NewTaskDialog.ask(self.ledger, self.filters.single_community(), self)
        if spec is None:
            return
        try:
            tid = self.ledger.add_task(
                spec.problem_id,
                spec.community_id,
                spec.measure,
                owner=spec.owner,
                deadline=spec.deadline,
                kind=spec.kind,
            )
        except LedgerError as exc:
            messages.show_error(self, exc)
            return
        self.select_tasks([tid])

    def delete_task(self) -> None:
        tid = self.current_task_id()
        if tid is None:
            return
        t = self.ledger.task(tid)
        if not messages.confirm(
            self,
            self.tr(
                "Delete the task “{measure}” of {community}? It stays in the journal and can be undone."
            ).format(measure=t.measure, community=t.community),
            destructive=True,
        ):
            return
        try:
            self.ledger.delete_task(tid)
        except LedgerError as exc:
            messages.show_error(self, exc)

    def import_plan(self) -> None:
        from ui.imports.plan import PlanImportDialog

        PlanImportDialog.run(self, self.ledger)

    def export_excel(self) -> None:
        from ui.exports.ledger_xlsx import export_from_window

        export_from_window(self)

    def export_notice(self) -> None:
        from ui.exports.notice import export_notice

        export_notice(self, self.ledger)

    def edit_structure(self) -> None:
        from ui.window.structure import StructureDialog

        exec_and_free(StructureDialog(self.ledger, self))

    def _ask_signatures(self) -> None:
        """A signing act asks its signer's password at that moment (签字确认), in this window."""

        def ask(actor: str, act: str) -> str | None:
            from ui.window.people import ask_signature  # imported when a signature is first asked for

            return ask_signature(self, actor, act)

        self.ledger.password_prompt = ask

    def edit_people(self) -> None:
        from ui.window.people import PeopleDialog

        exec_and_free(PeopleDialog(self.ledger, self))

    def change_operator(self) -> None:
        from ui.window.dialogs import OperatorDialog
        from ui.window.people import choose_person

        if register(self.ledger):  # once the register has people, who am I is one of them
            op = choose_person(self.ledger, self)
        else:
            op = OperatorDialog.ask(self.ledger.operator, self)
        if op is not None:
            self.ledger.operator = op
            save_operator(op)
            self._update_title()
            apply_permissions(self)
            self.empty_state.refresh()
            if self._panel is not None:
                self._panel.show_task(self._panel.task.id if self._panel.task else None)

    # ---- chrome ----------------------------------------------------------------------------
    def _update_title(self) -> None:
        op = self.ledger.operator
        role = words.role(op.role)
        self.setWindowTitle(
            self.tr("{org} Rectification Ledger — {name} ({role})").format(
                org=self.ledger.org_name, name=op.name, role=role
            )
        )

    def _update_status(self) -> None:
        stats = self.ledger.stats()
        self.status_counts.setText(
            self.tr("{total} tasks · {shown} shown · {overdue} overdue · {closed} signed off").format(
                total=stats["tasks"],
                shown=self.model.shown_text(),
                overdue=stats["overdue"],
                closed=stats["by_status"]["closed"],
            )
        )

    def _restore_layout(self) -> None:
        s = settings()
        restore_geometry(self)
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self._docks_for_tab()  # closed on 对账 or with a task shown: the docks were saved as they were then
        self.columns.restore()
        widths = s.value("window/dockWidths")
        if isinstance(widths, dict):
            self._dock_widths = {str(k): int(v) for k, v in widths.items() if str(v).isdigit()}
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)

    def save_layout(self) -> None:
        s = settings()
        save_geometry(self)
        s.setValue("window/state", self.saveState())
        self.columns.save()
        for dock in self.docks:
            if dock.isVisible():
                self._dock_widths[dock.objectName()] = dock.width()
        s.setValue("window/dockWidths", self._dock_widths)
        s.sync()

    def may_close(self) -> bool:
        """Unsaved edits in the task panel: offer to save them. False when the user chose to save and the save
        was refused (the window then stays, with the edits and the sentence saying why)."""
        panel = self._panel
        if panel is not None and panel.task is not None and panel.pending_fields():
            if messages.confirm(self, self.tr("The task has unsaved changes. Save them before closing?")):
                return panel.save()
            panel.revert()  # given up: asked once, not again when the window then closes
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close():
            event.ignore()
            return
        self._closed = True
        self.closing.emit()
        if self.remember_layout:
            self.save_layout()
        self.filters.stop()
        self.model.stop()
        self.ledger.unsubscribe(self._observer)
        super().closeEvent(event)
