"""What every subcommand reads from its arguments: the clock, the operator, the opened ledger; JSON output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from ledger.core.clock import Clock, TodayClock
from ledger.core.errors import KnownStorageError, LedgerError
from ledger.core.model import Operator, Role
from ledger.service.commands import Ledger


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
    """The ledger at ``path`` (default ``args.path``), on the arguments' clock and operator."""
    return Ledger.open(path or args.path, clock=clock_from(args), operator=operator_from(args))


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
