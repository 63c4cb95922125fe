"""Property tests: random edits on both sides; a return merges idempotently, and two communities' returns merge
to the same ledger in either order."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.core import FixedClock, LedgerError, Operator, Role
from ledger.exchange import packages as exchange
from ledger.exchange.merge import apply_merge
from ledger.service import Ledger
from ledger.storage import journal
from tests.ledger.exchange.exchange_helpers import data_dump, dump, edit_package, master

OPS = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.sampled_from(["progress", "start", "submit", "ongoing", "indicator"]),
        st.text("进展改好了一二三", min_size=1, max_size=4),
    ),
    max_size=6,
)


def _do(led: Ledger, tasks: list[str], ops: list[tuple[int, str, str]]) -> None:
    for i, op, text in ops:
        tid = tasks[i]
        try:
            if op == "progress":
                led.update_progress(tid, text)
            elif op == "start":
                led.act(tid, "start")
            elif op == "submit":
                led.act(tid, "submit", reason=text)
            elif op == "ongoing":
                led.act(tid, "set_ongoing")
            else:
                led.add_indicator(tid, f"指标{text}", "次", 3, len(text))
        except LedgerError:
            pass  # the workflow said no: the edit simply did not happen


def _round(base: Path, sec: dict[str, list], ours: list) -> tuple[Path, dict[str, Path]]:
    clock = FixedClock.on("2025-11-20")
    led, ids = master(base, clock)
    rets = {}
    pkgs = {
        key: exchange.issue_package(led, name, base / "out")
        for key, name in (("a", "南郊别墅"), ("b", "鑫峰苑"))
    }
    for key, path in pkgs.items():
        pkg = edit_package(path, clock, Operator(f"{key}书记", Role.SECRETARY))
        _do(pkg, ids[f"tasks_{key}"], sec[key])
        pkg.close()
        rets[key] = exchange.return_package(path, clock=clock)
    _do(led, ids["tasks_a"], ours)
    _do(led, ids["tasks_b"], ours)
    led.close()
    return led.path, rets


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sec_a=OPS, sec_b=OPS, ours=OPS)
def test_merging_is_idempotent_and_order_independent(sec_a, sec_b, ours) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        path, rets = _round(base, {"a": sec_a, "b": sec_b}, ours)
        ends = []
        for order in ("ab", "ba"):
            copy = base / f"{order}.db"
            shutil.copyfile(path, copy)
            led = Ledger.open(
                copy, clock=FixedClock.on("2025-11-20"), operator=Operator("张专班", Role.WORK_TEAM)
            )
            try:
                for key in order:
                    apply_merge(led, rets[key])
                before, seq = dump(copy), journal.last_seq(led.store)
                for key in order:
                    again = apply_merge(led, rets[key])
                    assert not again.written and not again.applied
                assert dump(copy) == before and journal.last_seq(led.store) == seq
                assert journal.verify(led.store) is None
            finally:
                led.close()
            ends.append(data_dump(copy))
        assert ends[0] == ends[1]
