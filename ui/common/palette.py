"""Every colour of the user interface, named for what it means (the wall chart's colour schemes are the user's
data and live in ledger/board/scheme.py). Hex strings, for style sheets and HTML; ``QColor(palette.X)`` to paint."""

from __future__ import annotations

from typing import NamedTuple

from ledger.core.model import Health

# ---- text ------------------------------------------------------------------------------------------------------
INK = "#202124"  # body text painted on the board, the kanban and the overview
MUTED = "#5F6368"  # secondary text: hints, counts, legends, outlines of colour swatches
SOFT = "#555555"  # who and when under an entry, hints in the task panel and the sign-off dialogs
DIMMED = "#777777"  # a reconciliation line that changes no count
REMOVED = "#8A8A8A"  # a removed piece of evidence; the outline of a file badge
PAPER = "#FFFFFF"  # white: cells, cards, printed pages, text on a dark cell

# ---- meaning ---------------------------------------------------------------------------------------------------
ACCENT = "#B0252B"  # the restrained 党建 red: today's week, titles, refusals, returns, warnings in a dialog
ALERT = "#C62828"  # overdue on the board and the kanban; counts that do not balance in the reconciliation
DONE = "#2E7D32"  # signed off, approved, passed, balanced, a ledger found intact
SAVED = "#3A9D5D"  # a template written
CAUTION = "#8A5A00"  # amber text: an extension asked for, an exception to a review
STEP = "#1F4E8C"  # a review step that neither passes nor fails (submitted)
OPEN_PERIOD = "#1565C0"  # a reconciliation period under way
SELECTED = "#1A73E8"  # the selected kanban card; the overview's line of open tasks
SUBMITTED_ROW = "#FFF3CD"  # a reconciliation line that submits a task

# ---- lines and fills -------------------------------------------------------------------------------------------
GRID = "#C9CDD2"  # the board's grid lines; the outline of an unselected kanban card
CHART_GRID = "#DADCE0"  # the overview's grid lines
FRAME = "#9AA0A6"  # the frame round a printed wall chart
HEADER = "#EEF0F2"  # the board's column and row headers
GROUP_HEADER = "#E2E6EA"  # a band over a group of columns (a category, a month)
TODAY_HEADER = "#FBE9E7"  # the header of today's week
KANBAN_COLUMN = "#F1F3F4"  # behind the kanban's cards
ROW_SELECTED = "#E8F0FE"  # a selected row of the overview
TRACK = "#E8EAED"  # the empty part of a progress bar
BAR = "#5E9C76"  # the filled part of a progress bar
NEW_BAND = "#FBC02D"  # the colour a new warning step of the wall chart starts with
READ_ONLY_BG, READ_ONLY_TEXT = "#F0F0F0", "#444444"  # a field only the work team may edit (community mode)


# ---- boxes ---------------------------------------------------------------------------------------------------
class Box(NamedTuple):
    background: str
    border: str
    text: str


COMMUNITY_BANNER = Box("#FFF4D6", "#E0C98A", "#6B4E00")  # the bar that says this is a community's package
PLAN_WARNING = Box("#FFF4D6", "#E6C36A", "#3D3000")  # what the plan import could not read
SIGNOFF_WARNING = Box("#FFF4E0", "#E0A030", "#5A3A00")  # what a sign-off step is about to skip or override
PROBLEM_BOX = Box("#FDECEA", "#E0A0A0", "#8A1C1C")  # a reconciliation that does not balance
INFO_BOX = Box("#EEF3FB", "#B7C8E6", "#1F3B66")  # a reconciliation note

# ---- the table's health colours (GLOSSARY: 逾期 红 · 临期 黄 · 正常 绿 · 待审 蓝 · 已销号 灰), muted for text ----
HEALTH: dict[Health, str] = {
    Health.OVERDUE: "#D9423A",
    Health.DUE_SOON: "#E6A23C",
    Health.NORMAL: "#3A9D5D",
    Health.PENDING: "#3D7FD9",
    Health.CLOSED: "#9A9A9A",
    Health.ONGOING: "#2A9D99",
    Health.NOT_STARTED: "#606060",
}

# ---- evidence file badges, by the colour of the program that opens the file ------------------------------------
BADGE_OTHER = "#707070"
BADGES = {
    ".pdf": "#C0392B",
    ".ofd": "#C0392B",
    ".doc": "#2B579A",
    ".docx": "#2B579A",
    ".wps": "#2B579A",
    ".xls": "#217346",
    ".xlsx": "#217346",
    ".et": "#217346",
    ".ppt": "#C55A11",
    ".pptx": "#C55A11",
    ".zip": "#6B5B95",
    ".rar": "#6B5B95",
}
