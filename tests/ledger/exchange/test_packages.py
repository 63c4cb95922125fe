"""Community packages: issue, work offline, return, preview, merge; idempotence, order, conflicts, status."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from ledger import signoff
from ledger.core import FixedClock, LedgerError, Operator, Role
from ledger.exchange import packages as exchange
from ledger.exchange.merge import apply_merge, decide_conflict, open_conflicts, preview_merge
from ledger.storage import journal
from tests.ledger.exchange.exchange_helpers import SECRETARY, dump, edit_package, master


@pytest.fixture
def world(tmp_path: Path, clock: FixedClock):
    led, ids = master(tmp_path, clock)
    yield led, ids
    led.close()


def test_a_package_holds_one_community_and_verifies(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    signoff.attach_evidence(led, ids["tasks_a"][0], data=b"photo-bytes", file_name="照片.jpg")
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    assert path.name == "南郊别墅-下发包-20251120.db"
    info = exchange.open_package_info(path)
    assert info.community == "南郊别墅" and info.master_ledger_id == led.setting("ledger_id")
    assert info.master_seq == journal.last_seq(led.store) - 1  # the issue record itself comes after
    pkg = edit_package(path, clock)
    try:
        assert journal.verify(pkg.store) is None
        assert {t["id"] for t in pkg.tasks_json()} == set(ids["tasks_a"])
        assert [c["name"] for c in pkg.communities()] == ["南郊别墅"]
        assert signoff.evidence_bytes(pkg, signoff.evidence(pkg, ids["tasks_a"][0])[0].id) == b"photo-bytes"
        assert pkg.setting("org_name") == "测试工业区党工委"
    finally:
        pkg.close()
    assert journal.verify(led.store) is None
    status = {s["community"]: s for s in exchange.package_status(led)}
    assert status["南郊别墅"]["last_issued"]["file"] == path.name and status["鑫峰苑"]["last_issued"] is None


def test_issue_all_writes_one_package_per_community(world, tmp_path: Path) -> None:
    led, _ = world
    paths = exchange.issue_all(led, tmp_path / "all")
    assert sorted(p.name for p in paths) == ["南郊别墅-下发包-20251120.db", "鑫峰苑-下发包-20251120.db"]


def _secretary_round(led, ids, tmp_path: Path, clock: FixedClock) -> tuple[Path, dict[str, str]]:
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    t0, t1, t2 = ids["tasks_a"]
    pkg = edit_package(path, clock)
    try:
        pkg.update_progress(t0, "已开展培训 3 次")
        pkg.act(t0, "start")
        iid = pkg.add_indicator(t1, "培训", "次", 3, 3)
        eid = signoff.attach_evidence(pkg, t1, data=b"sign-in sheet", file_name="签到表.pdf")
        pkg.act(t1, "start")
        pkg.act(t1, "submit", reason="已完成培训")
    finally:
        pkg.close()
    return exchange.return_package(path, clock=clock), {"indicator": iid, "evidence": eid}


def test_round_trip_applies_with_the_package_as_origin(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    ret, made = _secretary_round(led, ids, tmp_path, clock)
    assert ret.name == "南郊别墅-上报-20251120.db"
    before = dump(led.path)
    preview = preview_merge(led, ret)
    assert dump(led.path) == before, "the preview wrote something"
    assert len(preview.applied) >= 5 and not preview.conflicts and not preview.refused
    result = apply_merge(led, ret)
    assert result.backup is not None and result.backup.exists()
    assert [i.kind for i in result.applied] == [i.kind for i in preview.applied]
    t0, t1, _ = ids["tasks_a"]
    assert led.task(t0).progress == "已开展培训 3 次" and led.task(t0).status.value == "in_progress"
    assert led.task(t1).status.value == "submitted"
    assert [i.id for i in led.indicators(t1)] == [made["indicator"]]
    ev = signoff.evidence(led, t1)
    assert [e.id for e in ev] == [made["evidence"]] and ev[0].added_by == "王书记"
    assert signoff.evidence_bytes(led, ev[0].id) == b"sign-in sheet"
    last = led.history(t0)[-1]
    assert last.actor == "王书记" and last.role == "secretary" and last.origin == f"上报包:{ret.name}"
    assert journal.verify(led.store) is None
    status = {s["community"]: s for s in exchange.package_status(led)}["南郊别墅"]
    assert status["last_merged"]["file"] == ret.name and status["last_merged"]["applied"] == len(
        result.applied
    )


def test_importing_the_same_return_twice_changes_nothing(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    ret, _ = _secretary_round(led, ids, tmp_path, clock)
    apply_merge(led, ret)
    seq = journal.last_seq(led.store)
    before = dump(led.path)
    again = apply_merge(led, ret)
    assert not again.written and again.already > 0 and not again.applied
    assert journal.last_seq(led.store) == seq and dump(led.path) == before


def test_a_later_return_of_the_same_package_merges_only_the_new_entries(
    world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    t0 = ids["tasks_a"][0]
    pkg = edit_package(path, clock)
    pkg.update_progress(t0, "第一周")
    pkg.close()
    first = exchange.return_package(path, tmp_path / "r1", clock=clock)
    assert len(apply_merge(led, first).applied) == 1
    pkg = edit_package(path, clock)
    pkg.update_progress(t0, "第二周")
    pkg.close()
    second = exchange.return_package(path, tmp_path / "r2", clock=clock)
    result = apply_merge(led, second)
    assert len(result.applied) == 1 and result.already >= 1 and led.task(t0).progress == "第二周"


def test_returns_of_two_communities_merge_to_the_same_ledger_in_either_order(tmp_path: Path) -> None:
    ends = []
    for order in ("ab", "ba"):
        clock = FixedClock.on("2025-11-20")
        base = tmp_path / order
        base.mkdir()
        led, ids = master(base, clock)
        led.set_setting("ledger_id", "same-ledger")
        rets = {}
        for key, name, op in (
            ("a", "南郊别墅", SECRETARY),
            ("b", "鑫峰苑", Operator("李书记", Role.SECRETARY)),
        ):
            path = exchange.issue_package(led, name, base / "out")
            pkg = edit_package(path, clock, op)
            tid = ids[f"tasks_{key}"][0]
            pkg.update_progress(tid, f"{name}的进展")
            pkg.act(tid, "start")
            pkg.close()
            rets[key] = exchange.return_package(path, clock=clock)
        for key in order:
            apply_merge(led, rets[key])
        assert journal.verify(led.store) is None
        ends.append({t["measure"]: (t["status"], t["progress"]) for t in led.tasks_json()})
        led.close()
    assert ends[0] == ends[1]


# ---- conflicts -----------------------------------------------------------------------------------------------------
def _both_sides(led, ids, tmp_path: Path, clock: FixedClock) -> Path:
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    t0, t1, _ = ids["tasks_a"]
    pkg = edit_package(path, clock)
    pkg.update_progress(t0, "书记写的进展")
    pkg.act(t1, "start")
    pkg.act(t1, "submit", reason="已完成")
    pkg.close()
    clock.advance(hours=1)
    led.update_progress(t0, "专班写的进展")
    work_team, led.operator = led.operator, Operator("钱专班", Role.WORK_TEAM)
    led.act(t1, "start")
    led.act(t1, "submit", reason="专班代报")
    led.operator = work_team  # whoever applied signs no level of the round
    led.act(t1, "return", reason="材料不全")
    return exchange.return_package(path, clock=clock)


def test_conflicts_are_previewed_with_both_sides_and_left_open(
    world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    ret = _both_sides(led, ids, tmp_path, clock)
    preview = preview_merge(led, ret)
    fields = {(c.task_id, c.field) for c in preview.conflicts}
    t0, t1, _ = ids["tasks_a"]
    assert (t0, "progress") in fields and (t1, "status") in fields
    progress = next(c for c in preview.conflicts if c.field == "progress")
    assert (progress.ours, progress.theirs) == ("专班写的进展", "书记写的进展")
    assert progress.our_author == "张专班" and progress.their_author == "王书记" and progress.our_at
    result = apply_merge(led, ret)
    assert len(result.open_conflicts) == len(preview.conflicts)
    assert led.task(t0).progress == "专班写的进展" and led.task(t1).status.value == "returned"
    assert len(open_conflicts(led)) == len(preview.conflicts)
    assert journal.verify(led.store) is None


@pytest.mark.parametrize(
    ("choice", "value", "expected", "status"),
    [
        ("theirs", None, "书记写的进展", "taken"),
        ("ours", None, "专班写的进展", "kept"),
        ("new", "两边合起来的进展", "两边合起来的进展", "rewritten"),
    ],
)
def test_decide_conflict(world, tmp_path: Path, clock: FixedClock, choice, value, expected, status) -> None:
    led, ids = world
    apply_merge(led, _both_sides(led, ids, tmp_path, clock))
    row = next(r for r in open_conflicts(led) if r["field"] == "progress")
    assert decide_conflict(led, row["id"], choice, value) == status
    assert led.task(ids["tasks_a"][0]).progress == expected
    with pytest.raises(LedgerError) as info:
        decide_conflict(led, row["id"], "ours")
    assert info.value.code == "conflict_decided"
    assert journal.verify(led.store) is None


def test_decisions_given_at_apply_settle_conflicts_in_the_same_transaction(
    world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    ret = _both_sides(led, ids, tmp_path, clock)
    key = next(c.key for c in preview_merge(led, ret).conflicts if c.field == "progress")
    result = apply_merge(led, ret, {key: ("theirs", None)})
    assert led.task(ids["tasks_a"][0]).progress == "书记写的进展"
    assert [c.status for c in result.conflicts if c.key == key] == ["taken"]


def test_a_step_on_a_task_signed_off_meanwhile_is_a_conflict(
    world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    t0 = ids["tasks_a"][0]
    pkg = edit_package(path, clock)
    pkg.act(t0, "start")
    pkg.close()
    led.act(t0, "set_ongoing")
    result = apply_merge(led, exchange.return_package(path, clock=clock))
    assert [c.field for c in result.open_conflicts] == ["status"]
    assert "长期坚持" in result.open_conflicts[0].reason


def test_work_team_fields_and_review_decisions_are_refused(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    t0 = ids["tasks_a"][0]
    pkg = edit_package(path, clock)
    # Community mode refuses these at the source; a package written without it (an older program) must still be
    # refused at merge time, so the guard is switched off here to write such entries.
    pkg._package_guard = lambda *a, **k: None  # type: ignore[method-assign]
    with mock.patch("ledger.service.permissions.check", lambda *a, **k: False):  # nor the role gate
        pkg.update_task(t0, deadline="2026-06-30", progress="顺便写进展")
        pkg.operator = Operator("冒充专班", Role.WORK_TEAM)
        pkg.act(t0, "start")
        pkg.act(t0, "submit", reason="完成")
        pkg.operator = Operator("冒充领导", Role.WORK_TEAM)
        pkg.act(t0, "approve", grade="好", exception="纸质存档")
    pkg.close()
    result = apply_merge(led, exchange.return_package(path, clock=clock))
    refused = {(r.command, r.field) for r in result.refused}
    assert ("update_task", "deadline") in refused and ("approve", "") in refused
    # entries written under another name than the secretary's are refused whole, each with the name it carried
    assert {r.command for r in result.refused if "冒充" in r.reason} == {"start", "submit", "approve"}
    assert led.task(t0).deadline.isoformat() == "2025-12-31" and led.task(t0).progress == "顺便写进展"
    assert led.task(t0).status.value == "not_started"


# ---- a new package after a merge -------------------------------------------------------------------------------------
def test_replacing_a_copy_with_unreturned_work_is_refused_plainly(
    world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    old = exchange.issue_package(led, "南郊别墅", tmp_path / "old")
    pkg = edit_package(old, clock)
    pkg.update_progress(ids["tasks_a"][0], "还没上报的进展")
    pkg.close()
    new = exchange.issue_package(led, "南郊别墅", tmp_path / "new")
    check = exchange.check_replace(old, new)
    assert not check.ok and "还没有上报" in check.sentence and "上报" in check.sentence
    before = old.read_bytes()
    with pytest.raises(LedgerError) as info:
        exchange.replace_package(old, new)
    assert info.value.code == "package_unreturned" and old.read_bytes() == before
    ret = exchange.return_package(old, clock=clock)
    assert (
        "尚未合并" in exchange.check_replace(old, new).sentence
        or "还没有合并" in exchange.check_replace(old, new).sentence
    )
    apply_merge(led, ret)
    newer = exchange.issue_package(led, "南郊别墅", tmp_path / "newer")
    assert exchange.check_replace(old, newer).ok
    placed = exchange.replace_package(old, newer)
    assert exchange.open_package_info(placed).package_id == exchange.open_package_info(newer).package_id
    pkg = edit_package(placed, clock)
    try:
        assert pkg.task(ids["tasks_a"][0]).progress == "还没上报的进展"
    finally:
        pkg.close()
    assert list(placed.parent.glob("*旧包*.db")), "the old copy is kept"


def test_replacing_with_the_same_package_or_another_communitys_leaves_the_copy_alone(
    world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    mine = exchange.issue_package(led, "南郊别墅", tmp_path / "mine")
    pkg = edit_package(mine, clock)
    pkg.update_progress(ids["tasks_a"][0], "书记的进展")
    pkg.close()
    before = mine.read_bytes()
    again = tmp_path / "again.db"
    again.write_bytes(before)  # the same package, received twice
    assert exchange.replace_package(mine, again) == mine and mine.read_bytes() == before
    assert not list(mine.parent.glob("*旧包*"))
    assert exchange.replace_package(mine, mine) == mine and mine.read_bytes() == before  # the same file
    other = exchange.issue_package(led, "鑫峰苑", tmp_path / "other")
    with pytest.raises(LedgerError) as info:
        exchange.replace_package(mine, other)
    assert info.value.code == "package_replace_mismatch" and "鑫峰苑" in info.value.message()
    assert mine.read_bytes() == before and not list(mine.parent.glob("*旧包*"))


def test_a_return_into_an_unusable_folder_is_refused_before_it_is_recorded(
    world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    pkg = edit_package(path, clock)
    pkg.update_progress(ids["tasks_a"][0], "要上报的进展")
    pkg.close()
    (tmp_path / "一个文件").write_text("不是文件夹", encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        exchange.return_package(path, clock=clock, out_dir=tmp_path / "一个文件" / "上报")
    assert "保存位置" in info.value.message()
    assert exchange.open_package_info(path).unreturned, (
        "not recorded as returned: the work is still to return"
    )
