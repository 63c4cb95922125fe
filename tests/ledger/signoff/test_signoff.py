"""销号 around the review chain: 延期申请, 回头看 draws and re-checks, 待我审核, and verify over all of it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import signoff
from ledger.core import Action, FixedClock, Operator, Role, Status
from ledger.service import Ledger
from ledger.storage import journal
from ledger.storage.schema import migrate_1
from tests.helpers import as_, refuse, sign_off

SEC = Operator("王书记", Role.SECRETARY)
WT = Operator("张专班", Role.WORK_TEAM)
WT2 = Operator("李专班", Role.WORK_TEAM)
L1 = Operator("刘副书记", Role.LEADER)
L2 = Operator("陈书记", Role.LEADER)
TABLES = ("setting", "task", "review", "evidence", "blob", "extension", "recheck", "recheck_item")


def task_ids(led: Ledger) -> dict[tuple[str, str], str]:
    return {(t["community"], t["measure"]): t["id"] for t in led.tasks_json()}


def close_all(led: Ledger) -> list[str]:
    ids = sorted(t["id"] for t in led.tasks_json())
    for tid in ids:
        sign_off(led, tid)
    return ids


# ---- 延期申请 ---------------------------------------------------------------------------------------------------
def test_request_and_approve_keeps_the_original_deadline(filled: Ledger) -> None:
    tid = task_ids(filled)[("鑫峰苑", "强化宣传培训")]  # deadline 2025-11-25, today 2025-11-20
    xid = signoff.request_extension(as_(filled, SEC), tid, "2025年12月31日", "需等待街道统一采购")
    (x,) = signoff.extensions(filled, tid)
    assert (x.id, x.status, x.label, x.requested_by) == (xid, "pending", "待批", "王书记")
    assert (x.old_deadline, x.new_deadline) == (dt.date(2025, 11, 25), dt.date(2025, 12, 31))
    assert signoff.pending_extensions(filled) == [x]
    assert filled.task(tid).deadline == dt.date(2025, 11, 25)  # nothing changes until a leader decides
    signoff.decide_extension(as_(filled, L1), xid, True, "同意")
    t = filled.task(tid)
    assert (t.deadline, t.original_deadline) == (dt.date(2025, 12, 31), dt.date(2025, 11, 25))
    x = signoff.extension(filled, xid)
    assert (x.status, x.decided_by, x.decided_at, x.decision_note) == (
        "approved",
        "刘副书记",
        "2025-11-20 09:00:00",
        "同意",
    )
    assert signoff.pending_extensions(filled) == []
    entry = journal.entries(filled.store)[-1]
    assert (entry.command, entry.task_id, entry.args["approve"]) == ("decide_extension", tid, True)
    assert {(c.table, c.field) for c in entry.changes} >= {("extension", "status"), ("task", "deadline")}
    assert journal.verify(filled.store) is None
    # a second extension from the new deadline; the original stays the first one
    xid2 = signoff.request_extension(as_(filled, WT), tid, "2026-01-31", "材料需补充")
    signoff.decide_extension(as_(filled, L2), xid2, True)
    t = filled.task(tid)
    assert (t.deadline, t.original_deadline) == (dt.date(2026, 1, 31), dt.date(2025, 11, 25))
    assert [x.old_deadline for x in signoff.extensions(filled, tid)] == [
        dt.date(2025, 11, 25),
        dt.date(2025, 12, 31),
    ]


def test_refusal_needs_a_note_and_leaves_the_deadline(filled: Ledger) -> None:
    tid = task_ids(filled)[("南郊别墅", "开展专项整治")]  # 2025-12-31
    xid = signoff.request_extension(as_(filled, SEC), tid, "2026-03-31", "冬季无法施工")
    refuse(as_(filled, L1), "reason_required", signoff.decide_extension, filled, xid, False)
    signoff.decide_extension(filled, xid, False, "可先完成室内部分")
    assert filled.task(tid).deadline == dt.date(2025, 12, 31)
    assert signoff.extension(filled, xid).status == "refused"
    msg = refuse(filled, "extension_decided", signoff.decide_extension, filled, xid, True)
    assert "刘副书记" in msg and "不同意延期" in msg
    signoff.request_extension(
        as_(filled, SEC), tid, "2026-01-31", "改为分期完成"
    )  # may ask again after a refusal
    assert journal.verify(filled.store) is None


def test_extension_only_before_the_deadline_passes(filled: Ledger, clock: FixedClock) -> None:
    tid = task_ids(filled)[("鑫峰苑", "强化宣传培训")]  # 2025-11-25
    clock.advance(days=5)  # the deadline day itself: still in time
    xid = signoff.request_extension(as_(filled, SEC), tid, "2025-12-10", "等待验收")
    signoff.decide_extension(as_(filled, L1), xid, False, "不同意")
    clock.advance(days=1)  # 2025-11-26: too late
    msg = refuse(
        as_(filled, SEC), "extension_too_late", signoff.request_extension, filled, tid, "2025-12-10", "再等等"
    )
    assert "2025-11-25" in msg and "2025-11-26" in msg
    overdue = task_ids(filled)[("南郊别墅", "强化宣传培训")]  # 2025-11-10
    refuse(filled, "extension_too_late", signoff.request_extension, filled, overdue, "2025-12-10", "理由")


def test_extension_requests_are_checked(filled: Ledger) -> None:
    ids = task_ids(filled)
    tid = ids[("南郊别墅", "开展专项整治")]  # 2025-12-31
    as_(filled, SEC)
    refuse(filled, "extension_not_later", signoff.request_extension, filled, tid, "2025-12-31", "理由")
    refuse(filled, "extension_not_later", signoff.request_extension, filled, tid, "2025-12-01", "理由")
    refuse(filled, "reason_required", signoff.request_extension, filled, tid, "2026-01-31", "  ")
    refuse(filled, "bad_date", signoff.request_extension, filled, tid, "明年", "理由")
    refuse(filled, "empty_field", signoff.request_extension, filled, tid, "", "理由")
    refuse(
        filled,
        "extension_no_deadline",
        signoff.request_extension,
        filled,
        ids[("鑫峰苑", "强化警示教育")],
        "2026-01-31",
        "理由",
    )
    refuse(filled, "no_such_task", signoff.request_extension, filled, "nope", "2026-01-31", "理由")
    signoff.request_extension(filled, tid, "2026-01-31", "理由")
    msg = refuse(
        filled, "extension_pending", signoff.request_extension, filled, tid, "2026-02-28", "另一个理由"
    )
    assert "王书记" in msg and "2026-01-31" in msg
    refuse(filled, "no_such_extension", signoff.decide_extension, as_(filled, L1), "nope", True)


def test_extension_roles(filled: Ledger) -> None:
    tid = task_ids(filled)[("南郊别墅", "开展专项整治")]
    msg = refuse(as_(filled, L1), "wrong_role", signoff.request_extension, filled, tid, "2026-01-31", "理由")
    assert "居民区书记" in msg and "工作专班" in msg
    xid = signoff.request_extension(as_(filled, WT), tid, "2026-01-31", "理由")
    refuse(as_(filled, SEC), "wrong_role", signoff.decide_extension, filled, xid, True)
    refuse(as_(filled, WT), "wrong_role", signoff.decide_extension, filled, xid, True)


def test_a_closed_task_needs_no_extension(filled: Ledger) -> None:
    tid = task_ids(filled)[("南郊别墅", "开展专项整治")]
    sign_off(filled, tid)
    msg = refuse(
        as_(filled, SEC), "extension_closed_task", signoff.request_extension, filled, tid, "2026-01-31", "x"
    )
    assert "已销号" in msg


def test_finished_by_original_deadline(filled: Ledger, clock: FixedClock) -> None:
    ids = task_ids(filled)
    late = ids[("鑫峰苑", "强化宣传培训")]  # 2025-11-25, extended, closed after it
    on_time = ids[("南郊别墅", "开展专项整治")]  # 2025-12-31, closed before it
    no_deadline = ids[("鑫峰苑", "强化警示教育")]
    assert signoff.finished_by_original_deadline(filled, late) is None  # not closed
    xid = signoff.request_extension(as_(filled, SEC), late, "2025-12-31", "等待采购")
    signoff.decide_extension(as_(filled, L1), xid, True)
    clock.advance(days=10)  # 2025-11-30
    sign_off(filled, late)
    sign_off(filled, on_time)
    sign_off(filled, no_deadline)
    assert filled.task(late).deadline == dt.date(2025, 12, 31)  # on time by the extended deadline ...
    assert signoff.finished_by_original_deadline(filled, late) is False  # ... but not by the original one
    assert signoff.finished_by_original_deadline(filled, on_time) is True
    assert signoff.finished_by_original_deadline(filled, no_deadline) is None
    assert signoff.finished_by_original_deadline_map(filled) == {
        late: False,
        on_time: True,
        no_deadline: None,
    }


def test_finished_on_the_original_deadline_day_counts(filled: Ledger, clock: FixedClock) -> None:
    tid = task_ids(filled)[("鑫峰苑", "强化宣传培训")]  # 2025-11-25
    clock.advance(days=5, hours=14)  # 23:00 on the deadline day
    sign_off(filled, tid)
    assert signoff.finished_by_original_deadline(filled, tid) is True


# ---- 回头看 -------------------------------------------------------------------------------------------------------
def test_a_draw_is_recorded_and_repeatable(filled: Ledger) -> None:
    closed = close_all(filled)
    before = journal.last_seq(filled.store)
    rid = signoff.draw_recheck(filled, percent=50, seed=20251120, note="第一次回头看")
    rc = signoff.recheck(filled, rid)
    assert (rc.seed, rc.method, rc.amount, rc.scope, rc.drawn_by, rc.note) == (
        20251120,
        "percent",
        50.0,
        "overall",
        "张专班",
        "第一次回头看",
    )
    assert rc.population == tuple(closed) and len(rc.sample) == 3 and set(rc.sample) <= set(closed)
    assert len(set(rc.sample)) == 3
    assert signoff.repeat_draw(filled, rid) == list(rc.sample)
    items = signoff.recheck_items(filled, rid)
    assert [it.task_id for it in items] == list(rc.sample)
    assert all(it.result == "" and it.label == "待核查" for it in items)
    (entry,) = journal.entries(filled.store, since_seq=before)  # one command, one entry
    assert entry.command == "draw_recheck" and entry.args["seed"] == 20251120
    # the same seed on the same population gives the same sample: anyone can repeat it
    again = signoff.recheck(filled, signoff.draw_recheck(filled, percent=50, seed=20251120))
    assert again.sample == rc.sample
    import random

    assert list(rc.sample) == random.Random(20251120).sample(sorted(closed), 3)
    assert journal.verify(filled.store) is None


def test_without_a_seed_one_is_chosen_and_recorded(filled: Ledger) -> None:
    close_all(filled)
    rid = signoff.draw_recheck(filled, count=2)
    rc = signoff.recheck(filled, rid)
    assert 0 <= rc.seed < 2**31 and len(rc.sample) == 2
    assert signoff.repeat_draw(filled, rid) == list(rc.sample)


@pytest.mark.parametrize(
    "kw,size",
    [
        ({"percent": 50}, 3),
        ({"percent": 10}, 1),
        ({"percent": 100}, 6),
        ({"percent": 33.4}, 3),
        ({"count": 2}, 2),
        ({"count": 99}, 6),
    ],
)
def test_percent_and_count(filled: Ledger, kw: dict[str, Any], size: int) -> None:
    close_all(filled)
    rc = signoff.recheck(filled, signoff.draw_recheck(filled, seed=7, **kw))
    assert len(rc.sample) == size


def test_per_community_and_only_some_communities(filled: Ledger) -> None:
    close_all(filled)
    a, b = filled.community_id("南郊别墅"), filled.community_id("鑫峰苑")
    community_of = {t["id"]: t["community"] for t in filled.tasks_json()}
    rc = signoff.recheck(filled, signoff.draw_recheck(filled, count=1, per_community=True, seed=3))
    assert rc.scope == "per_community" and [g for g, _ in rc.groups] == sorted([a, b])
    assert Counter(community_of[t] for t in rc.sample) == {"南郊别墅": 1, "鑫峰苑": 1}
    assert signoff.repeat_draw(filled, rc.id) == list(rc.sample)
    rc = signoff.recheck(filled, signoff.draw_recheck(filled, percent=50, per_community=True, seed=3))
    assert Counter(community_of[t] for t in rc.sample) == {"南郊别墅": 2, "鑫峰苑": 2}  # ceil(3 * 50%) each
    rc = signoff.recheck(filled, signoff.draw_recheck(filled, percent=100, community_ids=[b], seed=3))
    assert rc.community_ids == (b,) and {community_of[t] for t in rc.population} == {"鑫峰苑"}
    assert len(rc.sample) == 3
    assert journal.verify(filled.store) is None


def test_only_closed_live_tasks_are_drawn(filled: Ledger) -> None:
    ids = task_ids(filled)
    refuse(filled, "recheck_empty", signoff.draw_recheck, filled, percent=10)
    one, two = ids[("南郊别墅", "强化宣传培训")], ids[("鑫峰苑", "强化宣传培训")]
    sign_off(filled, one)
    sign_off(filled, two)
    filled.act(two, Action.REOPEN, reason="发现反弹")  # a signed-off task is deleted only once reopened
    filled.delete_task(two)
    rc = signoff.recheck(filled, signoff.draw_recheck(filled, percent=100))
    assert rc.population == (one,) and rc.sample == (one,)
    msg = refuse(
        filled,
        "recheck_empty",
        signoff.draw_recheck,
        filled,
        percent=10,
        community_ids=[filled.community_id("鑫峰苑")],
    )
    assert "鑫峰苑" in msg


@pytest.mark.parametrize(
    "kw,code",
    [
        ({}, "bad_value"),
        ({"percent": 10, "count": 1}, "bad_value"),
        ({"percent": 0}, "bad_value"),
        ({"percent": 101}, "bad_value"),
        ({"count": 0}, "bad_value"),
        ({"count": 1.5}, "bad_value"),
        ({"count": 1, "seed": -1}, "bad_value"),
        ({"count": 1, "community_ids": []}, "bad_value"),
        ({"count": 1, "community_ids": ["nope"]}, "no_such_community"),
    ],
)
def test_bad_draws_are_refused(filled: Ledger, kw: dict[str, Any], code: str) -> None:
    close_all(filled)
    refuse(filled, code, signoff.draw_recheck, filled, **kw)


def test_a_secretary_neither_draws_nor_records(filled: Ledger) -> None:
    close_all(filled)
    refuse(as_(filled, SEC), "wrong_role", signoff.draw_recheck, filled, count=1)
    rid = signoff.draw_recheck(as_(filled, L1), count=1)
    (item,) = signoff.recheck_items(filled, rid)
    refuse(as_(filled, SEC), "wrong_role", signoff.record_recheck, filled, item.id, "pass")


def test_pass_keeps_the_task_closed(filled: Ledger) -> None:
    close_all(filled)
    rid = signoff.draw_recheck(filled, count=1, seed=1)
    (item,) = signoff.recheck_items(filled, rid)
    assert signoff.record_recheck(as_(filled, L1), item.id, "pass", "现场查看无反弹") == Status.CLOSED
    (item,) = signoff.recheck_items(filled, rid)
    assert (item.result, item.label, item.finding, item.checked_by) == (
        "pass",
        "合格",
        "现场查看无反弹",
        "刘副书记",
    )
    assert filled.task(item.task_id).status == Status.CLOSED
    msg = refuse(filled, "recheck_recorded", signoff.record_recheck, filled, item.id, "relapse", "又反弹了")
    assert "合格" in msg and "刘副书记" in msg
    assert journal.verify(filled.store) is None


def test_relapse_reopens_and_the_task_must_be_signed_off_again(filled: Ledger) -> None:
    close_all(filled)
    rid = signoff.draw_recheck(filled, count=2, seed=11)
    first, second = signoff.recheck_items(filled, rid)
    refuse(filled, "reason_required", signoff.record_recheck, filled, first.id, "relapse", " ")
    refuse(filled, "bad_value", signoff.record_recheck, filled, first.id, "合格")
    before = journal.last_seq(filled.store)
    assert signoff.record_recheck(filled, first.id, "relapse", "楼道堆物又出现") == Status.REOPENED
    (entry,) = journal.entries(filled.store, since_seq=before)  # the item and the task in ONE entry
    assert (entry.command, entry.task_id) == ("record_recheck", first.task_id)
    assert entry.args["item"] == first.id and entry.args["recheck"] == rid  # the link to the re-check
    assert {c.table for c in entry.changes} == {"recheck_item", "task"}
    t = filled.task(first.task_id)
    assert t.status == Status.REOPENED and t.return_reason == "回头看发现反弹：楼道堆物又出现"
    assert [it.id for it in signoff.recheck_items_for_task(filled, first.task_id)][-1] == first.id
    assert signoff.finished_by_original_deadline(filled, first.task_id) is None
    assert first.task_id not in signoff.recheck(filled, signoff.draw_recheck(filled, percent=100)).population
    # signed off again through the whole chain
    round_before = t.review_round
    sign_off(filled, first.task_id)
    t = filled.task(first.task_id)
    assert t.status == Status.CLOSED and t.review_round == round_before + 1 and t.return_reason == ""
    # a task reopened some other way cannot take a re-check result
    as_(filled, L1).act(second.task_id, Action.REOPEN, reason="群众反映")
    msg = refuse(filled, "recheck_not_closed", signoff.record_recheck, filled, second.id, "pass")
    assert "反弹重启" in msg
    refuse(filled, "no_such_recheck_item", signoff.record_recheck, filled, "nope", "pass")
    assert journal.verify(filled.store) is None


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 60),
    seed=st.integers(0, 2**31 - 1),
    percent=st.floats(0.5, 100),
    count=st.integers(1, 80),
)
def test_draw_properties(n: int, seed: int, percent: float, count: int) -> None:
    ids = sorted(f"{i:04d}" for i in range(n))
    for method, amount in (("percent", percent), ("count", count)):
        sample = signoff.draw_sample([("", ids)], method, amount, seed)
        assert len(sample) == len(set(sample)) == signoff.sample_size(n, method, amount) >= 1
        assert set(sample) <= set(ids)
        assert sample == signoff.draw_sample([("", list(ids))], method, amount, seed)
    assert signoff.sample_size(n, "percent", percent) >= n * percent / 100 - 1e-9


# ---- 待我审核 -----------------------------------------------------------------------------------------------------
def submit(led: Ledger, tid: str) -> None:
    as_(led, SEC)
    if led.task(tid).status in (Status.NOT_STARTED, Status.RETURNED, Status.REOPENED):
        led.act(tid, Action.START)
    led.act(tid, Action.SUBMIT, reason="已完成")


def test_the_queue_is_oldest_first_and_by_role(filled: Ledger, clock: FixedClock) -> None:
    ids = task_ids(filled)
    t1, t2, t3 = (
        ids[("鑫峰苑", "加强日常巡查")],
        ids[("南郊别墅", "强化宣传培训")],
        ids[("鑫峰苑", "强化宣传培训")],
    )
    for tid in (t1, t2, t3):
        submit(filled, tid)
        clock.advance(hours=1)
    queue = signoff.review_queue(filled, WT)
    assert [q.task_id for q in queue] == [t1, t2, t3]
    q = queue[0]
    assert (q.community, q.measure, q.owner, q.status, q.level, q.level_name, q.review_round) == (
        "鑫峰苑",
        "加强日常巡查",
        "李四",
        Status.SUBMITTED,
        1,
        "初审",
        1,
    )
    assert q.submitted_at == "2025-11-20 09:00:00" and q.deadline == dt.date(2025, 11, 18)
    assert q.to_json()["task"] == t1 and json.dumps(q.to_json(), ensure_ascii=False)
    assert signoff.review_queue(filled, L1) == [] and signoff.review_queue(filled, SEC) == []
    as_(filled, WT)
    assert [q.task_id for q in signoff.review_queue(filled)] == [t1, t2, t3]  # default: the ledger's operator
    filled.act(t2, Action.APPROVE, grade="好", exception="材料为纸质存档")
    assert [q.task_id for q in signoff.review_queue(filled, WT)] == [t1, t3]
    assert [q.task_id for q in signoff.review_queue(filled, WT2)] == [t1, t3]
    (q,) = signoff.review_queue(filled, L1)
    assert (q.task_id, q.level, q.level_name, q.status) == (t2, 2, "复核", Status.IN_REVIEW)
    # returned and submitted again: it queues by its new request time, behind the others
    filled.act(t1, Action.RETURN, reason="佐证材料不全")
    clock.advance(hours=1)
    submit(filled, t1)
    assert [q.task_id for q in signoff.review_queue(filled, WT)] == [t3, t1]


def test_who_signed_one_level_does_not_see_the_next(filled: Ledger) -> None:
    tid = task_ids(filled)[("南郊别墅", "开展专项整治")]
    signoff.attach_evidence(filled, tid, data=b"x", file_name="a.jpg")
    submit(filled, tid)
    as_(filled, WT).act(tid, Action.APPROVE, grade="好")
    assert [q.task_id for q in signoff.review_queue(filled, L1)] == [tid]
    as_(filled, L1).act(tid, Action.APPROVE, grade="好")
    assert signoff.review_queue(filled, L1) == []  # 终审 is a leader's, but not this leader's again
    assert [(q.task_id, q.level_name) for q in signoff.review_queue(filled, L2)] == [(tid, "终审")]
    as_(filled, L2).act(tid, Action.APPROVE, grade="好")
    assert signoff.review_queue(filled, L2) == [] and filled.task(tid).status == Status.CLOSED


def test_the_queue_follows_a_configured_chain(filled: Ledger) -> None:
    filled.set_setting("review_chain", [{"name": "审核", "role": "leader"}])
    tid = task_ids(filled)[("南郊别墅", "开展专项整治")]
    submit(filled, tid)
    assert signoff.review_queue(filled, WT) == []
    assert [q.level_name for q in signoff.review_queue(filled, L1)] == ["审核"]


# ---- the trail ---------------------------------------------------------------------------------------------------
def busy(led: Ledger, clock: FixedClock) -> dict[str, str]:
    """A long legal sequence across issue 3: evidence, extensions, draws, re-checks, signing off again."""
    ids = task_ids(led)
    t_ext = ids[("鑫峰苑", "强化宣传培训")]
    x1 = signoff.request_extension(as_(led, SEC), t_ext, "2025-12-20", "等待采购")
    signoff.decide_extension(as_(led, L1), x1, True, "同意")
    x2 = signoff.request_extension(as_(led, SEC), ids[("南郊别墅", "开展专项整治")], "2026-02-01", "冬季")
    signoff.decide_extension(as_(led, L2), x2, False, "按期完成")
    e_shared = signoff.attach_evidence(as_(led, SEC), t_ext, data=b"shared file", file_name="通知.pdf")
    signoff.attach_evidence(led, ids[("南郊别墅", "强化宣传培训")], data=b"shared file", file_name="通知.pdf")
    signoff.remove_evidence(led, e_shared)
    clock.advance(days=3)
    close_all(led)
    rid = signoff.draw_recheck(as_(led, WT), percent=50, per_community=True, seed=99)
    items = signoff.recheck_items(led, rid)
    signoff.record_recheck(led, items[0].id, "relapse", "反弹")
    for it in items[1:]:
        signoff.record_recheck(led, it.id, "pass")
    clock.advance(days=1)
    sign_off(led, items[0].task_id)
    return {"extension": x1, "recheck": rid, "item": items[0].id, "evidence": e_shared, "task": t_ext}


def test_verify_passes_after_a_long_legal_sequence(filled: Ledger, clock: FixedClock) -> None:
    busy(filled, clock)
    assert journal.verify(filled.store) is None
    path = filled.path
    filled.close()
    again = Ledger.open(path)
    try:
        assert journal.verify(again.store) is None
    finally:
        again.close()


@pytest.mark.parametrize(
    "table,sql",
    [
        ("evidence", "UPDATE evidence SET added_by = '外人' WHERE id = :evidence"),
        ("evidence", "UPDATE evidence SET removed_at = NULL WHERE id = :evidence"),
        ("review", "UPDATE review SET grade = '差' WHERE rowid = (SELECT MAX(rowid) FROM review)"),
        ("review", "DELETE FROM review WHERE rowid = (SELECT MAX(rowid) FROM review)"),
        ("extension", "UPDATE extension SET new_deadline = '2026-06-30' WHERE id = :extension"),
        ("extension", "UPDATE extension SET status = 'refused' WHERE id = :extension"),
        ("recheck", "UPDATE recheck SET seed = 1 WHERE id = :recheck"),
        ("recheck", "UPDATE recheck SET sample = '[]' WHERE id = :recheck"),
        ("recheck_item", "UPDATE recheck_item SET result = 'pass', finding = '' WHERE id = :item"),
        (
            "recheck_item",
            "INSERT INTO recheck_item (id, recheck_id, task_id) VALUES ('forged', :recheck, :task)",
        ),
        ("blob", "UPDATE blob SET data = X'00' || data WHERE length(data) > 0"),
    ],
)
def test_verify_fails_after_an_edit_behind_the_programs_back(
    filled: Ledger, clock: FixedClock, table: str, sql: str
) -> None:
    ids = busy(filled, clock)
    assert journal.verify(filled.store) is None
    filled.store.conn.execute(sql, ids)
    filled.store.conn.commit()
    problem = journal.verify(filled.store)
    assert problem is not None and table in problem.detail


def test_verify_fails_when_a_live_files_bytes_are_deleted(filled: Ledger) -> None:
    tid = task_ids(filled)[("南郊别墅", "开展专项整治")]
    eid = signoff.attach_evidence(filled, tid, data=b"bytes", file_name="a.pdf")
    conn = filled.store.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM blob")
    conn.commit()
    problem = journal.verify(filled.store)
    assert problem is not None and eid in problem.detail


def test_every_step_writes_one_entry_with_its_command(filled: Ledger) -> None:
    tid = task_ids(filled)[("南郊别墅", "开展专项整治")]
    steps = [
        (
            "attach_evidence",
            lambda: signoff.attach_evidence(as_(filled, SEC), tid, data=b"a", file_name="a.jpg"),
        ),
        ("request_extension", lambda: signoff.request_extension(filled, tid, "2026-01-31", "理由")),
        (
            "decide_extension",
            lambda: signoff.decide_extension(as_(filled, L1), signoff.extensions(filled, tid)[0].id, True),
        ),
        (
            "remove_evidence",
            lambda: signoff.remove_evidence(as_(filled, SEC), signoff.evidence(filled, tid)[0].id),
        ),
    ]
    for command, run in steps:
        before = journal.last_seq(filled.store)
        run()
        (entry,) = journal.entries(filled.store, since_seq=before)
        assert entry.command == command and entry.task_id == tid
        assert signoff.COMMAND_LABELS[command]


# ---- migration ---------------------------------------------------------------------------------------------------
def test_a_version_1_ledger_is_upgraded_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "旧台账.db"
    conn = sqlite3.connect(path)
    migrate_1(conn)
    conn.execute("INSERT INTO setting(key, value) VALUES ('app', '\"zhenggai-ledger\"')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    led = Ledger.open(path)
    try:
        from ledger.storage import SCHEMA_VERSION

        assert led.store.one("PRAGMA user_version") == SCHEMA_VERSION
        tables = {r[0] for r in led.store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"extension", "recheck", "recheck_item"} <= tables
        assert journal.verify(led.store) is None
    finally:
        led.close()
    assert (tmp_path / "旧台账.v1-备份.db").exists()


def test_reviews_reads_each_round_in_order(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    signoff.attach_evidence(as_(filled, SEC), tid, data=b"photo", file_name="照片.jpg")
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="已完成")
    as_(filled, WT).act(tid, Action.APPROVE, grade="好", opinion="属实")
    as_(filled, L1).act(tid, Action.RETURN, reason="照片不清楚")
    as_(filled, SEC).act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="补了照片")
    as_(filled, WT).act(tid, Action.APPROVE, grade="较好")
    every = signoff.reviews(filled, tid)
    assert [(r.round, r.level, r.reviewer, r.decision) for r in every] == [
        (1, 1, WT.name, "approve"),
        (1, 2, L1.name, "return"),
        (2, 1, WT.name, "approve"),
    ]
    assert every[0].grade == "好" and every[0].opinion == "属实" and every[1].opinion == "照片不清楚"
    assert [r.decision for r in signoff.reviews(filled, tid, round_=2)] == ["approve"]
    assert signoff.reviews(filled, filled.tasks_json()[1]["id"]) == []
