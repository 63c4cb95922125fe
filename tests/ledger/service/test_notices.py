"""Change notices and who writes: acting_as, batch (one notice per operation), Changed's union and flags."""

from __future__ import annotations

import pytest

from ledger.board import scheme as board_scheme
from ledger.core.errors import LedgerError
from ledger.core.model import Operator, Role
from ledger.service import Changed, Ledger


def _first_task(led: Ledger) -> str:
    return str(led.tasks_json()[0]["id"])


def test_acting_as_journals_the_operator_and_origin_and_restores_them(filled: Ledger) -> None:
    tid = _first_task(filled)
    before = (filled.operator, filled.origin)
    with filled.acting_as(Operator("王书记", Role.SECRETARY), "填报表:x.xlsx"):
        filled.update_progress(tid, "书记写的")
    assert (filled.operator, filled.origin) == before
    last = filled.history(tid)[-1]
    assert (last.actor, last.role, last.origin) == ("王书记", "secretary", "填报表:x.xlsx")


def test_acting_as_restores_on_exception_and_keeps_what_is_not_given(filled: Ledger) -> None:
    before = (filled.operator, filled.origin)
    with pytest.raises(LedgerError), filled.acting_as(origin="导入台账:y.xlsx"):
        assert filled.operator == before[0] and filled.origin == "导入台账:y.xlsx"
        filled.update_task(_first_task(filled), owner="")
    assert (filled.operator, filled.origin) == before


def test_a_batch_sends_one_notice_with_the_union_after_it_ends(filled: Ledger) -> None:
    heard: list[Changed] = []
    filled.subscribe(heard.append)
    t1, t2 = (t["id"] for t in filled.tasks_json()[:2])
    view = object()
    with filled.batch("bulk_edit", source=view):
        first = filled.update_progress(t1, "一")
        with filled.batch("inner"):  # a nested batch joins the outer one
            filled.update_task(t2, owner="新责任人")
            filled.set_setting("due_soon_days", 3)
        assert heard == []
    assert len(heard) == 1
    (changed,) = heard
    assert changed.command == "bulk_edit" and changed.source is view
    assert changed.task_ids == {t1, t2}
    assert changed.tables == {"task", "setting"} and {"progress", "owner"} <= changed.fields
    assert changed.settings == {"due_soon_days"}
    assert len(changed.entry_ids) == 3 and changed.entry_ids[0] == first
    assert changed.entry_id == changed.entry_ids[-1]


def test_a_batch_that_fails_inside_a_transaction_sends_nothing(filled: Ledger) -> None:
    heard: list[Changed] = []
    filled.subscribe(heard.append)
    tid = _first_task(filled)
    before = filled.task(tid).progress
    with pytest.raises(RuntimeError), filled.batch("bulk"), filled.store.db.atomic():
        filled.update_progress(tid, "一")
        raise RuntimeError("stop")
    assert heard == [] and filled.task(tid).progress == before, "rolled back, and nobody told of it"
    filled.update_progress(tid, "二")
    assert len(heard) == 1, "the failed batch left nothing held"


def test_a_batch_that_fails_after_a_committed_command_tells_of_what_stayed_written(filled: Ledger) -> None:
    """Views must hear of a change that is in the ledger, even when the operation around it failed later."""
    heard: list[Changed] = []
    filled.subscribe(heard.append)
    t1, t2 = (t["id"] for t in filled.tasks_json()[:2])
    view = object()
    with pytest.raises(LedgerError), filled.batch("bulk", source=view):
        filled.update_progress(t1, "一")
        filled.update_task(t2, owner="")  # refused: an owner is required
    assert filled.task(t1).progress == "一"
    assert len(heard) == 1
    assert heard[0].task_ids == {t1} and heard[0].command == "bulk" and heard[0].source is view


def test_changed_union_keeps_the_first_name_and_every_entry() -> None:
    a = Changed("merge_package", "e1", frozenset({"t1"}), frozenset({"task"}), frozenset({"progress"}))
    b = Changed(
        "act", "e2", frozenset({"t2"}), frozenset({"review"}), frozenset({"*"}), frozenset({"review"})
    )
    u = a | b
    assert u == a.merge(b)
    assert (u.command, u.entry_id, u.entry_ids) == ("merge_package", "e2", ("e1", "e2"))
    assert (
        u.task_ids == {"t1", "t2"}
        and u.tables == {"task", "review"}
        and u.rows_added_or_removed == {"review"}
    )


def _notice(led: Ledger, action) -> Changed:
    heard: list[Changed] = []
    led.subscribe(heard.append)
    action()
    led.unsubscribe(heard.append)
    assert len(heard) == 1
    return heard[0]


def test_flags_of_a_board_colour_change_concern_the_board_only(filled: Ledger) -> None:
    preset = next(p for k, p in board_scheme.PRESETS.items() if p != board_scheme.load_scheme(filled))
    c = _notice(filled, lambda: board_scheme.save_scheme(filled, preset))
    assert c.affects_board and c.affects_settings
    assert not (c.affects_structure or c.affects_task_list or c.affects_table or c.affects_signoff)


def test_flags_of_task_edits_and_additions(filled: Ledger) -> None:
    tid = _first_task(filled)
    edit = _notice(filled, lambda: filled.update_progress(tid, "新进展"))
    assert edit.affects_table and edit.affects_board and not edit.affects_task_list
    task = filled.task(tid)
    added = _notice(filled, lambda: filled.add_task(task.problem_id, task.community_id, "新措施"))
    assert added.affects_task_list and not added.affects_structure
    deleted = _notice(filled, lambda: filled.delete_task(tid))
    assert deleted.affects_task_list
    renamed = _notice(filled, lambda: filled.update_community(task.community_id, name="新名字"))
    assert renamed.affects_structure and renamed.affects_task_list and renamed.affects_packages
    chain = _notice(filled, lambda: filled.set_setting("org_name", "别的单位"))
    assert chain.affects_table and chain.affects_board and chain.affects_signoff
