"""The domain's vocabulary: statuses, roles and tasks, the review workflow, errors, values and the clock.

The review workflow's names, ``FixedClock`` and ``Indicator`` (and their modules) are imported when first asked for
(PEP 562): the window's first paint shows tasks but takes no step, reads no indicator and keeps the real time; the
workflow's three frozen dataclasses cost ~14 M instructions to create, the two others ~3.5 M together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger import lazy_attribute
from ledger.core.clock import Clock, TodayClock
from ledger.core.errors import KnownStorageError, LedgerError
from ledger.core.model import (
    FIELD_LABELS,
    LATE_STATUSES,
    OPEN_STATUSES,
    Health,
    Kind,
    Operator,
    Role,
    Status,
    TaskRow,
    health,
)
from ledger.core.values import clean_text, is_blank, parse_date, parse_number, xml_safe

if TYPE_CHECKING:
    from ledger.core.fixed_clock import FixedClock
    from ledger.core.indicator import Indicator
    from ledger.core.workflow import (
        ACTION_LABELS,
        CHECK_LABELS,
        GRADES,
        SECOND_ROUND_GRADES,
        Action,
        allowed_actions,
    )

# name -> the module of this room that defines it, imported when the name is first asked for.
LAZY = {
    **dict.fromkeys(
        ("ACTION_LABELS", "CHECK_LABELS", "GRADES", "SECOND_ROUND_GRADES", "Action", "allowed_actions"),
        "workflow",
    ),
    "FixedClock": "fixed_clock",
    "Indicator": "indicator",
}


def __getattr__(name: str) -> Any:
    return lazy_attribute(__name__, LAZY, name)


__all__ = [
    "ACTION_LABELS",
    "Action",
    "Clock",
    "FIELD_LABELS",
    "FixedClock",
    "CHECK_LABELS",
    "GRADES",
    "Health",
    "Indicator",
    "Kind",
    "KnownStorageError",
    "LATE_STATUSES",
    "LedgerError",
    "OPEN_STATUSES",
    "Operator",
    "Role",
    "SECOND_ROUND_GRADES",
    "Status",
    "TaskRow",
    "TodayClock",
    "allowed_actions",
    "health",
    "parse_date",
    "clean_text",
    "is_blank",
    "xml_safe",
    "parse_number",
]
