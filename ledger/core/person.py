"""One entry of the people register (人员名册): its own module, imported when the register is first read (a command's
permission check, the people dialog), not before the window's first paint (a frozen dataclass costs ~3.5 M
instructions to create). The register's other words (names as compared, passwords) are ledger.core.people's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ledger.core.model import Role
from ledger.core.people import normalize_name, role_of


@dataclass(frozen=True)
class Person:
    """One entry of the register: a name in one role (a person holding two roles has two entries); a secretary
    names the community (by id) they answer for."""

    name: str
    role: Role
    community_id: str = ""
    active: bool = True

    @property
    def key(self) -> str:
        return normalize_name(self.name)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role.value,
            "community_id": self.community_id,
            "active": self.active,
        }

    @classmethod
    def from_json(cls, value: Any) -> Person:
        return cls(
            normalize_name(value.get("name", "")),
            role_of(value.get("role", "")),
            str(value.get("community_id") or ""),
            bool(value.get("active", True)),
        )
