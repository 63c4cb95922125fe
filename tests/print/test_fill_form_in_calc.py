"""The 填报表 as a secretary handles it in LibreOffice Calc (driven through UNO by Debian's python3-uno): typed
into, sorted by 责任人 and by 整改时限 through the filter range, filtered, saved as .xlsx again, then imported:
every typed cell applied, nothing refused, whatever order the rows came back in."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ledger.office import fill_form
from ledger.service import Ledger
from tests.print.conftest import TODAY, cli

UNO_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).with_name("uno_calc.py")


def _has_uno() -> bool:
    if not Path(UNO_PYTHON).exists():
        return False
    return subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def calc(demo: Path) -> None:
    if not _has_uno():
        import os

        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("python3-uno is not installed, and CI must prove the 填报表 in LibreOffice")
        pytest.skip("python3-uno is not installed")


def test_a_form_sorted_and_filtered_in_calc_imports_every_typed_cell(
    calc: None, demo: Path, tmp_path: Path
) -> None:
    db = tmp_path / "台账.db"
    shutil.copy(demo, db)
    form = tmp_path / "鑫峰苑填报表.xlsx"
    cli("fill-form", str(db), str(form), "--community", "鑫峰苑")
    saved = tmp_path / "鑫峰苑填报表（已填）.xlsx"
    done = subprocess.run(
        [UNO_PYTHON, str(SCRIPT), str(form), str(saved), str(tmp_path / "lo-profile")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["protected"], "the secretary receives a protected sheet"
    assert report["sorted"] == [True, True], "Calc must sort the protected sheet through its filter range"
    assert report["hidden"] > 0, "the filter hid the 已销号 rows"
    typed = report["typed"]
    want = sum(len(v) for v in typed.values())

    from ledger.core import FixedClock

    led = Ledger.open(db, clock=FixedClock.on(TODAY))
    try:
        result = fill_form.apply_fill_form(led, saved)
        assert not result.refused, [i.reason for i in result.refused][:3]
        assert not result.conflicts, [i.reason for i in result.conflicts][:3]
        assert len(result.applied) == want
        assert result.written
        progress = {
            t["progress"] for t in led.store.rows("SELECT progress FROM task WHERE progress LIKE 'LO填写%'")
        }
        assert progress == {v["progress"] for v in typed.values()}
    finally:
        led.close()
