"""Forged returns written with the program's own classes: each listed as refused with its reason in the preview,
nothing of it in the master's tables after apply, and ``verify`` still calls the master intact."""

from __future__ import annotations

import hashlib
from pathlib import Path
from unittest import mock

import pytest

from ledger import exchange, signoff
from ledger.core import FixedClock, LedgerError, Operator, Role
from ledger.exchange import apply_merge, preview_merge
from ledger.service import Ledger, add_person
from ledger.storage import journal, new_id
from tests.ledger.exchange.exchange_helpers import data_dump, edit_package, master

NO_GATE = mock.patch("ledger.service.permissions.check", lambda *a, **k: False)


@pytest.fixture
def world(tmp_path: Path, clock: FixedClock):
    led, ids = master(tmp_path, clock)
    add_person(led, "张专班", Role.WORK_TEAM)
    add_person(led, "陈书记", Role.LEADER)
    add_person(led, "王书记", Role.SECRETARY, "南郊别墅")
    add_person(led, "李书记", Role.SECRETARY, "鑫峰苑")
    yield led, ids
    led.close()


def _forge(led: Ledger, tmp_path: Path, clock: FixedClock, write) -> Path:
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    pkg = edit_package(path, clock)
    try:
        pkg._package_guard = lambda *a, **k: None  # type: ignore[method-assign]  # a copy of the program, edited
        with NO_GATE:
            write(pkg)
    finally:
        pkg.close()
    return exchange.return_package(path, clock=clock)


def _refused_and_untouched(led: Ledger, ret: Path, *words: str) -> list[str]:
    before = data_dump(led.path)
    preview = preview_merge(led, ret)
    reasons = [r.reason for r in preview.refused]
    for word in words:
        assert any(word in r for r in reasons), (word, reasons)
    result = apply_merge(led, ret)
    assert [r.reason for r in result.refused] == reasons
    after = data_dump(led.path)
    assert after == before
    assert journal.verify(led.store) is None
    return reasons


def _approved(tid: str) -> dict[str, object]:
    return {
        "id": new_id(),
        "task_id": tid,
        "requested_by": "王书记",
        "requested_at": "2025-11-20 10:00:00",
        "old_deadline": "2025-12-31",
        "new_deadline": "2026-06-30",
        "reason": "需要时间",
        "status": "approved",
        "decided_by": "陈书记",
        "decided_at": "2025-11-20 10:05:00",
        "decision_note": "同意",
    }


def test_an_approved_extension_is_refused(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    tid = ids["tasks_a"][0]

    def write(pkg: Ledger) -> None:
        row = _approved(tid)
        with pkg.command("request_extension", tid, {"extension": row["id"], "task": tid}) as tx:
            tx.insert("extension", row)

    reasons = _refused_and_untouched(led, _forge(led, tmp_path, clock, write), "延期申请只能带回待批的申请")
    assert len(reasons) == 1 and signoff.extensions(led, tid) == []


def test_a_deadline_written_beside_an_extension_is_listed(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    tid = ids["tasks_a"][0]

    def write(pkg: Ledger) -> None:
        row = {
            **_approved(tid),
            "status": "pending",
            "decided_by": "",
            "decided_at": None,
            "decision_note": "",
        }
        with pkg.command("request_extension", tid, {"extension": row["id"], "task": tid}) as tx:
            tx.insert("extension", row)
            tx.update("task", tid, deadline="2026-06-30")

    reasons = _refused_and_untouched(led, _forge(led, tmp_path, clock, write), "夹带在“申请延期”中的任务修改")
    assert led.task(tid).deadline.isoformat() == "2025-12-31" and reasons


def test_a_decided_extension_alone_is_refused(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    tid = ids["tasks_a"][0]

    def write(pkg: Ledger) -> None:
        xid = signoff.request_extension(pkg, tid, "2026-06-30", "需要时间")
        with pkg.command("x", tid, {}) as tx:  # then rewritten in place: the file is the secretary's
            tx.update("extension", xid, status="approved", decided_by="陈书记")

    ret = _forge(led, tmp_path, clock, write)
    pkg_entries = journal.entries(Ledger.open(ret, lock=False).store)
    assert any(e.command == "request_extension" for e in pkg_entries)
    preview = preview_merge(led, ret)
    assert any(r.command == "x" for r in preview.refused)  # an unknown command is listed too


def test_a_review_row_hidden_in_an_evidence_entry_is_listed(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    tid = ids["tasks_a"][0]

    def write(pkg: Ledger) -> None:
        data = b"photo"
        sha = hashlib.sha256(data).hexdigest()
        with pkg.command("attach_evidence", tid, {"task": tid}) as tx:
            tx.conn.execute("INSERT INTO blob (sha256, data, size) VALUES (?, ?, ?)", (sha, data, len(data)))
            tx.insert(
                "evidence",
                {
                    "id": new_id(),
                    "task_id": tid,
                    "sha256": sha,
                    "file_name": "照片.jpg",
                    "mime": "image/jpeg",
                    "size": len(data),
                    "added_by": "王书记",
                    "added_at": "2025-11-20 10:00:00",
                    "removed_at": None,
                },
            )
            tx.insert(
                "review",
                {
                    "id": new_id(),
                    "task_id": tid,
                    "round": 1,
                    "level": 1,
                    "level_name": "初审",
                    "reviewer": "张专班",
                    "role": "work_team",
                    "decision": "approve",
                    "grade": "好",
                    "opinion": "",
                    "exception": "",
                    "at": "2025-11-20 10:00:00",
                },
            )
            tx.update("task", tid, status="closed")

    reasons = _refused_and_untouched(led, _forge(led, tmp_path, clock, write), "审核记录新增", "任务修改")
    assert all("夹带在“添加佐证材料”中" in r for r in reasons)
    assert signoff.evidence(led, tid) == []


def test_evidence_without_its_bytes_is_refused_and_verify_stays_quiet(
    world, tmp_path: Path, clock: FixedClock
) -> None:
    led, ids = world
    tid = ids["tasks_a"][0]

    def write(pkg: Ledger) -> None:
        sha = hashlib.sha256(b"never sent").hexdigest()
        with pkg.command("attach_evidence", tid, {"task": tid}) as tx:
            tx.conn.execute("INSERT INTO blob (sha256, data, size) VALUES (?, X'', 0)", (sha,))
            tx.insert(
                "evidence",
                {
                    "id": new_id(),
                    "task_id": tid,
                    "sha256": sha,
                    "file_name": "空文件.jpg",
                    "mime": "image/jpeg",
                    "size": 10,
                    "added_by": "王书记",
                    "added_at": "2025-11-20 10:00:00",
                    "removed_at": None,
                },
            )

    ret = _forge(led, tmp_path, clock, write)
    before = data_dump(led.path)
    for run in (preview_merge, apply_merge):  # the file's own check finds the missing bytes: refused whole
        with pytest.raises(LedgerError) as info:
            run(led, ret)
        assert info.value.code == "package_tampered" and "空文件.jpg" in info.value.message()
    assert data_dump(led.path) == before and journal.verify(led.store) is None


def test_an_entry_under_another_name_is_refused(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    tid = ids["tasks_a"][0]

    def write(pkg: Ledger) -> None:
        pkg.operator = Operator("陈书记", Role.LEADER)
        pkg.update_progress(tid, "领导名义写的进展")

    reasons = _refused_and_untouched(led, _forge(led, tmp_path, clock, write), "不是本包下发给的居民区书记")
    assert "陈书记" in reasons[0] and "王书记" in reasons[0]


def test_rows_outside_the_secretarys_rights_are_refused(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    tid = ids["tasks_a"][0]

    def write(pkg: Ledger) -> None:
        pkg.update_task(tid, owner="书记改的责任人", deadline="2026-06-30")
        pkg.set_setting("due_soon_days", 1)

    _refused_and_untouched(led, _forge(led, tmp_path, clock, write), "由工作专班负责")
    assert led.task(tid).owner == "责任人0"


def test_an_honest_return_still_merges(world, tmp_path: Path, clock: FixedClock) -> None:
    led, ids = world
    tid = ids["tasks_a"][0]
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    pkg = edit_package(path, clock)
    pkg.update_progress(tid, "书记写的进展")
    signoff.attach_evidence(pkg, tid, data=b"photo", file_name="照片.jpg")
    signoff.request_extension(pkg, tid, "2026-03-31", "冬季施工")
    pkg.close()
    result = apply_merge(led, exchange.return_package(path, clock=clock))
    assert result.refused == []
    assert led.task(tid).progress == "书记写的进展" and len(signoff.evidence(led, tid)) == 1
    (x,) = signoff.extensions(led, tid)
    assert (x.status, x.requested_by) == ("pending", "王书记")
    assert journal.verify(led.store) is None
