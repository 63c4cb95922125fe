"""The people register's commands (人员名册): add a person, change or retire one, set or clear a password."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger.core import LedgerError, Role
from ledger.core.people import (
    PASSWORDS_SETTING,
    PEOPLE_SETTING,
    hash_password,
    normalize_name,
    password_matches,
    role_of,
)
from ledger.service.permissions import register

if TYPE_CHECKING:
    from ledger.core.person import Person
    from ledger.service.commands import Ledger


def _community(ledger: Ledger, role: Role, name: str, community: str | None) -> str:
    if role != Role.SECRETARY:
        return ""
    if not community:
        raise LedgerError("person_needs_community", name=name)
    if ledger.store.row("community", community) is not None:
        return community
    return ledger.community_id(community)


def _community_name(ledger: Ledger, community_id: str) -> str:
    row = ledger.store.row("community", community_id)
    return str(row["name"]) if row is not None else ""


def _find(people: list[Person], name: str, role: Role | None) -> int:
    key = normalize_name(name)
    hits = [i for i, p in enumerate(people) if p.key == key and (role is None or p.role == role)]
    if len(hits) != 1:
        if len(hits) > 1:
            raise LedgerError(
                "person_two_roles", actor=key, roles="、".join(sorted(people[i].role.label for i in hits))
            )
        raise LedgerError("no_such_person", name=key, role=f"（{role.label}）" if role else "")
    return hits[0]


def add_person(ledger: Ledger, name: str, role: str | Role, community: str | None = None) -> None:
    """Add a person in a role (a secretary with their community); the register's first person is the work-team
    member at the keyboard, so that they can go on keeping it."""
    people = register(ledger)
    key = normalize_name(name)
    if not key:
        raise LedgerError("empty_field", field="姓名")
    r = role_of(role)
    if any(p.key == key and p.role == r for p in people):
        raise LedgerError("person_exists", name=key, role=r.label)
    me = ledger.operator
    if not people and not (
        r == Role.WORK_TEAM and me.role == Role.WORK_TEAM and normalize_name(me.name) == key
    ):
        raise LedgerError("register_first_self", actor=me.name)
    from ledger.core.person import Person  # the register's entries: not before the window's first paint

    person = Person(key, r, _community(ledger, r, key, community))
    value = [p.to_json() for p in people] + [person.to_json()]
    args = {"name": key, "role": r.value, "community_id": person.community_id}
    if person.community_id:
        args["community"] = _community_name(ledger, person.community_id)  # the summary names it
    with ledger.command("add_person", None, args) as tx:
        ledger.put_setting(tx, PEOPLE_SETTING, value)


def update_person(
    ledger: Ledger,
    name: str,
    role: str | Role | None = None,
    *,
    active: bool | None = None,
    community: str | None = None,
    new_name: str | None = None,
) -> None:
    """Retire (``active=False``) or bring back a person, move a secretary to another community, correct a name."""
    people = register(ledger)
    i = _find(people, name, role_of(role) if role else None)
    p = people[i]
    changes: dict[str, Any] = {}
    if active is not None:
        changes["active"] = bool(active)
        others = [q for j, q in enumerate(people) if j != i and q.role == Role.WORK_TEAM and q.active]
        if not active and p.active and p.role == Role.WORK_TEAM and not others:
            raise LedgerError("last_work_team", name=p.name)  # no one could keep the register any more
    if community is not None:
        changes["community_id"] = _community(ledger, p.role, p.name, community)
    if new_name is not None:
        key = normalize_name(new_name)
        if not key:
            raise LedgerError("empty_field", field="姓名")
        if any(q.key == key and q.role == p.role for j, q in enumerate(people) if j != i):
            raise LedgerError("person_exists", name=key, role=p.role.label)
        changes["name"] = key
    if not changes:
        return
    from ledger.core.person import Person

    people[i] = Person(
        changes.get("name", p.name),
        p.role,
        changes.get("community_id", p.community_id),
        changes.get("active", p.active),
    )
    # the person as they were (name), then what changed: the summary says "李四（领导）：改名为 李小四"
    args = {"name": p.name, "role": p.role.value, **{k: v for k, v in changes.items() if k != "name"}}
    if "name" in changes:
        args["new_name"] = changes["name"]
    if changes.get("community_id"):
        args["community"] = _community_name(ledger, changes["community_id"])
    with ledger.command("update_person", None, args) as tx:
        ledger.put_setting(tx, PEOPLE_SETTING, [q.to_json() for q in people])


def set_password(ledger: Ledger, new: str, old: str | None = None) -> None:
    """The person at the keyboard sets their own signing password (giving the old one if they had one). Only the
    salted scrypt hash is kept in the ledger."""
    me = ledger.operator
    key = normalize_name(me.name)
    if register(ledger) and not any(p.key == key and p.active for p in register(ledger)):
        raise LedgerError("not_in_register", actor=me.name, role=me.role.label)
    stored = dict(ledger.setting(PASSWORDS_SETTING) or {})
    if key in stored and not password_matches(stored[key], old or ""):
        raise LedgerError("password_wrong", actor=me.name, action="设置签字密码")
    stored[key] = hash_password(new)
    with ledger.command("set_password", None, {"name": key}) as tx:
        ledger.put_setting(tx, PASSWORDS_SETTING, stored)


def reset_password(ledger: Ledger, name: str) -> None:
    """The work team clears a person's forgotten password (journalled; the person then sets a new one)."""
    key = normalize_name(name)
    stored = dict(ledger.setting(PASSWORDS_SETTING) or {})
    if key not in stored:
        return
    del stored[key]
    with ledger.command("reset_password", None, {"name": key}) as tx:
        ledger.put_setting(tx, PASSWORDS_SETTING, stored)
