"""Who may do what: the register's people, each command's roles, a secretary's own community, signatures.

Every command passes ``check`` (called by ``Ledger.command`` before anything is written); the window asks
``may`` / ``why_not`` to show only what the person at the keyboard may do. Public API:

* ``may(ledger, operator, command, task_id=None, **args) -> bool`` and ``why_not(...) -> str | None``;
* ``register(ledger)``, ``person_of(ledger, operator)``, ``operator_for(ledger, name, role)``;
* ``has_password(ledger, name)``, ``SIGNING_COMMANDS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger.core import LedgerError, Operator, Role, Status
from ledger.core.people import (
    PASSWORDS_SETTING,
    PEOPLE_SETTING,
    normalize_name,
    password_matches,
    people_from_setting,
    role_of,
)

if TYPE_CHECKING:
    from ledger.core.person import Person
    from ledger.service.commands import Ledger

WT, SEC, LEAD = Role.WORK_TEAM, Role.SECRETARY, Role.LEADER
# Commands anyone may run (the program's own housekeeping; a person's own password is checked by its command).
FREE = frozenset({"create_ledger", "return_package", "set_password", "review_queue"})
# A secretary's own work, in their own community (the work team may do it everywhere).
SECRETARY_WORK = frozenset(
    {
        "update_progress",
        "start",
        "submit",
        "set_ongoing",
        "add_indicator",
        "update_indicator",
        "remove_indicator",
        "attach_evidence",
        "remove_evidence",
        "request_extension",
    }
)
OTHER_ROLES: dict[str, frozenset[Role]] = {
    "reopen": frozenset({WT, LEAD}),
    "decide_extension": frozenset({LEAD}),
    "draw_recheck": frozenset({WT, LEAD}),
    "record_recheck": frozenset({WT, LEAD}),
    # review decisions: the chain's level decides who (ledger/core/workflow.py); never a secretary
    "approve": frozenset({WT, LEAD}),
    "return": frozenset({WT, LEAD}),
}
# A signed-off task is neither deleted nor given evidence until it is reopened with a reason.
LOCKED_WHEN_CLOSED = frozenset({"attach_evidence", "delete_task"})
SECRETARY_INDICATOR_FIELDS = frozenset({"indicator", "actual", "name", "unit"})
# 签字确认: the acts a signer confirms with their own password where they have one.
SIGNING_COMMANDS = frozenset(
    {
        "approve",
        "return",
        "decide_extension",
        "close_period",
        "reopen",
        "set_review_chain",
        "add_person",
        "update_person",
        "reset_password",
    }
)
SIGNED_SETTINGS = frozenset({"review_chain"})
COMMAND_WORDS = {
    "add_person": "修改人员名册",
    "update_person": "修改人员名册",
    "reset_password": "清除签字密码",
    "set_review_chain": "修改审核链",
    "close_period": "结账",
    "update_progress": "更新整改进展",
    "add_indicator": "添加量化指标",
    "attach_evidence": "添加佐证材料",
    "remove_evidence": "删除佐证材料",
    "request_extension": "申请延期",
    "decide_extension": "批复延期申请",
    "set_password": "设置签字密码",
}


# ---- the register ------------------------------------------------------------------------------------------------
def register(ledger: Ledger) -> list[Person]:
    """Every entry of the register (人员名册), in the order they were added; [] when the ledger keeps none."""
    return people_from_setting(ledger.setting(PEOPLE_SETTING))


def person_of(ledger: Ledger, operator: Operator, people: list[Person] | None = None) -> Person | None:
    """The active register entry of this name (compared normalised) in this role, or None."""
    key = normalize_name(operator.name)
    for p in register(ledger) if people is None else people:
        if p.active and p.key == key and p.role == operator.role:
            return p
    return None


def operator_for(ledger: Ledger, name: str, role: str | Role | None = None) -> Operator:
    """Who is at the keyboard, from a name (and a role only where the person holds two): from the register when
    the ledger keeps one (the register's spelling and role), else the name as typed and the role given (工作专班 when
    none is given, as before registers existed)."""
    people = register(ledger)
    if not people:
        return Operator.of(name, role or WT)
    key = normalize_name(name)
    mine = [p for p in people if p.key == key and p.active]
    wanted = role_of(role) if role else None
    if wanted is not None:
        mine = [p for p in mine if p.role == wanted]
    if not mine:
        raise LedgerError("not_in_register", actor=key or name, role=wanted.label if wanted else "任何身份")
    roles = sorted({p.role for p in mine})
    if len(roles) > 1:
        raise LedgerError("person_two_roles", actor=key, roles="、".join(r.label for r in roles))
    return Operator(mine[0].name, mine[0].role)


def has_password(ledger: Ledger, name: str) -> bool:
    return normalize_name(name) in (ledger.setting(PASSWORDS_SETTING) or {})


def secretary_communities(ledger: Ledger, operator: Operator, people: list[Person]) -> frozenset[str] | None:
    """The communities a secretary answers for, from the register; None without a register (one user who says
    who they are: any community, as before registers existed)."""
    if not people:
        return None
    key = normalize_name(operator.name)
    return frozenset(p.community_id for p in people if p.active and p.key == key and p.role == SEC)


# ---- the gate --------------------------------------------------------------------------------------------------
def _roles(ledger: Ledger, command: str, args: dict[str, Any]) -> frozenset[Role] | None:
    """The roles that may run ``command`` with ``args`` (None: anyone)."""
    if command in FREE:
        return None
    if command in SECRETARY_WORK:
        # in a package, the package's own rules say which indicators' targets the secretary may correct
        if (
            command == "update_indicator"
            and ledger.package is None
            and set(args) - SECRETARY_INDICATOR_FIELDS
        ):
            return frozenset({WT})
        return frozenset({WT, SEC})
    if command == "update_task":
        return frozenset({WT})
    if command in OTHER_ROLES:
        return OTHER_ROLES[command]
    return frozenset({WT})


def _refuse_role(command: str, operator: Operator, roles: frozenset[Role]) -> LedgerError:
    word = _label(command)
    return LedgerError(
        "wrong_role",
        action=word,
        need="或".join(r.label for r in sorted(roles)),
        actor=operator.name,
        role=operator.role.label,
    )


def _label(command: str) -> str:
    from ledger.core.workflow import ACTION_LABELS, Action
    from ledger.service.commands import COMMAND_LABELS_ZH

    try:
        return ACTION_LABELS[Action(command)]
    except ValueError:
        return COMMAND_WORDS.get(command) or COMMAND_LABELS_ZH.get(command) or command


def _check(
    ledger: Ledger,
    operator: Operator,
    command: str,
    task_id: str | None,
    args: dict[str, Any],
    depth: int = 0,
) -> None:
    people = register(ledger)
    if command == "undo" and depth == 0:
        from ledger.storage import journal

        target = journal.entry(ledger.store, str(args.get("entry", "")))
        if target is not None:
            _check(ledger, operator, target.command, target.task_id, dict(target.args), depth + 1)
            return
    if task_id and command in LOCKED_WHEN_CLOSED:
        task = ledger.store.row("task", task_id)
        if task is not None and task["status"] == Status.CLOSED.value:
            raise LedgerError("task_locked", measure=task["measure"])
    roles = _roles(ledger, command, args)
    if roles is None:
        return
    if people and person_of(ledger, operator, people) is None:
        raise LedgerError("not_in_register", actor=operator.name, role=operator.role.label)
    if operator.role not in roles:
        raise _refuse_role(command, operator, roles)
    if operator.role == SEC and task_id:
        own = secretary_communities(ledger, operator, people)
        row = ledger.store.one("SELECT community_id FROM task WHERE id = ?", (task_id,))
        if own is not None and row is not None and row not in own:
            name = ledger.store.one("SELECT name FROM community WHERE id = ?", (row,)) or row
            raise LedgerError(
                "not_your_community", actor=operator.name, community=name, action=_label(command)
            )


def check(ledger: Ledger, command: str, task_id: str | None, args: dict[str, Any]) -> bool:
    """Refuse (LedgerError) what the operator may not do; True when the act is a signature the signer confirmed
    with their password (the journal records it)."""
    operator = ledger.operator
    _check(ledger, operator, command, task_id, args)
    return _signature(ledger, operator, command, args)


def signs(command: str, args: dict[str, Any]) -> bool:
    """Whether running ``command`` with ``args`` is a signing act (签字确认)."""
    return command in SIGNING_COMMANDS or (command == "set_setting" and args.get("key") in SIGNED_SETTINGS)


def _signature(ledger: Ledger, operator: Operator, command: str, args: dict[str, Any]) -> bool:
    if not signs(command, args):
        return False
    stored = (ledger.setting(PASSWORDS_SETTING) or {}).get(normalize_name(operator.name))
    if stored is None:
        return False
    password = ledger.signing_password
    word = _label(command)
    if password is None and ledger.password_prompt is not None:
        password = ledger.password_prompt(operator.name, word)
    if password is None:
        raise LedgerError("password_required", actor=operator.name, action=word)
    if not password_matches(stored, password):
        raise LedgerError("password_wrong", actor=operator.name, action=word)
    return True


def why_not(
    ledger: Ledger, operator: Operator, command: str, task_id: str | None = None, **args: Any
) -> str | None:
    """The sentence saying why ``operator`` may not run ``command`` (on ``task_id``), or None when they may.
    Role and community only: the task's state is the workflow's (``ledger.core.workflow.allowed_actions``)."""
    try:
        _check(ledger, operator, command, task_id, args)
    except LedgerError as exc:
        return exc.message()
    return None


def may(ledger: Ledger, operator: Operator, command: str, task_id: str | None = None, **args: Any) -> bool:
    """Whether ``operator`` may run ``command`` (a journal command name: update_task, approve, add_person …) on
    ``task_id``; for hiding what a person may not do."""
    return why_not(ledger, operator, command, task_id, **args) is None


def locked_for_review(task: dict[str, Any]) -> bool:
    """Progress is what the reviewers sign: it does not change from 申请销号 until the task is returned."""
    return task["status"] in (Status.SUBMITTED.value, Status.IN_REVIEW.value)
