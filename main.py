"""Entry point: no subcommand opens the window; subcommands run headless through ledger.cli (no Qt)."""

import time

STARTED = time.perf_counter()  # for `--startup-time`: the window's first paint is timed from here

import sys  # noqa: E402

from ledger.cli.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(started=STARTED))
