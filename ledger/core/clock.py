"""An injectable clock: "today" and "now" come from here, so dates are testable (DESIGN promise 5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class Clock:
    """The real clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)

    def today(self) -> dt.date:
        return self.now().date()


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


@dataclass
class TodayClock(Clock):
    """The real time of day on a chosen date (the command line's ``--today``)."""

    day: dt.date

    def now(self) -> dt.datetime:
        real = dt.datetime.now().replace(microsecond=0)
        return dt.datetime.combine(self.day, real.time())
