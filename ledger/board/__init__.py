"""挂图督战: the wall chart, the kanban and the overview, counted in SQL under a colour scheme.

The room's face imports its modules when one of their names is first asked for (PEP 562): the window's first paint
needs only the colour scheme (the table's state chips), not the wall chart, the kanban or the overview (~5 ms).
``trends`` is both a module and a function here, so that module is imported at once: a later import of the module
would otherwise put the module in the function's place.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ledger.board.trends import JournalReplay, Trends, journal_size, trends

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

# name -> the module of this room that defines it
HOMES = {
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
    home = HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *HOMES})


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
