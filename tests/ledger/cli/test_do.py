"""`do`'s task references: an id or its unique first 6+ characters, never a deleted task."""

from __future__ import annotations

import pytest

from ledger.core.errors import LedgerError
from ledger.signoff import resolve_id


def test_a_task_is_found_by_its_id_or_a_unique_prefix(filled):
    tid = filled.store.rows("SELECT id FROM task WHERE deleted_at IS NULL LIMIT 1")[0]["id"]
    assert resolve_id(filled, "task", tid) == tid
    assert resolve_id(filled, "task", tid[:8]) == tid


def test_a_deleted_task_is_not_found(filled):
    tid = filled.store.rows("SELECT id FROM task WHERE deleted_at IS NULL LIMIT 1")[0]["id"]
    filled.delete_task(tid)
    for ref in (tid, tid[:8]):
        with pytest.raises(LedgerError) as caught:
            resolve_id(filled, "task", ref)
        assert caught.value.code == "no_such_task"
