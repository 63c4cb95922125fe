"""The wall chart's data: cell states on each side of every threshold, colours, totals, column modes, filters,
the scheme stored in the ledger, kanban columns and the overview's series."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import board as lb
from ledger.core import Action, FixedClock, Health, LedgerError, Operator, Role, Status, health
from ledger.service import Ledger
from ledger.storage import TaskFilter

TODAY = dt.date(2025, 11, 20)
DEADLINE_DRIVEN = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED, Status.REOPENED)


def expected_state(status: Status, days: int | None, bands: tuple[int, ...]) -> str:
    """The rule written out plainly, to check the code (and its SQL twin) against."""
    if status == Status.CLOSED:
        return lb.CLOSED
    if status in (Status.SUBMITTED, Status.IN_REVIEW):
        return lb.PENDING
    if status == Status.ONGOING:
        return lb.ONGOING
    if days is not None and days < 0:
        return lb.OVERDUE
    if days is not None:
        inside = [i for i, b in enumerate(bands) if days <= b]
        if inside:
            return f"band{max(inside)}"
    return lb.NOT_STARTED if status == Status.NOT_STARTED else lb.NORMAL


def days_around(bands: tuple[int, ...]) -> list[int]:
    out = {-30, -1, 0, 1}
    for b in bands:
        out |= {b - 1, b, b + 1}
    return sorted(out)


BAND_SETS = [(7,), (20, 10), (30, 14, 3), ()]
CASES = [(status, bands, days) for bands in BAND_SETS for status in Status for days in days_around(bands)]


@pytest.mark.parametrize(
    ("status", "bands", "days"),
    CASES,
    ids=[f"{s.value}-{'_'.join(map(str, b)) or 'none'}-{d}" for s, b, d in CASES],
)
def test_cell_health_each_side_of_every_threshold(status: Status, bands: tuple[int, ...], days: int) -> None:
    deadline = TODAY + dt.timedelta(days=days)
    assert lb.cell_health(status, deadline, TODAY, bands) == expected_state(status, days, bands)


@pytest.mark.parametrize("status", list(Status))
def test_no_deadline_is_never_overdue_nor_warned(status: Status) -> None:
    assert lb.cell_health(status, None, TODAY, (20, 10)) == expected_state(status, None, (20, 10))


@given(st.sampled_from(list(Status)), st.integers(-400, 400) | st.none(), st.integers(0, 60))
@settings(max_examples=300)
def test_one_band_agrees_with_model_health(status: Status, days: int | None, due_soon: int) -> None:
    deadline = None if days is None else TODAY + dt.timedelta(days=days)
    h = health(status, deadline, TODAY, due_soon)
    state = lb.cell_health(status, deadline, TODAY, (due_soon,))
    as_health = {
        lb.OVERDUE: Health.OVERDUE,
        "band0": Health.DUE_SOON,
        lb.NORMAL: Health.NORMAL,
        lb.PENDING: Health.PENDING,
        lb.CLOSED: Health.CLOSED,
        lb.ONGOING: Health.ONGOING,
        lb.NOT_STARTED: Health.NOT_STARTED,
    }[state]
    assert as_health == h


@pytest.mark.parametrize(
    ("scheme", "state", "color"),
    [
        (lb.DEFAULT, lb.OVERDUE, "#E53935"),
        (lb.DEFAULT, "band0", "#FBC02D"),
        (lb.DEFAULT, lb.NORMAL, "#7CC47F"),
        (lb.DEFAULT, lb.PENDING, "#64A8E8"),
        (lb.DEFAULT, lb.CLOSED, "#BDBDBD"),
        (lb.DEFAULT, lb.ONGOING, "#3DB5A6"),
        (lb.DEFAULT, lb.NOT_STARTED, "#FFFFFF"),
        (lb.RED_DONE, lb.CLOSED, "#E53935"),
        (lb.RED_DONE, "band0", "#5C9BE6"),
        (lb.RED_DONE, "band1", "#FBC02D"),
    ],
)
def test_scheme_colours(scheme: lb.BoardScheme, state: str, color: str) -> None:
    assert scheme.color(state) == color
    assert scheme.letter(state)


def test_presets_are_valid_and_name_every_state() -> None:
    for preset in lb.PRESETS.values():
        preset.validate()
        assert lb.preset_of(preset) is not None
        assert [s for s in preset.states() if not preset.label(s)] == []
    assert lb.RED_DONE.label("band0") == "临期（剩11—20天）"
    assert lb.DEFAULT.label("band0") == "临期（7天内）"


@pytest.mark.parametrize(
    "bad",
    [
        {"colors": {**lb.DEFAULT.colors, lb.OVERDUE: "red"}},
        {"bands": (10, 20), "band_colors": ("#111111", "#222222")},
        {"bands": (10, 10), "band_colors": ("#111111", "#222222")},
        {"bands": (30, 20, 10, 5), "band_colors": ("#111111",) * 4},
        {"bands": (20, 10), "band_colors": ("#111111",)},
        {"letters": {**lb.DEFAULT.letters, lb.OVERDUE: "逾期"}},
    ],
)
def test_bad_schemes_are_refused_with_a_sentence(bad: dict) -> None:
    from dataclasses import replace

    with pytest.raises(LedgerError) as err:
        replace(lb.DEFAULT, **bad).validate()
    assert "挂图配色" in err.value.message()


# ---- board data over a real ledger ---------------------------------------------------------------------------
def _one_cell_per_case(ledger: Ledger, cases: list[tuple[Status, int | None]]) -> tuple[str, list[str]]:
    com = ledger.add_community("测试居民区")
    cat = ledger.add_category("关于测试方面的整改")
    problems = []
    for i, (status, days) in enumerate(cases):
        pid = ledger.add_problem(cat, f"针对第{i}种情形的问题")
        deadline = None if days is None else (TODAY + dt.timedelta(days=days)).isoformat()
        ledger.add_task(pid, com, f"措施{i}", deadline=deadline, owner="某人", status=status)
        problems.append(pid)
    return com, problems


@pytest.mark.parametrize("bands", [(7,), (20, 10)])
def test_board_cells_match_the_rule_in_sql(ledger: Ledger, bands: tuple[int, ...]) -> None:
    cases: list[tuple[Status, int | None]] = [(s, d) for s in Status for d in [*days_around(bands), None]]
    _one_cell_per_case(ledger, cases)
    data = lb.board_data(ledger, None, "problem", bands=bands)
    scheme = lb.RED_DONE if len(bands) == 2 else lb.DEFAULT
    assert len(data.columns) == len(cases)
    for c, (status, days) in enumerate(cases):
        cell = data.cell(0, c)
        assert cell is not None and cell.total == 1
        want = expected_state(status, days, bands)
        assert cell.worst == want, (status, days)
        assert scheme.color(cell.worst) == scheme.color(want)
        if lb.deadline_driven(want) and days is not None:
            assert cell.days == days
            assert cell.text == lb.days_text(days)
        else:
            assert cell.text == ""


def test_days_text() -> None:
    assert [lb.days_text(d) for d in (-3, 0, 5, None)] == ["逾3", "今日", "剩5", ""]


def test_filled_totals_and_worst(filled: Ledger) -> None:
    data = lb.board_data(filled, None, "problem")
    assert [r.label for r in data.rows] == ["南郊别墅", "鑫峰苑"]
    assert [g.label for g in data.groups] == ["一、党建引领", "二、廉政建设"]
    assert [c.label for c in data.columns] == ["1.治理效能不足", "2.安全隐患", "3.补贴审核不严"]
    assert data.total.tasks == 6 and data.total.overdue == 2 and data.total.pct_closed == 0
    assert [t.tasks for t in data.row_totals] == [3, 3]
    assert [t.overdue for t in data.row_totals] == [1, 1]
    assert [t.tasks for t in data.column_totals] == [2, 2, 2]
    overdue = data.cell(0, 0)
    assert overdue is not None and overdue.worst == lb.OVERDUE and overdue.text == "逾10"
    soon = data.cell(1, 0)
    assert soon is not None and soon.worst == "band0" and soon.text == "剩5"
    no_deadline = data.cell(1, 2)
    assert no_deadline is not None and no_deadline.worst == lb.NOT_STARTED and no_deadline.days is None


def test_closed_share_and_mixed_cell(ledger: Ledger) -> None:
    com = ledger.add_community("甲")
    cat = ledger.add_category("关于甲方面的整改")
    pid = ledger.add_problem(cat, "针对甲的问题")
    ledger.add_task(pid, com, "已办", deadline="2025-10-01", owner="a", status=Status.CLOSED)
    ledger.add_task(pid, com, "已办2", deadline="2025-10-01", owner="a", status=Status.CLOSED)
    ledger.add_task(pid, com, "在办", deadline="2025-11-19", owner="b", status=Status.IN_PROGRESS)
    ledger.add_task(pid, com, "在审", deadline="2025-11-01", owner="b", status=Status.SUBMITTED)
    data = lb.board_data(ledger, None, "category")
    cell = data.cell(0, 0)
    assert cell is not None
    assert cell.total == 4 and cell.closed == 2
    assert cell.counts == {lb.CLOSED: 2, lb.OVERDUE: 1, lb.PENDING: 1}
    assert cell.worst == lb.OVERDUE and cell.days == -1
    assert data.total.pct_closed == 50.0
    assert lb.cell_task_ids(ledger, data, 0, 0)[0] != ""
    assert len(lb.cell_task_ids(ledger, data, 0, 0)) == 4


def test_column_modes(filled: Ledger) -> None:
    cat = lb.board_data(filled, None, "category")
    assert [c.label for c in cat.columns] == ["一、党建引领", "二、廉政建设"] and not cat.groups
    assert [t.tasks for t in cat.column_totals] == [4, 2]
    owners = lb.board_data(filled, None, "owner")
    assert sorted(c.label for c in owners.columns) == sorted(["赵一", "钱二", "孙三", "李四", "周五", "吴六"])
    week = lb.board_data(filled, None, "week")
    mondays = [c.key for c in week.columns if c.key]
    assert mondays[0] == "2025-11-10" and mondays[-1] == "2026-01-12"
    assert len(mondays) == 10  # contiguous weeks: 倒排工期 reads as a timeline
    assert week.columns[-1].key is None and week.columns[-1].label == "无时限"
    assert week.today_column is not None and week.columns[week.today_column].key == "2025-11-17"
    assert week.columns[week.today_column].label.startswith("47周")
    assert [g.label for g in week.groups] == ["2025年11月", "2025年12月", "2026年1月"]
    assert sum(t.tasks for t in week.column_totals) == 6
    assert week.cell(0, 0) is not None and week.cell(0, 0).worst == lb.OVERDUE  # 2025-11-10


def test_unknown_mode_is_refused(filled: Ledger) -> None:
    with pytest.raises(ValueError):
        lb.board_data(filled, None, "month")


def test_filters_apply(filled: Ledger) -> None:
    south = filled.community_id("南郊别墅")
    only = lb.board_data(filled, TaskFilter(community_ids=frozenset({south})), "problem")
    assert [r.label for r in only.rows] == ["南郊别墅"] and only.total.tasks == 3
    assert len(only.columns) == 3  # a community filter keeps the whole plan in view
    overdue = lb.board_data(filled, TaskFilter(due="overdue"), "problem")
    assert overdue.total.tasks == 2
    assert [c.label for c in overdue.columns] == ["1.治理效能不足", "2.安全隐患"]  # empty columns dropped
    assert {overdue.cell(r, c).worst for (r, c) in overdue.cells} == {lb.OVERDUE}
    text = lb.board_data(filled, TaskFilter(text="宣传"), "problem")
    assert text.total.tasks == 2 and [c.label for c in text.columns] == ["1.治理效能不足"]
    status = lb.board_data(filled, TaskFilter(statuses=frozenset({"in_progress"})), "problem")
    assert status.total.tasks == 0 and status.rows == [] and status.columns == []
    kept = lb.board_data(filled, TaskFilter(due="overdue"), "problem", keep_empty=True)
    assert len(kept.columns) == 3 and len(kept.rows) == 2
    ids = lb.cell_task_ids(filled, overdue, 0, 0)
    assert [filled.task(i).measure for i in ids] == ["强化宣传培训"]


def test_scheme_is_journalled_and_survives_reopening(
    tmp_path: Path, clock: FixedClock, work_team: Operator
) -> None:
    path = tmp_path / "配色.db"
    led = Ledger.create(path, org="测试", clock=clock, operator=work_team)
    assert lb.load_scheme(led).bands == (7,)
    custom = lb.RED_DONE.with_bands((30, 15, 5), ("#AAAAAA", "#5C9BE6", "#FBC02D"))
    from dataclasses import replace

    custom = replace(custom, colors={**custom.colors, lb.OVERDUE: "#123456"}, name="自定义")
    entry = lb.save_scheme(led, custom)
    from ledger.storage import journal

    assert journal.entry(led.store, entry).command == "set_setting"
    led.close()
    again = Ledger.open(path, clock=clock, operator=work_team)
    try:
        loaded = lb.load_scheme(again)
        assert loaded == custom
        assert lb.board_data(again).bands == (30, 15, 5)
    finally:
        again.close()


def test_default_scheme_follows_due_soon_days(ledger: Ledger) -> None:
    ledger.set_setting("due_soon_days", 10)
    assert lb.load_scheme(ledger).bands == (10,)
    ledger.set_setting("due_soon_days", 0)
    assert lb.load_scheme(ledger).bands == ()


def test_a_damaged_scheme_falls_back_to_the_default(ledger: Ledger) -> None:
    ledger.set_setting(lb.SETTING_KEY, {"colors": {"overdue": "not a colour"}})
    assert lb.load_scheme(ledger).colors == lb.DEFAULT.colors


def test_short_titles() -> None:
    assert lb.short_title("针对安全隐患的问题") == "安全隐患"
    assert lb.short_title("关于党建引领方面的整改") == "党建引领"
    assert lb.short_title("（一）关于全面从严治党方面的整改") == "全面从严治党"
    assert lb.short_title("针对党建引领基层治理不到位的问题（1）") == "党建引领基层治理不到位（1）"


# ---- kanban and overview -------------------------------------------------------------------------------------
def test_kanban_columns_cap_and_order(filled: Ledger) -> None:
    cols = lb.kanban_columns(filled, cap=4)
    assert [c.status for c in cols] == list(lb.KANBAN_ORDER)
    first = cols[0]
    assert (
        first.status == Status.NOT_STARTED and first.total == 6 and len(first.tasks) == 4 and first.more == 2
    )
    assert [t.deadline.isoformat() for t in first.tasks] == [
        "2025-11-10",
        "2025-11-18",
        "2025-11-25",
        "2025-12-31",
    ]
    full = lb.kanban_columns(filled, cap=10)[0]
    assert full.tasks[-1].deadline is None  # no deadline last
    only = lb.kanban_columns(filled, TaskFilter(statuses=frozenset({"closed"})))
    assert [c.status for c in only] == [Status.CLOSED] and only[0].total == 0


def test_community_progress_worst_first(filled: Ledger) -> None:
    tid = filled.task_rowids()
    rows = filled.store.task_rows(tid)
    south_ids = [r[1] for r in rows.values() if r[3] == "南郊别墅"]
    filled.delete_task(south_ids[0])
    prog = lb.community_progress(filled)
    assert [p.name for p in prog] == ["鑫峰苑", "南郊别墅"]  # same 0%, more overdue first
    assert [p.overdue for p in prog] == [1, 0]
    n, overdue = lb.overdue_tasks(filled)
    assert n == 1 and overdue[0].owner == "李四"


def _close(led: Ledger, task_id: str) -> None:
    work, deputy, head = led.operator, Operator("副组长", Role.LEADER), Operator("组长", Role.LEADER)
    led.operator = Operator("书记", Role.SECRETARY)
    led.act(task_id, Action.START)
    led.act(task_id, Action.SUBMIT, reason="已完成")
    led.operator = work  # whoever applied signs no level of the round
    led.act(task_id, Action.APPROVE, grade="好", exception="测试")
    led.operator = deputy
    led.act(task_id, Action.APPROVE, grade="好", exception="测试")
    led.operator = head
    led.act(task_id, Action.APPROVE, grade="好", exception="测试")
    led.operator = work


def test_trends_from_the_journal(tmp_path: Path, work_team: Operator) -> None:
    clock = FixedClock.on("2025-10-27")  # a Monday
    led = Ledger.create(tmp_path / "趋势.db", org="测试", clock=clock, operator=work_team)
    com = led.add_community("甲")
    pid = led.add_problem(led.add_category("关于甲方面的整改"), "针对甲的问题")
    led.add_task(pid, com, "一", deadline="2025-11-04", owner="x")  # overdue from 11-05 (week of 11-03)
    b = led.add_task(pid, com, "二", deadline="2025-12-31", owner="x")
    led.add_task(pid, com, "三", deadline="2025-12-31", owner="x")
    clock.advance(days=14)  # 2025-11-10
    _close(led, b)
    clock.advance(days=3)
    led.add_task(pid, com, "四", deadline="2025-11-01", owner="x")  # created overdue on 11-13
    clock.advance(days=7)  # 2025-11-20
    tr = lb.trends(led, weeks=5)
    assert [w.isoformat() for w in tr.weeks] == [
        "2025-10-20",
        "2025-10-27",
        "2025-11-03",
        "2025-11-10",
        "2025-11-17",
    ]
    assert tr.signed_off == [0, 0, 0, 1, 0]
    assert tr.open_tasks == [0, 3, 3, 3, 3]
    assert tr.newly_overdue == [0, 0, 1, 1, 0]
    assert tr.start == 1
    assert tr.labels[0] == "10.20"
    led.close()


def test_trends_read_incrementally_and_by_community(tmp_path: Path, work_team: Operator) -> None:
    clock = FixedClock.on("2025-11-03")
    led = Ledger.create(tmp_path / "增量.db", org="测试", clock=clock, operator=work_team)
    a, b = led.add_community("甲"), led.add_community("乙")
    pid = led.add_problem(led.add_category("关于甲方面的整改"), "针对甲的问题")
    t1 = led.add_task(pid, a, "一", deadline="2025-11-05", owner="x")
    led.add_task(pid, b, "二", deadline="2025-11-30", owner="y")
    replay = lb.JournalReplay()
    first = lb.trends(led, weeks=3, replay=replay)
    seen = replay.seq
    assert first.open_tasks[-1] == 2
    clock.advance(days=7)
    _close(led, t1)
    t3 = led.add_task(pid, b, "三", deadline="2025-11-01", owner="y")
    led.delete_task(t3)
    again = lb.trends(led, weeks=3, replay=replay)
    assert replay.seq > seen
    assert again == lb.trends(led, weeks=3)  # the same as reading the whole journal afresh
    assert again.open_tasks == [0, 2, 1] and again.signed_off == [0, 0, 1]
    only_b = lb.trends(led, weeks=3, community_ids=frozenset({b}), replay=replay)
    assert (
        only_b.open_tasks == [0, 1, 1]
        and only_b.signed_off == [0, 0, 0]
        and only_b.newly_overdue == [0, 0, 0]
    )
    only_a = lb.trends(led, weeks=3, community_ids=frozenset({a}), replay=replay)
    assert (
        only_a.open_tasks == [0, 1, 0]
        and only_a.signed_off == [0, 0, 1]
        and only_a.newly_overdue == [0, 1, 0]
    )
    led.close()
