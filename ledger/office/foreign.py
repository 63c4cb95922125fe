"""Import a 台账 made with another tool: map its columns to ours, then create categories, problems and tasks.

``guess_mapping`` guesses the columns from the header (synonyms below); the user confirms or corrects the
mapping and passes it to ``import_foreign_ledger``. Merged cells are filled from their top-left cell, and an
empty 问题类别/反馈问题 cell repeats the one above. Everything (unknown communities included) is created in ONE
``bulk_insert`` command after a backup; any bad cell refuses the whole file with nothing created.

Importing the same file twice adds nothing the second time: a row whose task the ledger already has (the same
反馈问题, the same community, the same 整改措施, not deleted) is skipped and listed, as is a row repeating an
earlier row of the file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ledger.core.errors import LedgerError
from ledger.core.model import Status
from ledger.core.values import parse_date
from ledger.office.fill_form import cell_text, open_workbook, sheet_is_empty
from ledger.service.backups import before_bulk_change
from ledger.service.commands import Ledger

# our field -> (label, synonyms, most specific first)
SYNONYMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "category": ("问题类别", ("问题类别", "问题分类", "类别", "分类")),
    "problem": ("反馈问题", ("反馈问题", "存在问题", "问题描述", "具体问题", "问题")),
    "measure": ("整改措施", ("整改措施", "整改任务", "措施", "整改内容")),
    "community": ("责任单位/居民区", ("责任单位", "居民区", "社区", "村居", "责任主体")),
    "owner": ("责任人", ("具体责任人", "责任人")),
    "leader": ("责任领导", ("责任领导", "分管领导", "牵头领导")),
    "deadline": ("整改时限", ("整改时限", "完成时限", "完成时间", "时限")),
    "progress": ("整改进展", ("整改进展", "进展情况", "完成情况", "进展")),
}
REQUIRED = ("measure", "community")
DEFAULT_CATEGORY = "导入的整改问题"


def _norm(h: str) -> str:
    return "".join(h.split()).replace("（", "(").split("(")[0]


def guess_mapping(headers: list[Any]) -> dict[str, int]:
    """Our field -> 0-based column index, guessed from the header texts (each column used once)."""
    texts = [_norm(cell_text(h)) for h in headers]
    out: dict[str, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for fld, (_label, words) in SYNONYMS.items():
            if fld in out:
                continue
            for w in words:
                hit = next(
                    (i for i, t in enumerate(texts) if i not in used and t and (t == w if exact else w in t)),
                    None,
                )
                if hit is not None:
                    out[fld] = hit
                    used.add(hit)
                    break
    return out


@dataclass
class ForeignImport:
    path: Path
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[str, int]
    categories: list[str] = field(default_factory=list)  # new ones
    problems: int = 0
    tasks: int = 0
    communities: list[str] = field(default_factory=list)  # new ones
    rows: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)  # rows whose task is there already
    backup: Path | None = None
    written: bool = False

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(
            kind="foreign_ledger",
            path=str(self.path),
            backup=str(self.backup) if self.backup else None,
            mapping={
                k: {"column": get_column_letter(v + 1), "header": self.headers[v]}
                for k, v in self.mapping.items()
            },
        )
        return out


def _grid(ws: Any) -> list[list[Any]]:
    grid = [list(r) for r in ws.iter_rows(values_only=True)]
    for rng in ws.merged_cells.ranges:
        top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= len(grid) else None
        for r in range(rng.min_row, min(rng.max_row, len(grid)) + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if c - 1 < len(grid[r - 1]):
                    grid[r - 1][c - 1] = top
    return grid


def read_foreign(ledger: Ledger, path: str | Path) -> tuple[str, int, list[str], list[list[Any]]]:
    """(sheet name, 1-based header row, headers, data rows) of the first sheet; refused with a sentence."""
    path = Path(path)
    wb = open_workbook(path)
    ws = wb.worksheets[0]
    if sheet_is_empty(ws):
        raise LedgerError("excel_empty", path=path.name, sheet=ws.title)
    grid = _grid(ws)
    best, best_hits = 0, -1
    for i, row in enumerate(grid[:10]):
        hits = len(guess_mapping(row))
        if hits > best_hits:
            best, best_hits = i, hits
    return ws.title, best + 1, [cell_text(h) for h in grid[best]], grid[best + 1 :]


def import_foreign_ledger(
    ledger: Ledger, path: str | Path, mapping: dict[str, int] | None = None, *, dry_run: bool = False
) -> ForeignImport:
    """Create the categories, problems, tasks (and unknown communities) of another tool's 台账. ``mapping``
    (our field -> 0-based column) overrides the guess; without --dry-run one bulk command after a backup."""
    path = Path(path)
    sheet, header_row, headers, rows = read_foreign(ledger, path)
    mapping = dict(mapping) if mapping is not None else guess_mapping(headers)
    missing = [SYNONYMS[f][0] for f in REQUIRED if f not in mapping or not 0 <= mapping[f] < len(headers)]
    if missing:
        raise LedgerError("excel_header_unmapped", path=path.name, sheet=sheet, missing="、".join(missing))
    result = ForeignImport(path, sheet, header_row, headers, mapping)
    cats = {r["title"]: r["id"] for r in ledger.store.rows("SELECT id, title FROM category")}
    probs = {
        (r["category_id"], r["title"]): r["id"]
        for r in ledger.store.rows("SELECT id, category_id, title FROM problem")
    }
    coms = {r["name"]: r["id"] for r in ledger.store.rows("SELECT id, name FROM community")}
    have = {
        (r[0], r[1], r[2]): "台账中已有这项任务"
        for r in ledger.store.conn.execute(
            "SELECT problem_id, community_id, measure FROM task WHERE deleted_at IS NULL"
        )
    }
    new: dict[str, list[dict[str, Any]]] = {"community": [], "category": [], "problem": [], "task": []}
    sort = {
        t: int(ledger.store.one(f"SELECT COALESCE(MAX(sort), 0) FROM {t}")) for t in ("community", "category")
    }
    psort: dict[str, int] = {}
    tsort: dict[tuple[str, str], int] = {}
    last = {"category": "", "problem": ""}

    def cell(row: list[Any], fld: str) -> Any:
        i = mapping.get(fld)
        return row[i] if i is not None and i < len(row) else None

    for offset, row in enumerate(rows):
        r = header_row + 1 + offset
        measure = cell_text(cell(row, "measure")).strip()
        if not measure:
            continue
        for fld in ("category", "problem"):
            value = cell_text(cell(row, fld)).strip()
            if value:
                last[fld] = value
        community = cell_text(cell(row, "community")).strip()
        if not community:
            raise LedgerError(
                "excel_bad_cell",
                path=path.name,
                row=r,
                column=get_column_letter(mapping["community"] + 1),
                field="责任单位",
                detail="没有填写责任单位（居民区）",
            )
        try:
            deadline = parse_date(cell(row, "deadline"))
        except LedgerError:
            raise LedgerError(
                "excel_bad_cell",
                path=path.name,
                row=r,
                column=get_column_letter(mapping["deadline"] + 1),
                field="整改时限",
                detail=f"“{cell_text(cell(row, 'deadline'))}”不是日期",
            ) from None
        cat_title = last["category"] or DEFAULT_CATEGORY
        prob_title = last["problem"] or measure
        known = (probs.get((cats.get(cat_title, ""), prob_title)), coms.get(community), measure)
        if known in have:
            result.skipped.append(
                {"row": r, "community": community, "measure": measure, "reason": have[known]}
            )
            continue
        if community not in coms:
            sort["community"] += 1
            crow = ledger.new_row("community", name=community, sort=sort["community"])
            coms[community] = crow["id"]
            new["community"].append(crow)
            result.communities.append(community)
        if cat_title not in cats:
            sort["category"] += 1
            crow = ledger.new_row("category", title=cat_title, sort=sort["category"])
            cats[cat_title] = crow["id"]
            new["category"].append(crow)
            result.categories.append(cat_title)
        cid = cats[cat_title]
        if (cid, prob_title) not in probs:
            psort[cid] = (
                psort.get(
                    cid,
                    int(
                        ledger.store.one(
                            "SELECT COALESCE(MAX(sort), 0) FROM problem WHERE category_id = ?", (cid,)
                        )
                    ),
                )
                + 1
            )
            prow = ledger.new_row("problem", category_id=cid, title=prob_title, sort=psort[cid])
            probs[(cid, prob_title)] = prow["id"]
            new["problem"].append(prow)
        pid = probs[(cid, prob_title)]
        key = (pid, coms[community])
        tsort[key] = (
            tsort.get(
                key,
                int(
                    ledger.store.one(
                        "SELECT COALESCE(MAX(sort), 0) FROM task WHERE problem_id = ? AND community_id = ?",
                        key,
                    )
                ),
            )
            + 1
        )
        progress = cell_text(cell(row, "progress")).strip()
        trow = ledger.new_row(
            "task",
            problem_id=pid,
            community_id=coms[community],
            measure=measure,
            owner=cell_text(cell(row, "owner")).strip(),
            leader=cell_text(cell(row, "leader")).strip(),
            deadline=deadline,
            progress=progress,
            sort=tsort[key],
            status=Status.IN_PROGRESS if progress else Status.NOT_STARTED,
        )
        new["task"].append(trow)
        have[(pid, coms[community], measure)] = f"与本表第 {r} 行相同"
        result.rows.append(
            {
                "row": r,
                "category": cat_title,
                "problem": prob_title,
                "community": community,
                "measure": measure,
                "deadline": deadline,
            }
        )
    result.problems, result.tasks = len(new["problem"]), len(new["task"])
    if not new["task"] and result.skipped:
        raise LedgerError("excel_nothing_new", path=path.name, n=len(result.skipped))
    if not new["task"]:
        raise LedgerError("excel_empty", path=path.name, sheet=sheet)
    if dry_run:
        return result
    result.backup = before_bulk_change(ledger, "台账导入前备份")
    with ledger.acting_as(origin=f"导入台账:{path.name}"):
        ledger.bulk_insert(
            "import_excel_ledger",
            {k: v for k, v in new.items() if v},
            {
                "file": path.name,
                "tasks": result.tasks,
                "problems": result.problems,
                "categories": len(result.categories),
                "communities": len(result.communities),
            },
        )
    result.written = True
    return result
