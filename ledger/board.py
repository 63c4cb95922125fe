"""The wall chart's data (挂图督战): colour schemes with warning bands, cell states, SQL-aggregated board
data, kanban columns and the overview's figures and weekly trends from the journal. Pure Python, no Qt."""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ledger.errors import LedgerError
from ledger.model import OPEN_STATUSES, Status, TaskRow
from ledger.service import Ledger, to_task_row
from ledger.store import NATURAL_ORDER, TASK_JOIN, TaskFilter

log = logging.getLogger(__name__)

SETTING_KEY = "board_scheme"
COLUMN_MODES: tuple[str, ...] = ("problem", "category", "owner", "week")
MAX_BANDS = 3

# ---- cell states ----------------------------------------------------------------------------------
# A cell's state key: one of these, or "band0".."band2" (warning bands, band0 the furthest from the deadline).
OVERDUE, NOT_STARTED, NORMAL, PENDING, ONGOING, CLOSED, EMPTY = (
    "overdue", "not_started", "normal", "pending", "ongoing", "closed", "empty")
BASE_STATES = (OVERDUE, NOT_STARTED, NORMAL, PENDING, ONGOING, CLOSED, EMPTY)
# States whose text is about the deadline (逾3 / 剩5): the task still has to be done.
_OPEN_KEYS = (OVERDUE, NOT_STARTED, NORMAL)


def band_key(i: int) -> str:
    return f"band{i}"


def is_band(state: str) -> bool:
    return state.startswith("band")


def deadline_driven(state: str) -> bool:
    return state in _OPEN_KEYS or is_band(state)


def state_rank(state: str) -> int:
    """Lower is worse: overdue, the nearest band … the furthest band, not started, normal, pending, long-term, closed."""
    if state == OVERDUE:
        return 0
    if is_band(state):
        return 10 - int(state[4:])
    return {NOT_STARTED: 20, NORMAL: 30, PENDING: 40, ONGOING: 50, CLOSED: 60}.get(state, 99)


def cell_health(status: Status | str, deadline: dt.date | None, today: dt.date, bands: Sequence[int] = (7,)) -> str:
    """The state key one task shows: review and closed states win, then the deadline with its warning bands.

    ``bands`` are day thresholds from the furthest to the nearest, e.g. (20, 10): a task 20…11 days before its
    deadline is in band0, 10…0 days in band1, past it overdue. With ``bands=(due_soon_days,)`` this agrees with
    ``ledger.model.health`` (band0 = DUE_SOON)."""
    status = Status(status)
    if status == Status.CLOSED:
        return CLOSED
    if status in (Status.SUBMITTED, Status.IN_REVIEW):
        return PENDING
    if status == Status.ONGOING:
        return ONGOING
    if deadline is not None:
        left = (deadline - today).days
        if left < 0:
            return OVERDUE
        for i in range(len(bands) - 1, -1, -1):
            if left <= bands[i]:
                return band_key(i)
    return NOT_STARTED if status == Status.NOT_STARTED else NORMAL


def days_text(days: int | None) -> str:
    """逾3 (three days overdue), 今日 (due today), 剩5 (five days left), '' without a deadline."""
    if days is None:
        return ""
    if days < 0:
        return f"逾{-days}"
    return "今日" if days == 0 else f"剩{days}"


# ---- colour schemes ---------------------------------------------------------------------------------
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
BASE_LABELS = {OVERDUE: "逾期", NOT_STARTED: "未启动", NORMAL: "推进中", PENDING: "申请销号/审核中",
               ONGOING: "长期坚持", CLOSED: "已销号", EMPTY: "无任务"}
DEFAULT_LETTERS = {OVERDUE: "逾", NOT_STARTED: "未", NORMAL: "进", PENDING: "审", ONGOING: "长", CLOSED: "销",
                   EMPTY: "", "band": "临"}


@dataclass(frozen=True)
class BoardScheme:
    """Colours ("#RRGGBB") per state, warning bands (days before the deadline, furthest first) and letters."""

    name: str
    colors: dict[str, str]
    bands: tuple[int, ...] = (7,)
    band_colors: tuple[str, ...] = ("#F9C74F",)
    letters: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LETTERS))
    border: str = "#5F6368"  # drawn around 未启动 and empty cells

    def color(self, state: str) -> str:
        if is_band(state):
            i = int(state[4:])
            if self.band_colors:
                return self.band_colors[min(i, len(self.band_colors) - 1)]
            return "#F9C74F"
        return self.colors.get(state, "#FFFFFF")

    def letter(self, state: str) -> str:
        return self.letters.get("band" if is_band(state) else state, DEFAULT_LETTERS.get(state, ""))

    def label(self, state: str) -> str:
        if is_band(state):
            i = int(state[4:])
            days = self.bands[i] if i < len(self.bands) else 0
            nearer = self.bands[i + 1] if i + 1 < len(self.bands) else -1
            return f"临期（剩{nearer + 1}—{days}天）" if len(self.bands) > 1 else f"临期（{days}天内）"
        return BASE_LABELS.get(state, state)

    def states(self) -> list[str]:
        """The legend's order: worst first, the empty cell last."""
        return [OVERDUE, *(band_key(i) for i in range(len(self.bands) - 1, -1, -1)),
                NOT_STARTED, NORMAL, PENDING, ONGOING, CLOSED, EMPTY]

    def validate(self) -> None:
        def bad(detail: str) -> LedgerError:
            return LedgerError("bad_setting", key="挂图配色", detail=detail)

        for key in (*BASE_STATES,):
            if not _COLOR.match(self.colors.get(key, "")):
                raise bad(f"“{BASE_LABELS[key]}”的颜色“{self.colors.get(key, '')}”不是 #RRGGBB 形式")
        for c in (*self.band_colors, self.border):
            if not _COLOR.match(c):
                raise bad(f"颜色“{c}”不是 #RRGGBB 形式")
        if len(self.bands) > MAX_BANDS:
            raise bad(f"预警档最多 {MAX_BANDS} 档")
        if any(not isinstance(b, int) or b < 0 for b in self.bands):
            raise bad("预警天数必须是不小于 0 的整数")
        if list(self.bands) != sorted(set(self.bands), reverse=True):
            raise bad("预警天数必须从远到近排列且互不相同，例如 20、10")
        if len(self.band_colors) != len(self.bands):
            raise bad("每个预警档都要有一种颜色")
        if any(len(v) > 1 for v in self.letters.values()):
            raise bad("每种状态只用一个字表示")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "colors": dict(self.colors), "bands": list(self.bands),
                "band_colors": list(self.band_colors), "letters": dict(self.letters), "border": self.border}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> BoardScheme:
        """A scheme from its stored form; anything missing comes from the default preset."""
        colors = {**DEFAULT.colors, **{str(k): str(v) for k, v in dict(d.get("colors") or {}).items()}}
        letters = {**DEFAULT_LETTERS, **{str(k): str(v) for k, v in dict(d.get("letters") or {}).items()}}
        bands = tuple(int(b) for b in d.get("bands", DEFAULT.bands))
        band_colors = tuple(str(c) for c in d.get("band_colors", DEFAULT.band_colors))
        scheme = cls(str(d.get("name") or "自定义"), colors, bands, band_colors, letters,
                     str(d.get("border") or DEFAULT.border))
        scheme.validate()
        return scheme

    def with_bands(self, bands: Sequence[int], band_colors: Sequence[str] | None = None) -> BoardScheme:
        """The same scheme with other thresholds; colours are kept, extended with shades of the last one."""
        colors = list(band_colors) if band_colors is not None else list(self.band_colors)
        if not colors:
            colors = ["#F9C74F"]
        while len(colors) < len(bands):
            colors.insert(0, _lighter(colors[0]))
        return replace(self, bands=tuple(bands), band_colors=tuple(colors[len(colors) - len(bands):]))


def _lighter(color: str, amount: float = 0.45) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(v + (255 - v) * amount) for v in (r, g, b)))


DEFAULT = BoardScheme(
    "标准配色（红黄绿）",
    {OVERDUE: "#E53935", NOT_STARTED: "#FFFFFF", NORMAL: "#7CC47F", PENDING: "#64A8E8", ONGOING: "#3DB5A6",
     CLOSED: "#BDBDBD", EMPTY: "#F7F7F7"},
    (7,), ("#FBC02D",),
)
RED_DONE = BoardScheme(
    "红色为已完成（蓝黄预警）",
    {OVERDUE: "#37474F", NOT_STARTED: "#FFFFFF", NORMAL: "#9CCC65", PENDING: "#B39DDB", ONGOING: "#4DB6AC",
     CLOSED: "#E53935", EMPTY: "#F7F7F7"},
    (20, 10), ("#5C9BE6", "#FBC02D"),
)
GREY_PRINT = BoardScheme(
    "黑白打印（灰度加字）",
    {OVERDUE: "#3A3A3A", NOT_STARTED: "#FFFFFF", NORMAL: "#EDEDED", PENDING: "#D6D6D6", ONGOING: "#E4E4E4",
     CLOSED: "#C8C8C8", EMPTY: "#FFFFFF"},
    (7,), ("#8F8F8F",),
)
PRESETS: dict[str, BoardScheme] = {"default": DEFAULT, "red_done": RED_DONE, "grey": GREY_PRINT}


def preset_of(scheme: BoardScheme) -> str | None:
    """The preset id this scheme equals (ignoring its bands' thresholds), or None for a custom scheme."""
    for key, preset in PRESETS.items():
        if (preset.colors, preset.letters, preset.border) == (scheme.colors, scheme.letters, scheme.border) \
                and len(preset.band_colors) == len(scheme.band_colors) and preset.band_colors == scheme.band_colors:
            return key
    return None


def load_scheme(ledger: Ledger) -> BoardScheme:
    """The ledger's scheme (setting "board_scheme"); without one, the default preset with the ledger's 临期 days."""
    raw = ledger.setting(SETTING_KEY)
    if raw:
        try:
            return BoardScheme.from_json(raw)
        except (LedgerError, TypeError, ValueError) as exc:
            log.warning("ignoring a bad board scheme in %s: %s", ledger.path, exc)
    days = ledger.due_soon_days
    return DEFAULT.with_bands((days,)) if days > 0 else DEFAULT.with_bands((), ())


def save_scheme(ledger: Ledger, scheme: BoardScheme) -> str:
    """Check and store the scheme as a journalled setting; returns the journal entry id."""
    scheme.validate()
    return ledger.set_setting(SETTING_KEY, scheme.to_json())


# ---- board data -----------------------------------------------------------------------------------------
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

    def __init__(self, n_rows: int, load: Callable[[int, int], tuple[dict[tuple[int, int], Cell], dict[int, Totals]]],
                 block: int = 32) -> None:
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


_WEEK_SQL = "date(t.deadline, '-' || ((CAST(strftime('%w', t.deadline) AS INTEGER) + 6) % 7) || ' days')"
KEY_SQL = {"problem": "t.problem_id", "category": "p.category_id", "owner": "t.owner", "week": _WEEK_SQL}
# the same, for GROUP BY over a table scan: "+" keeps SQLite from walking an index with a table lookup per task
GROUP_SQL = {"problem": "+t.problem_id", "category": "+p.category_id", "owner": "+t.owner", "week": _WEEK_SQL}


def _from_where(ledger: Ledger, flt: TaskFilter, today: dt.date, mode: str) -> tuple[str, str, list[Any]]:
    soon = today + dt.timedelta(days=ledger.due_soon_days)
    where, params = ledger.store._where(flt, today.isoformat(), soon.isoformat())
    if " c." in where or "cat." in where or "(c." in where:
        frm = TASK_JOIN
    elif "p." in where or mode == "category":
        frm = "FROM task t JOIN problem p ON p.id = t.problem_id"
    else:
        frm = "FROM task t"
    return frm, where, params


def state_codes(bands: Sequence[int]) -> list[str]:
    """The state keys worst first; a state's index here is its code in SQL."""
    return [OVERDUE, *(band_key(i) for i in range(len(bands) - 1, -1, -1)), NOT_STARTED, NORMAL, PENDING,
            ONGOING, CLOSED]


def _scan(frm: str, flt: TaskFilter) -> str:
    """The FROM clause for a query that reads every live task (or a status's share of them): a plain table
    scan. Without this SQLite walks an index and looks each row up in the table, up to three times slower
    (measured at 50,000 tasks); a community or id filter is narrow enough for the planner's index."""
    if flt.community_ids is None and flt.task_ids is None:
        return frm.replace("FROM task t", "FROM task t NOT INDEXED", 1)
    return frm


def _state_sql(today: dt.date, bands: Sequence[int]) -> tuple[str, list[Any]]:
    """A CASE giving each task's state code (index into ``state_codes``), the SQL twin of ``cell_health``."""
    code = {k: i for i, k in enumerate(state_codes(bands))}
    parts = [f"CASE WHEN t.status = 'closed' THEN {code[CLOSED]}",
             f"WHEN t.status IN ('submitted', 'in_review') THEN {code[PENDING]}",
             f"WHEN t.status = 'ongoing' THEN {code[ONGOING]}",
             f"WHEN t.deadline IS NOT NULL AND t.deadline < ? THEN {code[OVERDUE]}"]
    params: list[Any] = [today.isoformat()]
    for i in range(len(bands) - 1, -1, -1):
        parts.append(f"WHEN t.deadline IS NOT NULL AND t.deadline <= ? THEN {code[band_key(i)]}")
        params.append((today + dt.timedelta(days=bands[i])).isoformat())
    parts.append(f"WHEN t.status = 'not_started' THEN {code[NOT_STARTED]} ELSE {code[NORMAL]} END")
    return " ".join(parts), params


def short_title(text: str) -> str:
    """针对安全隐患的问题 → 安全隐患; 关于党建引领方面的整改 → 党建引领 (for narrow column headers)."""
    t = re.sub(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])\s*", "", text.strip())
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


def _week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _narrowing(flt: TaskFilter) -> bool:
    return bool(flt.statuses is not None or flt.due or flt.text.strip() or flt.task_ids is not None)


def _columns(ledger: Ledger, mode: str, present: dict[Any, int], today: dt.date
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
            this = _week_monday(today)
            if first - dt.timedelta(days=7 * 26) <= this <= last + dt.timedelta(days=7 * 26):
                first, last = min(first, this), max(last, this)  # so that today's week shows
            span = (last - first).days // 7 + 1
            mondays = [first + dt.timedelta(days=7 * i) for i in range(span)] if span <= 78 else \
                [dt.date.fromisoformat(w) for w in weeks]
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
                cols.append(Axis(monday.isoformat(), f"{week}周\n{monday.month}.{monday.day}",
                                 f"{thursday.year}年第{week}周（{monday.month}月{monday.day}日—"
                                 f"{sunday.month}月{sunday.day}日）", len(groups) - 1))
        if None in present:
            cols.append(Axis(None, "无时限", "没有整改时限的任务"))
    return cols, groups, today_col


def board_data(ledger: Ledger, task_filter: TaskFilter | None = None, columns: str = "problem",
               today: dt.date | None = None, *, bands: Sequence[int] | None = None,
               keep_empty: bool | None = None) -> BoardData:
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
    frm, where, params = _from_where(ledger, flt, today, columns)
    state_sql, state_params = _state_sql(today, bands)
    codes = state_codes(bands)
    conn = ledger.store.conn
    scan = _scan(frm, flt)
    key_sql = KEY_SQL[columns]
    keep = (not _narrowing(flt)) if keep_empty is None else keep_empty
    whole: list[tuple[Any, ...]] | None = None
    if keep:
        col_agg = conn.execute(f"SELECT {GROUP_SQL[columns]}, {state_sql}, COUNT(*) {scan} WHERE {where} "
                               f"GROUP BY 1, 2", [*state_params, *params]).fetchall()
    else:
        whole = conn.execute(f"SELECT t.community_id, {key_sql}, {state_sql}, COUNT(*), MIN(t.deadline) {scan} "
                             f"WHERE {where} GROUP BY t.community_id, 2, 3", [*state_params, *params]).fetchall()
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
            sql = (f"SELECT t.community_id, {key_sql}, {state_sql}, COUNT(*), MIN(t.deadline) {frm} WHERE {where} "
                   f"AND t.community_id IN ({','.join('?' * len(ids))}) GROUP BY t.community_id, 2, 3")
            agg = conn.execute(sql, [*state_params, *params, *ids]).fetchall()
        return _fill(agg, row_index, col_index, codes, today, start, stop)

    cells = CellMap(len(rows), load)
    return BoardData(columns, today, bands, flt, rows, cols, groups, cells, RowTotals(cells), col_totals, total,
                     today_col)


def _fill(agg: Sequence[tuple[Any, ...]], row_index: dict[Any, int], col_index: dict[Any, int], codes: list[str],
          today: dt.date, start: int, stop: int) -> tuple[dict[tuple[int, int], Cell], dict[int, Totals]]:
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


def _drop_empty_columns(cols: list[Axis], groups: list[Group], present: dict[Any, int]
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


def cell_task_rowids(ledger: Ledger, data: BoardData, row: int, column: int, limit: int | None = None) -> list[int]:
    """The tasks behind one cell, most urgent first (deadline, then the ledger's natural order)."""
    frm, where, params = _from_where(ledger, data.task_filter, data.today, data.mode)
    if "JOIN community" not in frm:
        frm = TASK_JOIN
    sql = (f"SELECT t.rowid {frm} WHERE {where} AND t.community_id = ? AND ({KEY_SQL[data.mode]}) IS ? "
           f"ORDER BY t.deadline IS NULL, t.deadline, {NATURAL_ORDER}")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    args = [*params, data.rows[row].key, data.columns[column].key]
    return [r[0] for r in ledger.store.conn.execute(sql, args)]


def cell_tasks(ledger: Ledger, data: BoardData, row: int, column: int, limit: int | None = None) -> list[TaskRow]:
    rowids = cell_task_rowids(ledger, data, row, column, limit)
    raw = ledger.store.task_rows(rowids)
    return [to_task_row(raw[r]) for r in rowids if r in raw]


def cell_task_ids(ledger: Ledger, data: BoardData, row: int, column: int) -> list[str]:
    return [t.id for t in cell_tasks(ledger, data, row, column)]


# ---- kanban ------------------------------------------------------------------------------------------------
KANBAN_ORDER: tuple[Status, ...] = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED, Status.REOPENED,
                                    Status.SUBMITTED, Status.IN_REVIEW, Status.ONGOING, Status.CLOSED)


@dataclass
class KanbanColumn:
    status: Status
    total: int
    tasks: list[TaskRow]

    @property
    def more(self) -> int:
        return self.total - len(self.tasks)


def kanban_columns(ledger: Ledger, task_filter: TaskFilter | None = None, cap: int = 200) -> list[KanbanColumn]:
    """One column per status the filter allows, each with its count and the first ``cap`` cards:
    by deadline (none last) for work still to do, most recently changed first for closed and long-term tasks.

    Each column reads its ``cap`` rowids walking the deadline (or updated_at) index and stops there, so a
    100,000-task ledger costs a few milliseconds a column; the full rows are then read for those cards only."""
    flt = task_filter or TaskFilter()
    frm, where, params = _from_where(ledger, flt, ledger.today(), "problem")
    conn = ledger.store.conn
    counts = dict(conn.execute(f"SELECT t.status, COUNT(*) {_scan(frm, flt)} WHERE {where} GROUP BY +t.status",
                               params))
    # "+t.status": walk the order's index rather than the status index, unless a narrower index serves the filter
    status_sql = "+t.status = ?" if flt.community_ids is None and flt.task_ids is None else "t.status = ?"
    chosen: dict[Status, list[int]] = {}
    for status in KANBAN_ORDER:
        if flt.statuses is not None and status.value not in flt.statuses:
            continue
        if not counts.get(status.value):
            chosen[status] = []
            continue
        # the orders of the deadline and updated_at indexes, so that SQLite reads them and stops at ``cap``
        order = (f"t.updated_at DESC, {NATURAL_ORDER.replace(',', ' DESC,')} DESC"
                 if status in (Status.CLOSED, Status.ONGOING) else f"t.deadline IS NULL, t.deadline, {NATURAL_ORDER}")
        sql = f"SELECT t.rowid {frm} WHERE {where} AND {status_sql} ORDER BY {order} LIMIT {int(cap)}"
        chosen[status] = [r[0] for r in conn.execute(sql, [*params, status.value])]
    raw = ledger.store.task_rows([r for ids in chosen.values() for r in ids])
    return [KanbanColumn(status, int(counts.get(status.value, 0)), [to_task_row(raw[r]) for r in ids if r in raw])
            for status, ids in chosen.items()]


# ---- overview -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CommunityProgress:
    id: str
    name: str
    tasks: int
    closed: int
    overdue: int

    @property
    def pct(self) -> float:
        return 100.0 * self.closed / self.tasks if self.tasks else 0.0


def community_progress(ledger: Ledger, task_filter: TaskFilter | None = None,
                       today: dt.date | None = None) -> list[CommunityProgress]:
    """Per community: tasks, signed off, overdue; worst first (lowest % signed off, then most overdue)."""
    flt = task_filter or TaskFilter()
    today = today or ledger.today()
    frm, where, params = _from_where(ledger, flt, today, "problem")
    sql = (f"SELECT t.community_id, COUNT(*), SUM(t.status = 'closed'), "
           f"SUM(t.status IN ('not_started','in_progress','returned','reopened') AND t.deadline < ?) "
           f"{_scan(frm, flt)} WHERE {where} GROUP BY t.community_id")
    names = {c["id"]: (c["name"], i) for i, c in enumerate(ledger.communities())}
    out = [CommunityProgress(cid, names.get(cid, ("?", 0))[0], n, int(closed or 0), int(overdue or 0))
           for cid, n, closed, overdue in ledger.store.conn.execute(sql, [today.isoformat(), *params])]
    out.sort(key=lambda p: (p.pct, -p.overdue, names.get(p.id, ("", 0))[1]))
    return out


def overdue_tasks(ledger: Ledger, task_filter: TaskFilter | None = None, limit: int = 200
                  ) -> tuple[int, list[TaskRow]]:
    """(how many tasks are overdue under the filter, the ``limit`` most overdue of them)."""
    flt = replace(task_filter or TaskFilter(), due="overdue", sort="deadline", descending=False)
    rowids = ledger.task_rowids(flt)
    raw = ledger.store.task_rows(rowids[:limit])
    return len(rowids), [to_task_row(raw[r]) for r in rowids[:limit] if r in raw]


@dataclass
class Trends:
    """Weekly series from the journal, one value per week (Monday dates), the current week last."""

    weeks: list[dt.date]
    signed_off: list[int]
    open_tasks: list[int]
    newly_overdue: list[int]
    start: int = 0  # the first week the ledger had any task (earlier weeks are before it existed)

    @property
    def labels(self) -> list[str]:
        return [f"{m.month}.{m.day}" for m in self.weeks]


_DEADLINE_OPEN = frozenset({Status.NOT_STARTED.value, Status.IN_PROGRESS.value, Status.RETURNED.value,
                            Status.REOPENED.value})
_OPEN = frozenset(s.value for s in OPEN_STATUSES)


def _overdue_entries(deadline: str, times: list[str], states: list[str]) -> list[dt.date]:
    """The days one task entered the overdue state (to-do status after its deadline's last second)."""
    boundary = f"{deadline} 23:59:59"
    cut = bisect.bisect_right(times, boundary)
    out: list[dt.date] = []
    over = cut > 0 and states[cut - 1] in _DEADLINE_OPEN
    if over:
        out.append(dt.date.fromisoformat(deadline) + dt.timedelta(days=1))
    for at, state in zip(times[cut:], states[cut:], strict=True):
        now_over = state in _DEADLINE_OPEN
        if now_over and not over:
            out.append(dt.date.fromisoformat(at[:10]))
        over = now_over
    return out


DELETED = "__deleted__"  # a pseudo-state in a task's timeline while it is deleted
_CHANGES_SQL = (
    "SELECT j.seq, j.at, json_extract(c.value, '$.op'), json_extract(c.value, '$.id'), "
    "json_extract(c.value, '$.field'), json_extract(c.value, '$.after'), json_extract(c.value, '$.row.status'), "
    "json_extract(c.value, '$.row.deadline'), json_extract(c.value, '$.row.deleted_at'), "
    "json_extract(c.value, '$.row.community_id') "
    "FROM journal j, json_each(j.payload, '$.changes') c WHERE j.seq > ? AND json_extract(c.value, '$.table') = 'task' "
    "AND (json_extract(c.value, '$.op') != 'update' OR json_extract(c.value, '$.field') IN "
    "('status', 'deadline', 'deleted_at', 'community_id')) ORDER BY j.seq, c.key")


class JournalReplay:
    """Each task's state history as the journal tells it, kept up to date entry by entry: ``update`` reads
    only the entries since the last call (the journal is append-only), so the overview's trends cost the
    whole journal once, then milliseconds."""

    def __init__(self) -> None:
        self.seq = 0
        self.deadline: dict[str, str | None] = {}
        self.community: dict[str, str] = {}
        self.timeline: dict[str, tuple[list[str], list[str]]] = {}  # task -> (times, states), in order
        self.open_delta: dict[dt.date, int] = {}  # week -> change in the number of tasks not signed off
        self.closed_per: dict[dt.date, int] = {}  # week -> status changes to closed

    def _state(self, tid: str) -> str | None:
        line = self.timeline.get(tid)
        return line[1][-1] if line else None

    def update(self, ledger: Ledger) -> JournalReplay:
        for seq, at, op, tid, fld, after, row_status, row_deadline, row_deleted, row_com in \
                ledger.store.conn.execute(_CHANGES_SQL, (self.seq,)):
            self.seq = max(self.seq, seq)
            week = _week_monday(dt.date.fromisoformat(at[:10]))
            before = self._state(tid)
            state = before
            if op == "insert":
                self.deadline[tid], self.community[tid] = row_deadline, str(row_com or "")
                state = DELETED if row_deleted else (row_status or Status.NOT_STARTED.value)
                self.timeline[tid] = ([], [])
            elif op == "delete":
                state = DELETED
            elif fld == "status":
                state = str(after)
                if after == Status.CLOSED.value:
                    self.closed_per[week] = self.closed_per.get(week, 0) + 1
            elif fld == "deadline":
                self.deadline[tid] = after
            elif fld == "community_id":
                self.community[tid] = str(after)
            elif fld == "deleted_at":
                state = DELETED if after else self._status_before_deletion(tid)
            if state != before and state is not None and tid in self.timeline:
                times, states = self.timeline[tid]
                times.append(at)
                states.append(state)
                delta = int(state in _OPEN) - int(before in _OPEN)
                if delta:
                    self.open_delta[week] = self.open_delta.get(week, 0) + delta
        return self

    def _status_before_deletion(self, tid: str) -> str:
        states = self.timeline.get(tid, ([], []))[1]
        return next((s for s in reversed(states) if s != DELETED), Status.NOT_STARTED.value)

    def series(self, weeks: int, today: dt.date, community_ids: frozenset[str] | None = None) -> Trends:
        this = _week_monday(today)
        mondays = [this - dt.timedelta(days=7 * i) for i in range(weeks - 1, -1, -1)]
        tasks = list(self.timeline) if community_ids is None else \
            [t for t in self.timeline if self.community.get(t) in community_ids]
        if community_ids is None:
            open_delta, closed_per = self.open_delta, self.closed_per
        else:  # a few communities: walk their tasks' timelines
            open_delta, closed_per = {}, {}
            for tid in tasks:
                before: str | None = None
                for at, state in zip(*self.timeline[tid], strict=True):
                    week = _week_monday(dt.date.fromisoformat(at[:10]))
                    delta = int(state in _OPEN) - int(before in _OPEN)
                    if delta:
                        open_delta[week] = open_delta.get(week, 0) + delta
                    if state == Status.CLOSED.value and before != state:
                        closed_per[week] = closed_per.get(week, 0) + 1
                    before = state
        running = sum(v for d, v in open_delta.items() if d < mondays[0])
        open_series = []
        for m in mondays:
            running += open_delta.get(m, 0)
            open_series.append(running)
        newly: dict[dt.date, int] = {}
        window = (mondays[0] - dt.timedelta(days=1)).isoformat()
        for tid in tasks:
            dl = self.deadline.get(tid)
            times, states = self.timeline[tid]
            if not dl or not states or states[-1] == DELETED or (dl < window and times[-1][:10] < window):
                continue
            for day in _overdue_entries(dl, times, states):
                if mondays[0] <= day <= today:
                    newly[_week_monday(day)] = newly.get(_week_monday(day), 0) + 1
        first = min(open_delta, default=this)
        start = next((i for i, m in enumerate(mondays) if m >= first), len(mondays) - 1)
        return Trends(mondays, [closed_per.get(m, 0) for m in mondays], open_series,
                      [newly.get(m, 0) for m in mondays], start)


def trends(ledger: Ledger, weeks: int = 12, today: dt.date | None = None, *,
           community_ids: frozenset[str] | None = None, replay: JournalReplay | None = None) -> Trends:
    """Weekly series from the journal's task changes: tasks signed off (status → closed) per week, tasks not
    yet signed off at each week's end, and tasks that became overdue during the week: the deadline passed
    while the task was still to be done, or it was created or sent back after its deadline (each task's
    current deadline is used; extensions are not replayed). Pass a ``JournalReplay`` kept between calls to
    read only the new entries."""
    replay = (replay or JournalReplay()).update(ledger)
    return replay.series(weeks, today or ledger.today(), community_ids)
