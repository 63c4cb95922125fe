"""The example ledger a first-time user opens: the bundled notice, six named communities, every state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ledger.core import FixedClock, LedgerError, Status
from ledger.example.demo import build_demo
from ledger.service import Ledger
from ledger.storage import journal

COMMUNITIES = ["南郊别墅", "鑫峰苑", "天恒名城", "瓶安路", "新源路", "申莘第一"]
MARK = "（示例）"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    led = build_demo(tmp_path_factory.mktemp("demo") / "示例台账.db", clock=FixedClock.on("2025-11-20"))
    yield led
    led.close()


def story(led: Ledger) -> list[tuple[Any, ...]]:
    """What a user sees of every task, in the ledger's order (ids are random UUIDs, so left out)."""
    return [
        (
            t["community"],
            t["category"],
            t["problem"],
            t["measure"],
            t["owner"],
            t["leader"],
            t["deadline"],
            t["kind"],
            t["status"],
            t["progress"],
        )
        for t in led.tasks_json()
    ]


def test_structure_from_the_bundled_notice(demo: Ledger) -> None:
    cats = demo.categories()
    assert len(cats) == 4
    assert all(c["title"].startswith("关于") and c["title"].endswith("整改") for c in cats)
    problems = demo.problems()
    assert len(problems) == 10
    assert all(p["title"].startswith("针对") for p in problems)
    assert {p["category_id"] for p in problems} == {c["id"] for c in cats}
    used = {t["problem"] for t in demo.tasks_json()}
    assert used == {p["title"] for p in problems}, "every problem has at least one task"


def test_six_named_communities_only(demo: Ledger) -> None:
    assert [c["name"] for c in demo.communities()] == COMMUNITIES
    per = demo.stats()["by_community"]
    assert list(per) == COMMUNITIES and all(n > 0 for n in per.values())
    assert {t["community"] for t in demo.tasks_json()} == set(COMMUNITIES)


def test_invented_people_are_marked(demo: Ledger) -> None:
    tasks = demo.tasks_json()
    assert tasks
    assert all(t["owner"].endswith(MARK) for t in tasks)
    assert all(t["leader"].endswith(MARK) for t in tasks)
    assert all(c["secretary"].endswith(MARK) for c in demo.communities())
    rowids = demo.task_rowids()
    assert all(demo.task(t["id"]).example for t in tasks[:20]) and len(rowids) == len(tasks)
    reviewers = {r["reviewer"] for r in demo.store.rows("SELECT reviewer FROM review")}
    assert reviewers and all(r.endswith(MARK) for r in reviewers)
    actors = {e.actor for e in journal.entries(demo.store)}
    assert all(a.endswith(MARK) for a in actors), actors


def test_settings(demo: Ledger) -> None:
    assert demo.org_name == "莘庄工业区党工委"
    inspection = demo.setting("inspection")
    assert inspection["group"] == "区委第一巡察组"
    assert {"from", "to", "feedback"} <= set(inspection)
    assert all(dt.date.fromisoformat(inspection[k]) for k in ("from", "to", "feedback"))
    assert demo.setting("example") is True
    assert [lv.name for lv in demo.chain] == ["初审", "复核", "终审"]


def test_every_state_is_present(demo: Ledger) -> None:
    by_status = demo.stats()["by_status"]
    assert set(by_status) == {s.value for s in Status}
    assert all(n >= 1 for n in by_status.values()), by_status
    assert demo.stats()["overdue"] >= 1
    kinds = {t["kind"] for t in demo.tasks_json()}
    assert kinds == {"立行立改", "限期整改", "长期坚持"}


def test_states_were_reached_through_the_real_workflow(demo: Ledger) -> None:
    assert journal.verify(demo.store) is None
    closed = [t["id"] for t in demo.tasks_json() if t["status"] == "closed"]
    for tid in closed:
        signed = demo.store.rows(
            "SELECT level, level_name, reviewer FROM review WHERE task_id = ? AND "
            "decision = 'approve' ORDER BY level",
            (tid,),
        )
        assert [r["level_name"] for r in signed] == ["初审", "复核", "终审"]
        assert len({r["reviewer"] for r in signed}) == 3
        steps = [
            e.command for e in demo.history(tid) if e.command in ("submit", "approve", "return", "reopen")
        ]
        assert steps[-4:] == ["submit", "approve", "approve", "approve"]
        passed = demo.store.rows("SELECT result FROM recheck_item WHERE task_id = ?", (tid,))
        assert all(r["result"] == "pass" for r in passed)
    for t in demo.tasks_json():
        if t["status"] == "returned":
            assert demo.task(t["id"]).return_reason


def test_deterministic_for_the_same_date(demo: Ledger, tmp_path: Path) -> None:
    again = build_demo(tmp_path / "再来一次.db", clock=FixedClock.on("2025-11-20"))
    try:
        assert story(again) == story(demo)
        assert again.stats() == demo.stats()
        assert journal.last_seq(again.store) == journal.last_seq(demo.store)
    finally:
        again.close()


def test_deadlines_follow_the_date(demo: Ledger, tmp_path: Path) -> None:
    later = build_demo(tmp_path / "晚些.db", clock=FixedClock.on("2025-12-01"))
    try:
        a, b = story(demo), story(later)
        assert [r[:6] + r[7:] for r in a] == [r[:6] + r[7:] for r in b]
        shifts = {
            (dt.date.fromisoformat(y[6]) - dt.date.fromisoformat(x[6])).days
            for x, y in zip(a, b, strict=True)
            if x[6]
        }
        assert shifts == {11}
    finally:
        later.close()


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "已有.db"
    path.write_text("别的文件", encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        build_demo(path, clock=FixedClock.on("2025-11-20"))
    assert info.value.code == "exists"
    assert path.read_text(encoding="utf-8") == "别的文件"
