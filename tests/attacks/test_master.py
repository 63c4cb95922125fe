"""A user who cheats on the master ledger: each attempt refused with its sentence, every table unchanged."""

from __future__ import annotations

import pytest

from ledger import signoff
from ledger.core import Action, LedgerError, Operator, Role, Status
from ledger.core.people import normalize_name
from ledger.service import Ledger, add_person, operator_for
from tests.attacks.people import CLERK, L1, L2, SEC_A, SEC_B, WT
from tests.helpers import as_, refuse


def _task(led: Ledger, owner: str) -> str:
    return str(led.store.one("SELECT id FROM task WHERE owner = ?", (owner,)))


def _submitted(led: Ledger, owner: str, by: Operator) -> str:
    tid = _task(led, owner)
    as_(led, by)
    led.act(tid, Action.START)
    signoff.attach_evidence(led, tid, data=b"photo", file_name="照片.jpg")
    led.act(tid, Action.SUBMIT, reason="已完成整改")
    return tid


# ---- names -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "variant",
    ["王经办", "王经办\u200b", "王\u200d经办", "王　经办", "\ufeff王经办", "王经办\u2060", "王经办\x07"],
)
def test_name_variants_are_one_person(variant: str) -> None:
    assert normalize_name(variant) == "王经办"


def test_full_width_letters_are_the_ordinary_ones() -> None:
    assert normalize_name("ＷＡＮＧ　Ｌｉ") == "WANG Li"


@pytest.mark.parametrize("variant", ["王经办\u200b", "王　经办", "王经办\u2060"])
def test_one_person_cannot_sign_two_levels_under_a_name_variant(registered: Ledger, variant: str) -> None:
    """Without a register the names are free text; with or without, a variant is the same person."""
    tid = _submitted(registered, "赵一", SEC_A)
    as_(registered, CLERK).act(tid, Action.APPROVE, grade="好")
    # the chain's second level is a leader's: the clerk again, under a variant, is refused either way
    as_(registered, Operator(variant, Role.WORK_TEAM))
    with pytest.raises(LedgerError):
        registered.act(tid, Action.APPROVE, grade="好")


def test_a_name_variant_signs_no_second_level_without_a_register(filled: Ledger) -> None:
    filled.set_setting(
        "review_chain", [{"name": "初审", "role": "work_team"}, {"name": "复核", "role": "work_team"}]
    )
    tid = _submitted(filled, "赵一", Operator("王书记", Role.SECRETARY))
    as_(filled, Operator("王经办", Role.WORK_TEAM)).act(tid, Action.APPROVE, grade="好")
    as_(filled, Operator("王经办\u200b", Role.WORK_TEAM))
    message = refuse(filled, "same_reviewer", filled.act, tid, Action.APPROVE, grade="好")
    assert "王经办" in message and "同一人不能签两级审核" in message


# ---- self-approval ------------------------------------------------------------------------------------------------
def test_the_submitter_signs_no_level_of_their_round(registered: Ledger) -> None:
    tid = _submitted(registered, "赵一", CLERK)  # the work team may apply for a community
    message = refuse(registered, "self_review", registered.act, tid, Action.APPROVE, grade="好")
    assert message.startswith("“王经办”提交了本轮销号申请，不能再签本轮的“初审”")
    refuse(registered, "self_review", registered.act, tid, Action.RETURN, reason="自己退回")


def test_the_submitter_under_a_name_variant_signs_no_level(filled: Ledger) -> None:
    tid = _submitted(filled, "赵一", Operator("王经办", Role.WORK_TEAM))
    as_(filled, Operator("王经办\u200b", Role.WORK_TEAM))
    refuse(filled, "self_review", filled.act, tid, Action.APPROVE, grade="好")


# ---- role escalation ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("attempt", "word"),
    [
        (lambda led, t: led.update_task(t, deadline="2026-06-30"), "修改任务"),
        (lambda led, t: led.update_task(t, owner="别人"), "修改任务"),
        (lambda led, t: led.delete_task(t), "删除任务"),
        (lambda led, t: led.add_community("新居民区"), "新增居民区"),
        (lambda led, t: led.set_setting("due_soon_days", 3), "修改台账设置"),
        (lambda led, t: led.set_setting("review_chain", [{"name": "审", "role": "secretary"}]), ""),
        (
            lambda led, t: signoff.set_review_chain(led, [{"name": "审", "role": "work_team"}], "陈书记"),
            "修改台账设置",
        ),
    ],
)
def test_a_secretary_does_not_do_the_work_teams_work(registered: Ledger, attempt, word: str) -> None:
    tid = _task(registered, "赵一")
    as_(registered, SEC_A)
    code = "wrong_role" if word else "secretary_in_chain"
    message = refuse(registered, code, attempt, registered, tid)
    assert word in message


def test_a_secretary_without_a_register_still_edits_no_deadline(filled: Ledger) -> None:
    tid = _task(filled, "赵一")
    as_(filled, Operator("王书记", Role.SECRETARY))
    message = refuse(filled, "wrong_role", filled.update_task, tid, deadline="2026-06-30")
    assert "需要工作专班身份" in message


def test_a_secretary_touches_only_their_own_community(registered: Ledger) -> None:
    other = _task(registered, "钱二")  # 鑫峰苑
    as_(registered, SEC_A)
    message = refuse(registered, "not_your_community", registered.update_progress, other, "越界写的进展")
    assert "“王书记”是其他居民区的书记" in message and "鑫峰苑" in message
    refuse(registered, "not_your_community", registered.act, other, Action.START)
    refuse(
        registered,
        "not_your_community",
        signoff.attach_evidence,
        registered,
        other,
        data=b"x",
        file_name="x.jpg",
    )


def test_a_secretary_in_the_register_is_known_by_the_register(registered: Ledger) -> None:
    as_(registered, Operator("冒名者", Role.WORK_TEAM))
    message = refuse(registered, "not_in_register", registered.add_community, "冒名居民区")
    assert "不在本台账的人员名册中" in message
    with pytest.raises(LedgerError) as info:
        operator_for(registered, "冒名者")
    assert info.value.code == "not_in_register"
    assert operator_for(registered, "王书记\u200b") == SEC_A  # the role is the register's
    add_person(as_(registered, WT), "刘副书记", Role.WORK_TEAM)
    with pytest.raises(LedgerError) as info:
        operator_for(registered, "刘副书记")
    assert info.value.code == "person_two_roles"
    assert operator_for(registered, "刘副书记", "leader") == L1


def test_the_review_chain_holds_no_secretary_and_needs_a_leader(registered: Ledger) -> None:
    as_(registered, WT)
    refuse(
        registered,
        "secretary_in_chain",
        signoff.set_review_chain,
        registered,
        [{"name": "审", "role": "secretary"}],
        "陈书记",
    )
    refuse(
        registered,
        "chain_needs_leader",
        registered.set_setting,
        "review_chain",
        [{"name": "审", "role": "leader"}],
    )
    refuse(
        registered,
        "chain_needs_leader",
        signoff.set_review_chain,
        registered,
        [{"name": "审", "role": "leader"}],
        "王经办",
    )
    signoff.set_review_chain(registered, [{"name": "终审", "role": "leader"}], "陈书记\u200b")
    assert [lv.name for lv in registered.chain] == ["终审"]


def test_a_round_keeps_the_chain_it_was_submitted_under(registered: Ledger) -> None:
    tid = _submitted(registered, "赵一", SEC_A)
    signoff.set_review_chain(as_(registered, WT), [{"name": "终审", "role": "leader"}], "陈书记")
    as_(registered, L2)
    refuse(
        registered, "wrong_role", registered.act, tid, Action.APPROVE, grade="好"
    )  # 初审 is still the team's
    for op in (CLERK, L1, L2):
        as_(registered, op).act(tid, Action.APPROVE, grade="好")
    assert registered.task(tid).status == Status.CLOSED


# ---- signed-off and submitted tasks -------------------------------------------------------------------------------
def test_a_signed_off_task_is_neither_deleted_nor_given_evidence(registered: Ledger) -> None:
    tid = _submitted(registered, "赵一", SEC_A)
    for op in (CLERK, L1, L2):
        as_(registered, op).act(tid, Action.APPROVE, grade="好")
    as_(registered, WT)
    message = refuse(registered, "task_locked", registered.delete_task, tid)
    assert "已销号" in message and "重启整改" in message
    as_(registered, SEC_A)
    refuse(
        registered, "task_locked", signoff.attach_evidence, registered, tid, data=b"late", file_name="补.jpg"
    )
    as_(registered, L1).act(tid, Action.REOPEN, reason="回头看发现反弹")
    signoff.attach_evidence(as_(registered, SEC_A), tid, data=b"late", file_name="补.jpg")


def test_progress_is_locked_from_submission_until_returned(registered: Ledger) -> None:
    tid = _submitted(registered, "赵一", SEC_A)
    message = refuse(registered, "under_review", registered.update_progress, tid, "提交后改写的进展")
    assert "整改进展在退回前不能修改" in message
    as_(registered, WT)
    refuse(registered, "under_review", registered.update_task, tid, progress="专班也不能改")
    as_(registered, CLERK).act(tid, Action.RETURN, reason="材料不全")
    as_(registered, SEC_A).update_progress(tid, "补充后的进展")
    assert registered.task(tid).progress == "补充后的进展"


def test_the_queue_shows_no_one_their_own_submission_and_follows_the_rounds_chain(registered: Ledger) -> None:
    tid = _submitted(registered, "赵一", CLERK)
    assert tid not in {q.task_id for q in signoff.review_queue(registered, CLERK)}
    assert tid in {q.task_id for q in signoff.review_queue(registered, WT)}
    signoff.set_review_chain(as_(registered, WT), [{"name": "终审", "role": "leader"}], "陈书记")
    assert tid not in {q.task_id for q in signoff.review_queue(registered, L2)}  # 初审 still waits
    assert [q.level_name for q in signoff.review_queue(registered, WT) if q.task_id == tid] == ["初审"]
    assert signoff.review_queue(registered, SEC_B) == []


def test_a_confirmed_chain_is_not_undone_behind_the_leaders_back(registered: Ledger) -> None:
    entry = signoff.set_review_chain(as_(registered, WT), [{"name": "终审", "role": "leader"}], "陈书记")
    assert entry is not None
    refuse(registered, "nothing_to_undo", registered.undo, entry)
