"""对账销账: weekly reconciliation periods over the journal, as GnuCash reconciles a bank statement.

A period is one ISO week (``2025-W47``); the ledger setting ``week_closes_on`` (ISO weekday 1-7, default 5 =
Friday) says on which day a week closes, and the period's window is the 7 days ending on that day of the ISO
week. The period reconciles the journal entries after the last closed period (``start_seq``) up to its cut
(the last entry dated on or before the closing day, or now while the week is running).

* The opening counts are the last closed period's snapshot counts (the first period reconstructs them from the
  journal as of the end of the day before its window).
* A **line** is one journal entry in the period that changed a task (any field but the derived order keys and
  ``updated_at``) or an indicator. Each line knows its effect on the counts: ``tasks``, ``signed_off``, ``open``
  and one key per status (e.g. 申请销号 moves ``in_progress`` −1, ``submitted`` +1).
* **difference** = (opening + Σ effects of the ticked lines) − counts at the cut, over those keys. It is zero
  exactly when every line with a non-zero effect is ticked. ``overdue`` is shown but not reconciled: it moves
  with the calendar, not with entries.
* **Closing** needs every line ticked — lines with no effect on the counts (a progress note, an indicator's
  actual) too, because a person checks the content, not only the counts — or a non-empty note explaining the
  lines left unticked; the note is journalled with the snapshot. A closed period never changes: tick, untick,
  close and opening its week again are refused (``period_closed``). A later correction is made in the next
  period, which may say which period it corrects (``corrects``).

Everything is written through ``Ledger.command`` (one journalled transaction per command).

The weeks and the counts live in ``ledger.reconcile_counts``, the chase list and the task lists in
``ledger.reconcile_lists``, the command line in ``ledger.reconcile_cli``; the public names of the first two are
imported here too, so ``from ledger.reconcile import …`` and ``rc.…`` keep working.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ledger.core.errors import LedgerError
from ledger.core.model import FIELD_LABELS, Role, Status
from ledger.reconcile.counts import (
    COUNT_KEYS,
    COUNT_LABELS,
    DEFAULT_CLOSES_ON,
    LATE_STATUSES,
    OPEN_VALUES,
    TRACKED,
    WEEK_SETTING,
    apply_entry,
    closes_on,
    count_vector,
    counts,
    current_state,
    parse_week,
    undo_entries,
    week_name,
    week_of,
    week_window,
)
from ledger.reconcile.lists import (
    DEFAULT_STALL_WEEKS,
    STALL_SETTING,
    ChaseRow,
    chase_list,
    overdue_tasks,
    pending_extension_requests,
    pending_signoff,
    stall_weeks,
    stalled_tasks,
)
from ledger.service.commands import Ledger
from ledger.storage import journal
from ledger.storage.journal import Entry
from ledger.storage.store import new_id

__all__ = [
    # this module: periods, lines, ticks, closing, comparing
    "IGNORED_TASK_FIELDS",
    "MANAGERS",
    "Line",
    "LineItem",
    "Period",
    "Reconciliation",
    "build_snapshot",
    "close_period",
    "compare",
    "difference",
    "find_period",
    "last_closed",
    "open_period",
    "period",
    "periods",
    "reconcile",
    "show",
    "snapshot",
    "tick",
    "untick",
    # ledger.reconcile_counts
    "COUNT_KEYS",
    "COUNT_LABELS",
    "DEFAULT_CLOSES_ON",
    "LATE_STATUSES",
    "OPEN_VALUES",
    "TRACKED",
    "WEEK_SETTING",
    "closes_on",
    "counts",
    "parse_week",
    "week_name",
    "week_of",
    "week_window",
    # ledger.reconcile_lists
    "DEFAULT_STALL_WEEKS",
    "STALL_SETTING",
    "ChaseRow",
    "chase_list",
    "overdue_tasks",
    "pending_extension_requests",
    "pending_signoff",
    "stall_weeks",
    "stalled_tasks",
]

IGNORED_TASK_FIELDS = frozenset({"updated_at", "ord_problem", "ord_community", "sort"})
MANAGERS = (Role.WORK_TEAM, Role.LEADER)


# ---- periods -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """One row of ``period``. ``opening`` and ``snapshot`` are the decoded JSON (snapshot None while open)."""

    id: str
    week: str
    week_start: dt.date
    week_end: dt.date
    start_seq: int
    opened_at: str
    opened_by: str
    opening: dict[str, Any]
    closed_at: str | None
    closed_by: str
    end_seq: int | None
    snapshot: dict[str, Any] | None
    note: str
    corrects: str

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Period:
        return cls(
            r["id"],
            r["week"],
            dt.date.fromisoformat(r["week_start"]),
            dt.date.fromisoformat(r["week_end"]),
            r["start_seq"],
            r["opened_at"],
            r["opened_by"],
            json.loads(r["opening"]),
            r["closed_at"],
            r["closed_by"],
            r["end_seq"],
            json.loads(r["snapshot"]) if r["snapshot"] else None,
            r["note"],
            r["corrects"],
        )


@dataclass(frozen=True)
class LineItem:
    """One field of one task (or indicator) a line changed, before → after. ``field`` is the column
    ("status", "progress", …; "indicator.actual" for an indicator; "+task" / "-task" / "+indicator" /
    "-indicator" for a row added or removed), ``label`` what a person reads (状态, 指标“…”实际值)."""

    task_id: str | None
    community: str
    measure: str
    field: str
    label: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Line:
    """One journal entry of the period that changed a task: what it did and its effect on the counts."""

    entry_id: str
    seq: int
    at: str
    actor: str
    command: str
    task_ids: tuple[str, ...]
    communities: tuple[str, ...]
    items: tuple[LineItem, ...]
    effect: dict[str, int]
    ticked: bool = False
    ticked_by: str = ""
    ticked_at: str = ""

    @property
    def submits(self) -> bool:
        """An 申请销号 line."""
        return self.command == "submit" or any(
            i.field == "status" and i.after == Status.SUBMITTED.value for i in self.items
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "entry": self.entry_id,
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "command": self.command,
            "tasks": list(self.task_ids),
            "communities": list(self.communities),
            "items": [
                {
                    "task": i.task_id,
                    "community": i.community,
                    "measure": i.measure,
                    "field": i.field,
                    "label": i.label,
                    "before": i.before,
                    "after": i.after,
                }
                for i in self.items
            ],
            "effect": self.effect,
            "ticked": self.ticked,
            "ticked_by": self.ticked_by,
            "ticked_at": self.ticked_at,
            "submits": self.submits,
        }


@dataclass
class Reconciliation:
    """What the 对账 window shows for one period (open: live; closed: the lines as they were at the close)."""

    period: Period
    cut_seq: int
    as_of: dt.date
    opening: dict[str, int]
    now: dict[str, int]
    lines: list[Line]
    difference: dict[str, int]
    by_community: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        return not any(self.difference.values())

    @property
    def unticked(self) -> list[Line]:
        return [ln for ln in self.lines if not ln.ticked]

    @property
    def closable(self) -> bool:
        """Closable without a note: every line ticked (the difference is then zero)."""
        return not self.period.closed and not self.unticked


def _require_role(ledger: Ledger, action: str) -> None:
    op = ledger.operator
    if op.role not in MANAGERS:
        raise LedgerError(
            "wrong_role",
            action=action,
            need="或".join(r.label for r in MANAGERS),
            actor=op.name,
            role=op.role.label,
        )


def _now(ledger: Ledger) -> str:
    return ledger.clock.now().isoformat(sep=" ")


def periods(ledger: Ledger) -> list[Period]:
    return [Period.from_row(r) for r in ledger.store.rows("SELECT * FROM period ORDER BY week")]


def period(ledger: Ledger, week: str) -> Period:
    name = week_name(week)
    rows = ledger.store.rows("SELECT * FROM period WHERE week = ?", (name,))
    if not rows:
        raise LedgerError("no_such_period", week=name)
    return Period.from_row(rows[0])


def find_period(ledger: Ledger, week: str) -> Period | None:
    try:
        return period(ledger, week)
    except LedgerError as exc:
        if exc.code == "no_such_period":
            return None
        raise


def last_closed(ledger: Ledger) -> Period | None:
    rows = ledger.store.rows("SELECT * FROM period WHERE closed_at IS NOT NULL ORDER BY week DESC LIMIT 1")
    return Period.from_row(rows[0]) if rows else None


def _refuse_closed(p: Period) -> None:
    if p.closed:
        raise LedgerError("period_closed", week=p.week, at=p.closed_at, by=p.closed_by)


def open_period(ledger: Ledger, week: str, *, corrects: str = "") -> Period:
    """Open 对账 for ``week``: the opening counts are carried from the last closed period."""
    _require_role(ledger, "开始对账")
    name = week_name(week)
    existing = find_period(ledger, name)
    if existing is not None:
        _refuse_closed(existing)
        raise LedgerError("period_exists", week=name, state="尚未结账")
    other = ledger.store.one("SELECT week FROM period WHERE closed_at IS NULL LIMIT 1")
    if other:
        raise LedgerError("period_other_open", other=other, week=name)
    prev = last_closed(ledger)
    if prev is not None and name <= prev.week:
        raise LedgerError("period_too_early", week=name, last=prev.week)
    if corrects:
        corrects = week_name(corrects)
        target = find_period(ledger, corrects)
        if target is None or not target.closed:
            raise LedgerError("no_such_period", week=corrects)
    start, end = week_window(ledger, name)
    if prev is not None and prev.snapshot is not None:
        start_seq = int(prev.end_seq or 0)
        c = prev.snapshot["counts"]
        opening = {k: int(c.get(k, 0)) for k in (*COUNT_KEYS, "overdue")}
    else:
        start_seq = int(
            ledger.store.one("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE at < ?", (start.isoformat(),))
        )
        state = current_state(ledger)
        undo_entries(state, journal.entries(ledger.store, since_seq=start_seq))
        opening = counts(state, start)
    row = {
        "id": new_id(),
        "week": name,
        "week_start": start.isoformat(),
        "week_end": end.isoformat(),
        "start_seq": start_seq,
        "opened_at": _now(ledger),
        "opened_by": ledger.operator.name,
        "opening": json.dumps(opening, ensure_ascii=False, sort_keys=True),
        "closed_at": None,
        "closed_by": "",
        "end_seq": None,
        "snapshot": None,
        "note": "",
        "corrects": corrects,
    }
    with ledger.command("open_period", None, {"week": name, "corrects": corrects}) as tx:
        tx.insert("period", row)
    return period(ledger, name)


def _cut_seq(ledger: Ledger, p: Period) -> int:
    if p.closed:
        return int(p.end_seq or 0)
    nxt = (p.week_end + dt.timedelta(days=1)).isoformat()
    return max(
        p.start_seq, int(ledger.store.one("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE at < ?", (nxt,)))
    )


def _as_of(ledger: Ledger, p: Period) -> dt.date:
    if p.snapshot is not None:
        return dt.date.fromisoformat(p.snapshot["as_of"])
    return min(ledger.today(), p.week_end)


def _ticks(ledger: Ledger, p: Period) -> dict[str, dict[str, Any]]:
    return {
        r["entry_id"]: r for r in ledger.store.rows("SELECT * FROM period_tick WHERE period_id = ?", (p.id,))
    }


def _is_line(e: Entry) -> bool:
    return any(
        (c.table == "task" and (c.op != "update" or c.field not in IGNORED_TASK_FIELDS))
        or c.table == "indicator"
        for c in e.changes
    )


def _replay(
    ledger: Ledger, p: Period
) -> tuple[list[Line], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The period's lines (unticked), and the task state at its start and at its cut."""
    cut = _cut_seq(ledger, p)
    later = journal.entries(ledger.store, since_seq=p.start_seq)
    state = current_state(ledger)
    undo_entries(state, later)
    at_start = {k: dict(v) for k, v in state.items()}
    names = {r["id"]: r["name"] for r in ledger.store.rows("SELECT id, name FROM community")}
    indicator_task = {r["id"]: r["task_id"] for r in ledger.store.rows("SELECT id, task_id FROM indicator")}
    lines: list[Line] = []
    for e in later:
        if e.seq > cut:
            break
        if not _is_line(e):
            apply_entry(state, e)
            continue
        before = count_vector(state)
        apply_entry(state, e)
        after = count_vector(state)
        items: list[LineItem] = []
        for c in e.changes:
            if c.table == "indicator":
                tid = (c.row or {}).get("task_id") or indicator_task.get(c.id)
                if c.op == "update":
                    name, label = f"indicator.{c.field}", f"指标{_label(c.field)}"
                else:
                    name = ("+" if c.op == "insert" else "-") + "indicator"
                    label = (
                        "新增" if c.op == "insert" else "删除"
                    ) + f"指标“{(c.row or {}).get('name', '')}”"
            elif c.table == "task":
                if c.op == "update" and c.field in IGNORED_TASK_FIELDS:
                    continue
                tid = c.id
                if c.op == "update":
                    name, label = str(c.field), _label(c.field)
                else:
                    name = ("+" if c.op == "insert" else "-") + "task"
                    label = "新增任务" if c.op == "insert" else "删除任务"
            else:
                continue
            t = state.get(tid or "") or at_start.get(tid or "") or {}
            b, a = (
                (c.before, c.after)
                if c.op == "update"
                else ((None, "新增") if c.op == "insert" else ("存在", None))
            )
            items.append(
                LineItem(
                    tid, names.get(t.get("community_id") or "", ""), t.get("measure") or "", name, label, b, a
                )
            )
        task_ids = tuple(dict.fromkeys(i.task_id for i in items if i.task_id))
        lines.append(
            Line(
                e.id,
                e.seq,
                e.at,
                e.actor,
                e.command,
                task_ids,
                tuple(dict.fromkeys(i.community for i in items if i.community)),
                tuple(items),
                {k: after[k] - before[k] for k in COUNT_KEYS if after[k] != before[k]},
            )
        )
    return lines, at_start, state


def _label(name: str | None) -> str:
    return str(FIELD_LABELS.get(name or "", name or "")) if isinstance(FIELD_LABELS, dict) else str(name)


def reconcile(ledger: Ledger, week: str) -> Reconciliation:
    """The live 对账 of a period: opening, lines with their ticks, counts at the cut, the running difference."""
    p = period(ledger, week)
    lines, _, at_cut = _replay(ledger, p)
    ticks = _ticks(ledger, p)
    lines = [
        Line(
            **{
                **ln.__dict__,
                "ticked": ln.entry_id in ticks,
                "ticked_by": ticks.get(ln.entry_id, {}).get("ticked_by", ""),
                "ticked_at": ticks.get(ln.entry_id, {}).get("ticked_at", ""),
            }
        )
        for ln in lines
    ]
    as_of = _as_of(ledger, p)
    now = counts(at_cut, as_of)
    opening = {k: int(p.opening.get(k, 0)) for k in (*COUNT_KEYS, "overdue")}
    return Reconciliation(
        p,
        _cut_seq(ledger, p),
        as_of,
        opening,
        now,
        lines,
        difference(opening, lines, now),
        _by_community(ledger, at_cut, as_of),
    )


def difference(opening: dict[str, int], lines: Iterable[Line], now: dict[str, int]) -> dict[str, int]:
    """(opening + Σ effects of the ticked lines) − now, per reconciled key."""
    out = {k: int(opening.get(k, 0)) - int(now.get(k, 0)) for k in COUNT_KEYS}
    for ln in lines:
        if ln.ticked:
            for k, v in ln.effect.items():
                out[k] += v
    return out


def _by_community(
    ledger: Ledger, state: dict[str, dict[str, Any]], as_of: dt.date
) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    groups: dict[Any, dict[str, dict[str, Any]]] = {}
    for k, v in state.items():  # one pass, not one pass over every task per community
        groups.setdefault(v.get("community_id"), {})[k] = v
    rows = ledger.store.rows("SELECT id, name FROM community ORDER BY sort, rowid")
    for r in rows:
        c = counts(groups.get(r["id"], {}), as_of)
        out[r["name"]] = {
            "tasks": c["tasks"],
            "signed_off": c["signed_off"],
            "open": c["open"],
            "overdue": c["overdue"],
        }
    return out


# ---- ticks ---------------------------------------------------------------------------------------------------
def tick(ledger: Ledger, week: str, entry_ids: Iterable[str] | None = None) -> int:
    """Tick (已核对) lines of an open period: the given journal entry ids (or id prefixes of 6+), or all when
    None. Returns how many ticks were written."""
    _require_role(ledger, "核对")
    rec = reconcile(ledger, week)
    _refuse_closed(rec.period)
    by_id = {ln.entry_id: ln for ln in rec.lines}
    wanted = list(by_id) if entry_ids is None else [_resolve(rec, ref) for ref in entry_ids]
    todo = [eid for eid in dict.fromkeys(wanted) if not by_id[eid].ticked]
    if not todo:
        return 0
    now = _now(ledger)
    with ledger.command("tick_period", None, {"week": rec.period.week, "entries": todo}) as tx:
        for eid in todo:
            tx.insert(
                "period_tick",
                {
                    "id": new_id(),
                    "period_id": rec.period.id,
                    "entry_id": eid,
                    "ticked_by": ledger.operator.name,
                    "ticked_at": now,
                },
            )
    return len(todo)


def untick(ledger: Ledger, week: str, entry_ids: Iterable[str]) -> int:
    """Remove ticks while the period is open."""
    _require_role(ledger, "取消核对")
    p = period(ledger, week)
    _refuse_closed(p)
    rec = reconcile(ledger, week)
    ticks = _ticks(ledger, p)
    todo = [
        ticks[eid]["id"] for eid in dict.fromkeys(_resolve(rec, ref) for ref in entry_ids) if eid in ticks
    ]
    if not todo:
        return 0
    with ledger.command("untick_period", None, {"week": p.week, "ticks": todo}) as tx:
        for tid in todo:
            tx.delete("period_tick", tid)
    return len(todo)


def _resolve(rec: Reconciliation, ref: str) -> str:
    ref = ref.strip()
    ids = [ln.entry_id for ln in rec.lines]
    if ref in ids:
        return ref
    found = [i for i in ids if i.startswith(ref)] if len(ref) >= 6 else []
    if len(found) == 1:
        return found[0]
    raise LedgerError("not_a_line", entry=ref, week=rec.period.week)


# ---- close ---------------------------------------------------------------------------------------------------
def build_snapshot(ledger: Ledger, rec: Reconciliation) -> dict[str, Any]:
    """The figures a closed period keeps. Task lists are read now; the counts from the state at the cut."""
    p, as_of = rec.period, rec.as_of
    lines, at_start, at_cut = _replay(ledger, p)
    closed_now = {
        k for k, v in at_cut.items() if not v.get("deleted_at") and v["status"] == Status.CLOSED.value
    }
    closed_before = {
        k for k, v in at_start.items() if not v.get("deleted_at") and v["status"] == Status.CLOSED.value
    }
    new_closed = sorted(closed_now - closed_before)
    c = rec.now
    rate = round(100.0 * c["signed_off"] / c["tasks"], 1) if c["tasks"] else 0.0
    chase = chase_list(ledger, p.week)
    indicators = [
        dict(r)
        for r in ledger.store.rows(
            "SELECT i.name, i.unit, SUM(i.target) AS target, SUM(i.actual) AS actual, COUNT(*) AS n FROM indicator i "
            "JOIN task t ON t.id = i.task_id WHERE t.deleted_at IS NULL GROUP BY i.name, i.unit ORDER BY i.name, i.unit"
        )
    ]
    return {
        "week": p.week,
        "week_start": p.week_start.isoformat(),
        "week_end": p.week_end.isoformat(),
        "as_of": as_of.isoformat(),
        "start_seq": p.start_seq,
        "end_seq": rec.cut_seq,
        "opening": rec.opening,
        "counts": c,
        "by_community": rec.by_community,
        "signed_off_this_week": len(new_closed),
        "signed_off_tasks": new_closed,
        "completion_rate": rate,
        "overdue_tasks": _overdue_at(ledger, at_cut, as_of),
        "overdue_this_week": overdue_tasks(ledger, as_of, since=p.week_start),
        "pending_signoff": len(pending_signoff(ledger)),
        "pending_extensions": len(pending_extension_requests(ledger)),
        "chase": [r.to_json() for r in chase],
        "not_returned": [r.community for r in chase if not r.returned],
        "indicators": indicators,
        "ticked": [ln.entry_id for ln in rec.lines if ln.ticked],
        "unticked": [ln.entry_id for ln in rec.lines if not ln.ticked],
        "difference": rec.difference,
        "task_status": {k: v["status"] for k, v in sorted(at_cut.items()) if not v.get("deleted_at")},
        "task_community": {
            k: v["community_id"] for k, v in sorted(at_cut.items()) if not v.get("deleted_at")
        },
        "corrects": p.corrects,
    }


def _overdue_at(ledger: Ledger, state: dict[str, dict[str, Any]], as_of: dt.date) -> list[dict[str, Any]]:
    """The overdue tasks of ``state`` (the task state at the cut), in the ledger's order."""
    day = as_of.isoformat()
    late = {
        k
        for k, v in state.items()
        if not v.get("deleted_at")
        and v["status"] in LATE_STATUSES
        and v.get("deadline")
        and v["deadline"] < day
    }
    names = {r["id"]: r["name"] for r in ledger.store.rows("SELECT id, name FROM community")}
    order = [
        r[0]
        for r in ledger.store.conn.execute(
            "SELECT id FROM task ORDER BY ord_problem, ord_community, sort, rowid"
        )
    ]
    return [
        {
            "task": k,
            "community": names.get(state[k]["community_id"], ""),
            "measure": state[k]["measure"],
            "owner": state[k]["owner"],
            "deadline": state[k]["deadline"],
            "status": state[k]["status"],
        }
        for k in order
        if k in late
    ]


def close_period(ledger: Ledger, week: str, note: str = "") -> dict[str, Any]:
    """Close the period: refused while lines are unticked unless ``note`` explains them. Returns the snapshot."""
    _require_role(ledger, "结账")
    rec = reconcile(ledger, week)
    _refuse_closed(rec.period)
    unticked = rec.unticked
    if unticked and not note.strip():
        diff = "，".join(f"{COUNT_LABELS[k]} {v:+d}" for k, v in rec.difference.items() if v) or "无"
        raise LedgerError("period_unbalanced", week=rec.period.week, count=len(unticked), diff=diff)
    snap = build_snapshot(ledger, rec)
    with ledger.command(
        "close_period", None, {"week": rec.period.week, "note": note.strip(), "unticked": snap["unticked"]}
    ) as tx:
        tx.update(
            "period",
            rec.period.id,
            closed_at=_now(ledger),
            closed_by=ledger.operator.name,
            end_seq=rec.cut_seq,
            snapshot=json.dumps(snap, ensure_ascii=False, sort_keys=True),
            note=note.strip(),
        )
    return snap


def snapshot(ledger: Ledger, week: str) -> dict[str, Any]:
    p = period(ledger, week)
    if p.snapshot is None:
        raise LedgerError("no_such_period", week=f"{p.week}（尚未结账）")
    return p.snapshot


# ---- what the window shows -----------------------------------------------------------------------------------
def show(ledger: Ledger, week: str) -> dict[str, Any]:
    """Everything the 对账 tab shows for a week, as JSON-ready data."""
    rec = reconcile(ledger, week)
    p = rec.period
    return {
        "week": p.week,
        "state": "closed" if p.closed else "open",
        "week_start": p.week_start.isoformat(),
        "week_end": p.week_end.isoformat(),
        "as_of": rec.as_of.isoformat(),
        "opened_at": p.opened_at,
        "opened_by": p.opened_by,
        "closed_at": p.closed_at,
        "closed_by": p.closed_by,
        "note": p.note,
        "corrects": p.corrects,
        "opening": rec.opening,
        "now": rec.now,
        "difference": rec.difference,
        "balanced": rec.balanced,
        "lines": [ln.to_json() for ln in rec.lines],
        "unticked": len(rec.unticked),
        "chase": [r.to_json() for r in chase_list(ledger, week)],
        "pending_signoff": pending_signoff(ledger),
        "pending_extensions": pending_extension_requests(ledger),
        "overdue_this_week": overdue_tasks(ledger, rec.as_of, since=p.week_start),
        "by_community": rec.by_community,
        "snapshot": p.snapshot,
    }


# ---- compare -------------------------------------------------------------------------------------------------
def compare(ledger: Ledger, week_a: str, week_b: str, *, weeks: int | None = None) -> dict[str, Any]:
    """Two closed periods side by side: counts moved, tasks whose status moved, tasks stalled (as of the later
    period), communities that slipped (completion rate down or overdue up)."""
    a, b = snapshot(ledger, week_a), snapshot(ledger, week_b)
    if a["week"] > b["week"]:
        a, b = b, a
    moved_counts = {
        k: b["counts"].get(k, 0) - a["counts"].get(k, 0)
        for k in (*COUNT_KEYS, "overdue")
        if b["counts"].get(k, 0) != a["counts"].get(k, 0)
    }
    sa, sb = a.get("task_status", {}), b.get("task_status", {})
    moved = [
        {"task": t, "before": sa.get(t), "after": sb.get(t)}
        for t in sorted(set(sa) | set(sb))
        if sa.get(t) != sb.get(t)
    ]
    slipped = []
    for name, cb in b["by_community"].items():
        ca = a["by_community"].get(name)
        if ca is None:
            continue
        ra = ca["signed_off"] / ca["tasks"] if ca["tasks"] else 0.0
        rb = cb["signed_off"] / cb["tasks"] if cb["tasks"] else 0.0
        if rb < ra or cb["overdue"] > ca["overdue"]:
            slipped.append(
                {
                    "community": name,
                    "rate_before": round(100 * ra, 1),
                    "rate_after": round(100 * rb, 1),
                    "overdue_before": ca["overdue"],
                    "overdue_after": cb["overdue"],
                }
            )
    as_of = dt.date.fromisoformat(b["as_of"])
    return {
        "from": a["week"],
        "to": b["week"],
        "counts": moved_counts,
        "moved": moved,
        "stalled": stalled_tasks(ledger, as_of, weeks),
        "stall_weeks": weeks or stall_weeks(ledger),
        "slipped": slipped,
    }
