"""The wall chart's data (挂图督战): communities × columns aggregated in SQL, read a block of rows at a time."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ledger.board.query import (
    GROUP_SQL,
    KEY_SQL,
    from_where,
    state_case_sql,
    state_codes,
    table_scan,
    week_monday,
)
from ledger.board.scheme import (
    CLOSED,
    EMPTY,
    OVERDUE,
    PENDING,
    days_text,
    deadline_driven,
    load_scheme,
)
from ledger.core import TaskRow
from ledger.service import Ledger, to_task_row
from ledger.storage import NATURAL_ORDER, TASK_JOIN, TaskFilter

__all__ = [
    "COLUMN_MODES",
    "Axis",
    "BoardData",
    "Cell",
    "CellMap",
    "Group",
    "RowTotals",
    "Totals",
    "board_data",
    "cell_task_ids",
    "cell_task_rowids",
    "cell_tasks",
    "short_title",
]

COLUMN_MODES: tuple[str, ...] = ("problem", "category", "owner", "week")


@dataclass(slots=True)
class Cell:
    """One community × one column: how many tasks in each state, the worst state, the most urgent deadline."""

    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    worst: str = EMPTY
    deadline: dt.date | None = None  # earliest deadline of a task that still has to be done
    days: int | None = None  # days left to that deadline (negative: overdue)

    @property
    def closed(self) -> int:
        return self.counts.get(CLOSED, 0)

    @property
    def text(self) -> str:
        """The days text the cell shows (逾3 / 剩5 / 今日) when its worst state is about the deadline."""
        return days_text(self.days) if deadline_driven(self.worst) else ""


@dataclass(frozen=True)
class Axis:
    """A row (community) or a column: its key in SQL, a short label for the chart, a full title for tooltips."""

    key: str | None
    label: str
    title: str
    group: int = -1


@dataclass(frozen=True)
class Group:
    """A band over columns ``first`` … ``first + count - 1``: a category over its problems, a month over weeks."""

    label: str
    first: int
    count: int
    title: str = ""


@dataclass
class Totals:
    counts: dict[str, int] = field(default_factory=dict)
    tasks: int = 0

    @property
    def closed(self) -> int:
        return self.counts.get(CLOSED, 0)

    @property
    def overdue(self) -> int:
        return self.counts.get(OVERDUE, 0)

    @property
    def pct_closed(self) -> float:
        return 100.0 * self.closed / self.tasks if self.tasks else 0.0


class CellMap(Mapping[tuple[int, int], Cell]):
    """The cells of a board, read from the ledger a block of rows at a time, when first asked for: a screen
    shows about twenty rows of five hundred, so the first paint reads one block (STYLE: rows lazily)."""

    def __init__(
        self,
        n_rows: int,
        load: Callable[[int, int], tuple[dict[tuple[int, int], Cell], dict[int, Totals]]],
        block: int = 32,
    ) -> None:
        self.n_rows = n_rows
        self.block = block
        self._load = load
        self._cells: dict[tuple[int, int], Cell] = {}
        self._row_totals: dict[int, Totals] = {}
        self._loaded: set[int] = set()

    def _ensure(self, row: int) -> None:
        b = row // self.block
        if b not in self._loaded and 0 <= row < self.n_rows:
            cells, totals = self._load(b * self.block, min(self.n_rows, (b + 1) * self.block))
            self._cells.update(cells)
            self._row_totals.update(totals)
            self._loaded.add(b)

    def load_all(self) -> None:
        for start in range(0, self.n_rows, self.block):
            self._ensure(start)

    def get(self, key: tuple[int, int], default: Any = None) -> Any:
        self._ensure(key[0])
        return self._cells.get(key, default)

    def __getitem__(self, key: tuple[int, int]) -> Cell:
        cell = self.get(key)
        if cell is None:
            raise KeyError(key)
        return cell  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        self.load_all()
        return iter(list(self._cells))

    def __len__(self) -> int:
        self.load_all()
        return len(self._cells)

    def row_totals(self, row: int) -> Totals:
        self._ensure(row)
        return self._row_totals.get(row) or Totals()


class RowTotals(Sequence[Totals]):
    """Each row's totals, read with the row's block of cells."""

    def __init__(self, cells: CellMap) -> None:
        self.cells = cells

    def __len__(self) -> int:
        return self.cells.n_rows

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return self.cells.row_totals(i % len(self))


@dataclass
class BoardData:
    """A chart for one filter and one column mode. Cells and row totals are read lazily from the ledger, so a
    BoardData must not outlive its open Ledger; build a new one after a change (views do, on refresh)."""

    mode: str
    today: dt.date
    bands: tuple[int, ...]
    task_filter: TaskFilter
    rows: list[Axis]
    columns: list[Axis]
    groups: list[Group]
    cells: Mapping[tuple[int, int], Cell]
    row_totals: Sequence[Totals]
    column_totals: list[Totals]
    total: Totals
    today_column: int | None = None

    def cell(self, row: int, column: int) -> Cell | None:
        return self.cells.get((row, column))


def short_title(text: str) -> str:
    """针对安全隐患的问题 → 安全隐患; 关于党建引领方面的整改 → 党建引领 (for narrow column headers)."""
    t = re.sub(
        r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])\s*", "", text.strip()
    )
    t = re.sub(r"^(针对|关于|对于)", "", t)
    t = re.sub(r"(方面)?的?(整改|问题)(工作)?$", "", t)
    t = re.sub(r"(的问题|问题)(（\d+）)$", r"\2", t)
    return t.strip("，。 ") or text.strip()


_CN_NUM = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN_NUM[n - 1]
    if n < 20:
        return "十" + _CN_NUM[n - 11]
    return str(n)


def _narrowing(flt: TaskFilter) -> bool:
    return bool(flt.statuses is not None or flt.due or flt.text.strip() or flt.task_ids is not None)


def _columns(
    ledger: Ledger, mode: str, present: dict[Any, int], today: dt.date
) -> tuple[list[Axis], list[Group], int | None]:
    cols: list[Axis] = []
    groups: list[Group] = []
    today_col: int | None = None
    if mode == "problem":
        cats = {c["id"]: (n, c["title"]) for n, c in enumerate(ledger.categories(), start=1)}
        last_cat = None
        for n, p in enumerate(ledger.problems(), start=1):
            if p["category_id"] != last_cat:
                last_cat = p["category_id"]
                number, title = cats[last_cat]
                groups.append(Group(f"{_cn(number)}、{short_title(title)}", len(cols), 0, title))
            groups[-1] = replace(groups[-1], count=groups[-1].count + 1)
            cols.append(Axis(p["id"], f"{n}.{short_title(p['title'])}", p["title"], len(groups) - 1))
    elif mode == "category":
        for n, c in enumerate(ledger.categories(), start=1):
            cols.append(Axis(c["id"], f"{_cn(n)}、{short_title(c['title'])}", c["title"]))
    elif mode == "owner":
        for owner in sorted(present, key=lambda k: (-present[k], k or "")):
            cols.append(Axis(owner, owner or "（未填）", owner or "（未填写责任人）"))
    else:
        weeks = sorted(k for k in present if k)
        if weeks:
            first, last = dt.date.fromisoformat(weeks[0]), dt.date.fromisoformat(weeks[-1])
            this = week_monday(today)
            if first - dt.timedelta(days=7 * 26) <= this <= last + dt.timedelta(days=7 * 26):
                first, last = min(first, this), max(last, this)  # so that today's week shows
            span = (last - first).days // 7 + 1
            mondays = (
                [first + dt.timedelta(days=7 * i) for i in range(span)]
                if span <= 78
                else [dt.date.fromisoformat(w) for w in weeks]
            )
            for monday in mondays:
                thursday = monday + dt.timedelta(days=3)
                label = f"{thursday.year}年{thursday.month}月"
                if not groups or groups[-1].label != label:
                    groups.append(Group(label, len(cols), 0, label))
                groups[-1] = replace(groups[-1], count=groups[-1].count + 1)
                week = monday.isocalendar()[1]
                sunday = monday + dt.timedelta(days=6)
                if monday <= today <= sunday:
                    today_col = len(cols)
                cols.append(
                    Axis(
                        monday.isoformat(),
                        f"{week}周\n{monday.month}.{monday.day}",
                        f"{thursday.year}年第{week}周（{monday.month}月{monday.day}日—"
                        f"{sunday.month}月{sunday.day}日）",
                        len(groups) - 1,
                    )
                )
        if None in present:
            cols.append(Axis(None, "无时限", "没有整改时限的任务"))
    return cols, groups, today_col


def board_data(
    ledger: Ledger,
    task_filter: TaskFilter | None = None,
    columns: str = "problem",
    today: dt.date | None = None,
    *,
    bands: Sequence[int] | None = None,
    keep_empty: bool | None = None,
) -> BoardData:
    """The chart for the filter: communities × columns, aggregated in SQL (GROUP BY community, column, state).

    ``columns``: "problem" (grouped by category), "category", "owner" or "week" (ISO weeks of the deadlines,
    倒排工期). ``bands`` default to the ledger's scheme. Empty rows and columns are dropped when the filter
    narrows the tasks (statuses, due, text, ids) unless ``keep_empty`` says otherwise.

    A narrowing filter is aggregated whole in one query; otherwise the column totals are read at once and the
    rest a block of communities at a time. Either way cells and row totals are built a block at a time, when
    first asked for (``CellMap``): the first screen of a 50,000-task chart builds one block."""
    if columns not in COLUMN_MODES:
        raise ValueError(f"unknown board columns {columns!r}")
    flt = task_filter or TaskFilter()
    today = today or ledger.today()
    bands = tuple(load_scheme(ledger).bands if bands is None else bands)
    frm, where, params = from_where(ledger, flt, today, columns)
    state_sql, state_params = state_case_sql(today, bands)
    codes = state_codes(bands)
    conn = ledger.store.conn
    scan = table_scan(frm, flt)
    key_sql = KEY_SQL[columns]
    keep = (not _narrowing(flt)) if keep_empty is None else keep_empty
    whole: list[tuple[Any, ...]] | None = None
    if keep:
        col_agg = conn.execute(
            f"SELECT {GROUP_SQL[columns]}, {state_sql}, COUNT(*) {scan} WHERE {where} GROUP BY 1, 2",
            [*state_params, *params],
        ).fetchall()
    else:
        whole = conn.execute(
            f"SELECT t.community_id, {key_sql}, {state_sql}, COUNT(*), MIN(t.deadline) {scan} "
            f"WHERE {where} GROUP BY t.community_id, 2, 3",
            [*state_params, *params],
        ).fetchall()
        col_agg = [(key, code, n) for _cid, key, code, n, _d in whole]
    present: dict[Any, int] = {}
    for key, _code, n in col_agg:
        present[key] = present.get(key, 0) + n
    communities = ledger.communities()
    if flt.community_ids is not None:
        communities = [c for c in communities if c["id"] in flt.community_ids]
    rows = [Axis(c["id"], c["name"], c["name"]) for c in communities]
    cols, groups, today_col = _columns(ledger, columns, present, today)
    if whole is not None:
        with_tasks = {r[0] for r in whole}
        rows = [r for r in rows if r.key in with_tasks]
        if columns != "week":
            cols, groups = _drop_empty_columns(cols, groups, present)
    col_index = {c.key: i for i, c in enumerate(cols)}
    col_counts = [[0] * len(codes) for _ in cols]
    for key, code, n in col_agg:
        c = col_index.get(key)
        if c is not None:
            col_counts[c][code] += n
    col_totals = [_totals(codes, cnt) for cnt in col_counts]
    total = _totals(codes, [sum(cnt[i] for cnt in col_counts) for i in range(len(codes))])

    row_index = {r.key: i for i, r in enumerate(rows)}
    by_row: dict[int, list[tuple[Any, ...]]] | None = None
    if whole is not None:  # already read: cells are still built a block at a time, when shown
        by_row = {}
        for rec in whole:
            r = row_index.get(rec[0])
            if r is not None:
                by_row.setdefault(r, []).append(rec)

    def load(start: int, stop: int) -> tuple[dict[tuple[int, int], Cell], dict[int, Totals]]:
        if by_row is not None:
            agg: Sequence[tuple[Any, ...]] = [rec for r in range(start, stop) for rec in by_row.get(r, ())]
        else:
            ids = [str(r.key) for r in rows[start:stop]]
            sql = (
                f"SELECT t.community_id, {key_sql}, {state_sql}, COUNT(*), MIN(t.deadline) {frm} WHERE {where} "
                f"AND t.community_id IN ({','.join('?' * len(ids))}) GROUP BY t.community_id, 2, 3"
            )
            agg = conn.execute(sql, [*state_params, *params, *ids]).fetchall()
        return _fill(agg, row_index, col_index, codes, today, start, stop)

    cells = CellMap(len(rows), load)
    return BoardData(
        columns, today, bands, flt, rows, cols, groups, cells, RowTotals(cells), col_totals, total, today_col
    )


def _fill(
    agg: Sequence[tuple[Any, ...]],
    row_index: dict[Any, int],
    col_index: dict[Any, int],
    codes: list[str],
    today: dt.date,
    start: int,
    stop: int,
) -> tuple[dict[tuple[int, int], Cell], dict[int, Totals]]:
    """Cells and row totals from (community, key, state code, count, earliest deadline) groups."""
    first_done = codes.index(PENDING)  # codes below this are about the deadline
    cells: dict[tuple[int, int], Cell] = {}
    counts: dict[int, list[int]] = {}
    for cid, key, code, n, deadline in agg:
        r, c = row_index.get(cid), col_index.get(key)
        if r is None or c is None:
            continue
        counts.setdefault(r, [0] * len(codes))[code] += n
        state = codes[code]
        cell = cells.get((r, c))
        if cell is None:
            cell = cells[(r, c)] = Cell({state: n}, n, state)
        else:
            cell.counts[state] = cell.counts.get(state, 0) + n
            cell.total += n
            if code < codes.index(cell.worst):
                cell.worst = state
        if code < first_done and deadline:
            d = dt.date.fromisoformat(deadline)
            if cell.deadline is None or d < cell.deadline:
                cell.deadline = d
                cell.days = (d - today).days
    return cells, {r: _totals(codes, counts.get(r, [0] * len(codes))) for r in range(start, stop)}


def _totals(codes: list[str], counts: list[int]) -> Totals:
    return Totals({codes[i]: n for i, n in enumerate(counts) if n}, sum(counts))


def _drop_empty_columns(
    cols: list[Axis], groups: list[Group], present: dict[Any, int]
) -> tuple[list[Axis], list[Group]]:
    kept = [c for c in cols if present.get(c.key)]
    if not groups:
        return kept, []
    new_groups: list[Group] = []
    out: list[Axis] = []
    for c in kept:
        g = groups[c.group]
        if not new_groups or new_groups[-1].title != g.title or new_groups[-1].label != g.label:
            new_groups.append(Group(g.label, len(out), 0, g.title))
        new_groups[-1] = replace(new_groups[-1], count=new_groups[-1].count + 1)
        out.append(replace(c, group=len(new_groups) - 1))
    return out, new_groups


def cell_task_rowids(
    ledger: Ledger, data: BoardData, row: int, column: int, limit: int | None = None
) -> list[int]:
    """The tasks behind one cell, most urgent first (deadline, then the ledger's natural order)."""
    frm, where, params = from_where(ledger, data.task_filter, data.today, data.mode)
    if "JOIN community" not in frm:
        frm = TASK_JOIN
    sql = (
        f"SELECT t.rowid {frm} WHERE {where} AND t.community_id = ? AND ({KEY_SQL[data.mode]}) IS ? "
        f"ORDER BY t.deadline IS NULL, t.deadline, {NATURAL_ORDER}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    args = [*params, data.rows[row].key, data.columns[column].key]
    return [r[0] for r in ledger.store.conn.execute(sql, args)]


def cell_tasks(
    ledger: Ledger, data: BoardData, row: int, column: int, limit: int | None = None
) -> list[TaskRow]:
    rowids = cell_task_rowids(ledger, data, row, column, limit)
    raw = ledger.store.task_rows(rowids)
    return [to_task_row(raw[r]) for r in rowids if r in raw]


def cell_task_ids(ledger: Ledger, data: BoardData, row: int, column: int) -> list[str]:
    return [t.id for t in cell_tasks(ledger, data, row, column)]
