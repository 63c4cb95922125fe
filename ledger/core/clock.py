"""An injectable clock: "today" and "now" come from here, so dates are testable (DESIGN promise 5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledger.core.fixed_clock import FixedClock as FixedClock


class Clock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)

    def today(self) -> dt.date:
        return self.now().date()


@dataclass
class TodayClock(Clock):
    """The real time of day on a chosen date (the command line's ``--today``)."""

    day: dt.date

    def now(self) -> dt.datetime:
        real = dt.datetime.now().replace(microsecond=0)
        return dt.datetime.combine(self.day, real.time())


def __getattr__(name: str) -> Any:
    """``FixedClock`` lives in ledger.core.fixed_clock (imported on first use); it was defined here."""
    if name == "FixedClock":
        from ledger.core.fixed_clock import FixedClock

        return FixedClock
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
