"""The journal: one entry per command, hash-chained, and verify() catches every edit behind the program's back."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from ledger.core import Action, LedgerError, Operator, Role
from ledger.service import Ledger
from ledger.storage import journal
from ledger.storage.journal import GENESIS, entry_hash


def _ids(led: Ledger) -> dict[str, str]:
    tasks = led.tasks_json()
    return {"t0": tasks[0]["id"], "t1": tasks[1]["id"], "t2": tasks[2]["id"], "t3": tasks[3]["id"]}


def busy(led: Ledger) -> dict[str, str]:
    """A long sequence of legal commands of every sort, as in a week of real use."""
    ids = _ids(led)
    t0, t1, t2, t3 = ids["t0"], ids["t1"], ids["t2"], ids["t3"]
    com = led.communities()[0]["id"]
    led.update_community(com, secretary="新书记")
    led.move_community(com, 1)
    cat = led.add_category("关于作风建设方面的整改")
    prob = led.add_problem(cat, "针对形式主义的问题")
    t_new = led.add_task(prob, com, "精简会议文件", owner="王七", deadline="2025/12/20")
    led.update_task(t0, owner="赵一一", deadline="2025年12月31日")
    e_progress = led.update_progress(t1, "已开展培训 3 次")
    ind = led.add_indicator(t2, "培训", "次", 18, 3)
    led.update_indicator(ind, actual=18)
    led.set_setting("due_soon_days", 10)
    secretary = Operator("王书记", Role.SECRETARY)
    led.operator = secretary
    led.act(t2, Action.START)
    led.act(t2, Action.SUBMIT, reason="已完成培训")
    led.operator = Operator("张专班", Role.WORK_TEAM)
    led.act(t2, Action.APPROVE, grade="好", opinion="同意", exception="材料为纸质存档")  # 初审 checks
    led.operator = Operator("刘副书记", Role.LEADER)
    led.act(t2, Action.APPROVE, grade="较好")
    led.operator = Operator("陈书记", Role.LEADER)
    led.act(t2, Action.APPROVE, grade="好")
    led.act(t2, Action.REOPEN, reason="回头看发现反弹")
    led.operator = secretary
    led.act(t3, Action.START)
    led.act(t3, Action.SUBMIT, reason="完成")
    led.operator = Operator("张专班", Role.WORK_TEAM)
    led.act(t3, Action.RETURN, reason="佐证材料不全")
    assert e_progress is not None
    e_undo = led.undo(e_progress)
    led.undo(e_undo)  # redo
    led.delete_task(t_new)
    return ids | {"t_new": t_new, "indicator": ind, "category": cat, "problem": prob, "community": com}


def _commit(led: Ledger, sql: str, params: tuple[Any, ...] = ()) -> None:
    """An edit behind the program's back, on the same file."""
    led.store.conn.execute(sql, params)
    led.store.conn.commit()


def _seq_touching(led: Ledger, table: str, row_id: str) -> int:
    """The last journal entry that touched a row (found by reading the journal in the test)."""
    last = 0
    for e in journal.entries(led.store):
        if any(c.table == table and c.id == row_id for c in e.changes):
            last = e.seq
    return last


# ---- one entry per command ---------------------------------------------------------------------
COMMANDS: list[tuple[str, Callable[[Ledger, dict[str, str]], Any]]] = [
    ("add_community", lambda led, i: led.add_community("天恒名城")),
    ("update_community", lambda led, i: led.update_community(led.communities()[0]["id"], secretary="新")),
    ("move_community", lambda led, i: led.move_community(led.communities()[0]["id"], 1)),
    ("add_category", lambda led, i: led.add_category("关于作风方面的整改")),
    ("update_category", lambda led, i: led.update_category(led.categories()[0]["id"], "关于党建方面的整改")),
    ("add_problem", lambda led, i: led.add_problem(led.categories()[0]["id"], "新问题")),
    (
        "add_task",
        lambda led, i: led.add_task(
            led.problems()[0]["id"], led.communities()[0]["id"], "新措施", owner="王"
        ),
    ),
    ("update_task", lambda led, i: led.update_task(i["t0"], owner="赵二", leader="钱领导")),
    ("update_progress", lambda led, i: led.update_progress(i["t0"], "已完成一半")),
    ("add_indicator", lambda led, i: led.add_indicator(i["t0"], "培训", "次", "18", None)),
    ("start", lambda led, i: led.act(i["t0"], "start")),
    ("set_ongoing", lambda led, i: led.act(i["t1"], "set_ongoing")),
    ("set_setting", lambda led, i: led.set_setting("due_soon_days", 5)),
    ("delete_task", lambda led, i: led.delete_task(i["t2"])),
]


@pytest.mark.parametrize("command,run", COMMANDS, ids=[c for c, _ in COMMANDS])
def test_every_command_writes_exactly_one_entry(
    filled: Ledger, command: str, run: Callable[..., Any]
) -> None:
    ids = _ids(filled)
    before = journal.last_seq(filled.store)
    run(filled, ids)
    after = journal.entries(filled.store, since_seq=before)
    assert len(after) == 1, [e.command for e in after]
    e = after[0]
    assert e.seq == before + 1
    assert e.command == command
    assert (e.actor, e.role, e.origin) == ("张专班", "work_team", "本机")
    assert e.at == "2025-11-20 09:00:00"
    assert e.changes, "an entry without changes"
    for c in e.changes:
        if c.op == "update":
            assert c.field and c.before != c.after
        else:
            assert c.row is not None and c.row.get("key" if c.table == "setting" else "id") == c.id


def test_update_progress_records_before_and_after(filled: Ledger) -> None:
    tid = _ids(filled)["t0"]
    filled.operator = Operator("王书记", Role.SECRETARY)
    filled.origin = "南郊别墅上报包"
    filled.update_progress(tid, "第一次")
    filled.clock.advance(hours=2)  # type: ignore[attr-defined]
    filled.update_progress(tid, "第二次")
    e = journal.entries(filled.store)[-1]
    assert (e.actor, e.role, e.origin, e.command, e.task_id) == (
        "王书记",
        "secretary",
        "南郊别墅上报包",
        "update_progress",
        tid,
    )
    assert e.at == "2025-11-20 11:00:00"
    by_field = {c.field: (c.before, c.after) for c in e.changes}
    assert by_field["progress"] == ("第一次", "第二次")
    assert by_field["updated_at"] == ("2025-11-20 09:00:00", "2025-11-20 11:00:00")
    assert all(c.table == "task" and c.id == tid for c in e.changes)


def test_workflow_step_records_review_row_and_status(filled: Ledger) -> None:
    tid = _ids(filled)["t0"]
    work_team, filled.operator = filled.operator, Operator("王书记", Role.SECRETARY)
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="已完成")
    filled.operator = work_team  # whoever applied signs no level of the round
    filled.act(tid, Action.APPROVE, grade="好", opinion="同意", exception="材料为纸质存档")
    e = journal.entries(filled.store)[-1]
    assert e.command == "approve" and e.args["grade"] == "好"
    inserted = [c for c in e.changes if c.op == "insert"]
    assert [c.table for c in inserted] == ["review"]
    assert inserted[0].row is not None and inserted[0].row["reviewer"] == "张专班"
    status = [c for c in e.changes if c.field == "status"]
    assert [(c.before, c.after) for c in status] == [("submitted", "in_review")]


def test_no_op_and_refused_commands_write_nothing(filled: Ledger) -> None:
    tid = _ids(filled)["t0"]
    filled.update_progress(tid, "同样的话")
    n = journal.last_seq(filled.store)
    assert filled.update_progress(tid, "同样的话") is None
    with pytest.raises(LedgerError):
        filled.update_task(tid, owner="")
    with pytest.raises(LedgerError):
        filled.act(tid, Action.APPROVE, grade="好")
    assert journal.last_seq(filled.store) == n


def test_chain_seq_ids_and_hashes(filled: Ledger) -> None:
    busy(filled)
    rows = filled.store.rows("SELECT * FROM journal ORDER BY seq")
    assert len(rows) > 30
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert len({r["id"] for r in rows}) == len(rows)
    prev = GENESIS
    for r in rows:
        assert uuid.UUID(r["id"]).version == 4
        assert r["prev_hash"] == prev
        assert r["hash"] == entry_hash(prev, r["seq"], r)
        assert len(r["hash"]) == 64
        prev = r["hash"]
    assert rows[0]["command"] == "create_ledger"


def test_verify_passes_after_a_long_sequence_and_reopen(filled: Ledger) -> None:
    busy(filled)
    assert journal.verify(filled.store) is None
    path = filled.path
    filled.close()
    again = Ledger.open(path)
    try:
        assert journal.verify(again.store) is None
    finally:
        again.close()


def test_history_of_a_task_keeps_its_whole_story(filled: Ledger) -> None:
    ids = busy(filled)
    commands = [e.command for e in filled.history(ids["t2"])]
    assert commands == [
        "add_task",
        "add_indicator",
        "update_indicator",
        "start",
        "submit",
        "approve",
        "approve",
        "approve",
        "reopen",
    ]
    deleted = [e.command for e in filled.history(ids["t_new"])]
    assert deleted == ["add_task", "delete_task"]


# ---- verify catches edits behind the program's back ------------------------------------------------
def test_raw_task_edit_is_detected_naming_the_entry(filled: Ledger) -> None:
    ids = busy(filled)
    tid = ids["t0"]
    _commit(filled, "UPDATE task SET owner = '冒名顶替' WHERE id = ?", (tid,))
    problem = journal.verify(filled.store)
    assert problem is not None
    assert problem.seq == _seq_touching(filled, "task", tid)
    assert problem.command == "update_task"
    assert "task" in problem.detail and tid in problem.detail and "owner" in problem.detail
    assert "冒名顶替" in problem.detail and "赵一一" in problem.detail


def test_raw_status_edit_is_detected(filled: Ledger) -> None:
    ids = busy(filled)
    _commit(filled, "UPDATE task SET status = 'closed' WHERE id = ?", (ids["t3"],))
    problem = journal.verify(filled.store)
    assert problem is not None and "status" in problem.detail and problem.command == "return"


def test_edited_journal_payload_is_detected(filled: Ledger) -> None:
    busy(filled)
    row = filled.store.rows("SELECT seq, payload FROM journal WHERE command = 'update_task'")[0]
    payload = json.loads(row["payload"])
    for c in payload["changes"]:
        if c.get("field") == "owner":
            c["after"] = "冒名顶替"
    _commit(
        filled,
        "UPDATE journal SET payload = ? WHERE seq = ?",
        (json.dumps(payload, ensure_ascii=False), row["seq"]),
    )
    problem = journal.verify(filled.store)
    assert problem is not None
    assert problem.seq == row["seq"] and problem.command == "update_task"
    assert "校验值不符" in problem.detail


def test_edited_journal_actor_with_recomputed_hash_breaks_the_link(filled: Ledger) -> None:
    busy(filled)
    r = filled.store.rows("SELECT * FROM journal WHERE seq = 10")[0]
    r["actor"] = "别人"
    _commit(
        filled,
        "UPDATE journal SET actor = ?, hash = ? WHERE seq = 10",
        (r["actor"], entry_hash(r["prev_hash"], 10, r)),
    )
    problem = journal.verify(filled.store)
    assert problem is not None and problem.seq == 11 and "链接" in problem.detail


def test_deleted_journal_row_is_detected(filled: Ledger) -> None:
    busy(filled)
    _commit(filled, "DELETE FROM journal WHERE seq = 12")
    problem = journal.verify(filled.store)
    assert problem is not None and problem.seq == 13 and "删除" in problem.detail


def test_deleted_first_journal_row_is_detected(filled: Ledger) -> None:
    _commit(filled, "DELETE FROM journal WHERE seq = 1")
    problem = journal.verify(filled.store)
    assert problem is not None and problem.seq == 2


def test_deleted_last_journal_row_is_detected(filled: Ledger) -> None:
    tid = _ids(filled)["t0"]
    filled.update_progress(tid, "最后一次修改")
    last = journal.last_seq(filled.store)
    _commit(filled, "DELETE FROM journal WHERE seq = ?", (last,))
    problem = journal.verify(filled.store)
    assert problem is not None
    assert "task" in problem.detail and "progress" in problem.detail


def test_row_inserted_outside_the_program_is_detected(filled: Ledger) -> None:
    busy(filled)
    _commit(filled, "INSERT INTO community (id, name) VALUES (?, '幽灵居民区')", (str(uuid.uuid4()),))
    problem = journal.verify(filled.store)
    assert problem is not None
    assert "community" in problem.detail and "没有任何日志" in problem.detail


def test_task_inserted_outside_the_program_is_detected(filled: Ledger) -> None:
    p = filled.problems()[0]["id"]
    c = filled.communities()[0]["id"]
    tid = str(uuid.uuid4())
    _commit(
        filled,
        "INSERT INTO task (id, problem_id, community_id, measure, created_at, updated_at) "
        "VALUES (?, ?, ?, '凭空出现', 'x', 'x')",
        (tid, p, c),
    )
    problem = journal.verify(filled.store)
    assert problem is not None and "task" in problem.detail and tid in problem.detail


def test_row_deleted_outside_the_program_is_detected(filled: Ledger) -> None:
    ids = busy(filled)
    _commit(filled, "DELETE FROM indicator WHERE id = ?", (ids["indicator"],))
    problem = journal.verify(filled.store)
    assert problem is not None and "indicator" in problem.detail and "被删除" in problem.detail


def test_edited_review_row_is_detected(filled: Ledger) -> None:
    ids = busy(filled)
    review_id = filled.store.one("SELECT id FROM review WHERE task_id = ? AND level = 1", (ids["t2"],))
    _commit(filled, "UPDATE review SET opinion = '未审核，直接通过' WHERE id = ?", (review_id,))
    problem = journal.verify(filled.store)
    assert problem is not None
    assert "review" in problem.detail and "opinion" in problem.detail
    assert problem.seq == _seq_touching(filled, "review", review_id)
    assert problem.command == "approve"


def test_edited_setting_is_detected(filled: Ledger) -> None:
    _commit(
        filled,
        "UPDATE setting SET value = ? WHERE key = 'review_chain'",
        (json.dumps([{"name": "终审", "role": "leader"}], ensure_ascii=False),),
    )
    problem = journal.verify(filled.store)
    assert problem is not None and "setting" in problem.detail and "review_chain" in problem.detail
