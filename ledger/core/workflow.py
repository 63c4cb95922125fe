"""The sign-off state machine and review chain: which action is allowed from which state, by whom."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ledger.core.errors import LedgerError
from ledger.core.model import Kind, Operator, Role, Status
from ledger.core.people import normalize_name
from ledger.core.values import is_blank

S = Status


class Action(StrEnum):
    START = "start"
    SUBMIT = "submit"
    SET_ONGOING = "set_ongoing"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.START: "开始推进",
    Action.SUBMIT: "申请销号",
    Action.SET_ONGOING: "转为长期坚持",
    Action.APPROVE: "审核通过",
    Action.RETURN: "退回",
    Action.REOPEN: "重启整改",
}

# (action) -> states it may start from. The target depends on the chain for approve.
ALLOWED_FROM: dict[Action, frozenset[Status]] = {
    Action.START: frozenset({S.NOT_STARTED, S.RETURNED, S.REOPENED}),
    Action.SUBMIT: frozenset({S.IN_PROGRESS, S.RETURNED, S.REOPENED, S.ONGOING}),
    Action.SET_ONGOING: frozenset({S.NOT_STARTED, S.IN_PROGRESS}),
    Action.APPROVE: frozenset({S.SUBMITTED, S.IN_REVIEW}),
    Action.RETURN: frozenset({S.SUBMITTED, S.IN_REVIEW}),
    Action.REOPEN: frozenset({S.CLOSED}),
}

# Who may take the non-review actions. Review actions are governed by the chain's level roles.
ACTION_ROLES: dict[Action, frozenset[Role]] = {
    Action.START: frozenset({Role.SECRETARY, Role.WORK_TEAM}),
    Action.SUBMIT: frozenset({Role.SECRETARY, Role.WORK_TEAM}),
    Action.SET_ONGOING: frozenset({Role.SECRETARY, Role.WORK_TEAM}),
    Action.REOPEN: frozenset({Role.WORK_TEAM, Role.LEADER}),
}

WHY_NOT: dict[Action, str] = {
    Action.START: "只有未启动、已退回或反弹重启的任务才能开始推进。",
    Action.SUBMIT: "只有推进中、已退回、反弹重启或长期坚持的任务才能申请销号。",
    Action.SET_ONGOING: "只有未启动或推进中的任务才能转为长期坚持。",
    Action.APPROVE: "只有申请销号或审核中的任务才能审核。",
    Action.RETURN: "只有申请销号或审核中的任务才能退回。",
    Action.REOPEN: "只有已销号的任务才能重启整改。",
}

GRADES = ("好", "较好", "一般", "差")
SECOND_ROUND_GRADES = frozenset({"一般", "差"})


@dataclass(frozen=True)
class Level:
    name: str
    role: Role


DEFAULT_CHAIN: tuple[Level, ...] = (
    Level("初审", Role.WORK_TEAM),
    Level("复核", Role.LEADER),
    Level("终审", Role.LEADER),
)


def chain_from_setting(value: Any) -> tuple[Level, ...]:
    if not value:
        return DEFAULT_CHAIN
    try:
        levels = tuple(Level(str(v["name"]), Role(v["role"])) for v in value)
    except (TypeError, KeyError, ValueError):
        raise LedgerError(
            "bad_setting",
            key="审核链",
            detail="应为一到三级，每级写明名称和身份（work_team / secretary / leader）",
        ) from None
    if not 1 <= len(levels) <= 3:
        raise LedgerError("bad_setting", key="审核链", detail="审核链必须是一到三级")
    return levels


def check_chain(levels: tuple[Level, ...]) -> tuple[Level, ...]:
    """A chain that may be put in force: no secretary level (secretaries apply, they do not review)."""
    if any(lv.role == Role.SECRETARY for lv in levels):
        raise LedgerError("secretary_in_chain")
    return levels


def chain_to_setting(levels: tuple[Level, ...]) -> list[dict[str, str]]:
    return [{"name": lv.name, "role": lv.role.value} for lv in levels]


# ---- what each level checks (the ledger setting ``review_checks``) ---------------------------------------------
CHECKS: tuple[str, ...] = ("evidence", "indicators", "statement")
CHECK_LABELS: dict[str, str] = {"evidence": "佐证材料", "indicators": "量化指标达标", "statement": "销号说明"}
CHECKS_SETTING = "review_checks"


# 初审 checks the materials: the setting [["evidence", "indicators", "statement"], [], []] (the default).
FIRST_LEVEL_CHECKS: tuple[tuple[str, ...], ...] = (CHECKS, (), ())


def default_checks(chain: tuple[Level, ...]) -> tuple[tuple[str, ...], ...]:
    """Without a setting: 初审 (the first level, whose 经办人 has the materials in hand) checks the evidence, the
    indicators and the statement; the later levels confirm. A ledger sets ``review_checks`` to place the checks
    elsewhere (e.g. ``[[], [], ["evidence", "indicators"]]`` for the placement of ledgers before this default)."""
    return tuple(CHECKS if i == 0 else () for i in range(len(chain)))


def checks_from_setting(value: Any, chain: tuple[Level, ...]) -> tuple[tuple[str, ...], ...]:
    """One tuple of checks per level of ``chain``: the setting (a list of lists of check names), else the
    default. A setting written for another number of levels falls back to the default."""
    if not isinstance(value, list) or len(value) != len(chain):
        return default_checks(chain)
    try:
        return tuple(tuple(c for c in CHECKS if c in set(level)) for level in value)
    except TypeError:
        return default_checks(chain)


def checks_text(checks: tuple[tuple[str, ...], ...], chain: tuple[Level, ...]) -> str:
    """初审：佐证材料、量化指标达标、销号说明；复核：确认；终审：确认."""
    return "；".join(
        f"{lv.name}：" + ("、".join(CHECK_LABELS[c] for c in level) if level else "确认")
        for lv, level in zip(chain, checks, strict=False)
    )


@dataclass(frozen=True)
class TaskState:
    """What the workflow needs to know of a task."""

    status: Status
    kind: str
    review_level: int = 0  # index of the next level to sign in this round
    signed_this_round: tuple[str, ...] = ()  # reviewers who already signed this round
    evidence_count: int = 0
    indicators_unmet: tuple[str, ...] = ()
    statement: str = ""  # the 销号说明 of this round
    signed_levels: tuple[str, ...] = ()  # the level each of ``signed_this_round`` signed, in the same order
    submitted_by: str = ""  # who applied for this round (signs no level of it)


@dataclass(frozen=True)
class Outcome:
    status: Status
    review_level: int
    second_round: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


def _refuse(action: Action, state: Status, reason: str) -> LedgerError:
    return LedgerError("not_allowed", action=action.label, state=state.label, reason=reason)


def decide(
    action: Action,
    task: TaskState,
    operator: Operator,
    chain: tuple[Level, ...] = DEFAULT_CHAIN,
    *,
    reason: str = "",
    grade: str = "",
    exception: str = "",
    checks: tuple[tuple[str, ...], ...] | None = None,
) -> Outcome:
    """Check one action against the workflow; return where it leads or raise a LedgerError saying why not.
    ``checks``: what each level of ``chain`` checks (default: 初审 checks the materials, the others confirm)."""
    if task.status not in ALLOWED_FROM[action]:
        raise _refuse(action, task.status, WHY_NOT[action])
    if action in (Action.APPROVE, Action.RETURN):
        return _review(
            action,
            task,
            operator,
            chain,
            reason=reason,
            grade=grade,
            exception=exception,
            checks=checks if checks is not None else default_checks(chain),
        )
    roles = ACTION_ROLES[action]
    if operator.role not in roles:
        raise LedgerError(
            "wrong_role",
            action=action.label,
            need="或".join(r.label for r in sorted(roles)),
            actor=operator.name,
            role=operator.role.label,
        )
    if action == Action.START:
        return Outcome(S.IN_PROGRESS, 0)
    if action == Action.SUBMIT:
        if is_blank(reason):
            raise LedgerError("reason_required", what="申请销号的整改情况说明")
        return Outcome(S.SUBMITTED, 0)
    if action == Action.SET_ONGOING:
        return Outcome(S.ONGOING, 0)
    # REOPEN
    if is_blank(reason):
        raise LedgerError("reason_required", what="重启已销号的任务")
    return Outcome(S.REOPENED, 0)


def _review(
    action: Action,
    task: TaskState,
    operator: Operator,
    chain: tuple[Level, ...],
    *,
    reason: str,
    grade: str,
    exception: str,
    checks: tuple[tuple[str, ...], ...],
) -> Outcome:
    level_index = min(task.review_level, len(chain) - 1)
    level = chain[level_index]
    if operator.role != level.role:
        raise LedgerError(
            "wrong_role",
            action=f"{level.name}（{action.label}）",
            need=level.role.label,
            actor=operator.name,
            role=operator.role.label,
        )
    if level.role == Role.SECRETARY:
        raise LedgerError("secretary_in_chain")
    me = normalize_name(operator.name)
    if task.submitted_by and normalize_name(task.submitted_by) == me:
        raise LedgerError("self_review", actor=operator.name, level=level.name)
    signed = {
        normalize_name(n): lv for n, lv in zip(task.signed_this_round, task.signed_levels, strict=False)
    }
    if me in {normalize_name(n) for n in task.signed_this_round}:
        raise LedgerError("same_reviewer", actor=operator.name, level=signed.get(me, level.name))
    if action == Action.RETURN:
        if is_blank(reason):
            raise LedgerError("reason_required", what="退回")
        return Outcome(S.RETURNED, 0)
    if grade not in GRADES:
        raise LedgerError("bad_value", field="验收评定", value=grade, detail="请选择好、较好、一般或差")
    last = level_index == len(chain) - 1
    if last and grade in SECOND_ROUND_GRADES:
        return Outcome(S.RETURNED, 0, second_round=True, notes=(f"{level.name}评定为“{grade}”，需二次整改",))
    missing = missing_checks(task, checks[level_index] if level_index < len(checks) else ())
    if missing and is_blank(exception):
        raise _refuse(
            action,
            task.status,
            f"{level.name}须核查：" + "；".join(missing) + "。请补齐后再审核通过，或由审核人填写例外理由。",
        )
    if not last:
        return Outcome(S.IN_REVIEW, level_index + 1)
    if task.kind == Kind.LONG_TERM.value:
        return Outcome(S.ONGOING, 0, notes=("长期坚持任务完成阶段性销号，继续长期坚持",))
    return Outcome(S.CLOSED, 0)


def missing_checks(task: TaskState, checks: tuple[str, ...]) -> list[str]:
    """What a level that checks ``checks`` finds missing, as short Chinese phrases."""
    out: list[str] = []
    if "evidence" in checks and task.evidence_count == 0:
        out.append("没有佐证材料")
    if "indicators" in checks:
        out += [f"指标“{name}”未达到目标" for name in task.indicators_unmet]
    if "statement" in checks and not task.statement.strip():
        out.append("没有销号说明")
    return out


def allowed_actions(
    task: TaskState, operator: Operator, chain: tuple[Level, ...] = DEFAULT_CHAIN
) -> list[Action]:
    """The actions this operator may try now (the menu and the kanban use it)."""
    out = []
    for action in Action:
        if task.status not in ALLOWED_FROM[action]:
            continue
        if action in (Action.APPROVE, Action.RETURN):
            level = chain[min(task.review_level, len(chain) - 1)]
            me = normalize_name(operator.name)
            if (
                operator.role != level.role
                or level.role == Role.SECRETARY
                or me in {normalize_name(n) for n in task.signed_this_round}
                or (task.submitted_by and normalize_name(task.submitted_by) == me)
            ):
                continue
        elif operator.role not in ACTION_ROLES[action]:
            continue
        out.append(action)
    return out


def action_for_move(source: Status, target: Status) -> Action | None:
    """The action a kanban drag from one column to another means, or None if no action leads there."""
    table: dict[Status, Action] = {
        S.IN_PROGRESS: Action.START,
        S.SUBMITTED: Action.SUBMIT,
        S.ONGOING: Action.SET_ONGOING,
        S.IN_REVIEW: Action.APPROVE,
        S.CLOSED: Action.APPROVE,
        S.RETURNED: Action.RETURN,
        S.REOPENED: Action.REOPEN,
    }
    return table.get(target)
