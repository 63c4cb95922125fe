"""Import a parsed rectification plan into the ledger: preview, per-measure communities, one atomic command."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.core import Kind, LedgerError
from ledger.plan.file import read_plan_file
from ledger.plan.text import (
    ParsedCategory,
    ParsedMeasure,
    ParsedPlan,
    ParsedProblem,
    parse_plan,
)
from ledger.service import Ledger, before_bulk_change

__all__ = [
    "Assignment",
    "ImportPreview",
    "ImportResult",
    "MeasureKey",
    "default_assignment",
    "import_plan",
    "iter_measures",
    "load_plan",
    "mentions",
    "merge_measures",
    "preview_import",
    "resolve_names",
    "split_measure",
]

MeasureKey = tuple[int, int, int]  # (category index, problem index, measure index) in the plan as imported
Assignment = Mapping[MeasureKey, Sequence[str]]  # community names; a name not in the ledger is created

COMMAND = "import_plan"
_COMMUNITY_SUFFIXES = ("居民区", "居委会", "党总支", "党支部", "社区")
_LONG_TERM_RE = re.compile(r"常态|长效|长期")


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class ImportPreview:
    """What an import would write (``rows`` for bulk_insert) and what it would skip, before anything is written."""

    rows: dict[str, list[dict[str, Any]]]
    categories_new: int = 0
    categories_reused: int = 0
    problems_new: int = 0
    problems_reused: int = 0
    tasks_new: int = 0
    tasks_present: int = 0
    communities_new: tuple[str, ...] = ()
    unknown_communities: tuple[str, ...] = ()  # named in the text, not in the ledger, not ticked
    unassigned_measures: int = 0  # measures with no community: they make no task

    @property
    def empty(self) -> bool:
        return not any(self.rows.values())

    def sentence(self, lang: str = "zh") -> str:
        if lang == "en":
            text = (
                f"Will create {self.categories_new} categories, {self.problems_new} problems and "
                f"{self.tasks_new} tasks; {self.tasks_present} tasks are already in the ledger."
            )
            if self.communities_new:
                text += f" New communities: {', '.join(self.communities_new)}."
            if self.unassigned_measures:
                text += f" {self.unassigned_measures} measures have no community and make no task."
            return text
        text = (
            f"将新建问题类别 {self.categories_new} 个、反馈问题 {self.problems_new} 个、整改任务 "
            f"{self.tasks_new} 项；已在台账中的 {self.tasks_present} 项任务将跳过。"
        )
        if self.communities_new:
            text += f"将新增居民区：{'、'.join(self.communities_new)}。"
        if self.unassigned_measures:
            text += f"有 {self.unassigned_measures} 条措施没有选择居民区，不会生成任务。"
        return text


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote and skipped; ``backup`` is the copy taken first (None when nothing was written)."""

    source_name: str
    categories_created: int = 0
    categories_reused: int = 0
    problems_created: int = 0
    problems_reused: int = 0
    tasks_created: int = 0
    tasks_present: int = 0
    communities_created: tuple[str, ...] = ()
    unknown_communities: tuple[str, ...] = ()
    backup: Path | None = None
    entry_id: str | None = None

    @property
    def changed(self) -> bool:
        return self.entry_id is not None

    def sentence(self, lang: str = "zh") -> str:
        if lang == "en":
            if not self.changed:
                return (
                    f"Nothing imported from “{self.source_name}”: all {self.tasks_present} tasks are already "
                    "in the ledger; the ledger is unchanged."
                )
            text = (
                f"Imported “{self.source_name}”: {self.categories_created} new categories, "
                f"{self.problems_created} new problems, {self.tasks_created} new tasks; "
                f"{self.tasks_present} tasks were already present and skipped."
            )
            if self.communities_created:
                text += f" New communities: {', '.join(self.communities_created)}."
            if self.backup:
                text += f" A backup was taken first: {self.backup}."
            return text
        if not self.changed:
            return (
                f"“{self.source_name}”中的内容已全部在台账中（已存在的任务 {self.tasks_present} 项），"
                "没有导入任何内容，台账未作改动。"
            )
        text = (
            f"已导入“{self.source_name}”：新建问题类别 {self.categories_created} 个、反馈问题 "
            f"{self.problems_created} 个、整改任务 {self.tasks_created} 项；沿用已有类别 "
            f"{self.categories_reused} 个、问题 {self.problems_reused} 个，已存在而跳过的任务 "
            f"{self.tasks_present} 项。"
        )
        if self.communities_created:
            text += f"新增居民区：{'、'.join(self.communities_created)}。"
        if self.backup:
            text += f"导入前已备份到“{self.backup}”。"
        return text

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.source_name,
            "categories": {"created": self.categories_created, "reused": self.categories_reused},
            "problems": {"created": self.problems_created, "reused": self.problems_reused},
            "tasks": {"created": self.tasks_created, "already_present": self.tasks_present},
            "communities_created": list(self.communities_created),
            "unknown_communities": list(self.unknown_communities),
            "backup": str(self.backup) if self.backup else None,
            "entry": self.entry_id,
        }


# ---------------------------------------------------------------------------
# Names


def _base(name: str) -> str:
    for suffix in _COMMUNITY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def resolve_names(names: Iterable[str], known: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split community names from the text into (ledger names they match, names the ledger lacks)."""
    by_base: dict[str, str] = {}
    for k in known:
        by_base.setdefault(k, k)
        by_base.setdefault(_base(k), k)
    found: list[str] = []
    missing: list[str] = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        hit = by_base.get(name) or by_base.get(_base(name))
        if hit is not None:
            if hit not in found:
                found.append(hit)
        elif name not in missing:
            missing.append(name)
    return found, missing


def mentions(text: str, names: Iterable[str]) -> list[str]:
    """The names (or their bases, "鑫峰苑" for "鑫峰苑居民区") that occur in text, in the given order."""
    return [n for n in names if n and (n in text or _base(n) in text)]


# ---------------------------------------------------------------------------
# Editing helpers (the preview tree uses these; no Qt)


def iter_measures(
    plan: ParsedPlan,
) -> Iterator[tuple[MeasureKey, ParsedCategory, ParsedProblem, ParsedMeasure]]:
    for ci, cat in enumerate(plan.categories):
        for pi, prob in enumerate(cat.problems):
            for mi, measure in enumerate(prob.measures):
                yield (ci, pi, mi), cat, prob, measure


def _measure_from_text(text: str, names: Iterable[str]) -> ParsedMeasure:
    text = text.strip().lstrip("，。；：、,.;: ")
    for i, ch in enumerate(text):
        if ch in "。；;！？!?":
            title, detail = text[:i].strip(), text[i + 1 :].strip()
            break
    else:
        title, detail = text, ""
    title = re.sub(r"^[一二三四五六七八九十]{1,3}是", "", title).rstrip("，、,：:")
    return ParsedMeasure(title or detail, detail if title else "", mentions(text, names))


def split_measure(measure: ParsedMeasure, at: int | None = None) -> list[ParsedMeasure]:
    """Split a measure at position ``at`` of its detail, or else at every "；" of its detail.

    The first piece keeps the title; each later piece gets a title from its first clause. Returns
    ``[measure]`` unchanged when there is nothing to split."""
    names = list(measure.communities)
    detail = measure.detail
    if at is not None and 0 < at < len(detail):
        pieces = [detail[:at], detail[at:]]
    else:
        pieces = re.split(r"[；;]", detail)
    pieces = [p.strip() for p in pieces]
    if len([p for p in pieces if p]) < 2:
        return [measure]
    first, rest = pieces[0], [p for p in pieces[1:] if p]
    head = ParsedMeasure(
        measure.title,
        first.rstrip("，、,；;") + ("。" if first and first[-1] not in "。！？" else ""),
        mentions(measure.title + "。" + first, names) or names,
    )
    return [head, *(_measure_from_text(p, names) for p in rest)]


def merge_measures(first: ParsedMeasure, second: ParsedMeasure) -> ParsedMeasure:
    """Fold ``second`` into ``first``: first's title, both texts, both communities."""
    addition = second.title.strip()
    if second.detail.strip():
        addition += "。" + second.detail.strip()
    detail = first.detail.strip()
    if detail and detail[-1] not in "。！？；;":
        detail += "。"
    detail += addition
    if detail and detail[-1] not in "。！？":
        detail += "。"
    communities = list(first.communities) + [c for c in second.communities if c not in first.communities]
    return ParsedMeasure(first.title, detail, communities)


# ---------------------------------------------------------------------------
# Planning the rows


def load_plan(path: str | Path, ledger: Ledger | None = None) -> ParsedPlan:
    """Read and parse a plan file, matching community names against the ledger's; raises PlanFileError."""
    known = [c["name"] for c in ledger.communities()] if ledger is not None else []
    return parse_plan(read_plan_file(path), known_communities=known)


def default_assignment(
    plan: ParsedPlan, ledger: Ledger, *, mode: str = "named"
) -> dict[MeasureKey, list[str]]:
    """Per measure: the ledger's communities its text names; else those its problem's title names; else all.

    ``mode="all"`` gives every measure to every community. Names the ledger lacks are never preselected."""
    known = [c["name"] for c in ledger.communities()]
    out: dict[MeasureKey, list[str]] = {}
    for key, _cat, prob, measure in iter_measures(plan):
        chosen: list[str] = []
        if mode != "all":
            chosen = resolve_names(measure.communities, known)[0]
            if not chosen:
                in_title = mentions(prob.title, prob.communities)
                chosen = resolve_names(in_title, known)[0]
        out[key] = chosen or list(known)
    return out


def _kind(measure: ParsedMeasure) -> str:
    if measure.kind in (Kind.IMMEDIATE.value, Kind.LONG_TERM.value):
        return measure.kind
    if measure.deadline:
        return Kind.DEADLINE.value
    if "立行立改" in measure.title or "立行立改" in measure.detail:
        return Kind.IMMEDIATE.value
    if _LONG_TERM_RE.search(measure.title):
        return Kind.LONG_TERM.value
    return Kind.DEADLINE.value


def preview_import(ledger: Ledger, plan: ParsedPlan, assignment: Assignment | None = None) -> ImportPreview:
    """Plan the rows of an import without writing: reuse categories/problems by title, skip tasks already there.

    ``assignment`` maps each measure's (category, problem, measure) index to community names; a missing
    key falls back to ``default_assignment``; an empty list means the measure makes no task. A name the
    ledger lacks is a community the user ticked: it is created."""
    default = default_assignment(plan, ledger)
    chosen = dict(default)
    if assignment is not None:
        chosen.update({k: list(v) for k, v in assignment.items()})
    communities = ledger.communities()
    community_ids = {c["name"]: c["id"] for c in communities}
    known = list(community_ids)
    rows: dict[str, list[dict[str, Any]]] = {
        "community": [],
        "category": [],
        "problem": [],
        "task": [],
        "indicator": [],
    }
    store = ledger.store
    categories: dict[str, str] = {}
    for c in ledger.categories():
        categories.setdefault(c["title"].strip(), c["id"])
    problems: dict[tuple[str, str], str] = {}
    for p in store.rows("SELECT id, category_id, title FROM problem ORDER BY sort, rowid"):
        problems.setdefault((p["category_id"], p["title"].strip()), p["id"])
    tasks = {
        (r["problem_id"], r["community_id"], r["measure"].strip())
        for r in store.rows("SELECT problem_id, community_id, measure FROM task WHERE deleted_at IS NULL")
    }
    next_category = int(store.one("SELECT COALESCE(MAX(sort), 0) FROM category"))
    next_community = int(store.one("SELECT COALESCE(MAX(sort), 0) FROM community"))
    problem_sort: dict[str, int] = {
        cid: int(n)
        for cid, n in store.conn.execute("SELECT category_id, MAX(sort) FROM problem GROUP BY category_id")
    }
    counts = {
        "cat_new": 0,
        "cat_old": 0,
        "prob_new": 0,
        "prob_old": 0,
        "task_new": 0,
        "task_old": 0,
        "unassigned": 0,
    }
    new_communities: list[str] = []
    mentioned: list[str] = []
    seen_categories: set[str] = set()
    seen_problems: set[str] = set()

    for ci, cat in enumerate(plan.categories):
        title = cat.title.strip()
        if not title:
            raise LedgerError("empty_field", field="问题类别")
        cid = categories.get(title)
        if cid is None:
            next_category += 1
            row = ledger.new_row("category", title=title, sort=next_category)
            rows["category"].append(row)
            cid = categories[title] = row["id"]
            counts["cat_new"] += 1
        elif cid not in seen_categories:
            counts["cat_old"] += 1
        seen_categories.add(cid)
        for pi, prob in enumerate(cat.problems):
            ptitle = prob.title.strip()
            if not ptitle:
                raise LedgerError("empty_field", field="反馈问题")
            pid = problems.get((cid, ptitle))
            if pid is None:
                problem_sort[cid] = problem_sort.get(cid, 0) + 1
                row = ledger.new_row(
                    "problem",
                    category_id=cid,
                    title=ptitle,
                    detail=prob.detail.strip(),
                    sort=problem_sort[cid],
                )
                rows["problem"].append(row)
                pid = problems[(cid, ptitle)] = row["id"]
                counts["prob_new"] += 1
            elif pid not in seen_problems:
                counts["prob_old"] += 1
            seen_problems.add(pid)
            for name in prob.communities:
                mentioned.append(name)
            for mi, measure in enumerate(prob.measures):
                mtitle = measure.title.strip()
                if not mtitle:
                    raise LedgerError("empty_field", field="整改措施")
                mentioned.extend(measure.communities)
                names = [n.strip() for n in chosen.get((ci, pi, mi), []) if n and n.strip()]
                if not names:
                    counts["unassigned"] += 1
                for name in dict.fromkeys(names):
                    com_id = community_ids.get(name)
                    if com_id is None:
                        next_community += 1
                        crow = ledger.new_row("community", name=name, sort=next_community)
                        rows["community"].append(crow)
                        com_id = community_ids[name] = crow["id"]
                        new_communities.append(name)
                    key = (pid, com_id, mtitle)
                    if key in tasks:
                        counts["task_old"] += 1
                        continue
                    tasks.add(key)
                    rows["task"].append(
                        ledger.new_row(
                            "task",
                            problem_id=pid,
                            community_id=com_id,
                            measure=mtitle,
                            detail=measure.detail.strip(),
                            kind=_kind(measure),
                            owner="、".join(measure.owners),
                            leader=measure.leader,
                            department=measure.department,
                            deadline=measure.deadline,
                            sort=mi + 1,
                        )
                    )
                    counts["task_new"] += 1
    unknown = [n for n in resolve_names(mentioned, known)[1] if n not in community_ids]
    return ImportPreview(
        rows,
        counts["cat_new"],
        counts["cat_old"],
        counts["prob_new"],
        counts["prob_old"],
        counts["task_new"],
        counts["task_old"],
        tuple(new_communities),
        tuple(unknown),
        counts["unassigned"],
    )


def import_plan(
    ledger: Ledger, plan: ParsedPlan, assignment: Assignment | None = None, *, source_name: str
) -> ImportResult:
    """Write the plan as ONE journalled command after a backup; nothing is written when all is already there."""
    preview = preview_import(ledger, plan, assignment)

    def result(**written: Any) -> ImportResult:
        return ImportResult(
            source_name=source_name,
            categories_reused=preview.categories_reused,
            problems_reused=preview.problems_reused,
            tasks_present=preview.tasks_present,
            unknown_communities=preview.unknown_communities,
            **written,
        )

    if preview.empty:
        return result()
    backup = before_bulk_change(ledger, "导入前备份")
    args = {
        "file": source_name,
        "categories": preview.categories_new,
        "problems": preview.problems_new,
        "tasks": preview.tasks_new,
        "communities": list(preview.communities_new),
        "skipped_tasks": preview.tasks_present,
        "backup": backup.name,
    }
    entry = ledger.bulk_insert(COMMAND, preview.rows, args)
    return result(
        categories_created=preview.categories_new,
        problems_created=preview.problems_new,
        tasks_created=preview.tasks_new,
        communities_created=preview.communities_new,
        backup=backup,
        entry_id=entry,
    )


# ---------------------------------------------------------------------------
# Command line: main.py import-plan LEDGER FILE [--dry-run] [--json] [--communities all|named] [--actor NAME]
