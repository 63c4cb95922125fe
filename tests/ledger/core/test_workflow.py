"""The sign-off workflow: every (state, action, role), the review chain, and random walks through Ledger.act."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ledger.core.clock import FixedClock
from ledger.core.errors import LedgerError
from ledger.core.model import Kind, Operator, Role, Status
from ledger.core.workflow import (
    DEFAULT_CHAIN,
    Action,
    Level,
    TaskState,
    allowed_actions,
    chain_from_setting,
    decide,
)
from ledger.service import Ledger
from ledger.storage import journal

# ---- the rules, written out again here from the workflow's documentation (not imported) -------------
# WHY_NOT: "只有未启动、已退回或反弹重启的任务才能开始推进。" and so on for each action.
RULE_FROM: dict[str, set[str]] = {
    "start": {"not_started", "returned", "reopened"},
    "submit": {"in_progress", "returned", "reopened", "ongoing"},
    "set_ongoing": {"not_started", "in_progress"},
    "approve": {"submitted", "in_review"},
    "return": {"submitted", "in_review"},
    "reopen": {"closed"},
}
# who may take the non-review actions: the community's secretary and the work team do the work,
# reopening a signed-off task after a 回头看 is for the work team or a leader.
RULE_WHO: dict[str, set[str]] = {
    "start": {"secretary", "work_team"},
    "submit": {"secretary", "work_team"},
    "set_ongoing": {"secretary", "work_team"},
    "reopen": {"work_team", "leader"},
}
RULE_TARGET = {
    "start": "in_progress",
    "submit": "submitted",
    "set_ongoing": "ongoing",
    "return": "returned",
    "reopen": "reopened",
}
# approve leads to the next level (in_review) or, at the last level, to closed (ongoing for 长期坚持),
# or back to returned when the last level grades 一般/差.
APPROVE_TARGETS = {"in_review", "closed", "ongoing", "returned"}

CHAINS: dict[str, list[tuple[str, str]]] = {
    "三级": [("初审", "work_team"), ("复核", "leader"), ("终审", "leader")],
    "二级": [("初审", "work_team"), ("终审", "leader")],
    "一级": [("终审", "leader")],
}
STATUSES = [s.value for s in Status]
ACTIONS = [a.value for a in Action]
ROLES = [r.value for r in Role]


def _level_index(status: str, chain: list[tuple[str, str]]) -> int:
    """The level a task in this state waits for (in_review = past the first level)."""
    return 1 if status == "in_review" and len(chain) > 1 else 0


def expected(status: str, action: str, role: str, chain: list[tuple[str, str]]) -> str:
    """A target status or a refusal code, from the rules above."""
    if status not in RULE_FROM[action]:
        return "not_allowed"
    if action in ("approve", "return"):
        i = _level_index(status, chain)
        if chain[i][1] != role:
            return "wrong_role"
        if action == "return":
            return "returned"
        return "closed" if i == len(chain) - 1 else "in_review"
    if role not in RULE_WHO[action]:
        return "wrong_role"
    return RULE_TARGET[action]


def run_decide(status: str, action: str, role: str, chain: list[tuple[str, str]]) -> str:
    levels = tuple(Level(n, Role(r)) for n, r in chain)
    state = TaskState(
        Status(status),
        Kind.DEADLINE.value,
        review_level=_level_index(status, chain),
        evidence_count=1,
        statement="已完成整改",
    )
    try:
        out = decide(Action(action), state, Operator("操作人", Role(role)), levels, reason="理由", grade="好")
    except LedgerError as exc:
        return exc.code
    return out.status.value


@pytest.mark.parametrize("chain_name", list(CHAINS))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("status", STATUSES)
def test_every_state_action_role(status: str, action: str, role: str, chain_name: str) -> None:
    chain = CHAINS[chain_name]
    assert run_decide(status, action, role, chain) == expected(status, action, role, chain)


# Written by hand from the glossary and the workflow description, so the table above cannot just
# mirror the code: (status, action, role) -> result, with the default three-level chain.
KEY_ROWS = [
    ("not_started", "start", "secretary", "in_progress"),
    ("not_started", "start", "leader", "wrong_role"),
    ("not_started", "submit", "secretary", "not_allowed"),
    ("in_progress", "submit", "secretary", "submitted"),
    ("in_progress", "approve", "work_team", "not_allowed"),
    ("in_progress", "set_ongoing", "work_team", "ongoing"),
    ("submitted", "set_ongoing", "work_team", "not_allowed"),
    ("submitted", "approve", "work_team", "in_review"),
    ("submitted", "approve", "leader", "wrong_role"),
    ("submitted", "approve", "secretary", "wrong_role"),
    ("submitted", "return", "work_team", "returned"),
    ("submitted", "start", "secretary", "not_allowed"),
    ("in_review", "approve", "leader", "in_review"),
    ("in_review", "approve", "work_team", "wrong_role"),
    ("in_review", "return", "leader", "returned"),
    ("returned", "start", "secretary", "in_progress"),
    ("returned", "submit", "work_team", "submitted"),
    ("closed", "reopen", "leader", "reopened"),
    ("closed", "reopen", "work_team", "reopened"),
    ("closed", "reopen", "secretary", "wrong_role"),
    ("closed", "submit", "work_team", "not_allowed"),
    ("closed", "approve", "leader", "not_allowed"),
    ("ongoing", "submit", "secretary", "submitted"),
    ("ongoing", "start", "work_team", "not_allowed"),
    ("reopened", "start", "secretary", "in_progress"),
    ("reopened", "submit", "secretary", "submitted"),
    ("reopened", "reopen", "leader", "not_allowed"),
]


@pytest.mark.parametrize("status,action,role,result", KEY_ROWS)
def test_key_rows_written_by_hand(status: str, action: str, role: str, result: str) -> None:
    assert run_decide(status, action, role, CHAINS["三级"]) == result


def test_default_chain_is_three_levels() -> None:
    assert [(lv.name, lv.role.value) for lv in DEFAULT_CHAIN] == CHAINS["三级"]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("role", ROLES)
def test_allowed_actions_agree_with_decide(status: str, role: str) -> None:
    chain = CHAINS["三级"]
    state = TaskState(Status(status), Kind.DEADLINE.value, review_level=_level_index(status, chain))
    offered = {a.value for a in allowed_actions(state, Operator("操作人", Role(role)))}
    possible = {a for a in ACTIONS if expected(status, a, role, chain) not in ("not_allowed", "wrong_role")}
    assert offered == possible


# The placement of ledgers made before 初审 checked the materials: the level that signs off checks.
LAST = [[], [], ["evidence", "indicators"]]
LAST_CHECKS: tuple[tuple[str, ...], ...] = ((), (), ("evidence", "indicators"))


def test_closing_needs_evidence_or_exception_decide_level() -> None:
    op = Operator("终审人", Role.LEADER)
    last = TaskState(Status.IN_REVIEW, Kind.DEADLINE.value, review_level=2)
    with pytest.raises(LedgerError) as info:
        decide(Action.APPROVE, last, op, grade="好", checks=LAST_CHECKS)
    assert info.value.code == "not_allowed" and "没有佐证材料" in info.value.message()
    with_evidence = TaskState(Status.IN_REVIEW, Kind.DEADLINE.value, review_level=2, evidence_count=2)
    assert decide(Action.APPROVE, with_evidence, op, grade="好", checks=LAST_CHECKS).status == Status.CLOSED
    assert (
        decide(Action.APPROVE, last, op, grade="较好", exception="纸质存档", checks=LAST_CHECKS).status
        == Status.CLOSED
    )
    unmet = TaskState(
        Status.IN_REVIEW,
        Kind.DEADLINE.value,
        review_level=2,
        evidence_count=1,
        indicators_unmet=("培训次数",),
    )
    with pytest.raises(LedgerError) as info:
        decide(Action.APPROVE, unmet, op, grade="好", checks=LAST_CHECKS)
    assert "培训次数" in info.value.message()


@pytest.mark.parametrize("levels", [[], None])
def test_empty_chain_setting_means_default(levels: Any) -> None:
    assert chain_from_setting(levels) == DEFAULT_CHAIN


def test_chain_must_have_one_to_three_levels(ledger: Ledger) -> None:
    before = ledger.setting("review_chain")
    seq = journal.last_seq(ledger.store)
    with pytest.raises(LedgerError) as info:
        ledger.set_setting("review_chain", [{"name": f"第{i}级", "role": "leader"} for i in range(4)])
    assert info.value.code == "bad_setting" and "一到三级" in info.value.message()
    assert ledger.setting("review_chain") == before
    assert journal.last_seq(ledger.store) == seq


# ---- the review chain through the ledger -----------------------------------------------------------
SECRETARY = Operator("王书记", Role.SECRETARY)
TEAM_A = Operator("张专班", Role.WORK_TEAM)
TEAM_B = Operator("钱专班", Role.WORK_TEAM)
LEADER_A = Operator("刘副书记", Role.LEADER)
LEADER_B = Operator("陈书记", Role.LEADER)


def as_(led: Ledger, op: Operator, tid: str, action: Action, **kw: Any) -> Status:
    led.operator = op
    return led.act(tid, action, **kw).status


def refused(led: Ledger, op: Operator, tid: str, action: Action, **kw: Any) -> LedgerError:
    """The action must be refused and leave the task and the journal exactly as they were."""
    before, seq = led.task(tid), journal.last_seq(led.store)
    row = led.store.row("task", tid)
    led.operator = op
    with pytest.raises(LedgerError) as info:
        led.act(tid, action, **kw)
    assert led.task(tid) == before
    assert led.store.row("task", tid) == row
    assert journal.last_seq(led.store) == seq
    return info.value


def submitted(led: Ledger, kind: str = Kind.DEADLINE.value) -> str:
    """The first task, submitted; the ledger keeps the checks at the last level (these tests are about that)."""
    if led.setting("review_checks") is None:
        led.set_setting("review_checks", LAST)
    tid = led.tasks_json()[0]["id"]
    if kind != Kind.DEADLINE.value:
        led.operator = TEAM_A
        led.update_task(tid, kind=kind)
    as_(led, SECRETARY, tid, Action.START)
    as_(led, SECRETARY, tid, Action.SUBMIT, reason="已完成整改")
    return tid


def reviews(led: Ledger, tid: str) -> list[tuple[int, int, str, str, str, str]]:
    return [
        (r["round"], r["level"], r["level_name"], r["reviewer"], r["role"], r["decision"])
        for r in led.store.rows("SELECT * FROM review WHERE task_id = ? ORDER BY at, rowid", (tid,))
    ]


def test_full_chain_in_order_with_different_reviewers(filled: Ledger) -> None:
    tid = submitted(filled)
    assert filled.task(tid).status == Status.SUBMITTED and filled.task(tid).review_round == 1
    assert filled.task(tid).statement == "已完成整改" and "已完成整改" not in filled.task(tid).progress
    err = refused(filled, LEADER_A, tid, Action.APPROVE, grade="好")  # cannot skip 初审
    assert err.code == "wrong_role" and "初审" in err.message() and "工作专班" in err.message()
    assert as_(filled, TEAM_A, tid, Action.APPROVE, grade="好") == Status.IN_REVIEW
    assert filled.task(tid).review_level == 1
    err = refused(filled, TEAM_B, tid, Action.APPROVE, grade="好")  # 复核 is a leader's
    assert err.code == "wrong_role" and "复核" in err.message()
    assert as_(filled, LEADER_A, tid, Action.APPROVE, grade="好") == Status.IN_REVIEW
    assert filled.task(tid).review_level == 2
    err = refused(filled, LEADER_A, tid, Action.APPROVE, grade="好")
    assert err.code == "same_reviewer" and "同一人不能签两级" in err.message() and "刘副书记" in err.message()
    assert as_(filled, LEADER_B, tid, Action.APPROVE, grade="好", exception="材料为纸质存档") == Status.CLOSED
    t = filled.task(tid)
    assert (t.status, t.review_level) == (Status.CLOSED, 0)
    assert reviews(filled, tid) == [
        (1, 1, "初审", "张专班", "work_team", "approve"),
        (1, 2, "复核", "刘副书记", "leader", "approve"),
        (1, 3, "终审", "陈书记", "leader", "approve"),
    ]
    assert journal.verify(filled.store) is None


def test_same_person_cannot_sign_two_levels_by_switching_role(filled: Ledger) -> None:
    tid = submitted(filled)
    as_(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    err = refused(filled, Operator("张专班", Role.LEADER), tid, Action.APPROVE, grade="好")
    assert err.code == "same_reviewer"
    assert "张专班" in err.message() and "“初审”" in err.message()  # the level they signed, not the one asked


def test_new_round_after_return_lets_the_same_reviewer_sign_again(filled: Ledger) -> None:
    tid = submitted(filled)
    as_(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    assert as_(filled, LEADER_A, tid, Action.RETURN, reason="台账记录不全") == Status.RETURNED
    t = filled.task(tid)
    assert t.return_reason == "复核退回：台账记录不全" and t.review_level == 0
    assert as_(filled, SECRETARY, tid, Action.SUBMIT, reason="已补充台账") == Status.SUBMITTED
    assert filled.task(tid).review_round == 2 and filled.task(tid).return_reason == ""
    assert as_(filled, TEAM_A, tid, Action.APPROVE, grade="好") == Status.IN_REVIEW
    assert as_(filled, LEADER_A, tid, Action.APPROVE, grade="好") == Status.IN_REVIEW


@pytest.mark.parametrize("reason", ["", "   "])
def test_returning_needs_a_reason(filled: Ledger, reason: str) -> None:
    tid = submitted(filled)
    err = refused(filled, TEAM_A, tid, Action.RETURN, reason=reason)
    assert err.code == "reason_required" and "退回" in err.message() and "理由" in err.message()
    assert as_(filled, TEAM_A, tid, Action.RETURN, reason="佐证材料不全") == Status.RETURNED
    assert filled.task(tid).return_reason == "初审退回：佐证材料不全"
    assert reviews(filled, tid)[-1][-1] == "return"


def test_submitting_and_reopening_need_a_reason(filled: Ledger) -> None:
    filled.set_setting("review_checks", LAST)
    tid = filled.tasks_json()[0]["id"]
    as_(filled, SECRETARY, tid, Action.START)
    err = refused(filled, SECRETARY, tid, Action.SUBMIT, reason=" ")
    assert err.code == "reason_required" and "申请销号" in err.message()
    as_(filled, SECRETARY, tid, Action.SUBMIT, reason="完成")
    as_(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    as_(filled, LEADER_A, tid, Action.APPROVE, grade="好")
    as_(filled, LEADER_B, tid, Action.APPROVE, grade="好", exception="纸质存档")
    err = refused(filled, LEADER_A, tid, Action.REOPEN)
    assert err.code == "reason_required" and "重启" in err.message()
    assert as_(filled, LEADER_A, tid, Action.REOPEN, reason="回头看发现反弹") == Status.REOPENED
    assert filled.task(tid).return_reason == "重启整改：回头看发现反弹"


def test_a_grade_is_required(filled: Ledger) -> None:
    tid = submitted(filled)
    err = refused(filled, TEAM_A, tid, Action.APPROVE, grade="优秀")
    assert err.code == "bad_value" and "好、较好、一般或差" in err.message()


@pytest.mark.parametrize("grade", ["一般", "差"])
def test_poor_grade_at_last_level_returns_for_second_rectification(filled: Ledger, grade: str) -> None:
    tid = submitted(filled)
    as_(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    as_(filled, LEADER_A, tid, Action.APPROVE, grade="好")
    assert as_(filled, LEADER_B, tid, Action.APPROVE, grade=grade) == Status.RETURNED
    t = filled.task(tid)
    assert t.review_level == 0 and "二次整改" in t.return_reason and grade in t.return_reason
    assert filled.store.one("SELECT grade FROM review WHERE task_id = ? AND level = 3", (tid,)) == grade


@pytest.mark.parametrize("grade", ["一般", "差"])
def test_poor_grade_before_last_level_goes_on(filled: Ledger, grade: str) -> None:
    tid = submitted(filled)
    assert as_(filled, TEAM_A, tid, Action.APPROVE, grade=grade) == Status.IN_REVIEW


def test_closing_needs_evidence_or_exception(filled: Ledger) -> None:
    tid = submitted(filled)
    as_(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    as_(filled, LEADER_A, tid, Action.APPROVE, grade="好")
    err = refused(filled, LEADER_B, tid, Action.APPROVE, grade="好")
    assert err.code == "not_allowed" and "没有佐证材料" in err.message() and "例外理由" in err.message()
    assert filled.task(tid).status == Status.IN_REVIEW
    assert as_(filled, LEADER_B, tid, Action.APPROVE, grade="好", exception="纸质存档") == Status.CLOSED
    assert (
        filled.store.one("SELECT exception FROM review WHERE task_id = ? AND level = 3", (tid,)) == "纸质存档"
    )


def test_closing_with_evidence_needs_no_exception(filled: Ledger) -> None:
    tid = submitted(filled)
    as_(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    as_(filled, LEADER_A, tid, Action.APPROVE, grade="好")
    # no evidence command exists in the service yet: put one photo in the file directly
    filled.store.conn.execute("INSERT INTO blob (sha256, data, size) VALUES ('ab', x'00', 1)")
    filled.store.conn.execute(
        "INSERT INTO evidence (id, task_id, sha256, file_name, added_by, added_at) "
        "VALUES ('e1', ?, 'ab', '现场照片.jpg', '王书记', '2025-11-20')",
        (tid,),
    )
    filled.store.conn.commit()
    assert as_(filled, LEADER_B, tid, Action.APPROVE, grade="好") == Status.CLOSED


def test_unmet_indicator_blocks_closing(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    ind = filled.add_indicator(tid, "培训", "次", 18, 5)
    submitted(filled)
    as_(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    as_(filled, LEADER_A, tid, Action.APPROVE, grade="好")
    err = refused(filled, LEADER_B, tid, Action.APPROVE, grade="好", exception="")
    assert "指标“培训”未达到目标" in err.message()
    filled.operator = TEAM_A
    filled.update_indicator(ind, actual=18)
    err = refused(filled, LEADER_B, tid, Action.APPROVE, grade="好")
    assert "培训" not in err.message() and "没有佐证材料" in err.message()


def test_long_term_task_closes_a_stage_and_stays_ongoing(filled: Ledger) -> None:
    filled.set_setting("review_checks", LAST)
    tid = filled.tasks_json()[0]["id"]
    filled.update_task(tid, kind=Kind.LONG_TERM.value)
    assert as_(filled, SECRETARY, tid, Action.SET_ONGOING) == Status.ONGOING
    assert as_(filled, SECRETARY, tid, Action.SUBMIT, reason="第一阶段完成") == Status.SUBMITTED
    as_(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    as_(filled, LEADER_A, tid, Action.APPROVE, grade="好")
    filled.operator = LEADER_B
    outcome = filled.act(tid, Action.APPROVE, grade="好", exception="阶段性材料已归档")
    assert outcome.status == Status.ONGOING and any("长期坚持" in n for n in outcome.notes)
    assert filled.task(tid).status == Status.ONGOING
    # the next stage is submitted again, in a new round
    assert as_(filled, SECRETARY, tid, Action.SUBMIT, reason="第二阶段完成") == Status.SUBMITTED
    assert filled.task(tid).review_round == 2
    err = refused(filled, LEADER_A, tid, Action.REOPEN, reason="x")
    assert err.code == "not_allowed"


def test_one_level_chain(filled: Ledger) -> None:
    filled.set_setting("review_chain", [{"name": "初审", "role": "work_team"}])
    assert [lv.name for lv in filled.chain] == ["初审"]
    tid = submitted(filled)
    err = refused(filled, LEADER_A, tid, Action.APPROVE, grade="好")
    assert err.code == "wrong_role"
    assert as_(filled, TEAM_A, tid, Action.APPROVE, grade="好", exception="纸质存档") == Status.CLOSED
    assert [r[1:3] for r in reviews(filled, tid)] == [(1, "初审")]


def test_two_level_chain(filled: Ledger) -> None:
    filled.set_setting(
        "review_chain", [{"name": "初审", "role": "work_team"}, {"name": "终审", "role": "leader"}]
    )
    filled.set_setting("review_checks", [[], ["evidence", "indicators"]])
    tid = submitted(filled)
    assert as_(filled, TEAM_A, tid, Action.APPROVE, grade="好") == Status.IN_REVIEW
    err = refused(filled, TEAM_B, tid, Action.APPROVE, grade="好")
    assert err.code == "wrong_role" and "终审" in err.message()
    assert as_(filled, LEADER_A, tid, Action.APPROVE, grade="差") == Status.RETURNED
    assert "二次整改" in filled.task(tid).return_reason
    as_(filled, SECRETARY, tid, Action.SUBMIT, reason="二次整改完成")
    as_(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    assert as_(filled, LEADER_A, tid, Action.APPROVE, grade="好", exception="纸质存档") == Status.CLOSED
    assert [r[:3] for r in reviews(filled, tid)] == [
        (1, 1, "初审"),
        (1, 2, "终审"),
        (2, 1, "初审"),
        (2, 2, "终审"),
    ]


def test_a_refused_step_from_any_state_names_the_state(filled: Ledger) -> None:
    tid = filled.tasks_json()[0]["id"]
    err = refused(filled, TEAM_A, tid, Action.APPROVE, grade="好")
    assert err.message() == "不能从“未启动”执行“审核通过”：只有申请销号或审核中的任务才能审核。"
    err = refused(filled, LEADER_A, tid, Action.START)
    assert "工作专班" in err.message() and "居民区书记" in err.message() and "刘副书记" in err.message()


# ---- random walks through Ledger.act ----------------------------------------------------------------
OPERATORS = [TEAM_A, TEAM_B, LEADER_A, LEADER_B, Operator("周组长", Role.LEADER), SECRETARY]
REFUSAL_CODES = {"not_allowed", "wrong_role", "same_reviewer", "self_review", "reason_required", "bad_value"}

# A step is (action, operator, reason, grade, exception, guided). A guided step picks, from the rules in this
# file, an action the current state admits and an operator of the right role, so that walks reach the
# review levels, closing and reopening; unguided steps are anything at all (mostly refusals).
step = st.tuples(
    st.sampled_from(ACTIONS),
    st.integers(0, len(OPERATORS) - 1),
    st.sampled_from(["理由", "理由", "理由", ""]),
    st.sampled_from(["好", "好", "较好", "一般", "差", ""]),
    st.sampled_from(["纸质存档", "纸质存档", ""]),
    st.sampled_from([True, True, True, False]),
)


def guide(
    status: str, review_level: int, chain: list[tuple[str, str]], action: str, who: int
) -> tuple[str, int]:
    possible = [a for a in ACTIONS if status in RULE_FROM[a]]
    if action not in possible:
        action = possible[who % len(possible)]
    if action in ("approve", "return"):
        role = chain[min(review_level, len(chain) - 1)][1]
    else:
        role = sorted(RULE_WHO[action])[who % len(RULE_WHO[action])]
    fitting = [i for i, op in enumerate(OPERATORS) if op.role.value == role]
    return action, fitting[who % len(fitting)]


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    chain_name=st.sampled_from(list(CHAINS)),
    kind=st.sampled_from([k.value for k in Kind]),
    steps=st.lists(step, min_size=8, max_size=40),
)
def test_random_walks_stay_inside_the_workflow(
    chain_name: str, kind: str, steps: list[tuple[str, int, str, str, str, bool]]
) -> None:
    chain = CHAINS[chain_name]
    with tempfile.TemporaryDirectory() as tmp:
        led = Ledger.create(Path(tmp) / "walk.db", clock=FixedClock.on("2025-11-20"), operator=TEAM_A)
        try:
            led.set_setting("review_chain", [{"name": n, "role": r} for n, r in chain])
            com = led.add_community("南郊别墅")
            prob = led.add_problem(led.add_category("关于党建方面的整改"), "针对治理效能不足的问题")
            tid = led.add_task(prob, com, "强化宣传培训", owner="赵一", kind=kind, deadline="2025-12-01")
            for action, who, reason, grade, exception, guided in steps:
                before = led.task(tid)
                if guided:
                    action, who = guide(before.status.value, before.review_level, chain, action, who)
                seq = journal.last_seq(led.store)
                led.operator = OPERATORS[who]
                try:
                    outcome = led.act(tid, action, reason=reason, grade=grade, exception=exception)
                except LedgerError as exc:
                    assert exc.code in REFUSAL_CODES
                    assert led.task(tid) == before, "a refused action changed the task"
                    assert journal.last_seq(led.store) == seq, "a refused action was journalled"
                    continue
                after = led.task(tid)
                event(f"reached {after.status.value}")
                assert before.status.value in RULE_FROM[action], f"{action} allowed from {before.status}"
                allowed_targets = APPROVE_TARGETS if action == "approve" else {RULE_TARGET[action]}
                assert after.status.value in allowed_targets
                assert after.status == outcome.status
                assert journal.last_seq(led.store) == seq + 1
                assert 0 <= after.review_level < len(chain)
                if action not in ("approve", "return"):
                    assert OPERATORS[who].role.value in RULE_WHO[action]
                if after.status in (Status.CLOSED,) or (
                    action == "approve" and after.status == Status.ONGOING
                ):
                    signed = led.store.rows(
                        "SELECT level, reviewer, role FROM review WHERE task_id = ? AND round = ? "
                        "AND decision = 'approve' ORDER BY level",
                        (tid, after.review_round),
                    )
                    assert [(r["level"], r["role"]) for r in signed] == [
                        (i + 1, role) for i, (_, role) in enumerate(chain)
                    ]
                    assert len({r["reviewer"] for r in signed}) == len(chain)
                    if after.status == Status.CLOSED:
                        assert kind != Kind.LONG_TERM.value
            assert journal.verify(led.store) is None
        finally:
            led.close()


# ---- each level's checklist (setting review_checks) -----------------------------------------------------------
FIRST = [["evidence", "indicators", "statement"], [], []]  # 初审 checks the materials, the others confirm
CHECK_CASES = [
    # (checks per level, level index, what is missing, exception given) -> result
    (FIRST, 0, "evidence", False, "not_allowed"),
    (FIRST, 0, "evidence", True, "in_review"),
    (FIRST, 0, "statement", False, "not_allowed"),
    (FIRST, 0, "indicators", False, "not_allowed"),
    (FIRST, 2, "evidence", False, "closed"),  # 终审 confirms: it does not check the materials again
    (None, 0, "evidence", False, "not_allowed"),  # no setting: 初审 checks the materials
    (None, 0, "indicators", False, "not_allowed"),
    (None, 0, "statement", False, "not_allowed"),
    (None, 0, "evidence", True, "in_review"),
    (None, 2, "evidence", False, "closed"),  # no setting: 终审 confirms
    (LAST, 0, "evidence", False, "in_review"),  # the old placement, set explicitly: the level that signs off
    (LAST, 2, "evidence", False, "not_allowed"),
    (LAST, 2, "indicators", True, "closed"),
    ([[], [], ["evidence"]], 0, "evidence", False, "in_review"),
    ([[], [], ["evidence"]], 2, "evidence", False, "not_allowed"),
    ([["statement"], [], []], 0, "evidence", False, "in_review"),
    ([["statement"], [], []], 0, "statement", False, "not_allowed"),
]


@pytest.mark.parametrize(("checks", "level", "missing", "exception", "result"), CHECK_CASES)
def test_each_level_checks_what_its_checklist_says(
    checks: list[list[str]] | None, level: int, missing: str, exception: bool, result: str
) -> None:
    from ledger.core.workflow import DEFAULT_CHAIN, checks_from_setting

    state = TaskState(
        Status.SUBMITTED if level == 0 else Status.IN_REVIEW,
        Kind.DEADLINE.value,
        review_level=level,
        evidence_count=0 if missing == "evidence" else 1,
        indicators_unmet=("培训次数",) if missing == "indicators" else (),
        statement="" if missing == "statement" else "已完成",
    )
    role = DEFAULT_CHAIN[level].role
    try:
        out = decide(
            Action.APPROVE,
            state,
            Operator("审核人", role),
            DEFAULT_CHAIN,
            grade="好",
            exception="纸质存档" if exception else "",
            checks=checks_from_setting(checks, DEFAULT_CHAIN),
        )
        got = out.status.value
    except LedgerError as exc:
        got = exc.code
        assert DEFAULT_CHAIN[level].name in exc.message()  # the refusal names the level that checks
    assert got == result


def test_one_person_one_level_names_the_level_already_signed() -> None:
    from ledger.core.workflow import DEFAULT_CHAIN

    state = TaskState(
        Status.IN_REVIEW,
        Kind.DEADLINE.value,
        review_level=2,
        evidence_count=1,
        statement="已完成",
        signed_this_round=("张专班", "刘副书记"),
        signed_levels=("初审", "复核"),
    )
    with pytest.raises(LedgerError) as info:
        decide(Action.APPROVE, state, Operator("刘副书记", Role.LEADER), DEFAULT_CHAIN, grade="好")
    assert info.value.code == "same_reviewer" and "“复核”" in info.value.message()
