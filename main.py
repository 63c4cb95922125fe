"""Entry point: no subcommand opens the window; subcommands run headless through ledger.cli (no Qt)."""

import sys

from ledger.cli import main

if __name__ == "__main__":
    sys.exit(main())
