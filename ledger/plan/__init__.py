"""整改方案: a plan's text parsed into problems and measures, the communities it names, and its import."""

from ledger.plan.file import PlanFileError
from ledger.plan.importer import (
    ImportResult,
    MeasureKey,
    default_assignment,
    import_plan,
    load_plan,
    mentions,
    merge_measures,
    preview_import,
    resolve_names,
    split_measure,
)
from ledger.plan.text import ParsedCategory, ParsedMeasure, ParsedPlan, ParsedProblem, parse_plan

__all__ = [
    "ImportResult",
    "MeasureKey",
    "ParsedCategory",
    "ParsedMeasure",
    "ParsedPlan",
    "ParsedProblem",
    "PlanFileError",
    "default_assignment",
    "import_plan",
    "load_plan",
    "mentions",
    "merge_measures",
    "parse_plan",
    "preview_import",
    "resolve_names",
    "split_measure",
]
