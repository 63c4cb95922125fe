"""A package merge tells the views once: one notice with the union of what its entries touched."""

from __future__ import annotations

from pathlib import Path

from ledger.core.clock import FixedClock
from ledger.exchange import packages as exchange
from ledger.exchange.merge import apply_merge, preview_merge
from ledger.service import Changed
from tests.ledger.exchange.exchange_helpers import edit_package, master


def test_a_merge_of_many_entries_notifies_once_with_the_union(tmp_path: Path, clock: FixedClock) -> None:
    led, ids = master(tmp_path, clock)
    t0, t1, t2 = ids["tasks_a"]
    path = exchange.issue_package(led, "南郊别墅", tmp_path / "out")
    pkg = edit_package(path, clock)
    pkg.update_progress(t0, "进展一")
    pkg.update_progress(t1, "进展二")
    pkg.act(t1, "start")
    pkg.add_indicator(t2, "培训", "次", 3, 1)
    pkg.close()
    ret = exchange.return_package(path, clock=clock)
    heard: list[Changed] = []
    led.subscribe(heard.append)
    preview_merge(led, ret)
    assert heard == [], "a preview writes nothing and tells nobody"
    result = apply_merge(led, ret)
    assert len(result.applied) >= 4
    assert len(heard) == 1
    (changed,) = heard
    assert changed.command == "merge_package"
    assert changed.task_ids >= {t0, t1, t2}
    assert {"task", "indicator", "package_merge", "merged_entry"} <= changed.tables
    assert len(changed.entry_ids) >= 5, "every replayed entry and the merge record"
    assert changed.affects_table and changed.affects_board and changed.affects_packages
    last = led.history(t0)[-1]
    assert last.actor == "王书记" and last.origin == f"上报包:{ret.name}"
    assert led.operator.name == "张专班" and led.origin == "本机"
    led.close()
