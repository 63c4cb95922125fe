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
    try:
        return int(args.handler(args))
    except LedgerError as exc:
        print(exc.message(), file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    """``argv`` without the program name; a subcommand is required (the window is main.py's)."""
    return run(build_parser().parse_args(list(sys.argv[1:] if argv is None else argv)))
