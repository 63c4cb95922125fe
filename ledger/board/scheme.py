"""The wall chart's cell states (逾期, 临期 bands, 未启动 …) and its colour schemes, stored as a ledger setting."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ledger.core import LedgerError, Status
from ledger.service import Ledger

log = logging.getLogger(__name__)

SETTING_KEY = "board_scheme"
MAX_BANDS = 3

# ---- cell states ----------------------------------------------------------------------------------
# A cell's state key: one of these, or "band0".."band2" (warning bands, band0 the furthest from the deadline).
OVERDUE, NOT_STARTED, NORMAL, PENDING, ONGOING, CLOSED, EMPTY = (
    "overdue",
    "not_started",
    "normal",
    "pending",
    "ongoing",
    "closed",
    "empty",
)
BASE_STATES = (OVERDUE, NOT_STARTED, NORMAL, PENDING, ONGOING, CLOSED, EMPTY)
# States whose text is about the deadline (逾3 / 剩5): the task still has to be done.
_OPEN_KEYS = (OVERDUE, NOT_STARTED, NORMAL)


def band_key(i: int) -> str:
    return f"band{i}"


def is_band(state: str) -> bool:
    return state.startswith("band")


def deadline_driven(state: str) -> bool:
    return state in _OPEN_KEYS or is_band(state)


def state_rank(state: str) -> int:
    """Lower is worse: overdue, the nearest band … the furthest band, not started, normal, pending, long-term, closed."""
    if state == OVERDUE:
        return 0
    if is_band(state):
        return 10 - int(state[4:])
    return {NOT_STARTED: 20, NORMAL: 30, PENDING: 40, ONGOING: 50, CLOSED: 60}.get(state, 99)


def cell_health(
    status: Status | str, deadline: dt.date | None, today: dt.date, bands: Sequence[int] = (7,)
) -> str:
    """The state key one task shows: review and closed states win, then the deadline with its warning bands.

    ``bands`` are day thresholds from the furthest to the nearest, e.g. (20, 10): a task 20…11 days before its
    deadline is in band0, 10…0 days in band1, past it overdue. With ``bands=(due_soon_days,)`` this agrees with
    ``ledger.model.health`` (band0 = DUE_SOON)."""
    status = Status(status)
    if status == Status.CLOSED:
        return CLOSED
    if status in (Status.SUBMITTED, Status.IN_REVIEW):
        return PENDING
    if status == Status.ONGOING:
        return ONGOING
    if deadline is not None:
        left = (deadline - today).days
        if left < 0:
            return OVERDUE
        for i in range(len(bands) - 1, -1, -1):
            if left <= bands[i]:
                return band_key(i)
    return NOT_STARTED if status == Status.NOT_STARTED else NORMAL


def days_text(days: int | None) -> str:
    """逾3 (three days overdue), 今日 (due today), 剩5 (five days left), '' without a deadline."""
    if days is None:
        return ""
    if days < 0:
        return f"逾{-days}"
    return "今日" if days == 0 else f"剩{days}"


# ---- colour schemes ---------------------------------------------------------------------------------
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
BASE_LABELS = {
    OVERDUE: "逾期",
    NOT_STARTED: "未启动",
    NORMAL: "推进中",
    PENDING: "申请销号/审核中",
    ONGOING: "长期坚持",
    CLOSED: "已销号",
    EMPTY: "无任务",
}
DEFAULT_LETTERS = {
    OVERDUE: "逾",
    NOT_STARTED: "未",
    NORMAL: "进",
    PENDING: "审",
    ONGOING: "长",
    CLOSED: "销",
    EMPTY: "",
    "band": "临",
}


@dataclass(frozen=True)
class BoardScheme:
    """Colours ("#RRGGBB") per state, warning bands (days before the deadline, furthest first) and letters."""

    name: str
    colors: dict[str, str]
    bands: tuple[int, ...] = (7,)
    band_colors: tuple[str, ...] = ("#F9C74F",)
    letters: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LETTERS))
    border: str = "#5F6368"  # drawn around 未启动 and empty cells

    def color(self, state: str) -> str:
        if is_band(state):
            i = int(state[4:])
            if self.band_colors:
                return self.band_colors[min(i, len(self.band_colors) - 1)]
            return "#F9C74F"
        return self.colors.get(state, "#FFFFFF")

    def letter(self, state: str) -> str:
        return self.letters.get("band" if is_band(state) else state, DEFAULT_LETTERS.get(state, ""))

    def label(self, state: str) -> str:
        if is_band(state):
            i = int(state[4:])
            days = self.bands[i] if i < len(self.bands) else 0
            nearer = self.bands[i + 1] if i + 1 < len(self.bands) else -1
            return f"临期（剩{nearer + 1}—{days}天）" if len(self.bands) > 1 else f"临期（{days}天内）"
        return BASE_LABELS.get(state, state)

    def states(self) -> list[str]:
        """The legend's order: worst first, the empty cell last."""
        return [
            OVERDUE,
            *(band_key(i) for i in range(len(self.bands) - 1, -1, -1)),
            NOT_STARTED,
            NORMAL,
            PENDING,
            ONGOING,
            CLOSED,
            EMPTY,
        ]

    def validate(self) -> None:
        def bad(detail: str) -> LedgerError:
            return LedgerError("bad_setting", key="挂图配色", detail=detail)

        for key in (*BASE_STATES,):
            if not _COLOR.match(self.colors.get(key, "")):
                raise bad(f"“{BASE_LABELS[key]}”的颜色“{self.colors.get(key, '')}”不是 #RRGGBB 形式")
        for c in (*self.band_colors, self.border):
            if not _COLOR.match(c):
                raise bad(f"颜色“{c}”不是 #RRGGBB 形式")
        if len(self.bands) > MAX_BANDS:
            raise bad(f"预警档最多 {MAX_BANDS} 档")
        if any(not isinstance(b, int) or b < 0 for b in self.bands):
            raise bad("预警天数必须是不小于 0 的整数")
        if list(self.bands) != sorted(set(self.bands), reverse=True):
            raise bad("预警天数必须从远到近排列且互不相同，例如 20、10")
        if len(self.band_colors) != len(self.bands):
            raise bad("每个预警档都要有一种颜色")
        if any(len(v) > 1 for v in self.letters.values()):
            raise bad("每种状态只用一个字表示")

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "colors": dict(self.colors),
            "bands": list(self.bands),
            "band_colors": list(self.band_colors),
            "letters": dict(self.letters),
            "border": self.border,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> BoardScheme:
        """A scheme from its stored form; anything missing comes from the default preset."""
        colors = {**DEFAULT.colors, **{str(k): str(v) for k, v in dict(d.get("colors") or {}).items()}}
        letters = {**DEFAULT_LETTERS, **{str(k): str(v) for k, v in dict(d.get("letters") or {}).items()}}
        bands = tuple(int(b) for b in d.get("bands", DEFAULT.bands))
        band_colors = tuple(str(c) for c in d.get("band_colors", DEFAULT.band_colors))
        scheme = cls(
            str(d.get("name") or "自定义"),
            colors,
            bands,
            band_colors,
            letters,
            str(d.get("border") or DEFAULT.border),
        )
        scheme.validate()
        return scheme

    def with_bands(self, bands: Sequence[int], band_colors: Sequence[str] | None = None) -> BoardScheme:
        """The same scheme with other thresholds; colours are kept, extended with shades of the last one."""
        colors = list(band_colors) if band_colors is not None else list(self.band_colors)
        if not colors:
            colors = ["#F9C74F"]
        while len(colors) < len(bands):
            colors.insert(0, _lighter(colors[0]))
        return replace(self, bands=tuple(bands), band_colors=tuple(colors[len(colors) - len(bands) :]))


def _lighter(color: str, amount: float = 0.45) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(round(v + (255 - v) * amount) for v in (r, g, b)))


DEFAULT = BoardScheme(
    "标准配色（红黄绿）",
    {
        OVERDUE: "#E53935",
        NOT_STARTED: "#FFFFFF",
        NORMAL: "#7CC47F",
        PENDING: "#64A8E8",
        ONGOING: "#3DB5A6",
        CLOSED: "#BDBDBD",
        EMPTY: "#F7F7F7",
    },
    (7,),
    ("#FBC02D",),
)
RED_DONE = BoardScheme(
    "红色为已完成（蓝黄预警）",
    {
        OVERDUE: "#37474F",
        NOT_STARTED: "#FFFFFF",
        NORMAL: "#9CCC65",
        PENDING: "#B39DDB",
        ONGOING: "#4DB6AC",
        CLOSED: "#E53935",
        EMPTY: "#F7F7F7",
    },
    (20, 10),
    ("#5C9BE6", "#FBC02D"),
)
GREY_PRINT = BoardScheme(
    "黑白打印（灰度加字）",
    {
        OVERDUE: "#3A3A3A",
        NOT_STARTED: "#FFFFFF",
        NORMAL: "#EDEDED",
        PENDING: "#D6D6D6",
        ONGOING: "#E4E4E4",
        CLOSED: "#C8C8C8",
        EMPTY: "#FFFFFF",
    },
    (7,),
    ("#8F8F8F",),
)
PRESETS: dict[str, BoardScheme] = {"default": DEFAULT, "red_done": RED_DONE, "grey": GREY_PRINT}


def preset_of(scheme: BoardScheme) -> str | None:
    """The preset id this scheme equals (ignoring its bands' thresholds), or None for a custom scheme."""
    for key, preset in PRESETS.items():
        if (
            (preset.colors, preset.letters, preset.border) == (scheme.colors, scheme.letters, scheme.border)
            and len(preset.band_colors) == len(scheme.band_colors)
            and preset.band_colors == scheme.band_colors
        ):
            return key
    return None


def load_scheme(ledger: Ledger) -> BoardScheme:
    """The ledger's scheme (setting "board_scheme"); without one, the default preset with the ledger's 临期 days."""
    raw = ledger.setting(SETTING_KEY)
    if raw:
        try:
            return BoardScheme.from_json(raw)
        except (LedgerError, TypeError, ValueError) as exc:
            log.warning("ignoring a bad board scheme in %s: %s", ledger.path, exc)
    days = ledger.due_soon_days
    return DEFAULT.with_bands((days,)) if days > 0 else DEFAULT.with_bands((), ())


def save_scheme(ledger: Ledger, scheme: BoardScheme) -> str | None:
    """Check and store the scheme as a journalled setting; the journal entry's id (None: it was stored already)."""
    scheme.validate()
    return ledger.set_setting(SETTING_KEY, scheme.to_json())
