"""The sheets of an exported 台账: the grouped ledger table, the 汇总 and the 三张清单 (problems, tasks, people)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ledger.core import Health, Status
from ledger.office.xlsx_book import Book, BookSheet
from ledger.office.xlsx_layout import (
    CATEGORY,
    CENTER,
    MAX_ROW_HEIGHT,
    NOTE,
    NUMBER,
    PERCENT,
    PROBLEM,
    TEXT,
    TOTAL,
    Cell,
    height_for,
    text_lines,
)
from ledger.office.xlsx_rows import COLUMN_STYLES, SEQ, STATUS_STYLES, Item, row_values

HEADER_ROW = 3  # title, subtitle, header
BUFFER_ROWS = 200  # rows of one problem held back so the merged cells' heights can be checked
SHORT_TEXT = 32  # a text with a line break up to this long has its lines counted once per sheet and width


@dataclass(frozen=True)
class Column:
    """One column of a template: which value, under which header, how wide (in characters)."""

    key: str
    title: str
    width: float


@dataclass(frozen=True)
class Heading:
    title: str
    subtitle: str


class LedgerSheet:
    """The 台账 layout: rows grouped by category and problem, their cells merged vertically, 序号 1..N.

    With ``merge=False`` (the 任务清单) every row repeats its category and problem instead."""

    def __init__(
        self,
        book: Book,
        title: str,
        columns: Sequence[Column],
        heading: Heading,
        *,
        paper: str,
        merge: bool = True,
        hidden: frozenset[str] = frozenset(),
    ) -> None:
        widths = [c.width for c in columns]
        self.sheet = book.sheet(
            title,
            widths,
            paper=paper,
            header_row=HEADER_ROW,
            hidden=[i for i, c in enumerate(columns) if c.key in hidden],
        )
        self.sheet.heading(heading.title, heading.subtitle, [c.title for c in columns], widths)
        self.widths = widths
        self.hidden = {i + 1 for i, c in enumerate(columns) if c.key in hidden}  # not printed: no height
        keys = [c.key for c in columns]
        # each column's value (序号 is the count, written in after) and format (状态's follows the health: one list
        # of formats per health, looked up once and shared by the rows)
        self.values = row_values(keys)
        styles = {h: [STATUS_STYLES[h] if k == "status" else COLUMN_STYLES[k] for k in keys] for h in Health}
        self.formats = {h: [book.formats[k] for k in styles[h]] for h in Health}
        self.quoted = {h: [book.quoted[k] for k in styles[h]] for h in Health}
        self.seq_cols = [i for i, k in enumerate(keys) if k == SEQ]
        self.cat_col = keys.index("category") + 1 if merge and "category" in keys else 0
        self.prob_col = keys.index("problem") + 1 if merge and "problem" in keys else 0
        # the columns whose text decides a row's height (not the merged groups, not the hidden ones): index, width
        # and text_lines' room for one line
        self.measured = [
            (i, w, max(1.0, w - 1.0))
            for i, w in enumerate(widths)
            if i + 1 not in (self.cat_col, self.prob_col, *self.hidden) and keys[i] != SEQ
        ]
        self.count = 0
        self._heights: dict[int, float] = {}  # height_for by number of lines, per row
        self._short_lines: dict[tuple[str, float], int] = {}  # text_lines of short texts with a line break
        self._buf: list[tuple[list[Any], Health, float]] = []  # (values, health, height) held back
        self._partial = False  # part of the current problem's rows is already on disk
        self._cat: tuple[str, str] | None = None  # (id, label)
        self._prob: tuple[str, str] | None = None
        self._cat_start = self._prob_start = 0
        self._starts_cat = False

    def add(self, item: Item) -> None:
        t = item.task
        if (
            self._prob is None
            or t.problem_id != self._prob[0]
            or self._cat is None
            or t.category_id != self._cat[0]
        ):
            self._end_problem()
            self._starts_cat = self._cat is None or t.category_id != self._cat[0]
            if self._starts_cat:
                self._end_category()
                self._cat = (t.category_id, item.category_label)
                self._cat_start = self.sheet.row + 1
            self._prob = (t.problem_id, item.problem_label)
            self._prob_start = self.sheet.row + 1
        self.count += 1
        row_no = self.sheet.row + len(self._buf) + 1
        values = self.values(item)  # a new list, changed below
        for i in self.seq_cols:
            values[i] = self.count
        lines = 1  # the most any measured cell needs (text_lines, inline for a text without a break)
        for i, width, room in self.measured:
            text = values[i]
            if text.__class__ is not str:
                continue  # a number, a date or a blank: one short line
            if "\n" in text:
                if len(text) <= SHORT_TEXT:  # a 完成情况 with its deadline note: few distinct, on most rows
                    key = (text, width)
                    n = self._short_lines.get(key, 0)
                    if not n:
                        n = self._short_lines[key] = text_lines(text, width)
                else:
                    n = text_lines(text, width)
                if n > lines:
                    lines = n
            # no character is wider than two units: a text this short fits in ``lines``
            elif len(text) * 2 > room * lines:
                units = (len(text.encode("utf-8")) + len(text)) // 2  # text_units
                if units > room * lines:
                    lines = math.ceil(units / room)
        if self.cat_col and row_no != self._cat_start:
            values[self.cat_col - 1] = None  # under the merged label
        if self.prob_col and row_no != self._prob_start:
            values[self.prob_col - 1] = None
        height = self._heights.get(lines)
        if height is None:
            height = self._heights[lines] = height_for(lines)
        self._buf.append((values, item.health, height))
        if len(self._buf) >= BUFFER_ROWS:
            self._flush(final=False)

    def _flush(self, *, final: bool) -> None:
        if not self._buf:
            return
        if final and not self._partial and self._prob is not None and self._cat is not None:
            need = 0.0
            if self.prob_col:
                need = height_for(text_lines(self._prob[1], self.widths[self.prob_col - 1]))
            if self.cat_col and self._starts_cat:
                need = max(need, height_for(text_lines(self._cat[1], self.widths[self.cat_col - 1])))
            have = sum(h for _values, _health, h in self._buf)
            if have < need:
                values, health, h = self._buf[-1]
                self._buf[-1] = (values, health, min(MAX_ROW_HEIGHT, h + need - have))
        sheet, formats, quoted = self.sheet, self.formats, self.quoted
        for values, health, h in self._buf:
            if sheet.break_before(h):
                self._continue_groups(values)
            sheet.append_values(values, formats[health], quoted[health], h)
        self._buf.clear()
        if not final:
            self._partial = True

    def _continue_groups(self, values: list[Any]) -> None:
        """A page starts inside a group: its merged label ends on the page before and starts again, labelled
        "（续）", on this page's first row."""
        row = self.sheet.row + 1
        if self.cat_col and self._cat is not None and self._cat_start < row:
            self.sheet.merge(self._cat_start, self.cat_col, row - 1, self.cat_col)
            values[self.cat_col - 1] = f"{self._cat[1]}（续）"
            self._cat_start = row
        if self.prob_col and self._prob is not None and self._prob_start < row:
            self.sheet.merge(self._prob_start, self.prob_col, row - 1, self.prob_col)
            values[self.prob_col - 1] = f"{self._prob[1]}（续）"
            self._prob_start = row

    def _end_problem(self) -> None:
        self._flush(final=True)
        self._partial = False
        if self.prob_col and self._prob is not None:
            self.sheet.merge(self._prob_start, self.prob_col, self.sheet.row, self.prob_col)

    def _end_category(self) -> None:
        if self.cat_col and self._cat is not None:
            self.sheet.merge(self._cat_start, self.cat_col, self.sheet.row, self.cat_col)

    def close(self) -> int:
        """Write what is held back, merge the last groups, close the sheet; returns the number of tasks."""
        self._end_problem()
        self._end_category()
        self.sheet.finish()
        return self.count


# ---- counts gathered while the rows stream past -------------------------------------------------------------------
@dataclass
class Counts:
    """A partition of the tasks counted: 已销号 + 长期坚持 + 未销号 = 任务总数; 逾期 is a part of 未销号."""

    total: int = 0
    closed: int = 0
    ongoing: int = 0
    overdue: int = 0
    communities: dict[str, None] = field(default_factory=dict)

    def add(self, item: Item) -> None:
        self.total += 1
        if item.task.status == Status.CLOSED:
            self.closed += 1
        elif item.task.status == Status.ONGOING:
            self.ongoing += 1
        elif item.health == Health.OVERDUE:
            self.overdue += 1

    @property
    def open(self) -> int:
        """未销号: neither signed off nor 长期坚持 (not started, in progress, in review, returned, reopened)."""
        return self.total - self.closed - self.ongoing


@dataclass
class Tally:
    """Per community, per problem and per leader → person, in the order first met (the ledger's order)."""

    lists: bool = False
    keep_rowids: bool = False
    communities: dict[str, Counts] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    problems: dict[str, Counts] = field(default_factory=dict)
    people: dict[str, dict[str, Counts]] = field(default_factory=dict)
    rowids: dict[str, list[int]] = field(default_factory=dict)

    def add(self, item: Item) -> None:
        t = item.task
        self.names[t.community_id] = t.community
        counts = self.communities.get(t.community_id)
        if counts is None:  # (setdefault would build a Counts, and its dict, for every task)
            counts = self.communities[t.community_id] = Counts()
        counts.add(item)
        if self.keep_rowids:
            self.rowids.setdefault(t.community_id, []).append(item.rowid)
        if self.lists:
            problem = self.problems.get(t.problem_id)
            if problem is None:
                problem = self.problems[t.problem_id] = Counts()
            problem.add(item)
            problem.communities[t.community_id] = None
            owners = self.people.setdefault(t.leader, {})
            person = owners.get(t.owner)
            if person is None:
                person = owners[t.owner] = Counts()
            person.add(item)
            person.communities[t.community] = None


def _rate(c: Counts) -> Cell:
    return (c.closed / c.total, PERCENT) if c.total else ("—", PERCENT)


def _counts(c: Counts) -> list[Cell]:
    return [(c.total, NUMBER), (c.closed, NUMBER), (c.ongoing, NUMBER), (c.open, NUMBER), (c.overdue, NUMBER)]


def _sum(counts: Sequence[Counts]) -> Counts:
    out = Counts()
    for c in counts:
        out.total += c.total
        out.closed += c.closed
        out.ongoing += c.ongoing
        out.overdue += c.overdue
    return out


SUMMARY_COLUMNS = [
    Column("seq", "序号", 6),
    Column("community", "责任单位", 22),
    Column("total", "任务总数", 10),
    Column("closed", "已销号", 10),
    Column("ongoing", "长期坚持", 10),
    Column("open", "未销号", 10),
    Column("overdue", "其中逾期", 10),
    Column("rate", "完成率", 10),
]
SUMMARY_NOTE = (
    "说明：任务总数＝已销号＋长期坚持＋未销号；未销号含未启动、推进中、申请销号、审核中、已退回、反弹重启；"
    "其中逾期为未销号中超过整改时限仍未申请销号的任务；完成率＝已销号÷任务总数。"
)


def _note(sheet: BookSheet, text: str, total_width: float) -> None:
    sheet.append(
        [(text, NOTE)] + [(None, NOTE)] * (sheet.ncols - 1), height_for(text_lines(text, total_width))
    )
    sheet.merge(sheet.row, 1, sheet.row, sheet.ncols)


def write_summary(sheet: BookSheet, heading: Heading, rows: Sequence[tuple[str, Counts]]) -> None:
    """汇总: one row per community, then 合计 and a note saying what the words mean."""
    widths = [c.width for c in SUMMARY_COLUMNS]
    sheet.heading(heading.title, heading.subtitle, [c.title for c in SUMMARY_COLUMNS], widths)
    for n, (name, c) in enumerate(rows, start=1):
        sheet.append(
            [(n, CENTER), (name, CENTER), *_counts(c), _rate(c)], height_for(text_lines(name, widths[1]))
        )
    last = sheet.row
    total = _sum([c for _name, c in rows])
    sheet.append([("合计", TOTAL), (None, TOTAL), *_counts(total), _rate(total)], 24.0)
    sheet.merge(sheet.row, 1, sheet.row, 2)
    _note(sheet, SUMMARY_NOTE, sum(widths))
    sheet.finish(last_row=last)


PROBLEM_COLUMNS = [
    Column("seq", "序号", 6),
    Column("category", "问题类别", 16),
    Column("problem", "反馈问题", 24),
    Column("detail", "问题表现", 36),
    Column("total", "任务数", 8),
    Column("closed", "已销号", 8),
    Column("ongoing", "长期坚持", 8),
    Column("open", "未销号", 8),
    Column("overdue", "其中逾期", 8),
    Column("communities", "涉及单位数", 10),
]


def write_problem_list(
    sheet: BookSheet, heading: Heading, groups: Sequence[tuple[str, Sequence[tuple[str, str, Counts]]]]
) -> None:
    """问题清单: categories → problems with their task counts; the category cell merged over its problems."""
    widths = [c.width for c in PROBLEM_COLUMNS]
    sheet.heading(heading.title, heading.subtitle, [c.title for c in PROBLEM_COLUMNS], widths)
    n = 0
    everything: list[Counts] = []
    for cat_label, problems in groups:
        start = sheet.row + 1
        heights = []
        rows = []
        for i, (prob_label, detail, c) in enumerate(problems):
            n += 1
            everything.append(c)
            lines = max(text_lines(prob_label, widths[2]), text_lines(detail, widths[3]))
            heights.append(height_for(lines))
            rows.append(
                [
                    (n, CENTER),
                    (cat_label if i == 0 else None, CATEGORY),
                    (prob_label, PROBLEM),
                    (detail or None, TEXT),
                    *_counts(c),
                    (len(c.communities), NUMBER),
                ]
            )
        need = height_for(text_lines(cat_label, widths[1]))
        if rows and sum(heights) < need:
            heights[-1] = min(MAX_ROW_HEIGHT, heights[-1] + need - sum(heights))
        for i, (cells, h) in enumerate(zip(rows, heights, strict=True)):
            if sheet.break_before(h) and i > 0:  # the category goes on over the page: its label too
                sheet.merge(start, 2, sheet.row, 2)
                start, cells[1] = sheet.row + 1, (f"{cat_label}（续）", CATEGORY)
            sheet.append(cells, h)
        if rows:
            sheet.merge(start, 2, sheet.row, 2)
    last = sheet.row
    total = _sum(everything)
    sheet.append(
        [("合计", TOTAL), (None, TOTAL), (None, TOTAL), (None, TOTAL), *_counts(total), (None, NUMBER)], 24.0
    )
    sheet.merge(sheet.row, 1, sheet.row, 4)
    sheet.finish(last_row=last)


PEOPLE_COLUMNS = [
    Column("seq", "序号", 6),
    Column("leader", "责任领导", 12),
    Column("owner", "责任人", 12),
    Column("communities", "责任单位", 30),
    Column("total", "任务数", 8),
    Column("closed", "已销号", 8),
    Column("ongoing", "长期坚持", 8),
    Column("open", "未销号", 8),
    Column("overdue", "其中逾期", 8),
]
COMMUNITIES_SHOWN = 5
UNNAMED = "（未填写）"


def _places(c: Counts) -> str:
    names = list(c.communities)
    text = "、".join(names[:COMMUNITIES_SHOWN])
    return text + (f"等{len(names)}个" if len(names) > COMMUNITIES_SHOWN else "")


def write_people_list(sheet: BookSheet, heading: Heading, people: dict[str, dict[str, Counts]]) -> None:
    """责任清单: grouped by responsible leader, then person, with their counts; the leader cell merged."""
    widths = [c.width for c in PEOPLE_COLUMNS]
    sheet.heading(heading.title, heading.subtitle, [c.title for c in PEOPLE_COLUMNS], widths)
    n = 0
    everything: list[Counts] = []
    leaders = sorted(people, key=lambda name: not name)  # stable: the unnamed group last
    for leader in leaders:
        owners = sorted(people[leader], key=lambda name: not name)
        start = sheet.row + 1
        for i, owner in enumerate(owners):
            c = people[leader][owner]
            n += 1
            everything.append(c)
            places = _places(c)
            height = height_for(text_lines(places, widths[3]))
            label: str | None = (leader or UNNAMED) if i == 0 else None
            if sheet.break_before(height) and i > 0:  # the leader's group goes on: its label too
                sheet.merge(start, 2, sheet.row, 2)
                start, label = sheet.row + 1, f"{leader or UNNAMED}（续）"
            sheet.append(
                [
                    (n, CENTER),
                    (label, CENTER),
                    (owner or UNNAMED, CENTER),
                    (places or None, TEXT),
                    *_counts(c),
                ],
                height,
            )
        sheet.merge(start, 2, sheet.row, 2)
    last = sheet.row
    total = _sum(everything)
    sheet.append([("合计", TOTAL), (None, TOTAL), (None, TOTAL), (None, TOTAL), *_counts(total)], 24.0)
    sheet.merge(sheet.row, 1, sheet.row, 4)
    sheet.finish(last_row=last)
