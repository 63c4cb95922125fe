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

The weeks and the counts live in ``ledger.reconcile.week_counts``, the chase list and the task lists in
``ledger.reconcile.lists``, closing, showing and comparing periods in ``ledger.reconcile.closing``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ledger.core import FIELD_LABELS, LedgerError, Role, Status
from ledger.reconcile.week_counts import (
    COUNT_KEYS,
    apply_entry,
    count_vector,
    counts_with,
    current_state,
    task_ids_changed,
    task_states,
    undo_entries,
    week_name,
    week_window,
)
from ledger.service import Ledger
from ledger.storage import Entry, journal, new_id

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


def require_manager(ledger: Ledger, action: str) -> None:
    op = ledger.operator
    if op.role not in MANAGERS:
        raise LedgerError(
            "wrong_role",
            action=action,
            need="或".join(r.label for r in MANAGERS),
            actor=op.name,
            role=op.role.label,
        )


def now_text(ledger: Ledger) -> str:
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


def refuse_closed(p: Period) -> None:
    if p.closed:
        raise LedgerError("period_closed", week=p.week, at=p.closed_at, by=p.closed_by)


def open_period(ledger: Ledger, week: str, *, corrects: str = "") -> Period:
    """Open 对账 for ``week``: the opening counts are carried from the last closed period."""
    require_manager(ledger, "开始对账")
    name = week_name(week)
    existing = find_period(ledger, name)
    if existing is not None:
        refuse_closed(existing)
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
        # The counts before the window: the ledger's counts with the tasks changed since taken back (not every task
        # replayed: at 1,000,000 tasks that read all of them on the GUI thread).
        later = journal.entries(ledger.store, since_seq=start_seq)
        now = task_states(ledger, task_ids_changed(later))
        state = {k: dict(v) for k, v in now.items()}
        undo_entries(state, later)
        opening = counts_with(ledger, start, now, state)[0]
    row = {
        "id": new_id(),
        "week": name,
        "week_start": start.isoformat(),
        "week_end": end.isoformat(),
        "start_seq": start_seq,
        "opened_at": now_text(ledger),
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


def replay_lines(
    ledger: Ledger, p: Period
) -> tuple[list[Line], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The period's lines (unticked), and the state of every task at its start and at its cut."""
    lines, at_start, at_cut, _now = _replay(ledger, p, all_tasks=True)
    return lines, at_start, at_cut


def _replay(
    ledger: Ledger, p: Period, *, all_tasks: bool
) -> tuple[list[Line], dict[str, dict[str, Any]], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """``replay_lines``, and the replayed tasks' rows as they are now. With ``all_tasks=False`` only the tasks the
    entries since the period's start changed (and those whose indicators they changed) are read and replayed: the
    others are the same at the start, at the cut and now."""
    cut = _cut_seq(ledger, p)
    later = journal.entries(ledger.store, since_seq=p.start_seq)
    indicator_ids = {c.id for e in later for c in e.changes if c.table == "indicator" and c.op == "update"}
    indicator_task = _indicator_tasks(ledger, indicator_ids)
    if all_tasks:
        state, now = current_state(ledger), {}
    else:
        state = task_states(ledger, task_ids_changed(later, indicator_task))
        now = {k: dict(v) for k, v in state.items()}
    undo_entries(state, later)
    at_start = {k: dict(v) for k, v in state.items()}
    names = {r["id"]: r["name"] for r in ledger.store.rows("SELECT id, name FROM community")}
    lines: list[Line] = []
    for e in later:
        if e.seq > cut:
            break
        if not _is_line(e):
            apply_entry(state, e)
            continue
        changed = {c.id for c in e.changes if c.table == "task"}
        before = count_vector(state, changed)
        apply_entry(state, e)
        after = count_vector(state, changed)
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
    return lines, at_start, state, now


def _indicator_tasks(ledger: Ledger, ids: set[str]) -> dict[str, str]:
    """The task of each of these indicators (read for these only, not every indicator of the ledger)."""
    wanted = sorted(ids)
    out: dict[str, str] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for r in ledger.store.rows(f"SELECT id, task_id FROM indicator WHERE id IN ({marks})", chunk):
            out[r["id"]] = r["task_id"]
    return out


def _label(name: str | None) -> str:
    return str(FIELD_LABELS.get(name or "", name or "")) if isinstance(FIELD_LABELS, dict) else str(name)


def reconcile(ledger: Ledger, week: str) -> Reconciliation:
    """The live 对账 of a period: opening, lines with their ticks, counts at the cut, the running difference."""
    p = period(ledger, week)
    # Only the tasks the period's entries changed are replayed; the counts of all the others come from the tally
    # and the late-task index (``counts_with``): the same figures as replaying every task, without reading them.
    lines, _, at_cut, now_rows = _replay(ledger, p, all_tasks=False)
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
    now, per = counts_with(ledger, as_of, now_rows, at_cut)
    opening = {k: int(p.opening.get(k, 0)) for k in (*COUNT_KEYS, "overdue")}
    return Reconciliation(
        p,
        _cut_seq(ledger, p),
        as_of,
        opening,
        now,
        lines,
        difference(opening, lines, now),
        _by_community(ledger, per),
    )


def difference(opening: dict[str, int], lines: Iterable[Line], now: dict[str, int]) -> dict[str, int]:
    """(opening + Σ effects of the ticked lines) − now, per reconciled key."""
    out = {k: int(opening.get(k, 0)) - int(now.get(k, 0)) for k in COUNT_KEYS}
    for ln in lines:
        if ln.ticked:
            for k, v in ln.effect.items():
                out[k] += v
    return out


def _by_community(ledger: Ledger, per: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Each community's tasks, signed_off, open and overdue, from the counts per community id."""
    out: dict[str, dict[str, int]] = {}
    for r in ledger.store.rows("SELECT id, name FROM community ORDER BY sort, rowid"):
        c = per.get(r["id"], {})
        out[r["name"]] = {k: int(c.get(k, 0)) for k in ("tasks", "signed_off", "open", "overdue")}
    return out


# ---- ticks ---------------------------------------------------------------------------------------------------
def tick(ledger: Ledger, week: str, entry_ids: Iterable[str] | None = None) -> int:
    """Tick (已核对) lines of an open period: the given journal entry ids (or id prefixes of 6+), or all when
    None. Returns how many ticks were written."""
    require_manager(ledger, "核对")
    rec = reconcile(ledger, week)
    refuse_closed(rec.period)
    by_id = {ln.entry_id: ln for ln in rec.lines}
    wanted = list(by_id) if entry_ids is None else [_resolve(rec, ref) for ref in entry_ids]
    todo = [eid for eid in dict.fromkeys(wanted) if not by_id[eid].ticked]
    if not todo:
        return 0
    now = now_text(ledger)
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
    require_manager(ledger, "取消核对")
    p = period(ledger, week)
    refuse_closed(p)
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
