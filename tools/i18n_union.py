"""Resolve a merge conflict in a .ts file: keep every translation either side has, then let i18n.py decide.

    python tools/i18n_union.py            # both catalogues, from the conflicted index (stages 2 and 3)
    python tools/i18n_union.py OUT A.ts B.ts …

Two branches that each add strings to the window each add messages to resources/i18n/*.ts, and git sees two
edits of one XML file. Neither side is wrong: the union of their messages (the first finished translation of a
context/source/disambiguation wins) is written to OUT, and ``python tools/i18n.py`` then drops what the merged
code no longer asks for and rebuilds the .qm files.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ("resources/i18n/zh_CN.ts", "resources/i18n/en.ts")


def _key(ctx: str, msg: ET.Element) -> tuple[str, str, str]:
    return ctx, msg.findtext("source") or "", msg.findtext("comment") or ""


def _finished(msg: ET.Element) -> bool:
    tr = msg.find("translation")
    return tr is not None and bool((tr.text or "").strip() or len(tr)) and tr.get("type") is None


def translations(source: bytes) -> dict[tuple[str, str, str], str]:
    root = ET.fromstring(source)
    return {
        _key(c.findtext("name") or "", m): m.findtext("translation") or ""
        for c in root.iter("context")
        for m in c.iter("message")
    }


def union(out: Path, sources: list[bytes], common: bytes | None = None) -> None:
    """``common`` is the merge base: a later side that changed a translation the first side kept as it was wins
    (one branch rewording 佐证材料 to 佐证 is an edit, not a second opinion)."""
    before = translations(common) if common is not None else {}
    trees = [ET.ElementTree(ET.fromstring(s)) for s in sources]
    base = trees[0].getroot()
    contexts = {c.findtext("name") or "": c for c in base.iter("context")}
    have = {_key(name, m): m for name, c in contexts.items() for m in c.iter("message")}
    for tree in trees[1:]:
        for ctx in tree.getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                key = _key(name, msg)
                mine = have.get(key)
                edited = (
                    mine is not None
                    and key in before
                    and (mine.findtext("translation") or "") == before[key]
                    and (msg.findtext("translation") or "") != before[key]
                    and _finished(msg)
                )
                if mine is not None and not edited and (_finished(mine) or not _finished(msg)):
                    continue
                target = contexts.get(name)
                if target is None:
                    target = ET.SubElement(base, "context")
                    ET.SubElement(target, "name").text = name
                    contexts[name] = target
                if mine is not None:
                    target.remove(mine)
                target.append(msg)
                have[key] = msg
    out.write_bytes(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(base, "utf-8"))


def _stage(n: int, path: str) -> bytes:
    return subprocess.run(["git", "show", f":{n}:{path}"], cwd=ROOT, capture_output=True, check=True).stdout


def main(argv: list[str]) -> int:
    if argv:
        out, *inputs = argv
        union(Path(out), [Path(p).read_bytes() for p in inputs])
        return 0
    for path in CATALOGUES:
        try:
            ours, theirs = _stage(2, path), _stage(3, path)
        except subprocess.CalledProcessError:
            continue  # not in conflict
        try:
            common: bytes | None = _stage(1, path)
        except subprocess.CalledProcessError:
            common = None  # added on both sides
        union(ROOT / path, [ours, theirs], common)
        print(f"merged {path}: run python tools/i18n.py next")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
