"""Plan import: the sample notice into a fresh ledger, twice; bad files; a .docx plan; the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledger.cli.main import main
from ledger.plan.file import PlanFileError
from ledger.plan.importer import (
    default_assignment,
    import_plan,
    load_plan,
    merge_measures,
    preview_import,
    split_measure,
)
from ledger.plan.text import ParsedMeasure
from ledger.service import Ledger
from ledger.storage import journal

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "resources" / "samples" / "xinzhuang-industrial-zone-notice.txt"
DATA = Path(__file__).resolve().parents[1] / "data"
COMMUNITIES = ("南郊别墅", "鑫峰苑", "天恒名城", "瓶安路", "新源路", "申莘第一")


@pytest.fixture
def six(ledger: Ledger) -> Ledger:
    for name in COMMUNITIES:
        ledger.add_community(name)
    return ledger


def _snapshot(led: Ledger) -> tuple[int, ...]:
    one = led.store.one
    return tuple(
        int(one(f"SELECT COUNT(*) FROM {t}"))
        for t in ("community", "category", "problem", "task", "indicator", "journal")
    )


def _task_keys(led: Ledger) -> set[tuple[str, str, str]]:
    return {(t["problem"], t["community"], t["measure"]) for t in led.tasks_json()}


def test_sample_imports_four_categories_ten_problems_28_measures(six: Ledger) -> None:
    plan = load_plan(SAMPLE, six)
    assert plan.counts() == (4, 10, 28)
    assignment = default_assignment(plan, six)
    result = import_plan(six, plan, assignment, source_name=SAMPLE.name)

    assert (result.categories_created, result.problems_created) == (4, 10)
    assert len(six.categories()) == 4 and len(six.problems()) == 10
    measures = {t["measure"] for t in six.tasks_json()}
    assert len(measures) == 28
    expected = sum(len(v) for v in assignment.values())
    assert result.tasks_created == expected == len(six.tasks_json())
    # a measure naming communities goes to those only; one naming none goes to all six
    named = {t["community"] for t in six.tasks_json() if t["measure"] == "完善硬件设施，夯实治理基础"}
    assert named == {"鑫峰苑", "天恒名城"}
    everyone = {t["community"] for t in six.tasks_json() if t["measure"] == "强化宣传培训，提升居民自治意识"}
    assert everyone == set(COMMUNITIES)
    # the problem whose title names 南郊别墅 falls to 南郊别墅 only
    assert {t["community"] for t in six.tasks_json() if t["measure"] == "强化党建引领"} == {"南郊别墅"}
    # one journalled command, chain intact, backup beside the ledger
    assert six.store.one("SELECT COUNT(*) FROM journal WHERE command = 'import_plan'") == 1
    assert journal.verify(six.store) is None
    assert result.backup is not None and result.backup.exists()
    assert result.backup.parent == six.path.parent
    assert result.backup.name.startswith(f"{six.path.stem}.导入前备份-20251120-")
    assert "新建问题类别 4 个" in result.sentence()


def test_importing_twice_changes_nothing(six: Ledger) -> None:
    plan = load_plan(SAMPLE, six)
    first = import_plan(six, plan, default_assignment(plan, six), source_name=SAMPLE.name)
    before = _snapshot(six)
    again = load_plan(SAMPLE, six)
    second = import_plan(six, again, default_assignment(again, six), source_name=SAMPLE.name)
    assert _snapshot(six) == before
    assert not second.changed and second.backup is None
    assert (second.categories_created, second.problems_created, second.tasks_created) == (0, 0, 0)
    assert (second.categories_reused, second.problems_reused) == (4, 10)
    assert second.tasks_present == first.tasks_created
    assert "台账未作改动" in second.sentence()
    assert journal.verify(six.store) is None


def test_reimport_with_more_communities_adds_only_the_missing_tasks(six: Ledger) -> None:
    plan = load_plan(SAMPLE, six)
    some = {key: names[:1] for key, names in default_assignment(plan, six).items()}
    import_plan(six, plan, some, source_name="a.txt")
    result = import_plan(six, plan, default_assignment(plan, six), source_name="a.txt")
    assert result.categories_created == result.problems_created == 0
    assert result.tasks_present == 28
    assert len(six.tasks_json()) == 28 + result.tasks_created
    assert len(six.categories()) == 4


def test_unknown_communities_are_offered_not_created(ledger: Ledger) -> None:
    ledger.add_community("南郊别墅")
    plan = load_plan(SAMPLE, ledger)
    assignment = default_assignment(plan, ledger)
    preview = preview_import(ledger, plan, assignment)
    assert "鑫峰苑" in preview.unknown_communities and "天恒名城" in preview.unknown_communities
    assert preview.communities_new == ()
    # ticking one creates it, in the same command
    assignment[(0, 0, 1)] = ["鑫峰苑"]
    result = import_plan(ledger, plan, assignment, source_name="x.txt")
    assert result.communities_created == ("鑫峰苑",)
    assert [c["name"] for c in ledger.communities()] == ["南郊别墅", "鑫峰苑"]
    assert ledger.store.one("SELECT COUNT(*) FROM journal WHERE command = 'import_plan'") == 1
    assert journal.verify(ledger.store) is None


def test_edited_plan_is_what_gets_written(six: Ledger) -> None:
    plan = load_plan(SAMPLE, six)
    plan.categories[0].problems[0].measures[0].title = "强化宣传培训（改名）"
    del plan.categories[0].problems[0].measures[2]
    import_plan(six, plan, None, source_name="x.txt")
    measures = {t["measure"] for t in six.tasks_json()}
    assert "强化宣传培训（改名）" in measures
    assert "建立常态化治理机制，巩固整改成效" not in measures
    assert "强化宣传培训，提升居民自治意识" not in measures


def test_split_and_merge_measures() -> None:
    m = ParsedMeasure(
        "压实安全责任", "天恒名城签订责任书；开展安全培训。组织讲座；二是组织巡查", ["天恒名城"]
    )
    parts = split_measure(m)
    assert [(p.title, p.detail) for p in parts] == [
        ("压实安全责任", "天恒名城签订责任书。"),
        ("开展安全培训", "组织讲座"),
        ("组织巡查", ""),
    ]
    assert [p.communities for p in parts] == [["天恒名城"], [], []]
    at = split_measure(ParsedMeasure("甲", "一二三四五六", []), at=3)
    assert [(p.title, p.detail) for p in at] == [("甲", "一二三。"), ("四五六", "")]
    assert split_measure(ParsedMeasure("甲", "没有分号", [])) == [ParsedMeasure("甲", "没有分号", [])]
    merged = merge_measures(ParsedMeasure("甲", "做了一", ["A"]), ParsedMeasure("乙", "做了二", ["B", "A"]))
    assert (
        merged.title == "甲" and merged.detail == "做了一。乙。做了二。" and merged.communities == ["A", "B"]
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("plan.doc", b"\xd0\xcf\x11\xe0 old word"),
        ("plan.docx", b"not a zip at all"),
        ("plan.pdf", b"%PDF-1.4"),
        ("empty.txt", b"   \n"),
    ],
)
def test_bad_file_leaves_ledger_unchanged(
    six: Ledger, tmp_path: Path, name: str, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    before = _snapshot(six)
    with pytest.raises(PlanFileError):
        load_plan(bad, six)
    path = six.path
    six.close()
    assert main(["import-plan", str(path), str(bad)]) == 1
    err = capsys.readouterr().err
    assert bad.name in err and "Traceback" not in err
    reopened = Ledger.open(path)
    try:
        assert _snapshot(reopened) == before
    finally:
        reopened.close()
    assert not list(tmp_path.glob("*导入前备份*"))


def test_document_without_findings_imports_nothing_and_says_so(six: Ledger) -> None:
    plan = load_plan(DATA / "unstructured_minutes.txt", six)
    assert not plan.structured and plan.categories == []
    assert "没有找到巡察发现的问题" in plan.warnings[0]
    before = six.store.one("SELECT COUNT(*) FROM journal")
    result = import_plan(six, plan, None, source_name="minutes.txt")
    assert not result.changed and result.tasks_created == 0
    assert six.categories() == [] and six.store.one("SELECT COUNT(*) FROM journal") == before


def test_docx_plan_imports(six: Ledger, tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("关于巡察反馈问题的整改方案")
    doc.add_paragraph("一、整改任务")
    doc.add_paragraph("（一）关于基层党组织建设方面的整改")
    doc.add_paragraph(
        "1. 针对组织生活制度落实不严的问题。一是规范工作流程，确保程序到位。组织专题培训 2 次。"
        "二是加强督查指导，提升会议质量。鑫峰苑、天恒名城居民区建立备案审查制度。"
    )
    doc.add_paragraph("（二）关于廉政建设方面的整改")
    doc.add_paragraph("1. 针对补贴发放审核把关不严的问题。一是完善审核机制，堵塞管理漏洞。建立三级审核机制。")
    path = tmp_path / "方案.docx"
    doc.save(str(path))
    plan = load_plan(path, six)
    assert plan.counts() == (2, 2, 3)
    result = import_plan(six, plan, default_assignment(plan, six), source_name=path.name)
    assert result.tasks_created == 6 + 2 + 6
    keys = _task_keys(six)
    assert ("针对组织生活制度落实不严的问题", "鑫峰苑", "加强督查指导，提升会议质量") in keys
    assert ("针对组织生活制度落实不严的问题", "南郊别墅", "加强督查指导，提升会议质量") not in keys
    assert journal.verify(six.store) is None


def test_cli_dry_run_json_needs_no_ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "不存在.db"
    assert main(["import-plan", str(target), str(SAMPLE), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"categories", "warnings"}
    assert out["warnings"] == []
    assert len(out["categories"]) == 4
    first = out["categories"][0]["problems"][0]
    assert first["title"] == "针对党建引领基层治理效能不足的问题"
    assert first["measures"][0]["title"] == "强化宣传培训，提升居民自治意识"
    assert set(first["measures"][0]) == {"title", "detail", "lines"}
    assert first["measures"][0]["lines"] == [27, 27]  # the sample writes each problem on one line
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_cli_dry_run_json_reports_warnings_for_an_unrecognised_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "import-plan",
                str(tmp_path / "x.db"),
                str(DATA / "unstructured_minutes.txt"),
                "--dry-run",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["categories"] == []
    assert "没有找到巡察发现的问题" in out["warnings"][0]


def test_cli_imports_and_is_idempotent(six: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    path = six.path
    six.close()
    assert main(["import-plan", str(path), str(SAMPLE), "--actor", "张专班"]) == 0
    assert "新建问题类别 4 个" in capsys.readouterr().out
    assert main(["import-plan", str(path), str(SAMPLE), "--communities", "all", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (
        out["categories"]["created"] == 0 and out["tasks"]["created"] > 0
    )  # "all" adds the other communities
    led = Ledger.open(path)
    try:
        assert len(led.tasks_json()) == 28 * 6
        actors = {
            r[0] for r in led.store.conn.execute("SELECT actor FROM journal WHERE command = 'import_plan'")
        }
        assert "张专班" in actors
        assert journal.verify(led.store) is None
    finally:
        led.close()
