"""挂图督战 on the screens people have: every toolbar button (列 / 配色 / 配色与预警… / 打印… / 导出 PDF…) and the
header's figures lie whole inside the tab's visible area at 1366×768 at 100 %, 125 % and 150 %, and at 1400×900,
with the demo ledger's figures and with a district's (100,000 tasks); the chart keeps room for two rows of cells;
总览 fits the tab's width.

Each screen runs in its own process (Qt chooses its screen and scale factor once per process), as in
tests/ui/window/test_screens.py; board_screen_check.py reports what a user sees: widget geometry against the
page's viewport, not pixels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ledger.core import TodayClock
from tests.helpers import on_screen

CHECK = Path(__file__).with_name("board_screen_check.py")
SCREENS = [(1366, 768, 1.0), (1366, 768, 1.25), (1366, 768, 1.5), (1400, 900, 1.0)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from ledger.example import build_demo

    path = tmp_path_factory.mktemp("board-screens") / "示例台账.db"
    build_demo(path, clock=TodayClock(dt.date(2025, 11, 1))).close()
    return path


def look(demo: Path, tmp: Path, width: int, height: int, scale: float) -> dict:
    return on_screen(CHECK, demo, tmp, width, height, scale, frames=False)


@pytest.mark.parametrize(("width", "height", "scale"), SCREENS, ids=[f"{w}x{h}@{s:g}" for w, h, s in SCREENS])
def test_the_boards_buttons_and_figures_lie_inside_the_visible_area(demo, tmp_path, width, height, scale):
    seen = look(demo, tmp_path, width, height, scale)
    assert seen["window"] == [round(width / scale), round(height / scale)]
    # with a task open in the panel the chart has 530 px at 1366×768 at 125 %, but only 348 px at 150 %: too
    # narrow for 列's four buttons in a row, so there the tab scrolls sideways (the panel can be closed)
    assert seen["panel_open"]
    cases = ("demo", "district", "with_panel") if width / scale > 1000 else ("demo", "district")
    for case in cases:
        shown = seen[case]
        assert shown["controls"] == 8, shown  # four column modes, the scheme, 配色与预警…, 打印…, 导出 PDF…
        assert shown["cut"] == [], shown
        assert shown["figures_cut"] == [], shown
        assert not shown["title_cut"], shown
        assert shown["chart_rows"] >= 2, shown  # never a chart of headers only
    assert seen["district"]["figures"] == ["100000", "18.3%", "23456"]
    view_width, page_width = seen["overview_width"]
    assert view_width <= page_width  # 总览 needs no sideways scrolling either
    # the toolbar wraps only when it must: one row where it fits
    assert (seen["demo"]["toolbar_rows"] == 1) == (width / scale >= 1300), seen["demo"]
