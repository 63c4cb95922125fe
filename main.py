"""Entry point, the only module that knows both the ledger and the window: no subcommand opens the window, the
Qt subcommands (screenshot, approval-form) run here, every other subcommand runs headless through ledger.cli."""

import gc
import time

STARTED = time.perf_counter()  # for `--startup-time`: the window's first paint is timed from here
# Start-up makes ~45,000 objects that live as long as the program (modules, classes, widgets) and next to no garbage:
# the cyclic collector would scan them again and again before the window's first paint (~11 ms of CPU, 62 passes).
# Run from the command line, it waits until then (ui.window.app) or until a subcommand starts; it still runs every
# 100,000 allocations, should the window never paint (started minimised).
GC_THRESHOLDS = gc.get_threshold()
if __name__ == "__main__":
    gc.set_threshold(100_000, *GC_THRESHOLDS[1:])

import argparse  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

from ledger.cli import add_window_options  # noqa: E402
from ledger.core.errors import LedgerError  # noqa: E402


def run_qt_command(args: argparse.Namespace) -> int:
    """``approval-form`` and ``screenshot``: declared by ledger.cli's parser, run here because they need Qt."""
    try:
        if args.command == "approval-form":
            from ui.signoff.approval_form import cmd_approval_form

            return int(cmd_approval_form(args.path, args.task, args.out, today=getattr(args, "today", None)))
        from ui.window.screenshot import parse_size, render_all

        paths = render_all(
            Path(args.path),
            Path(args.outdir),
            lang=args.lang,
            today=args.today,
            size=parse_size(args.size),
            scale=args.scale,
            dialogs=not args.no_dialogs,
        )
        for path in paths:
            print(path)
        return 0
    except LedgerError as exc:
        print(exc.message(), file=sys.stderr)
        return 1


def open_window(args: argparse.Namespace, started: float | None) -> int:
    # The ledger's own modules first: imported after PySide6, each of their import statements would also go
    # through PySide6's import hook (two Python calls, for __feature__): 0.4% of the instructions to the first paint.
    import ledger.service  # noqa: F401
    from ui.common.pyside_imports import speed_up_module_checks

    speed_up_module_checks()  # before the window's ~95 modules are imported
    from ui.window import app

    args.started = started
    args.gc_thresholds = GC_THRESHOLDS
    return int(app.run(args))


def main(argv: Sequence[str] | None = None, *, started: float | None = None) -> int:
    """``started``: ``time.perf_counter()`` when the process began, for ``--startup-time``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # Double-clicking a ledger or package file runs `main.py FILE.db`: open it in the window.
    if (
        argv
        and not argv[0].startswith("-")
        and Path(argv[0]).suffix.lower() == ".db"
        and Path(argv[0]).exists()
    ):
        argv = ["--ledger", argv[0], *argv[1:]]
    # Opening the window needs only its own options: building every subcommand's parser costs ~18 ms of start-up.
    quick = argparse.ArgumentParser(prog="main.py", add_help=False)
    add_window_options(quick)
    args, rest = quick.parse_known_args(argv)
    if not rest:
        return open_window(args, started)
    from ledger.cli import main as cli
    from ledger.cli.parser import QT_COMMANDS

    args = cli.parse(argv)
    if not args.command:
        return open_window(args, started)
    gc.set_threshold(*GC_THRESHOLDS)  # a subcommand: the collector as usual
    if args.command in QT_COMMANDS:
        return run_qt_command(args)
    try:
        return cli.run(args)
    except BrokenPipeError:  # `main.py tasks DB | head`: the reader has all it wanted
        cli.quiet_pipe()
        return 0


if __name__ == "__main__":
    # The bundle: verify's side checks run in spawned copies of this program (a plain Python needs nothing).
    if getattr(sys, "frozen", False):
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main(started=STARTED))
