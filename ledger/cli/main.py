"""The headless command line: parse the arguments, run the subcommand's handler, print errors as sentences."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ledger.cli.parser import QT_COMMANDS, build_parser
from ledger.core.errors import LedgerError


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; a ``LedgerError`` is the user's sentence on stderr and exit status 1."""
    if args.command in QT_COMMANDS or not getattr(args, "handler", None):
        print(f"“{args.command or '窗口'}”需要图形界面，请用 main.py 运行。", file=sys.stderr)
        return 2
    from ledger.cli.progress import StderrProgress
    from ledger.storage.upgrade import reporting

    try:
        # an older file opened for writing is upgraded first: how far it got goes to stderr
        with reporting(StderrProgress()):
            if getattr(args, "json", False):
                from ledger.cli.output import OWN_JSON, run_as_json

                if args.command not in OWN_JSON:
                    return run_as_json(args)
            return int(args.handler(args))
    except LedgerError as exc:
        print(exc.message(), file=sys.stderr)
        return 1


# Options every subcommand takes, anywhere on the line (before or after the subcommand, or after `do NAME`).
GLOBAL_OPTIONS = {"--today": "today", "--actor": "actor", "--role": "role"}
GLOBAL_FLAGS = {"--json": "json"}


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _takes_value(parser: argparse.ArgumentParser, option: str) -> argparse.Action | None:
    """The action of ``option`` in ``parser`` when it takes exactly one value or a fixed number of them."""
    action = parser._option_string_actions.get(option)
    if action is None or action.nargs in (0, "?", "*", "+", argparse.REMAINDER):
        return None
    return action


def split_globals(
    argv: Sequence[str], parser: argparse.ArgumentParser | None = None
) -> tuple[list[str], dict[str, object]]:
    """``argv`` without the global options, and their values (the last one given wins). Only what stands where an
    option stands is lifted: ``--`` ends them, and the value of an option that takes one stays that option's
    even when it reads ``--json`` (``--text --json`` is the text "--json", passed on as ``--text=--json``)."""
    parser = parser or build_parser()
    current = parser  # the (sub)command whose options are being read
    rest: list[str] = []
    found: dict[str, object] = {}
    items = list(argv)
    i = 0
    while i < len(items):
        arg = items[i]
        if arg == "--":
            rest += items[i:]
            break
        name, eq, value = arg.partition("=")
        if name in GLOBAL_OPTIONS and (eq or i + 1 < len(items)):
            found[GLOBAL_OPTIONS[name]] = value if eq else items[i + 1]
            i += 1 if eq else 2
            continue
        if arg in GLOBAL_FLAGS:
            found[GLOBAL_FLAGS[arg]] = True
            i += 1
            continue
        action = _takes_value(current, name) if arg.startswith("-") and not eq else None
        if action is not None:
            count = 1 if action.nargs is None else int(action.nargs)
            values = items[i + 1 : i + 1 + count]
            if count == 1 and values and values[0].startswith("-"):
                rest.append(f"{arg}={values[0]}")  # argparse reads a value that looks like an option only so
            else:
                rest += [arg, *values]
            i += 1 + len(values)
            continue
        current = _subcommands(current).get(arg, current) if not arg.startswith("-") else current
        rest.append(arg)
        i += 1
    return rest, found


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed line, the global options (``--today``, ``--actor``, ``--role``, ``--json``) taken from anywhere."""
    parser = build_parser()
    rest, found = split_globals(argv, parser)
    args = parser.parse_args(rest)
    for name, value in found.items():
        setattr(args, name, value)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """``argv`` without the program name; a subcommand is required (the window is main.py's). A closed pipe
    (``tasks | head``) ends the output quietly."""
    try:
        return run(parse(list(sys.argv[1:] if argv is None else argv)))
    except BrokenPipeError:
        quiet_pipe()
        return 0


def quiet_pipe() -> None:
    """After the reader of stdout went away: point stdout at nothing so the interpreter's flush at exit does not
    print a second traceback."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
