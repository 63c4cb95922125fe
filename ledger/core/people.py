"""The people register's words (人员名册): a person, a name as compared, a password's hash (签字确认)."""

from __future__ import annotations

import os
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from ledger.core.errors import LedgerError
from ledger.core.model import ROLE_BY_LABEL, Role

if TYPE_CHECKING:
    from ledger.core.person import Person as Person

PEOPLE_SETTING = "people"
PASSWORDS_SETTING = "people_passwords"
# Characters that show nothing but make two names differ: fillers and blanks outside the Cf/Cc categories.
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u034f")
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"
# Compiled on first use by re's own cache: compiling it costs ~1.5 ms that the window's first paint need not wait for.
_SPACE_IN_CJK = rf"(?<={_CJK})\s+(?={_CJK})"
# scrypt's cost: about 16 MiB and a few tens of milliseconds a signature on an office PC.
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def normalize_name(text: Any) -> str:
    """A person's name as compared: NFKC (full-width letters and digits become plain), control, format
    (zero-width) and invisible characters removed, spaces between Chinese characters removed, other runs of
    space made one. ``王经办``, ``王经办\\u200b`` and ``王　经办`` are the same person."""
    raw = unicodedata.normalize("NFKC", str(text or ""))
    kept = "".join(
        ch
        for ch in raw
        if ch not in _INVISIBLE
        and (unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cn", "Cs") or ch in "\t\n")
    )
    if len(kept.split()) > 1:  # space inside the name (most names have none)
        kept = re.sub(_SPACE_IN_CJK, "", kept)
    return " ".join(kept.split())


def same_person(a: str, b: str) -> bool:
    return normalize_name(a) == normalize_name(b)


def role_of(value: Any) -> Role:
    """A role from its code (work_team …) or its Chinese word (工作专班 …)."""
    if isinstance(value, Role):
        return value
    text = normalize_name(value)
    try:
        return Role(text)
    except ValueError:
        role = ROLE_BY_LABEL.get(text)
        if role is None:
            raise LedgerError("bad_role", value=value) from None
        return role


def people_from_setting(value: Any) -> list[Person]:
    from ledger.core.person import Person

    if not isinstance(value, list):
        return []
    out: list[Person] = []
    for v in value:
        try:
            out.append(Person.from_json(v))
        except (LedgerError, AttributeError):
            continue
    return out


def __getattr__(name: str) -> Any:
    """``Person`` lives in ledger.core.person (imported on first use); it was defined here."""
    if name == "Person":
        from ledger.core.person import Person

        return Person
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---- passwords ------------------------------------------------------------------------------------------------
def hash_password(password: str, salt: bytes | None = None) -> dict[str, Any]:
    """A salted scrypt hash of ``password`` as stored in the ledger (never the password itself)."""
    if len(password) < 6:
        raise LedgerError("password_too_short")
    import hashlib  # here: only signing needs it, and the window's start-up should not wait for it

    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **SCRYPT)
    return {"kdf": "scrypt", "salt": salt.hex(), "hash": digest.hex(), **SCRYPT}


def password_matches(stored: Any, password: str) -> bool:
    if not isinstance(stored, dict) or stored.get("kdf") != "scrypt":
        return False
    import hashlib
    import hmac

    try:
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(str(stored["salt"])),
            n=int(stored["n"]),
            r=int(stored["r"]),
            p=int(stored["p"]),
            dklen=32,
            maxmem=64 * 1024 * 1024,
        )
    except (KeyError, ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), str(stored.get("hash", "")))
