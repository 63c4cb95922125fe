"""Recall and precision of problems and measures of a parsed plan against a corpus document's expected JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.plan.text import ParsedPlan

CORPUS = Path(__file__).resolve().parent / "corpus"


def held_out() -> list[str]:
    return list(json.loads((CORPUS / "manifest.json").read_text("utf-8"))["held_out"])


def documents(*, held: bool | None = None) -> list[str]:
    names = sorted(p.stem for p in CORPUS.glob("*.json") if p.stem != "manifest")
    if held is None:
        return names
    return [n for n in names if (n in held_out()) == held]


def expected(name: str) -> dict[str, Any]:
    return dict(json.loads((CORPUS / f"{name}.json").read_text("utf-8")))


def _norm(text: str) -> str:
    return re.sub(r"[\s，。、；：,.;:“”\"'（）()！？!?]", "", text)


@dataclass
class Score:
    problems_expected: int = 0
    problems_found: int = 0
    problems_matched: int = 0
    measures_expected: int = 0
    measures_found: int = 0
    measures_matched: int = 0

    def add(self, other: Score) -> None:
        for key in vars(self):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def figures(self) -> dict[str, float]:
        return {
            "problem_recall": self._ratio(self.problems_matched, self.problems_expected),
            "problem_precision": self._ratio(self.problems_matched, self.problems_found),
            "measure_recall": self._ratio(self.measures_matched, self.measures_expected),
            "measure_precision": self._ratio(self.measures_matched, self.measures_found),
        }


def score(plan: ParsedPlan, want: dict[str, Any]) -> Score:
    """A problem matches on its title (punctuation ignored); a measure on its title within a matched problem."""
    s = Score()
    wanted = {
        _norm(p["title"]): [_norm(m) for m in p["measures"]]
        for c in want["categories"]
        for p in c["problems"]
    }
    got = {_norm(p.title): [_norm(m.title) for m in p.measures] for c in plan.categories for p in c.problems}
    s.problems_expected = len(wanted)
    s.problems_found = sum(len(c.problems) for c in plan.categories)
    s.measures_expected = sum(len(v) for v in wanted.values())
    s.measures_found = sum(len(p.measures) for c in plan.categories for p in c.problems)
    for title, measures in wanted.items():
        if title in got:
            s.problems_matched += 1
            found = list(got[title])
            for m in measures:
                if m in found:
                    found.remove(m)
                    s.measures_matched += 1
    return s
