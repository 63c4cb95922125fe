"""对账's two dialogs: the 结账说明 asked for when lines are unticked, and two closed weeks compared in words."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ledger import reconcile as rc
from ledger.service import Ledger
from ui.common.util import exec_and_free
from ui.reconcile.lines import effect_text, status_text


class CloseNoteDialog(QDialog):
    """Asks for the 结账说明 when lines are still unticked."""

    def __init__(self, week: str, count: int, diff: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close {week}").format(week=week))
        lay = QVBoxLayout(self)
        label = QLabel(
            self.tr(
                "{n} lines are not ticked (difference: {diff}). Say why the period can be closed anyway:"
            ).format(n=count, diff=diff)
        )
        label.setWordWrap(True)
        lay.addWidget(label)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("closeNote")
        lay.addWidget(self.edit)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.resize(460, 240)

    @classmethod
    def ask(cls, week: str, count: int, diff: str, parent: QWidget | None = None) -> str | None:
        """The note, or None when cancelled."""
        dlg = cls(week, count, diff, parent)
        if exec_and_free(dlg) != QDialog.DialogCode.Accepted:
            return None
        return dlg.edit.toPlainText().strip()


class CompareDialog(QDialog):
    """compare() in words: counts moved, tasks moved, stalled, communities that slipped."""

    def __init__(self, result: dict[str, Any], ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reconcileCompare")
        self.setWindowTitle(self.tr("{a} → {b}").format(a=result["from"], b=result["to"]))
        lay = QVBoxLayout(self)
        self.text = QPlainTextEdit(self.compare_text(result, ledger))
        self.text.setReadOnly(True)
        lay.addWidget(self.text)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        box.accepted.connect(self.accept)
        lay.addWidget(box)
        self.resize(640, 460)

    def compare_text(self, r: dict[str, Any], ledger: Ledger) -> str:
        # (not ``render``: that name is QWidget.render(), which painting the dialog calls)
        measures = rc.task_labels(ledger, (m["task"] for m in r["moved"]))
        none = self.tr("none")
        out = [
            self.tr("{a} → {b}").format(a=r["from"], b=r["to"]),
            self.tr("Counts moved: {text}").format(text=effect_text(r["counts"]) or none),
            "",
            self.tr("Status moved ({n}):").format(n=len(r["moved"])),
        ]
        out += [
            f"  {measures.get(m['task'], m['task'])}：{status_text(m['before'] or '—')} → "
            f"{status_text(m['after'] or '—')}"
            for m in r["moved"]
        ]
        out += [
            "",
            self.tr("Stalled, no change for {w} weeks ({n}):").format(
                w=r["stall_weeks"], n=len(r["stalled"])
            ),
        ]
        out += [f"  {t['community']}·{t['measure']}（{t.get('owner') or ''}）" for t in r["stalled"]]
        out += ["", self.tr("Communities that slipped ({n}):").format(n=len(r["slipped"]))]
        out += [
            "  "
            + self.tr("{c}: completion {ra}% → {rb}%, overdue {oa} → {ob}").format(
                c=s["community"],
                ra=s["rate_before"],
                rb=s["rate_after"],
                oa=s["overdue_before"],
                ob=s["overdue_after"],
            )
            for s in r["slipped"]
        ]
        return "\n".join(out)

    @classmethod
    def show_result(cls, result: dict[str, Any], ledger: Ledger, parent: QWidget | None = None) -> None:
        exec_and_free(cls(result, ledger, parent))
