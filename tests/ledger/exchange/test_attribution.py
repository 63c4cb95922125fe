"""Who did what, in what role, where, when it happened and when it reached the ledger; who decided a conflict.

One table of cases: each names how a change reached the master, then what its journal entry must say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ledger.core import FixedClock, Operator, Role
from ledger.exchange import packages as exchange
from ledger.exchange.merge import apply_merge, decide_conflict, open_conflicts
from ledger.service import Ledger
from ledger.storage import Entry, journal
from tests.ledger.exchange.exchange_helpers import edit_package, master

SENT = "2025-11-18 16:30:00"  # the secretary worked on the package on the 18th
MERGED = "2025-11-20 09:00:00"  # the work team imported the return on the 20th


def _round(tmp_path: Path, clock: FixedClock, *, conflict: bool) -> tuple[Ledger, dict[str, Any], Path]:
    """A package issued on the 17th, the secretary's progress on the 18th, (the master's own progress on the 19th),
    the return imported on the 20th."""
    clock.at = dt.datetime(2025, 11, 17, 9)
    led, ids = master(tmp_path, clock)
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    clock.at = dt.datetime.fromisoformat(SENT)
    pkg = edit_package(path, clock)
    try:
        pkg.update_progress(ids["tasks_a"][0], "书记写的进展")
    finally:
        pkg.close()
    ret = exchange.return_package(path, clock=clock)
    if conflict:
        clock.at = dt.datetime(2025, 11, 19, 10)
        led.update_progress(ids["tasks_a"][0], "专班写的进展")
    clock.at = dt.datetime.fromisoformat(MERGED)
    return led, ids, ret


def _last(led: Ledger, command: str) -> Entry:
    return [e for e in journal.entries(led.store) if e.command == command][-1]


# how the change arrived → (command, actor, role, origin starts with, happened_at, received_at)
CASES = [
    ("here", ("update_progress", "张专班", "work_team", "本机", MERGED, MERGED)),
    ("package", ("update_progress", "王书记", "secretary", "上报包:", SENT, MERGED)),
]


@pytest.mark.parametrize(("how", "want"), CASES, ids=[c[0] for c in CASES])
def test_every_entry_says_who_where_and_when(
    tmp_path: Path, clock: FixedClock, how: str, want: tuple[str, ...]
) -> None:
    led, ids, ret = _round(tmp_path, clock, conflict=False)
    try:
        if how == "here":
            led.update_progress(ids["tasks_a"][1], "专班补写")
        else:
            apply_merge(led, ret)
        e = _last(led, want[0])
        assert (e.command, e.actor, e.role) == want[:3]
        assert e.origin.startswith(want[3])
        assert (e.happened_at, e.received_at) == want[4:]
        assert journal.verify(led.store) is None  # the time it happened is in the hashed payload
    finally:
        led.close()


# a conflict decided "ours" / "theirs" / "new", through apply-package --decide or decide-conflict afterwards
DECISIONS = [
    (path, choice, value, after)
    for path in ("at_import", "afterwards")
    for choice, value, after in (
        ("ours", None, "专班写的进展"),
        ("theirs", None, "书记写的进展"),
        ("new", "两边商量后的进展", "两边商量后的进展"),
    )
]


@pytest.mark.parametrize(
    ("path", "choice", "value", "after"), DECISIONS, ids=[f"{d[0]}-{d[1]}" for d in DECISIONS]
)
def test_a_decision_is_one_entry_by_the_person_who_decided(
    tmp_path: Path, clock: FixedClock, path: str, choice: str, value: str | None, after: str
) -> None:
    led, ids, ret = _round(tmp_path, clock, conflict=True)
    t0 = ids["tasks_a"][0]
    try:
        decider = Operator("李专班", Role.WORK_TEAM)
        if path == "at_import":
            led.operator = decider
            apply_merge(led, ret, {f"task:{t0}:progress": (choice, value)})
        else:
            apply_merge(led, ret)
            (row,) = open_conflicts(led)
            led.operator = decider
            decide_conflict(led, row["id"][:8], choice, value)
        assert led.task(t0).progress == after
        decisions = [e for e in journal.entries(led.store) if e.command == "decide_conflict"]
        assert len(decisions) == 1, "one entry per decision"
        d = decisions[0]
        assert (d.actor, d.role) == ("李专班", "work_team")
        assert (d.args["ours"], d.args["theirs"], d.args["choice"]) == (
            "专班写的进展",
            "书记写的进展",
            choice,
        )
        assert d.args["their_author"] == "王书记" and d.args["value"] == value
        progress = [c for c in d.changes if c.table == "task" and c.field == "progress"]
        assert [c.after for c in progress] == ([] if choice == "ours" else [after])
        # nobody else is credited with the decided value (only the master's own edit, when it was kept)
        writers = [
            e.actor
            for e in journal.entries(led.store)
            if e.command == "update_progress"
            and any(c.field == "progress" and c.after == after for c in e.changes)
        ]
        assert writers == (["张专班"] if choice == "ours" else [])
        assert journal.verify(led.store) is None
        assert not open_conflicts(led)
    finally:
        led.close()
