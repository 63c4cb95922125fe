"""Write ledger/storage/schema_snapshot.py: the newest version's schema as our migrations make it.

    python tools/schema_snapshot.py           # after adding a migration
    python tools/schema_snapshot.py --check   # write nothing; exit 1 if the snapshot is stale

Opening a ledger compares its schema with this snapshot instead of running every migration in a database in
memory (~4.5 ms of each start-up); tests/ledger/storage/test_schema_snapshot.py fails while it is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "ledger" / "storage" / "schema_snapshot.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the snapshot is stale")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from ledger.storage.untrusted import snapshot_text

    text = snapshot_text()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if current == text:
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    if args.check:
        print(f"{TARGET.relative_to(ROOT)} is stale: run python tools/schema_snapshot.py", file=sys.stderr)
        return 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
