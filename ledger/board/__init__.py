"""挂图督战: the wall chart, the kanban and the overview, counted in SQL under a colour scheme.

The room's face imports its modules when one of their names is first asked for (PEP 562): the window's first paint
needs only the colour scheme (the table's state chips), not the wall chart, the kanban, the overview or the trends
(with ``query``, 2-4 ms). ``trends`` is both a module and a function here: importing the module sets the room's
attribute of that name to the module, so the room's own ``__setattr__`` keeps the function there instead.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from ledger import lazy_attribute

if TYPE_CHECKING:
    from ledger.board.kanban import KANBAN_ORDER, KanbanColumn, kanban_columns
    from ledger.board.overview import CommunityProgress, community_progress, overdue_tasks
    from ledger.board.scheme import (
        BASE_LABELS,
        BASE_STATES,
        CLOSED,
        DEFAULT,
        DEFAULT_LETTERS,
        EMPTY,
        MAX_BANDS,
        NORMAL,
        NOT_STARTED,
        ONGOING,
        OVERDUE,
        PENDING,
        PRESETS,
        RED_DONE,
        SETTING_KEY,
        BoardScheme,
        cell_health,
        days_text,
        deadline_driven,
        load_scheme,
        preset_of,
        save_scheme,
        state_rank,
    )
    from ledger.board.trends import JournalReplay, Trends, journal_size, trends
    from ledger.board.wallchart import (
        BoardData,
        Cell,
        Totals,
        board_data,
        cell_task_ids,
        cell_task_rowids,
        cell_tasks,
        short_title,
    )

# name -> the module of this room that defines it. Each name is listed three times (the imports above, here,
# __all__) on purpose: mypy's strict re-export and ruff's F401 need a literal __all__ (or `X as X` per import), and
# the imports above never run; tests/ledger/board/test_room.py keeps the three lists equal.
HOMES = {
    **dict.fromkeys(("JournalReplay", "Trends", "journal_size", "trends"), "trends"),
    **dict.fromkeys(("KANBAN_ORDER", "KanbanColumn", "kanban_columns"), "kanban"),
    **dict.fromkeys(("CommunityProgress", "community_progress", "overdue_tasks"), "overview"),
    **dict.fromkeys(
        (
            "BASE_LABELS",
            "BASE_STATES",
            "CLOSED",
            "DEFAULT",
            "DEFAULT_LETTERS",
            "EMPTY",
            "MAX_BANDS",
            "NORMAL",
            "NOT_STARTED",
            "ONGOING",
            "OVERDUE",
            "PENDING",
            "PRESETS",
            "RED_DONE",
            "SETTING_KEY",
            "BoardScheme",
            "cell_health",
            "days_text",
            "deadline_driven",
            "load_scheme",
            "preset_of",
            "save_scheme",
            "state_rank",
        ),
        "scheme",
    ),
    **dict.fromkeys(
        (
            "BoardData",
            "Cell",
            "Totals",
            "board_data",
            "cell_task_ids",
            "cell_task_rowids",
            "cell_tasks",
            "short_title",
        ),
        "wallchart",
    ),
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, HOMES, name)


def __dir__() -> list[str]:
    return sorted({*globals(), *HOMES})


class Room(types.ModuleType):
    """This package's module type: the import system's ``setattr(ledger.board, "trends", <module>)`` after the
    first import of ``ledger.board.trends`` (from anywhere) leaves the function of that name in its place."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "trends" and isinstance(value, types.ModuleType):
            value = value.trends
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = Room


__all__ = [
    "BASE_LABELS",
    "BASE_STATES",
    "BoardData",
    "BoardScheme",
    "CLOSED",
    "Cell",
    "CommunityProgress",
    "DEFAULT",
    "DEFAULT_LETTERS",
    "EMPTY",
    "JournalReplay",
    "journal_size",
    "KANBAN_ORDER",
    "KanbanColumn",
    "MAX_BANDS",
    "NORMAL",
    "NOT_STARTED",
    "ONGOING",
    "OVERDUE",
    "PENDING",
    "PRESETS",
    "RED_DONE",
    "SETTING_KEY",
    "Totals",
    "Trends",
    "board_data",
    "cell_health",
    "cell_task_ids",
    "cell_task_rowids",
    "cell_tasks",
    "community_progress",
    "days_text",
    "deadline_driven",
    "kanban_columns",
    "load_scheme",
    "overdue_tasks",
    "preset_of",
    "save_scheme",
    "short_title",
    "state_rank",
    "trends",
]
