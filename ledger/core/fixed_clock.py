"""A clock that stands still (tests, demos, generated ledgers): its own module, imported when first used, not before
the window's first paint (a dataclass costs ~1.5 M instructions to create)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ledger.core.clock import Clock


@dataclass
class FixedClock(Clock):
    """A clock that stands still at ``at`` and moves only when told (tests, ``--today``)."""

    at: dt.datetime = field(default_factory=lambda: dt.datetime(2025, 11, 20, 9, 0, 0))

    @classmethod
    def on(cls, day: dt.date | str, hour: int = 9) -> FixedClock:
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        return cls(dt.datetime(day.year, day.month, day.day, hour, 0, 0))

    def now(self) -> dt.datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at = self.at + dt.timedelta(**delta)
