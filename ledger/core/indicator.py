"""A task's quantified target (量化指标): its own module, imported when a task's indicators are first read (the task
panel, a review's checks), not before the window's first paint (a dataclass costs ~2 M instructions to create)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Indicator:
    id: str
    task_id: str
    name: str
    unit: str
    target: float | None
    actual: float | None
    sort: int = 0
