"""对账销账 (ledger.reconcile): periods, lines, ticks, the running difference, closing, chase list, compare."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest

from ledger import reconcile, signoff
from ledger.cli.main import main
from ledger.core import OPEN_STATUSES, Action, FixedClock, LedgerError, Operator, Role, Status
from ledger.service import Ledger
from ledger.storage import journal, new_id
from tests.helpers import as_, refuse, sign_off
from tests.ledger.reconcile.random_ledgers import STARTABLE, random_ledger, random_steps

SEC = Operator("王书记", Role.SECRETARY)
WT = Operator("张专班", Role.WORK_TEAM)
L1 = Operator("刘副书记", Role.LEADER)
L2 = Operator("陈书记", Role.LEADER)
W47 = "2025-W47"  # default: closes Friday 2025-11-21; window 2025-11-15 .. 2025-11-21
W48 = "2025-W48"  # window 2025-11-22 .. 2025-11-28


def submit(led: Ledger, tid: str) -> None:
    if not signoff.evidence(led, tid):
        signoff.attach_evidence(as_(led, SEC), tid, data=f"佐证 {tid}".encode(), file_name="照片.jpg")
    as_(led, SEC)
    if led.task(tid).status in (Status.NOT_STARTED, Status.RETURNED, Status.REOPENED):
        led.act(tid, Action.START)
    led.act(tid, Action.SUBMIT, reason="已完成")
    as_(led, WT)


def ids(led: Ledger) -> list[str]:
    return [t["id"] for t in led.tasks_json()]


def recount(led: Ledger, as_of: dt.date) -> dict[str, Any]:
    """Counts straight from the task table, independent of reconcile's replay."""
    rows = led.store.rows(
        "SELECT t.status, t.deadline, c.name FROM task t JOIN community c ON c.id = t.community_id "
        "WHERE t.deleted_at IS NULL"
    )
    late = {"not_started", "in_progress", "returned", "reopened"}
    out: dict[str, Any] = {
        "tasks": len(rows),
        "signed_off": sum(r["status"] == "closed" for r in rows),
        "open": sum(r["status"] in {s.value for s in OPEN_STATUSES} for r in rows),
        "overdue": sum(
            r["status"] in late and bool(r["deadline"]) and r["deadline"] < as_of.isoformat() for r in rows
        ),
    }
    for s in Status:
        out[s.value] = sum(r["status"] == s.value for r in rows)
    return out


@pytest.fixture
def week(filled: Ledger, clock: FixedClock) -> Ledger:
    """``filled`` built on 2025-11-20 is inside W47; move its history before the week by starting W47 fresh:
    the fixture ledger as-is, with the clock on Wednesday 2025-11-19 → Thursday 11-20 of W47."""
    return filled


# ---- weeks -----------------------------------------------------------------------------------------------------
def test_week_window_follows_the_closing_day_setting(ledger: Ledger) -> None:
    assert reconcile.week_window(ledger, W47) == (dt.date(2025, 11, 15), dt.date(2025, 11, 21))
    ledger.set_setting("week_closes_on", 7)
    assert reconcile.week_window(ledger, "2025-w47") == (dt.date(2025, 11, 17), dt.date(2025, 11, 23))
    assert reconcile.week_of(ledger, dt.date(2025, 11, 23)) == W47
    ledger.set_setting("week_closes_on", 5)
    assert reconcile.week_of(ledger, dt.date(2025, 11, 22)) == W48
    assert reconcile.week_of(ledger, dt.date(2025, 11, 21)) == W47
    for bad in ("2025-47", "W47", "2025-W54", ""):
        with pytest.raises(LedgerError) as info:
            reconcile.parse_week(bad)
        assert info.value.code == "bad_week"


# ---- snapshot counts = counts recomputed from the tasks ---------------------------------------------------------
def test_first_period_opens_with_the_counts_as_of_the_week_start(tmp_path: Path) -> None:
    clock = FixedClock.on("2025-11-13")
    led = Ledger.create(tmp_path / "a.db", org="测试", clock=clock, operator=WT)
    a = led.add_community("南郊别墅", secretary="王书记")
    p = led.add_problem(led.add_category("类别"), "问题")
    t1 = led.add_task(p, a, "措施一", deadline="2025-11-14")
    t2 = led.add_task(p, a, "措施二", deadline="2025-12-01")
    sign_off(led, t2)
    before = recount(led, dt.date(2025, 11, 15))
    clock.advance(days=5)  # 2025-11-18, inside W47
    led.add_task(p, a, "措施三")
    led.update_progress(t1, "已开展培训")
    as_(led, SEC).act(t1, Action.START)
    as_(led, WT)
    per = reconcile.open_period(led, W47)
    assert per.opening == before
    rec = reconcile.reconcile(led, W47)
    assert rec.now == recount(led, dt.date(2025, 11, 18))
    assert [ln.command for ln in rec.lines] == ["add_task", "update_progress", "start"]
    led.close()


def test_snapshot_counts_equal_the_tasks(filled: Ledger, clock: FixedClock) -> None:
    t = ids(filled)
    sign_off(filled, t[0])
    submit(filled, t[1])
    filled.update_progress(t[2], "已排查 3 处")
    filled.delete_task(t[5])
    reconcile.open_period(filled, W47)
    reconcile.tick(filled, W47)
    snap = reconcile.close_period(filled, W47)
    as_of = dt.date(2025, 11, 20)
    assert snap["as_of"] == as_of.isoformat()
    want = recount(filled, as_of)
    assert snap["counts"] == want
    stats = filled.stats(as_of)
    assert snap["counts"]["tasks"] == stats["tasks"] and snap["counts"]["overdue"] == stats["overdue"]
    assert {k: snap["counts"][k] for k in stats["by_status"]} == stats["by_status"]
    assert {k: v["tasks"] for k, v in snap["by_community"].items()} == stats["by_community"]
    assert sum(v["signed_off"] for v in snap["by_community"].values()) == want["signed_off"]
    assert sum(v["overdue"] for v in snap["by_community"].values()) == want["overdue"]
    assert snap["signed_off_this_week"] == 1 and snap["signed_off_tasks"] == [t[0]]
    assert snap["completion_rate"] == round(100 * 1 / 5, 1)
    assert len(snap["overdue_tasks"]) == want["overdue"]
    assert snap["task_status"] == {
        r["id"]: r["status"]
        for r in filled.store.rows("SELECT id, status FROM task WHERE deleted_at IS NULL")
    }
    assert snap["unticked"] == [] and snap["difference"] == dict.fromkeys(reconcile.COUNT_KEYS, 0)
    assert journal.verify(filled.store) is None


@pytest.mark.parametrize("seed", range(6))
def test_snapshot_counts_equal_the_tasks_after_random_work(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    led, clock, coms, p = random_ledger(tmp_path / "r.db", rnd, 8)

    def step(tid: str, status: Status) -> None:
        op = rnd.randrange(5)
        if op == 0 and status in STARTABLE:
            sign_off(led, tid)
        elif op == 1 and status in STARTABLE:
            submit(led, tid)
        elif op == 2:
            led.add_task(p, rnd.choice(coms), "新措施", deadline="2025-11-19")
        elif op == 3 and status != Status.CLOSED:
            led.delete_task(tid)
        elif op == 4 and status == Status.CLOSED:
            as_(led, L2).act(tid, Action.REOPEN, reason="反弹")

    weeks = [W47, W48]
    for n, week in enumerate(weeks):
        clock.at = dt.datetime(2025, 11, 17 + 7 * n, 9)
        random_steps(led, rnd, clock, 6, step, hours=5)
        reconcile.open_period(led, week)
        reconcile.tick(led, week)
        snap = reconcile.close_period(led, week)
        as_of = dt.date.fromisoformat(snap["as_of"])
        assert snap["counts"] == recount(led, as_of)
        if n:
            assert reconcile.period(led, week).opening == reconcile.snapshot(led, weeks[n - 1])["counts"]
    assert journal.verify(led.store) is None
    led.close()


# ---- the difference ---------------------------------------------------------------------------------------------
def test_difference_is_zero_exactly_when_every_line_is_ticked(filled: Ledger) -> None:
    t = ids(filled)
    reconcile.open_period(filled, W47)
    start_lines = len(reconcile.reconcile(filled, W47).lines)
    reconcile.tick(filled, W47)  # the fixture's own history (tasks added this week) is ticked first
    sign_off(filled, t[0])
    submit(filled, t[1])
    filled.update_progress(t[2], "进展")
    filled.delete_task(t[5])
    filled.add_task(filled.problems()[0]["id"], filled.communities()[0]["id"], "新增措施")
    rec = reconcile.reconcile(filled, W47)
    new = [ln for ln in rec.lines if not ln.ticked]
    assert len(rec.lines) > start_lines and new
    assert any(ln.submits for ln in new)
    assert any(ln.effect == {} for ln in new)  # a progress note changes no count
    effective = [ln for ln in new if ln.effect]
    assert not rec.balanced
    rnd = random.Random(7)
    order = [ln.entry_id for ln in new]
    rnd.shuffle(order)
    ticked: set[str] = set()
    for eid in order:
        assert reconcile.tick(filled, W47, [eid]) == 1
        ticked.add(eid)
        rec = reconcile.reconcile(filled, W47)
        assert rec.balanced == all(ln.entry_id in ticked for ln in effective)
    assert rec.closable
    # unticking any effective line breaks the balance again, ticking it restores it
    victim = effective[0].entry_id
    assert reconcile.untick(filled, W47, [victim[:8]]) == 1
    rec = reconcile.reconcile(filled, W47)
    assert not rec.balanced and not rec.closable
    assert rec.difference == {k: -effective[0].effect.get(k, 0) for k in reconcile.COUNT_KEYS}
    reconcile.tick(filled, W47, [victim])
    assert reconcile.reconcile(filled, W47).balanced


def test_lines_say_what_changed_by_community_and_task(filled: Ledger) -> None:
    t = ids(filled)
    reconcile.open_period(filled, W47)
    submit(filled, t[0])
    rec = reconcile.reconcile(filled, W47)
    line = next(ln for ln in rec.lines if ln.command == "submit")
    assert line.submits and line.task_ids == (t[0],)
    assert line.communities == ("南郊别墅",)
    item = next(i for i in line.items if i.field == "status")
    assert (item.before, item.after) == ("in_progress", "submitted")
    assert line.effect == {"in_progress": -1, "submitted": 1}
    assert json.dumps(line.to_json(), ensure_ascii=False)


def test_close_needs_every_line_ticked_or_a_note(filled: Ledger) -> None:
    t = ids(filled)
    reconcile.open_period(filled, W47)
    reconcile.tick(filled, W47)
    filled.update_progress(t[0], "推进中")
    submit(filled, t[1])
    message = refuse(filled, "period_unbalanced", reconcile.close_period, filled, W47)
    assert "未核对" in message
    progress_line = next(
        ln
        for ln in reconcile.reconcile(filled, W47).lines
        if ln.command == "update_progress" and not ln.ticked
    )
    reconcile.tick(
        filled,
        W47,
        [
            ln.entry_id
            for ln in reconcile.reconcile(filled, W47).lines
            if ln.entry_id != progress_line.entry_id
        ],
    )
    # balanced, but a line with no effect is still unticked: a person has not checked it
    rec = reconcile.reconcile(filled, W47)
    assert rec.balanced and not rec.closable
    refuse(filled, "period_unbalanced", reconcile.close_period, filled, W47)
    snap = reconcile.close_period(filled, W47, note="进展文字待居民区下周补充佐证")
    assert snap["unticked"] == [progress_line.entry_id]
    entry = journal.entries(filled.store)[-1]
    assert entry.command == "close_period" and entry.args["note"] == "进展文字待居民区下周补充佐证"
    assert entry.args["unticked"] == [progress_line.entry_id]
    assert reconcile.period(filled, W47).note == "进展文字待居民区下周补充佐证"


# ---- a closed period never changes ------------------------------------------------------------------------------
def test_a_closed_period_cannot_be_changed_by_any_command(filled: Ledger, clock: FixedClock) -> None:
    t = ids(filled)
    submit(filled, t[0])
    reconcile.open_period(filled, W47)
    reconcile.tick(filled, W47)
    reconcile.close_period(filled, W47)
    row = filled.store.rows("SELECT * FROM period")
    ticks = filled.store.rows("SELECT * FROM period_tick ORDER BY id")
    shown = reconcile.show(filled, W47)
    some_line = shown["lines"][0]["entry"]
    refuse(filled, "period_closed", reconcile.tick, filled, W47)
    refuse(filled, "period_closed", reconcile.tick, filled, W47, [some_line])
    refuse(filled, "period_closed", reconcile.untick, filled, W47, [some_line])
    refuse(filled, "period_closed", reconcile.close_period, filled, W47, "再结一次")
    refuse(filled, "period_closed", reconcile.open_period, filled, W47)
    refuse(filled, "period_too_early", reconcile.open_period, filled, "2025-W46")
    close_entry = journal.entries(filled.store)[-1].id
    with pytest.raises(LedgerError):
        filled.undo(close_entry)
    # later work on the ledger, even dated inside the closed week, does not reach the closed period
    for op in (WT, L1, L2):
        as_(filled, op).act(t[0], Action.APPROVE, grade="好")
    as_(filled, WT)
    filled.update_progress(t[2], "新进展")
    filled.delete_task(t[3])
    filled.set_setting("week_closes_on", 7)
    clock.advance(days=3)
    filled.add_task(filled.problems()[0]["id"], filled.communities()[0]["id"], "下周措施")
    assert filled.store.rows("SELECT * FROM period") == row
    assert filled.store.rows("SELECT * FROM period_tick ORDER BY id") == ticks
    again = reconcile.show(filled, W47)
    assert again["snapshot"] == shown["snapshot"]
    assert again["lines"] == shown["lines"] and again["now"] == shown["now"]
    assert journal.verify(filled.store) is None
    # the next period starts where the closed one ended, and may say it corrects it
    filled.set_setting("week_closes_on", 5)
    nxt = reconcile.open_period(filled, W48, corrects=W47)
    assert nxt.corrects == W47 and nxt.start_seq == reconcile.period(filled, W47).end_seq
    assert nxt.opening == reconcile.snapshot(filled, W47)["counts"]
    assert {ln.command for ln in reconcile.reconcile(filled, W48).lines} >= {
        "approve",
        "delete_task",
        "add_task",
    }


def test_only_one_open_period_and_never_twice(filled: Ledger) -> None:
    reconcile.open_period(filled, W47)
    refuse(filled, "period_exists", reconcile.open_period, filled, W47)
    refuse(filled, "period_other_open", reconcile.open_period, filled, W48)
    refuse(filled, "no_such_period", reconcile.reconcile, filled, W48)
    refuse(filled, "not_a_line", reconcile.tick, filled, W47, ["nonexistent-entry"])
    refuse(filled, "wrong_role", reconcile.close_period, as_(filled, SEC), W47)
    as_(filled, WT)


# ---- the chase list ---------------------------------------------------------------------------------------------
def issue_and_merge(led: Ledger, community: str, issued: str, merged: str | None) -> None:
    cid = led.community_id(community)
    pid = new_id()
    with led.command("issue_package", None, {"community": community}) as tx:
        tx.insert(
            "package",
            {
                "id": pid,
                "community_id": cid,
                "issued_at": issued,
                "issued_by": "张专班",
                "master_seq": 1,
                "file_name": f"{community}.db",
            },
        )
    if merged:
        with led.command("apply_package", None, {"community": community}) as tx:
            tx.insert(
                "package_merge",
                {
                    "id": new_id(),
                    "package_id": pid,
                    "merged_at": merged,
                    "merged_by": "张专班",
                    "file_name": f"{community}-上报.db",
                    "file_sha256": "0" * 64,
                    "applied": 1,
                    "conflicts": 0,
                    "refused": 0,
                },
            )


def test_chase_list_names_who_returned_this_week_and_who_did_not(filled: Ledger) -> None:
    filled.add_community("春申", secretary="赵书记")
    filled.add_community("金都", secretary="")
    issue_and_merge(filled, "南郊别墅", "2025-11-10 09:00:00", "2025-11-18 16:30:00")  # returned this week
    issue_and_merge(filled, "鑫峰苑", "2025-11-03 09:00:00", "2025-11-07 10:00:00")  # last week only
    issue_and_merge(filled, "春申", "2025-11-10 09:00:00", "2025-11-22 08:00:00")  # after Friday: next week
    issue_and_merge(
        filled, "金都", "2025-11-15 00:00:00", "2025-11-15 00:00:00"
    )  # first moment of the window
    rows = {r.community: r for r in reconcile.chase_list(filled, W47)}
    assert list(rows) == ["南郊别墅", "鑫峰苑", "春申", "金都"]
    assert rows["南郊别墅"].returned and rows["南郊别墅"].returned_at == "2025-11-18 16:30:00"
    assert rows["南郊别墅"].secretary == "王书记"
    assert not rows["鑫峰苑"].returned and rows["鑫峰苑"].last_returned == "2025-11-07 10:00:00"
    assert rows["鑫峰苑"].secretary == "李书记"
    assert not rows["春申"].returned and rows["春申"].last_returned is None
    assert rows["金都"].returned
    w48 = {r.community: r.returned for r in reconcile.chase_list(filled, W48)}
    assert w48 == {"南郊别墅": False, "鑫峰苑": False, "春申": True, "金都": False}
    reconcile.open_period(filled, W47)
    reconcile.tick(filled, W47)
    snap = reconcile.close_period(filled, W47)
    assert snap["not_returned"] == ["鑫峰苑", "春申"]


def test_show_lists_waiting_requests_and_the_weeks_new_overdue(filled: Ledger) -> None:
    t = ids(filled)
    submit(filled, t[2])
    signoff.request_extension(as_(filled, SEC), t[4], "2026-02-15", "需要协调施工单位")
    as_(filled, WT)
    reconcile.open_period(filled, W47)
    data = reconcile.show(filled, W47)
    assert [x["task"] for x in data["pending_signoff"]] == [t[2]]
    assert [x["task"] for x in data["pending_extensions"]] == [t[4]]
    # W47 window 11-15..11-21, as of 11-20: 2025-11-18 fell due this week; 2025-11-10 was already late
    assert [x["task"] for x in data["overdue_this_week"]] == [t[3]]
    assert data["state"] == "open" and data["snapshot"] is None
    assert json.dumps(data, ensure_ascii=False)


# ---- compare ------------------------------------------------------------------------------------------------------
def test_compare_two_periods(filled: Ledger, clock: FixedClock) -> None:
    t = ids(filled)
    reconcile.open_period(filled, W47)
    reconcile.tick(filled, W47)
    reconcile.close_period(filled, W47)
    clock.at = dt.datetime(2025, 12, 5, 9)  # W49's closing day; W48 closed on 11-28
    sign_off(filled, t[0])  # 南郊别墅 improves
    filled.add_task(
        filled.problems()[0]["id"], filled.community_id("鑫峰苑"), "补充措施", deadline="2025-11-25"
    )
    reconcile.open_period(filled, "2025-W49")
    reconcile.tick(filled, "2025-W49")
    reconcile.close_period(filled, "2025-W49")
    cmp = reconcile.compare(filled, "2025-W49", W47)
    assert cmp["from"] == W47 and cmp["to"] == "2025-W49"
    assert cmp["counts"]["signed_off"] == 1 and cmp["counts"]["tasks"] == 1
    assert {m["task"]: (m["before"], m["after"]) for m in cmp["moved"]}[t[0]] == ("not_started", "closed")
    assert [s["community"] for s in cmp["slipped"]] == ["鑫峰苑"]
    stalled = {s["task"] for s in cmp["stalled"]}
    assert t[0] not in stalled and set(t[1:]) <= stalled  # created 11-20, untouched for 2 weeks by 12-05
    filled.set_setting("stall_weeks", 3)
    assert reconcile.compare(filled, W47, "2025-W49")["stalled"] == []


# ---- command line -------------------------------------------------------------------------------------------------
def test_command_line_open_tick_close_show(filled: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(filled.path)
    filled.close()
    base = ["--today", "2025-11-20"]
    assert main(["period", path, "open", "--week", W47, "--json", *base]) == 0
    opened = json.loads(capsys.readouterr().out)
    assert opened["state"] == "open" and opened["unticked"] == len(opened["lines"]) > 0
    assert main(["period", path, "close", "--week", W47, *base]) == 1
    assert "未核对" in capsys.readouterr().err
    assert (
        main(["period", path, "tick", "--week", W47, "--entry", opened["lines"][0]["entry"][:8], *base]) == 0
    )
    capsys.readouterr()
    assert main(["period", path, "tick", "--week", W47, "--all", "--actor", "张专班", *base]) == 0
    capsys.readouterr()
    assert main(["period", path, "close", "--week", W47, "--json", *base]) == 0
    closed = json.loads(capsys.readouterr().out)
    assert closed["state"] == "closed" and closed["snapshot"]["counts"]["tasks"] == 6
    assert main(["period", path, "show", "--week", W47, *base]) == 0
    text = capsys.readouterr().out
    assert "已结账" in text and "未按时上报" in text
    assert main(["period", path, "tick", "--week", W47, "--all", *base]) == 1
    assert "已结账" in capsys.readouterr().err
    assert main(["period", path, "show", "--week", "2025-W99", *base]) == 1


def test_closing_late_cuts_the_period_at_its_closing_day(filled: Ledger, clock: FixedClock) -> None:
    t = ids(filled)
    reconcile.open_period(filled, W47)
    at_friday = recount(filled, dt.date(2025, 11, 21))
    clock.at = dt.datetime(2025, 11, 24, 9)  # Monday after: W48's window
    sign_off(filled, t[0])
    rec = reconcile.reconcile(filled, W47)
    assert not {"approve", "submit"} & {ln.command for ln in rec.lines}
    reconcile.tick(filled, W47)
    snap = reconcile.close_period(filled, W47)
    assert snap["as_of"] == "2025-11-21" and snap["counts"] == at_friday
    assert snap["signed_off_this_week"] == 0 and len(snap["overdue_tasks"]) == at_friday["overdue"]
    reconcile.open_period(filled, W48)
    rec = reconcile.reconcile(filled, W48)
    assert {"submit", "approve"} <= {ln.command for ln in rec.lines}
    assert rec.opening == at_friday and not rec.balanced
    reconcile.tick(filled, W48)
    snap = reconcile.close_period(filled, W48)
    assert snap["signed_off_this_week"] == 1 and snap["counts"] == recount(filled, dt.date(2025, 11, 24))
