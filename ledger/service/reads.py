"""The ledger's reads: tasks by filter (ids first), one task, the structure, the counts (a part of ``Ledger``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ledger.core import OPEN_STATUSES, LedgerError, Status, TaskRow
from ledger.storage import LATE_SQL, ROW_COLUMNS, TASK_JOIN, TaskFilter

if TYPE_CHECKING:
    from ledger.core.indicator import Indicator
    from ledger.storage import Entry, Store


class LedgerReads:
    """Mixed into ``Ledger`` (ledger/service/commands.py); nothing here writes."""

    store: Store
    _stats_cache: tuple[tuple[int, str], dict[str, Any]] | None

    if TYPE_CHECKING:

        @property
        def due_soon_days(self) -> int: ...
        def today(self) -> dt.date: ...
        def indicators(self, task_id: str) -> list[Indicator]: ...

    def task_filter_dates(self, due_soon_days: int | None = None) -> tuple[str, str]:
        today = self.today()
        days = self.due_soon_days if due_soon_days is None else due_soon_days
        return today.isoformat(), (today + dt.timedelta(days=days)).isoformat()

    def task_rowids(self, flt: TaskFilter | None = None, limit: int | None = None) -> list[int]:
        flt = flt or TaskFilter()
        today, soon = self.task_filter_dates(flt.due_soon_days)
        return self.store.task_rowids(flt, today, soon, limit)

    def task_count(self, flt: TaskFilter | None = None) -> int:
        flt = flt or TaskFilter()
        today, soon = self.task_filter_dates(flt.due_soon_days)
        return self.store.task_count(flt, today, soon)

    def task(self, task_id: str) -> TaskRow:
        rows = self.store.conn.execute(
            f"SELECT {ROW_COLUMNS} {TASK_JOIN} WHERE t.id = ? AND t.deleted_at IS NULL", (task_id,)
        ).fetchall()
        if not rows:
            raise LedgerError("no_such_task", task=task_id)
        row = to_task_row(rows[0])
        row.indicators = self.indicators(task_id)
        return row

    def communities(self) -> list[dict[str, Any]]:
        return self.store.rows("SELECT * FROM community ORDER BY sort, rowid")

    def categories(self) -> list[dict[str, Any]]:
        return self.store.rows("SELECT * FROM category ORDER BY sort, rowid")

    def problems(self, category_id: str | None = None) -> list[dict[str, Any]]:
        if category_id is None:
            return self.store.rows(
                "SELECT p.* FROM problem p JOIN category c ON c.id = p.category_id ORDER BY c.sort, c.rowid, "
                "p.sort, p.rowid"
            )
        return self.store.rows(
            "SELECT * FROM problem WHERE category_id = ? ORDER BY sort, rowid", (category_id,)
        )

    def stats(self, today: dt.date | None = None) -> dict[str, Any]:
        """Counts by status and community from the tally the triggers keep, and the overdue count from the index
        of open tasks by deadline (``store.migrate_5``): a few milliseconds on 100,000 tasks."""
        day = (today or self.today()).isoformat()
        key = (self.store.last_seq(), day)
        if self._stats_cache is None or self._stats_cache[0] != key:
            conn = self.store.conn
            by_status = {s.value: 0 for s in Status}
            for status, n in conn.execute("SELECT status, SUM(n) FROM task_tally GROUP BY status"):
                by_status[status] = by_status.get(status, 0) + n
            by_community = {
                name: n
                for name, n in conn.execute(
                    "SELECT c.name, COALESCE((SELECT SUM(n) FROM task_tally t WHERE t.community_id = c.id), 0) "
                    "FROM community c ORDER BY c.sort, c.rowid"
                )
            }
            overdue = self.store.one(
                f"SELECT COUNT(*) FROM task INDEXED BY task_late WHERE deleted_at IS NULL AND status IN {LATE_SQL} "
                "AND deadline < ?",
                (day,),
            )
            self._stats_cache = (
                key,
                {
                    "tasks": sum(by_status.values()),
                    "by_status": by_status,
                    "by_community": by_community,
                    "overdue": int(overdue),
                },
            )
        cached = self._stats_cache[1]
        return {
            **cached,
            "by_status": dict(cached["by_status"]),
            "by_community": dict(cached["by_community"]),
        }

    def tasks_json(self) -> list[dict[str, Any]]:
        """Every live task with what its panel shows (the CLI adds evidence and 按原定时限完成)."""
        rowids = self.task_rowids()
        rows = self.store.task_rows(rowids)
        indicators: dict[str, list[dict[str, Any]]] = {}
        for r in self.store.conn.execute(
            "SELECT task_id, id, name, unit, target, actual FROM indicator ORDER BY task_id, sort, rowid"
        ):
            indicators.setdefault(r[0], []).append(
                {"id": r[1], "name": r[2], "unit": r[3], "target": r[4], "actual": r[5]}
            )
        chain = self.chain  # type: ignore[attr-defined]
        today = self.clock.today()  # type: ignore[attr-defined]
        out = []
        for rid in rowids:
            t = to_task_row(rows[rid])
            waiting = t.status in (Status.SUBMITTED, Status.IN_REVIEW)
            out.append(
                {
                    "id": t.id,
                    "community": t.community,
                    "category": t.category,
                    "problem": t.problem,
                    "measure": t.measure,
                    "detail": t.detail,
                    "owner": t.owner,
                    "leader": t.leader,
                    "department": t.department,
                    "deadline": t.deadline.isoformat() if t.deadline else None,
                    "original_deadline": t.original_deadline.isoformat() if t.original_deadline else None,
                    "days_left": t.days_left(today),
                    "kind": t.kind,
                    "status": t.status.value,
                    "status_label": t.status.label,
                    "progress": t.progress,
                    "statement": t.statement,
                    "return_reason": t.return_reason,
                    "review_round": t.review_round,
                    "review_level": t.review_level,
                    "review_level_name": chain[min(t.review_level, len(chain) - 1)].name if waiting else None,
                    "indicators": indicators.get(t.id, []),
                    "updated_at": t.updated_at,
                }
            )
        return out

    def history(self, task_id: str) -> list[Entry]:
        """The entries that changed this task, oldest first. An entry made for something else that touched this
        task too (an import, a generated ledger) keeps only its changes to this task and its rows; it is read from
        the journal's per-task index, so the rest of it is never parsed."""
        from ledger.storage import journal

        return journal.task_history(self.store, task_id)

    def open_count(self) -> int:
        return int(
            self.store.one(
                f"SELECT COUNT(*) FROM task WHERE deleted_at IS NULL AND status IN "
                f"({','.join(repr(s.value) for s in OPEN_STATUSES)})"
            )
        )


_STATUSES = {s.value: s for s in Status}


def to_task_row(r: tuple[Any, ...]) -> TaskRow:
    (
        _rowid,
        id_,
        community_id,
        community,
        category_id,
        category,
        problem_id,
        problem,
        measure,
        detail,
        kind,
        owner,
        leader,
        department,
        deadline,
        original_deadline,
        status,
        progress,
        return_reason,
        updated_at,
        review_round,
        review_level,
        example,
        statement,
    ) = r
    return TaskRow(
        id_,
        community_id,
        community,
        category_id,
        category,
        problem_id,
        problem,
        measure,
        detail,
        kind,
        owner,
        leader,
        department,
        dt.date.fromisoformat(deadline) if deadline else None,
        dt.date.fromisoformat(original_deadline) if original_deadline else None,
        _STATUSES.get(status) or Status(status),  # a dict lookup: Enum's call costs more, per task
        progress,
        return_reason,
        updated_at,
        review_round,
        review_level,
        bool(example),
        statement,
    )
