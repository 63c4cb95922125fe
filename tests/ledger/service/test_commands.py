"""The command service: structure, tasks, refused input leaving nothing half-saved, undo/redo, stats, filters."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.core import Action, FixedClock, Health, Kind, LedgerError, Operator, Role, Status, health
from ledger.service.commands import Ledger
from ledger.service.tx import Changed
from ledger.storage import SORT_SQL, TaskFilter, journal
from tests.helpers import Snapshot, last_entry_id, refuse

ROOT = Path(__file__).resolve().parents[3]
TODAY = dt.date(2025, 11, 20)
OPEN_FOR_DEADLINE = {"not_started", "in_progress", "returned", "reopened"}


def ids_of(led: Ledger, flt: TaskFilter | None = None) -> list[str]:
    """Task ids in the order the ledger table shows them for a filter."""
    rowids = led.task_rowids(flt)
    rows = led.store.task_rows(rowids)
    return [rows[r][1] for r in rowids]


def by_measure(led: Ledger) -> dict[tuple[str, str], str]:
    return {(t["community"], t["measure"]): t["id"] for t in led.tasks_json()}


# ---- communities, categories, problems -----------------------------------------------------------
def test_communities_add_rename_reorder_delete(ledger: Ledger) -> None:
    a = ledger.add_community("南郊别墅", secretary="王书记")
    b = ledger.add_community("鑫峰苑")
    c = ledger.add_community("天恒名城", kind="村")
    assert [r["name"] for r in ledger.communities()] == ["南郊别墅", "鑫峰苑", "天恒名城"]
    ledger.update_community(b, name="鑫峰苑居民区", secretary="李书记")
    assert ledger.store.row("community", b)["secretary"] == "李书记"
    assert ledger.community_id("鑫峰苑居民区") == b
    ledger.move_community(c, -2)
    assert [r["name"] for r in ledger.communities()] == ["天恒名城", "南郊别墅", "鑫峰苑居民区"]
    ledger.move_community(c, 99)  # clamped to the end
    assert [r["id"] for r in ledger.communities()] == [a, b, c]
    ledger.delete_community(a)
    assert [r["id"] for r in ledger.communities()] == [b, c]
    assert journal.verify(ledger.store) is None


def test_community_names_are_checked(ledger: Ledger) -> None:
    a = ledger.add_community("南郊别墅")
    b = ledger.add_community("鑫峰苑")
    assert "已经有名为“南郊别墅”的居民区" in refuse(
        ledger, "duplicate_name", ledger.add_community, " 南郊别墅 "
    )
    assert "南郊别墅" in refuse(ledger, "duplicate_name", ledger.update_community, b, name="南郊别墅")
    assert "居民区名称" in refuse(ledger, "empty_field", ledger.add_community, "  ")
    assert "不能为空" in refuse(ledger, "empty_field", ledger.update_community, a, name="")
    refuse(ledger, "no_such_community", ledger.community_id, "不存在")


def test_categories_and_problems_add_rename_reorder_delete(ledger: Ledger) -> None:
    c1 = ledger.add_category("关于党建引领方面的整改")
    c2 = ledger.add_category("关于廉政建设方面的整改")
    p1 = ledger.add_problem(c1, "针对治理效能不足的问题")
    p2 = ledger.add_problem(c1, "针对安全隐患的问题", "详细说明")
    ledger.update_category(c1, "关于基层治理方面的整改")
    ledger.update_problem(p2, title="针对消防隐患的问题")
    assert [r["title"] for r in ledger.categories()] == ["关于基层治理方面的整改", "关于廉政建设方面的整改"]
    ledger.move_category(c2, -1)
    assert [r["id"] for r in ledger.categories()] == [c2, c1]
    ledger.move_problem(p2, -1)
    assert [r["id"] for r in ledger.problems(c1)] == [p2, p1]
    assert [r["title"] for r in ledger.problems(c1)] == ["针对消防隐患的问题", "针对治理效能不足的问题"]
    assert "问题类别" in refuse(ledger, "empty_field", ledger.update_category, c1, " ")
    assert "反馈问题" in refuse(ledger, "empty_field", ledger.add_problem, c1, "")
    refuse(ledger, "no_such_category", ledger.add_problem, "no-such-category", "标题")
    ledger.delete_problem(p1)
    ledger.delete_problem(p2)
    ledger.delete_category(c1)
    assert [r["id"] for r in ledger.categories()] == [c2]
    assert journal.verify(ledger.store) is None


def test_deleting_a_problem_with_tasks_refuses_with_the_count(filled: Ledger) -> None:
    prob = filled.problems()[0]
    n = sum(1 for t in filled.tasks_json() if t["problem"] == prob["title"])
    assert n == 2
    msg = refuse(filled, "not_empty", filled.delete_problem, prob["id"])
    assert f"还有 {n} 条整改任务" in msg and prob["title"] in msg and "不能删除" in msg


def test_deleting_a_community_with_tasks_refuses_with_the_count(filled: Ledger) -> None:
    com = filled.communities()[0]
    n = sum(1 for t in filled.tasks_json() if t["community"] == com["name"])
    msg = refuse(filled, "not_empty", filled.delete_community, com["id"])
    assert f"还有 {n} 条整改任务" in msg and com["name"] in msg


def test_deleting_a_category_refuses_with_a_true_count(filled: Ledger) -> None:
    cat = filled.categories()[0]
    problems = len(filled.problems(cat["id"]))
    tasks = sum(1 for t in filled.tasks_json() if t["category"] == cat["title"])
    assert (problems, tasks) == (2, 4)
    msg = refuse(filled, "not_empty", filled.delete_category, cat["id"])
    assert f"{tasks} 条整改任务" in msg or f"{problems} 个反馈问题" in msg


def test_deleting_a_community_whose_tasks_were_deleted_says_something_sensible(ledger: Ledger) -> None:
    com = ledger.add_community("南郊别墅")
    prob = ledger.add_problem(ledger.add_category("类别"), "问题")
    tid = ledger.add_task(prob, com, "措施", owner="赵一")
    ledger.delete_task(tid)
    ledger.delete_community(com)  # only a deleted task left: the community goes, with it
    assert ledger.communities() == []
    assert [e.command for e in ledger.history(tid)][-2:] == [
        "delete_task",
        "delete_community",
    ]  # still journalled
    other = ledger.add_community("鑫峰苑")
    ledger.delete_task(ledger.add_task(prob, other, "措施二", owner="钱二"))
    ledger.delete_problem(prob)  # likewise a problem whose only task was deleted
    assert ledger.problems() == []


# ---- tasks --------------------------------------------------------------------------------------------
def test_add_edit_delete_task(filled: Ledger, clock: Any) -> None:
    prob = filled.problems()[0]["id"]
    com = filled.communities()[0]["id"]
    tid = filled.add_task(
        prob,
        com,
        "  建立周报制度  ",
        owner=" 王五 ",
        leader="郑领导",
        deadline="2025-12-05",
        kind="立行立改",
        department="南郊别墅居民区党组织",
        detail="每周五报送",
    )
    t = filled.task(tid)
    assert (t.measure, t.owner, t.leader, t.kind, t.status) == (
        "建立周报制度",
        "王五",
        "郑领导",
        "立行立改",
        Status.NOT_STARTED,
    )
    assert (
        t.deadline == dt.date(2025, 12, 5) and t.original_deadline is None
    )  # 原定时限 only after an extension
    clock.advance(days=1)
    filled.update_task(tid, owner="王六", deadline="2025-12-15", progress="已起草制度")
    t = filled.task(tid)
    assert (t.owner, t.deadline, t.original_deadline, t.progress) == (
        "王六",
        dt.date(2025, 12, 15),
        None,  # a direct change of the deadline is a correction, not an extension
        "已起草制度",
    )
    assert t.updated_at == "2025-11-21 09:00:00"
    assert tid in ids_of(filled)
    filled.delete_task(tid)
    assert tid not in ids_of(filled)
    refuse(filled, "no_such_task", filled.task, tid)
    refuse(filled, "no_such_task", filled.update_progress, tid, "删除后还改")


@pytest.mark.parametrize(
    "text", ["2025-11-30", "2025/11/30", "2025年11月30日", "2025.11.30", "2025-11-30 ", "2025 年 11 月 30 日"]
)
def test_deadline_forms_accepted(filled: Ledger, text: str) -> None:
    tid = filled.tasks_json()[0]["id"]
    filled.update_task(tid, deadline=text)
    assert filled.task(tid).deadline == dt.date(2025, 11, 30)
    assert filled.store.row("task", tid)["deadline"] == "2025-11-30"


def test_deadline_cleared_by_empty_text(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    filled.update_task(tid, deadline="")
    assert filled.task(tid).deadline is None


BAD_EDITS = [
    ("empty_field", {"owner": ""}, "“责任人”不能为空"),
    ("empty_field", {"owner": "   ", "progress": "这句话不应保存"}, "责任人"),
    ("empty_field", {"measure": ""}, "整改措施"),
    ("bad_date", {"deadline": "2025-13-45"}, "“2025-13-45”不是有效日期"),
    ("bad_date", {"deadline": "明天", "progress": "这句话不应保存"}, "“明天”不是有效日期"),
    ("bad_date", {"deadline": "2025-02-30"}, "2025-11-30"),
    ("bad_kind", {"kind": "马上改"}, "立行立改、限期整改或长期坚持"),
    ("bad_value", {"status": "closed"}, "不能直接修改"),
]


@pytest.mark.parametrize("code,fields,words", BAD_EDITS)
def test_bad_edit_is_refused_and_nothing_half_saved(
    filled: Ledger, code: str, fields: dict[str, Any], words: str
) -> None:
    tid = filled.tasks_json()[0]["id"]
    before = filled.task(tid)
    assert words in refuse(filled, code, filled.update_task, tid, **fields)
    assert filled.task(tid) == before


@pytest.mark.parametrize(
    "fields,code",
    [
        ({"deadline": "明天"}, "bad_date"),
        ({"kind": "未知"}, "bad_kind"),
        ({"owner": " "}, "empty_field"),
    ],
)
def test_bad_new_task_is_refused(filled: Ledger, fields: dict[str, Any], code: str) -> None:
    prob = filled.problems()[0]["id"]
    com = filled.communities()[0]["id"]
    refuse(filled, code, filled.add_task, prob, com, "新措施", **fields)
    refuse(filled, "empty_field", filled.add_task, prob, com, "  ")
    refuse(filled, "no_such_community", filled.add_task, prob, "no-such-community", "新措施")
    refuse(filled, "no_such_problem", filled.add_task, "no-such-problem", com, "新措施")


def test_indicator_numbers(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    msg = refuse(filled, "bad_number", filled.add_indicator, tid, "培训", "次", "十八")
    assert "“目标值”必须是数字" in msg and "十八" in msg
    ind = filled.add_indicator(tid, "新增灭火器", "个", "1,200", "12.5")
    assert [(i.target, i.actual) for i in filled.indicators(tid)] == [(1200.0, 12.5)]
    msg = refuse(filled, "bad_number", filled.update_indicator, ind, name="改名", actual="很多")
    assert "完成值" in msg and "很多" in msg
    refuse(filled, "empty_field", filled.add_indicator, tid, " ", "次", 1)
    filled.update_indicator(ind, actual=1200)
    assert filled.indicators(tid)[0].actual == 1200.0
    filled.remove_indicator(ind)
    assert filled.indicators(tid) == []
    assert journal.verify(filled.store) is None


# ---- undo and redo -----------------------------------------------------------------------------------
def test_undo_and_redo_restore_exactly(filled: Ledger, clock: Any) -> None:
    tid = filled.tasks_json()[0]["id"]
    row0 = filled.store.row("task", tid)
    clock.advance(hours=1)
    e = filled.update_task(tid, owner="赵一一", deadline="2025-12-31", progress="开了会")
    assert e is not None
    row1 = filled.store.row("task", tid)
    clock.advance(hours=1)
    u = filled.undo(e)
    assert filled.store.row("task", tid) == row0
    clock.advance(hours=1)
    filled.undo(u)  # redo = undo of the undo
    assert filled.store.row("task", tid) == row1
    assert [x.command for x in filled.history(tid)][-3:] == ["update_task", "undo", "undo"]
    assert journal.verify(filled.store) is None


def test_undo_of_structure_commands(filled: Ledger) -> None:
    before = filled.communities()
    com = filled.add_community("天恒名城")
    filled.undo(last_entry_id(filled))
    assert filled.communities() == before
    first = before[0]["id"]
    filled.move_community(first, 1)
    filled.undo(last_entry_id(filled))
    assert filled.communities() == before
    filled.set_setting("due_soon_days", 3)
    filled.undo(last_entry_id(filled))
    assert filled.due_soon_days == 7
    assert com not in [c["id"] for c in filled.communities()]
    assert journal.verify(filled.store) is None


def test_undo_of_delete_brings_the_task_back(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    n = filled.stats()["tasks"]
    filled.delete_task(tid)
    assert filled.stats()["tasks"] == n - 1
    filled.undo(last_entry_id(filled))
    assert filled.stats()["tasks"] == n and tid in ids_of(filled)


def test_undo_conflict_when_the_field_changed_since(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    first = filled.update_progress(tid, "第一次")
    filled.update_progress(tid, "第二次")
    msg = refuse(filled, "undo_conflict", filled.undo, first)
    assert "整改进展" in msg and "第二次" in msg
    assert filled.task(tid).progress == "第二次"


def test_undo_of_start_after_submit_conflicts(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    filled.act(tid, Action.START)
    start = last_entry_id(filled)
    filled.act(tid, Action.SUBMIT, reason="完成")
    assert "状态" in refuse(filled, "undo_conflict", filled.undo, start)


def test_sign_off_decisions_cannot_be_undone(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    work_team, filled.operator = filled.operator, Operator("王书记", Role.SECRETARY)
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="完成")
    filled.operator = work_team
    filled.act(tid, Action.APPROVE, grade="好", exception="材料为纸质存档")
    msg = refuse(filled, "nothing_to_undo", filled.undo, last_entry_id(filled))
    assert msg == "没有可以撤销的操作。"
    refuse(filled, "nothing_to_undo", filled.undo, "no-such-entry")


def test_undo_of_add_task_with_an_indicator_gives_a_sensible_refusal(filled: Ledger) -> None:
    prob = filled.problems()[0]["id"]
    com = filled.communities()[0]["id"]
    tid = filled.add_task(prob, com, "新措施", owner="王五")
    added = last_entry_id(filled)
    filled.add_indicator(tid, "培训", "次", 18)
    snap = Snapshot(filled)
    with pytest.raises(LedgerError) as info:
        filled.undo(added)
    snap.unchanged()
    assert info.value.code != "damaged", info.value.message()
    assert "损坏" not in info.value.message()


def test_undo_of_add_task_after_later_edits_is_refused(filled: Ledger) -> None:
    prob = filled.problems()[0]["id"]
    com = filled.communities()[0]["id"]
    tid = filled.add_task(prob, com, "新措施", owner="王五")
    added = last_entry_id(filled)
    filled.operator = Operator("王书记", Role.SECRETARY)
    filled.update_progress(tid, "书记录入的进展")
    filled.operator = Operator("张专班", Role.WORK_TEAM)
    refuse(filled, "undo_conflict", filled.undo, added)


# ---- deleted tasks, history, stats ---------------------------------------------------------------------
def test_deleted_task_leaves_the_views_but_keeps_its_history(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    filled.update_progress(tid, "已整改一半")
    before = filled.stats()
    filled.delete_task(tid)
    assert tid not in ids_of(filled)
    assert tid not in [t["id"] for t in filled.tasks_json()]
    after = filled.stats()
    assert after["tasks"] == before["tasks"] - 1
    assert after["by_status"]["not_started"] == before["by_status"]["not_started"] - 1
    assert after["overdue"] == before["overdue"] - 1  # it was overdue (2025-11-10)
    assert [e.command for e in filled.history(tid)] == ["add_task", "update_progress", "delete_task"]
    assert filled.store.row("task", tid)["deleted_at"] == "2025-11-20 09:00:00"
    assert filled.open_count() == before["tasks"] - 1


def _mixed(filled: Ledger) -> Ledger:
    """Move the filled ledger's tasks through several states and add an empty community."""
    t = [x["id"] for x in filled.tasks_json()]
    filled.add_community("天恒名城")
    filled.act(t[0], Action.START)
    filled.act(t[0], Action.SUBMIT, reason="完成")  # overdue deadline, but waiting for review
    filled.act(t[1], Action.START)
    filled.act(t[3], Action.START)
    work_team, filled.operator = filled.operator, Operator("李书记", Role.SECRETARY)
    filled.act(t[3], Action.SUBMIT, reason="完成")
    filled.operator = work_team  # whoever applied signs no level of the round
    filled.act(t[3], Action.RETURN, reason="不全")  # returned and overdue
    filled.act(t[2], Action.SET_ONGOING)
    filled.delete_task(t[5])
    return filled


def test_stats_equal_counts_recomputed_from_the_tasks(filled: Ledger) -> None:
    led = _mixed(filled)
    tasks = led.tasks_json()
    stats = led.stats()
    assert set(stats) == {"tasks", "by_status", "by_community", "overdue"}
    assert stats["tasks"] == len(tasks) == 5
    assert stats["by_status"] == {s.value: Counter(t["status"] for t in tasks)[s.value] for s in Status}
    names = [c["name"] for c in led.communities()]
    assert stats["by_community"] == {n: Counter(t["community"] for t in tasks)[n] for n in names}
    assert list(stats["by_community"]) == names and stats["by_community"]["天恒名城"] == 0
    overdue = [
        t
        for t in tasks
        if t["deadline"] and t["deadline"] < TODAY.isoformat() and t["status"] in OPEN_FOR_DEADLINE
    ]
    assert stats["overdue"] == len(overdue) == 1
    assert led.stats(today=dt.date(2026, 2, 1))["overdue"] == sum(
        1 for t in tasks if t["deadline"] and t["status"] in OPEN_FOR_DEADLINE
    )


def test_observers_hear_one_notice_per_command(filled: Ledger) -> None:
    heard: list[Changed] = []
    filled.subscribe(heard.append)
    tid = filled.tasks_json()[0]["id"]
    filled.update_progress(tid, "新进展")
    with pytest.raises(LedgerError):
        filled.update_task(tid, owner="")
    filled.unsubscribe(heard.append)
    filled.update_progress(tid, "没人听")
    assert len(heard) == 1
    assert (
        heard[0].command == "update_progress" and heard[0].task_ids == {tid} and "progress" in heard[0].fields
    )


# ---- TaskFilter ---------------------------------------------------------------------------------------
@pytest.fixture
def dated(filled: Ledger) -> Ledger:
    """filled plus deadlines on both sides of today and of the 7-day due-soon threshold (today 2025-11-20)."""
    prob = filled.problems()[0]["id"]
    com = filled.communities()[0]["id"]
    for measure, deadline in [
        ("今天到期", "2025-11-20"),
        ("昨天到期", "2025-11-19"),
        ("七天后到期", "2025-11-27"),
        ("八天后到期", "2025-11-28"),
    ]:
        filled.add_task(prob, com, measure, owner="边界", deadline=deadline)
    return filled


def _measures(led: Ledger, flt: TaskFilter) -> set[str]:
    wanted = set(ids_of(led, flt))
    return {t["measure"] for t in led.tasks_json() if t["id"] in wanted}


def test_filter_overdue_and_due_soon(dated: Ledger) -> None:
    assert _measures(dated, TaskFilter(due="overdue")) == {"强化宣传培训", "加强日常巡查", "昨天到期"}
    assert _measures(dated, TaskFilter(due="due_soon")) == {"强化宣传培训", "今天到期", "七天后到期"}
    soon = {
        t["id"]
        for t in dated.tasks_json()
        if t["measure"] == "强化宣传培训" and t["deadline"] == "2025-11-25"
    }
    overdue_ids = set(ids_of(dated, TaskFilter(due="overdue")))
    assert not soon & overdue_ids
    # a task waiting for review is neither overdue nor due soon
    late = next(t["id"] for t in dated.tasks_json() if t["measure"] == "昨天到期")
    dated.act(late, Action.START)
    dated.act(late, Action.SUBMIT, reason="完成")
    assert "昨天到期" not in _measures(dated, TaskFilter(due="overdue"))
    # the threshold is the ledger's setting
    dated.set_setting("due_soon_days", 8)
    assert "八天后到期" in _measures(dated, TaskFilter(due="due_soon"))


def test_filter_overdue_matches_stats(dated: Ledger) -> None:
    assert len(ids_of(dated, TaskFilter(due="overdue"))) == dated.stats()["overdue"]


def test_filters_agree_with_the_board_colours(dated: Ledger) -> None:
    overdue = set(ids_of(dated, TaskFilter(due="overdue")))
    soon = set(ids_of(dated, TaskFilter(due="due_soon")))
    for tid in ids_of(dated):
        t = dated.task(tid)
        h = health(t.status, t.deadline, TODAY, dated.due_soon_days)
        assert (h == Health.OVERDUE) == (tid in overdue), t.measure
        assert (h == Health.DUE_SOON) == (tid in soon), t.measure


def test_filter_due_soon_days_is_honoured(dated: Ledger) -> None:
    assert "七天后到期" not in _measures(dated, TaskFilter(due="due_soon", due_soon_days=3))


def test_filter_community_and_status(filled: Ledger) -> None:
    led = _mixed(filled)
    tasks = led.tasks_json()
    coms = {c["name"]: c["id"] for c in led.communities()}
    a = coms["南郊别墅"]
    assert set(ids_of(led, TaskFilter(community_ids=frozenset({a})))) == {
        t["id"] for t in tasks if t["community"] == "南郊别墅"
    }
    assert ids_of(led, TaskFilter(community_ids=frozenset())) == []
    for statuses in ({"in_progress"}, {"submitted", "returned"}, {"closed"}):
        assert set(ids_of(led, TaskFilter(statuses=frozenset(statuses)))) == {
            t["id"] for t in tasks if t["status"] in statuses
        }
    both = TaskFilter(
        community_ids=frozenset({coms["鑫峰苑"]}), statuses=frozenset({"returned", "in_progress"})
    )
    assert set(ids_of(led, both)) == {
        t["id"] for t in tasks if t["community"] == "鑫峰苑" and t["status"] in ("returned", "in_progress")
    }


def test_filter_text_searches_problem_measure_and_progress(filled: Ledger) -> None:
    t = by_measure(filled)
    filled.update_progress(t[("南郊别墅", "开展专项整治")], "已召开警示大会")
    assert _measures(filled, TaskFilter(text="培训")) == {"强化宣传培训"}
    assert len(ids_of(filled, TaskFilter(text="培训"))) == 2
    assert set(ids_of(filled, TaskFilter(text="补贴"))) == {
        t[("南郊别墅", "完善审核机制")],
        t[("鑫峰苑", "强化警示教育")],
    }
    assert set(ids_of(filled, TaskFilter(text="警示"))) == {
        t[("南郊别墅", "开展专项整治")],
        t[("鑫峰苑", "强化警示教育")],
    }
    assert set(ids_of(filled, TaskFilter(text="警示 大会"))) == {t[("南郊别墅", "开展专项整治")]}
    assert ids_of(filled, TaskFilter(text="没有这个词")) == []
    assert len(ids_of(filled, TaskFilter(text="   "))) == 6


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", sorted(SORT_SQL) + ["no_such_key"])
def test_every_sort_key_returns_the_same_tasks(dated: Ledger, key: str, descending: bool) -> None:
    everything = ids_of(dated)
    got = ids_of(dated, TaskFilter(sort=key, descending=descending))
    assert sorted(got) == sorted(everything) and len(got) == len(set(got)) == 10


@pytest.mark.parametrize("key", ["owner", "measure", "status", "kind", "community", "leader", "progress"])
def test_sort_orders_by_the_column(dated: Ledger, key: str) -> None:
    tasks = dated.tasks_json()
    # make every sorted column hold more than one value, so a sort that did nothing would show
    dated.act(tasks[0]["id"], Action.START)
    dated.act(tasks[1]["id"], Action.SET_ONGOING)
    dated.update_task(tasks[2]["id"], kind=Kind.IMMEDIATE.value, leader="甲领导", progress="乙进展")
    dated.update_task(tasks[3]["id"], kind=Kind.LONG_TERM.value, leader="丙领导", progress="甲进展")
    values = {t["id"]: t.get(key, "") for t in dated.tasks_json()}
    if key == "leader":
        values = {tid: dated.task(tid).leader for tid in values}
    up = [values[i] for i in ids_of(dated, TaskFilter(sort=key))]
    down = [values[i] for i in ids_of(dated, TaskFilter(sort=key, descending=True))]
    assert len(set(up)) > 1
    if key == "community":  # the ledger's order of communities, not the names' code points
        order = {c["name"]: i for i, c in enumerate(dated.communities())}
        up, down = [order[v] for v in up], [order[v] for v in down]
    assert up == sorted(up) and down == sorted(down, reverse=True)


def test_sort_by_deadline_puts_tasks_without_one_last(dated: Ledger) -> None:
    deadlines = {t["id"]: t["deadline"] for t in dated.tasks_json()}
    up = [deadlines[i] for i in ids_of(dated, TaskFilter(sort="deadline"))]
    assert up[-1] is None and up[:-1] == sorted(d for d in up if d)


# ---- the no-Qt rule --------------------------------------------------------------------------------------
def test_ledger_never_imports_qt() -> None:
    """Every module under ledger/, found by walking the package (not a list), imports without Qt."""
    code = (
        "import importlib, pkgutil, sys, ledger; "
        "names = [m.name for m in pkgutil.walk_packages(ledger.__path__, 'ledger.')]; "
        "[importlib.import_module(n) for n in names]; "
        "assert len(names) > 40, names; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))]; "
        "assert not bad, bad"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_operator_of_checks_name_and_role() -> None:
    assert Operator.of(" 王书记 ", "居民区书记") == Operator("王书记", Role.SECRETARY)
    with pytest.raises(LedgerError) as info:
        Operator.of("王书记", "主任")
    assert info.value.code == "bad_role" and "主任" in info.value.message()
    with pytest.raises(LedgerError):
        Operator.of(" ", Role.LEADER)


def test_kind_values_are_the_glossary_words() -> None:
    assert [k.value for k in Kind] == ["立行立改", "限期整改", "长期坚持"]


# ---- the tally behind stats() ---------------------------------------------------------------------------
def _tally_is_recount(led: Ledger) -> None:
    """What the triggers keep equals a count over the task table itself."""
    kept = {
        (c, s): n for c, s, n in led.store.conn.execute("SELECT community_id, status, n FROM task_tally") if n
    }
    counted = {
        (c, s): n
        for c, s, n in led.store.conn.execute(
            "SELECT community_id, status, COUNT(*) FROM task WHERE deleted_at IS NULL GROUP BY 1, 2"
        )
    }
    assert kept == counted


TALLY_OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "delete", "start", "submit", "ongoing", "undo", "undo_last"]),
        st.integers(0, 20),
    ),
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=TALLY_OPS)
def test_stats_tally_follows_every_command_and_undo(tmp_path_factory, ops) -> None:
    led = Ledger.create(
        tmp_path_factory.mktemp("tally") / "台账.db",
        org="测",
        clock=FixedClock.on("2025-11-20"),
        operator=Operator("张专班", Role.WORK_TEAM),
    )
    try:
        cat = led.add_category("一、类别")
        prob = led.add_problem(cat, "问题")
        coms = [led.add_community(name) for name in ("南郊别墅", "鑫峰苑")]
        entries: list[str] = []
        for op, n in ops:
            tasks = [t["id"] for t in led.tasks_json()]
            try:
                if op == "add":
                    led.add_task(
                        prob, coms[n % 2], f"措施{n}", owner="李", deadline="2025-11-1" + str(n % 10)
                    )
                elif op == "undo" and entries:
                    led.undo(entries[n % len(entries)])
                elif op == "undo_last" and entries:
                    led.undo(entries[-1])
                elif tasks and op == "delete":
                    led.delete_task(tasks[n % len(tasks)])
                elif tasks:
                    led.act(
                        tasks[n % len(tasks)],
                        {"start": Action.START, "submit": Action.SUBMIT, "ongoing": Action.SET_ONGOING}.get(
                            op, Action.START
                        ),
                        reason="好",
                    )
            except LedgerError:
                pass  # refused: nothing changed
            entries.append(led.store.one("SELECT id FROM journal ORDER BY seq DESC LIMIT 1"))
            _tally_is_recount(led)
        tasks = led.tasks_json()
        stats = led.stats()
        assert stats["tasks"] == len(tasks)
        assert stats["overdue"] == sum(
            1 for t in tasks if t["deadline"] < "2025-11-20" and t["status"] in OPEN_FOR_DEADLINE
        )
    finally:
        led.close()


def test_a_tasks_history_has_only_its_own_changes_from_an_import(tmp_path: Path) -> None:
    """The import that made a task touched 300 others: their rows are not this task's history."""
    from ledger.example import generate

    led = generate(tmp_path / "大.db", tasks=300, communities=5, clock=FixedClock.on("2025-11-20"))
    try:
        tid = led.tasks_json()[0]["id"]
        led.update_progress(tid, "自己的进展")
        history = led.history(tid)
        assert [e.command for e in history] == ["generate", "update_progress"]
        made = history[0].changes
        assert made and all(c.id == tid or (c.row or {}).get("task_id") == tid for c in made)
        assert len(made) < 10  # the task and its own indicators, not the whole import
    finally:
        led.close()


def test_a_command_that_changes_nothing_returns_no_entry(filled: Ledger) -> None:
    first = filled.set_setting("evidence_max_mb", 30)
    assert first is not None and filled.store.one("SELECT id FROM journal ORDER BY seq DESC LIMIT 1") == first
    seq = journal.last_seq(filled.store)
    assert filled.set_setting("evidence_max_mb", 30) is None  # not the id of the last, unrelated entry
    tid = filled.tasks_json()[0]["id"]
    assert filled.update_task(tid, owner=filled.task(tid).owner) is None
    assert journal.last_seq(filled.store) == seq
