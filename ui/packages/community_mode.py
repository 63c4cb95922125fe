"""社区版: the main window on a community package (居民区书记, offline).

``apply_community_mode(window)`` is called by MainWindow when ``ledger.package`` is set: the community tree holds
only the package's community, the work team's columns and task fields are read-only (only
``community_editable_fields()`` may be edited), a banner says which package this is, and 上报… writes the return
file beside the package (``exchange.return_ledger``, as the command line's return-package). ``open_package_over`` guards a secretary opening a newer package over their copy.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ledger.core.errors import LedgerError
from ledger.exchange import SECRETARY_FIELDS
from ledger.exchange import packages as exchange
from ledger.service.commands import Ledger
from ui.common import messages, palette
from ui.table.model import COLUMNS

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CommunityMode", text)


def package_of(ledger: Ledger) -> dict[str, Any] | None:
    """The package setting of an open ledger (None for a master ledger); ``Ledger.package`` when it exists."""
    if hasattr(type(ledger), "package"):
        return ledger.package
    value = ledger.setting(exchange.PACKAGE_SETTING)
    return value if isinstance(value, dict) else None


def community_editable_fields() -> frozenset[str]:
    """The task fields a secretary may edit in a package (the merge refuses the others): {"progress"}."""
    from ledger.service import commands as service

    return frozenset(getattr(service, "PACKAGE_TASK_FIELDS", SECRETARY_FIELDS["task"]))


def editable_columns() -> frozenset[int]:
    """Columns of the ledger table that stay editable in community mode."""
    fields = community_editable_fields()
    return frozenset(i for i, col in enumerate(COLUMNS) if col[3] is not None and col[3] in fields)


def banner_text(info: dict[str, Any]) -> str:
    return _tr(
        "Community edition: {community} · issued on {date} · after your changes press “Return…”"
    ).format(community=info.get("community", ""), date=str(info.get("issued_at", ""))[:10])


# ---- the window ---------------------------------------------------------------------------------------------------
def apply_community_mode(window: MainWindow) -> bool:
    """Restrict ``window`` to its package's community; False (nothing done) on a master ledger."""
    info = package_of(window.ledger)
    if info is None:
        return False
    window.setProperty("communityMode", True)
    _restrict_tree(window, str(info.get("community_id", "")))
    _lock_table(window)  # the task panel locks itself when it is built (lock_panel)
    action = _return_action(window)
    _add_banner(window, info, action)
    title = window.windowTitle()
    if info.get("community") and str(info["community"]) not in title:
        window.setWindowTitle(f"{title} — {info['community']}")
    return True


def _restrict_tree(window: MainWindow, community_id: str) -> None:
    filters = window.filters
    original = filters.reload_communities

    def hide_others() -> None:
        root = filters.tree.topLevelItem(0)
        if root is None:
            return
        for i in range(root.childCount()):
            child = root.child(i)
            if child is not None:
                child.setHidden(child.data(0, Qt.ItemDataRole.UserRole) != community_id)

    def reload() -> None:
        original()
        hide_others()

    filters.reload_communities = reload  # type: ignore[method-assign]
    hide_others()
    if community_id:
        filters.select_community(community_id)


def _lock_table(window: MainWindow) -> None:
    from ui.window.delegate import EditDelegate

    class CommunityDelegate(EditDelegate):
        """No editor for the work team's columns (the model may still flag them editable)."""

        def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget | None:  # type: ignore[override]
            if index.column() not in editable_columns():
                window.statusBar().showMessage(
                    _tr(
                        "This field is the work team's; in a community package only "
                        "progress, indicators, evidence and requests can be changed."
                    ),
                    6000,
                )
                return None
            return super().createEditor(parent, option, index)

    window.table.setItemDelegate(CommunityDelegate(window.table))


def lock_panel(window: MainWindow) -> None:
    """Make the task panel's work-team fields read-only (survives ``show_task``, which only toggles enabled)."""
    panel = window.panel
    tip = _tr(
        "This field is the work team's; in a community package only progress, indicators, evidence and "
        "requests can be changed."
    )
    for name in ("measure", "owner", "leader", "department", "deadline", "no_deadline", "kind"):
        w = getattr(panel, name, None)
        if not isinstance(w, QWidget):
            continue
        if isinstance(w, (QLineEdit, QAbstractSpinBox)):
            w.setReadOnly(True)
        else:  # combo box, check box: no read-only mode; let the clicks through to nothing
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        w.setProperty("workTeamField", True)
        w.setToolTip(tip)
        w.setStyleSheet(f"background:{palette.READ_ONLY_BG}; color:{palette.READ_ONLY_TEXT};")


def _return_action(window: MainWindow) -> QAction:
    act = QAction(_tr("Return…"), window)
    act.setObjectName("returnPackage")
    act.setToolTip(_tr("Write the return file for the work team beside this package"))
    act.setStatusTip(act.toolTip())
    act.triggered.connect(lambda _checked=False: return_from_window(window))
    window.addAction(act)
    bar = window.menuBar()
    # QAction.menu() is typed QObject (QAction lives in QtGui); a menu bar's entries hold QMenus
    menus = [m for a in bar.actions() if isinstance(m := a.menu(), QMenu)]
    if menus:
        file_menu = menus[0]
        first = next((a for a in file_menu.actions() if a.isSeparator()), None)
        if first is not None:
            file_menu.insertAction(first, act)
        else:
            file_menu.addAction(act)
    return act


def _add_banner(window: MainWindow, info: dict[str, Any], action: QAction) -> None:
    bar = QWidget()
    bar.setObjectName("communityBar")
    banner = palette.COMMUNITY_BANNER
    bar.setStyleSheet(
        f"#communityBar {{ background:{banner.background}; border-bottom:1px solid {banner.border}; }}"
    )
    label = QLabel(banner_text(info))
    label.setObjectName("communityBanner")
    label.setStyleSheet(f"color:{banner.text}; font-weight:bold; padding:4px 6px;")
    label.setWordWrap(True)
    button = QToolButton()
    button.setObjectName("returnButton")
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    row = QHBoxLayout(bar)
    row.setContentsMargins(6, 2, 6, 2)
    row.addWidget(label, 1)
    row.addWidget(button)
    tabs = window.takeCentralWidget()
    holder = QWidget()
    holder.setObjectName("communityCentral")
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(bar)
    if tabs is not None:
        column.addWidget(tabs, 1)
    window.setCentralWidget(holder)
    window.community_banner = label  # type: ignore[attr-defined]
    window.return_action = action  # type: ignore[attr-defined]


# ---- 上报 ---------------------------------------------------------------------------------------------------------
def show_returned(parent: QWidget | None, path: Path) -> None:
    """Where the return file went, with 打开所在文件夹 (tests patch this)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _tr("Return written"),
        _tr(
            "The return file was written: {path}\nGive it to the work team (USB stick, e-mail) to "
            "import. This package stays your working copy."
        ).format(path=path),
        parent=parent,
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    folder = box.addButton(_tr("Open the folder"), QMessageBox.ButtonRole.ActionRole)
    ok = box.addButton(_tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(ok)
    box.exec()
    if box.clickedButton() is folder:
        from ui.common.util import open_folder

        open_folder(parent, path.parent)


def return_from_window(window: MainWindow) -> Path | None:
    """The 上报… action: save the task panel's pending edits, write the return, say where it is."""
    panel = window.panel
    if getattr(panel, "task", None) is not None and panel.pending_fields() and not panel.save():
        return None
    try:
        path = exchange.return_ledger(window.ledger, operator=window.ledger.operator)
    except LedgerError as exc:
        messages.show_error(window, exc, _tr("Cannot write the return"))
        return None
    window.last_return = path  # type: ignore[attr-defined]
    window.statusBar().showMessage(str(path), 10000)
    show_returned(window, path)
    return path


# ---- a newer package over the secretary's copy --------------------------------------------------------------------
def open_package_over(parent: QWidget | None, old_path: str | Path, new_path: str | Path) -> bool:
    """Replace the secretary's copy ``old_path`` by the newer package ``new_path`` after showing
    ``check_replace``'s sentence; True when replaced (open ``old_path`` afterwards). The old copy must not be
    open (close its window's ledger first). When refused, the sentence says what to do first; nothing moves."""
    try:
        check = exchange.check_replace(old_path, new_path)
    except LedgerError as exc:
        messages.show_error(parent, exc, _tr("Cannot replace the package"))
        return False
    if not check.ok:
        messages.show_error(parent, check.sentence, _tr("Cannot replace the package"))
        return False
    old, new = Path(old_path), Path(new_path)
    if exchange.open_package_info(old).package_id == exchange.open_package_info(new).package_id:
        messages.info(parent, check.sentence, _tr("Open the new package"))
        return False
    question = _tr(
        "{sentence}\n\nReplace your copy “{old}” with the new package? The old copy is kept beside it."
    ).format(sentence=check.sentence, old=old.name)
    if not messages.confirm(parent, question, _tr("Open the new package")):
        return False
    try:
        exchange.replace_package(old, new)
    except LedgerError as exc:
        messages.show_error(parent, exc, _tr("Cannot replace the package"))
        return False
    return True
