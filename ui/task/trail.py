"""The task's 审核记录 and 整改时限变更 tabs: read-only histories drawn from the journal and the sign-off tables."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QWidget

from ledger import signoff
from ledger.core.model import TaskRow
from ledger.service.commands import Ledger
from ledger.storage.journal import Entry
from ui.common import palette, words

DECISION_LABELS = {"approve": "通过", "return": "退回"}


def _e(text: Any) -> str:
    return html.escape(str(text or "")).replace("\n", "<br>")


class ReviewTrail(QTextBrowser):
    """审核记录: 申请销号, each level's reviewer, time, decision, grade, opinion and exception, 重启, 回头看."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTrail")
        self.setOpenLinks(False)
        self.ledger = ledger
        self.task: TaskRow | None = None
        self._history: list[Entry] = []

    def show_task(self, task: TaskRow | None, history: list[Entry] | None = None) -> None:
        """``history``: the task's journal entries when the caller has read them already."""
        self.task = task
        if task is None:
            self.clear()
            return
        self._history = history if history is not None else self.ledger.history(task.id)
        self._fill_trail()

    def trail_events(self) -> list[dict[str, Any]]:
        """The 审核记录, oldest first: 申请销号, each level's decision, 重启, 回头看 (from the journal, which orders
        them; reviews that came in without a journal entry of this task, e.g. imported, from the review table)."""
        assert self.task is not None
        events: list[dict[str, Any]] = []
        for e in self._history:
            base = {"seq": e.seq, "at": e.at, "who": e.actor, "round": None, "grade": "", "exception": ""}
            if e.command == "submit":
                rnd = next((c.after for c in e.changes if c.field == "review_round"), None)
                events.append(
                    {
                        **base,
                        "step": "申请销号",
                        "decision": "提交",
                        "round": rnd,
                        "opinion": e.args.get("reason", ""),
                    }
                )
            elif e.command in ("approve", "return"):
                for c in e.changes:
                    if c.table == "review" and c.op == "insert" and c.row:
                        events.append(self._review_event(base, c.row))
            elif e.command == "reopen":
                events.append(
                    {**base, "step": "重启整改", "decision": "重启", "opinion": e.args.get("reason", "")}
                )
            elif e.command == "record_recheck":
                result = e.args.get("result", "")
                events.append(
                    {
                        **base,
                        "step": "回头看",
                        "decision": words.word(signoff.RESULT_LABELS.get(result, result)),
                        "opinion": e.args.get("finding", ""),
                    }
                )
        keys = {ev["key"] for ev in events if "key" in ev}
        for r in signoff.reviews(self.ledger, self.task.id):
            row = {
                "round": r.round,
                "level": r.level,
                "level_name": r.level_name,
                "reviewer": r.reviewer,
                "decision": r.decision,
                "grade": r.grade,
                "opinion": r.opinion,
                "exception": r.exception,
                "at": r.at,
            }
            ev = self._review_event({"seq": -1, "at": r.at, "who": r.reviewer}, row)
            if ev["key"] not in keys:
                events.append(ev)
        return sorted(events, key=lambda ev: (ev["at"], ev["seq"]))

    @staticmethod
    def _review_event(base: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
        return {
            **base,
            "step": row.get("level_name", ""),
            "who": row.get("reviewer", base["who"]),
            "round": row.get("round"),
            "decision": DECISION_LABELS.get(row.get("decision", ""), ""),
            "grade": row.get("grade", ""),
            "opinion": row.get("opinion", ""),
            "exception": row.get("exception", ""),
            "key": (row.get("round"), row.get("level"), row.get("reviewer"), row.get("at")),
        }

    def _fill_trail(self) -> None:
        events = self.trail_events()
        if not events:
            empty = self.tr(
                "No review yet. When the task is submitted for sign-off, each level's decision appears here."
            )
            self.setHtml(f"<p style='color:{palette.SOFT}'>{_e(empty)}</p>")
            return
        parts = []
        last_round = None
        for ev in events:
            if ev["round"] is not None and ev["round"] != last_round:
                last_round = ev["round"]
                heading = self.tr("Round {n}").format(n=last_round)
                parts.append(f"<h4 style='margin:10px 0 2px 0'>{_e(heading)}</h4>")
            colour = (
                palette.DONE
                if ev["decision"] in ("通过", "合格")
                else palette.ACCENT
                if ev["decision"] in ("退回", "反弹", "重启")
                else palette.STEP
            )
            grade = f"（{_e(words.word(ev['grade']))}）" if ev["grade"] else ""
            body = f"<br>{_e(ev['opinion'])}" if ev["opinion"] else ""
            exc = (
                f"<br><span style='color:{palette.CAUTION}'>"
                f"{_e(self.tr('Exception reason: {reason}').format(reason=ev['exception']))}</span>"
                if ev["exception"]
                else ""
            )
            parts.append(
                f"<p style='margin:4px 0 8px 0'><b>{_e(self._say(ev['step']))}</b>　"
                f"<b style='color:{colour}'>{_e(self._say(ev['decision']))}{grade}</b><br>"
                f"<span style='color:{palette.SOFT}'>{_e(ev['who'])}　{_e(ev['at'][:16])}</span>{body}{exc}</p>"
            )
        self.setHtml("".join(parts))

    def _say(self, text: str) -> str:
        """A step or decision of the trail in the window's language (trail_events keeps the Chinese)."""
        own = {
            "提交": self.tr("Submitted"),
            "通过": self.tr("Approved"),
            "退回": self.tr("Returned"),
            "重启": self.tr("Reopened"),
            "回头看": self.tr("Look-back check"),
        }
        return own.get(text) or str(words.fact(text))


class DeadlineHistory(QTextBrowser):
    """整改时限变更: the original and current deadline, each extension request and its decision, direct edits."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadlineHistory")
        self.setOpenLinks(False)
        self.ledger = ledger

    def show_task(self, task: TaskRow | None, history: list[Entry] | None = None) -> None:
        if task is None:
            self.clear()
            return
        t = task
        none = self.tr("none")
        head = self.tr("Current deadline: {deadline}　Original deadline: {original}").format(
            deadline=t.deadline.isoformat() if t.deadline else none,
            original=t.original_deadline.isoformat() if t.original_deadline else none,
        )
        parts = [f"<p><b>{_e(head)}</b></p>"]
        events: list[tuple[str, str]] = []
        colours = {"approve": palette.DONE, "refuse": palette.ACCENT, "request": palette.CAUTION}
        for ev in signoff.deadline_history(self.ledger, t.id):
            before = ev.before.isoformat() if ev.before else "—"
            after = ev.after.isoformat() if ev.after else "—"
            colour = colours.get(ev.kind)
            title = _e(words.word(ev.label))
            text = (f"<b style='color:{colour}'>{title}</b>" if colour else f"<b>{title}</b>") + (
                f"　{_e(before)} → {_e(after)}" if ev.kind != "set" else f"　{_e(after)}"
            )
            text += f"<br><span style='color:{palette.SOFT}'>{_e(ev.actor)}　{_e(ev.at[:16])}</span>"
            if ev.note and ev.kind == "request":
                text += "<br>" + _e(self.tr("Reason: {reason}").format(reason=ev.note))
            elif ev.note and ev.kind in ("approve", "refuse"):
                text += "<br>" + _e(self.tr("Decision: {note}").format(note=ev.note))
            events.append((ev.at, text))
        if not events:
            parts.append(f"<p style='color:{palette.SOFT}'>{_e(self.tr('No change of deadline.'))}</p>")
        parts += [f"<p style='margin:4px 0 10px 0'>{text}</p>" for _at, text in events]
        self.setHtml("".join(parts))
