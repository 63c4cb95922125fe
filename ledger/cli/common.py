"""What every subcommand reads from its arguments: the clock, the operator, the opened ledger; JSON output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from ledger.core.clock import Clock, TodayClock
from ledger.core.errors import KnownStorageError, LedgerError
from ledger.core.model import Operator, Role
from ledger.service.commands import Ledger
from ledger.service.permissions import operator_for, register

PASSWORD_ENV = "LEDGER_PASSWORD"


def clock_from(args: argparse.Namespace) -> Clock:
    """The real clock, or one stopped on ``--today``."""
    today = getattr(args, "today", None)
    if today:
        try:
            return TodayClock(dt.date.fromisoformat(today))
        except ValueError:
            raise LedgerError("bad_date", value=today) from None
    return Clock()


def operator_from(args: argparse.Namespace) -> Operator | None:
    """Who makes the changes (``--actor``, ``--role``); None when no actor is given."""
    actor = getattr(args, "actor", None)
    if not actor:
        return None
    return Operator.of(actor, getattr(args, "role", None) or Role.WORK_TEAM)


def open_ledger(args: argparse.Namespace, path: str | None = None) -> Ledger:
    """The ledger at ``path`` (default ``args.path``), on the arguments' clock and operator. Where the ledger keeps
    a people register, ``--actor`` must name a person in it and the role is the register's (``--role`` only for a
    person holding two); a signing act is confirmed by ``--password-file`` or ``LEDGER_PASSWORD``."""
    return as_registered(
        Ledger.open(path or args.path, clock=clock_from(args), operator=operator_from(args)), args
    )


def as_registered(led: Ledger, args: argparse.Namespace) -> Ledger:
    """``led`` with the arguments' person as the register knows them, and their signing password (closed when
    the person is refused)."""
    try:
        actor = getattr(args, "actor", None)
        if actor and register(led):
            led.operator = operator_for(led, actor, getattr(args, "role", None))
        led.signing_password = password_from(args)
    except BaseException:
        led.close()
        raise
    return led


def password_from(args: argparse.Namespace) -> str | None:
    """The signing password: the first line of ``--password-file``, else ``$LEDGER_PASSWORD``; None when neither."""
    path = getattr(args, "password_file", None)
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").splitlines()[0] if Path(path).stat().st_size else ""
        except OSError:
            raise LedgerError("not_found", path=path) from None
    return os.environ.get(PASSWORD_ENV)


def open_for_reading(args: argparse.Namespace, path: str | None = None) -> Ledger:
    """For a command that only reads (stats, tasks, export, journal, verify): the ledger with its lock when it is
    free, or else through a read-only connection beside the window that holds it (SQLite's WAL lets one writer
    and any number of readers share the file; the reader sees the last committed state)."""
    from ledger.storage import Store

    where = path or args.path
    try:
        return open_ledger(args, where)
    except KnownStorageError as exc:
        if exc.code != "locked":
            raise
    return Ledger(Store.open(where, read_only=True), clock_from(args), operator_from(args))


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")
