"""Colours have one home: ui/common/palette.py names them; no other ui module spells one out."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QColor

from ui.common import palette

UI = Path(__file__).resolve().parents[3] / "ui"
HEX = re.compile(r"#[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{3}(?:[0-9A-Fa-f]{2})?)?\b")
RGB = re.compile(r"QColor(?:\.fromRgb(?:F)?)?\(\s*\d")
NAMED = re.compile(r"QColor\(\s*[\"'][a-z]")


def test_no_colour_is_spelled_outside_the_palette() -> None:
    found = [
        f"{path.relative_to(UI.parent)}:{n}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "palette.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HEX.search(line) or RGB.search(line) or NAMED.search(line)
    ]
    assert not found, "\n".join(found)


def test_every_palette_colour_is_a_valid_colour() -> None:
    values = [v for v in vars(palette).values() if isinstance(v, str) and v.startswith("#")]
    values += [c for v in vars(palette).values() if isinstance(v, palette.Box) for c in v]
    values += list(palette.HEALTH.values()) + list(palette.BADGES.values())
    assert len(values) > 40
    assert all(QColor(v).isValid() and QColor(v).name().upper() == v for v in values), values
