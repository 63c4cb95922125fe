"""ledger.service's face gives ``Changed`` on first use (PEP 562): opening a ledger and reading its first screen, as
the window does before its first paint, imports neither it nor ledger.service.tx; the first command does."""

from __future__ import annotations

from pathlib import Path

from ledger.service import Ledger
from tests.helpers import python_prints


def test_the_first_command_imports_what_a_command_writes_and_tells(tmp_path: Path) -> None:
    Ledger.create(tmp_path / "l.db").close()
    code = (
        "import sys; from ledger.service import Ledger; "
        f"led = Ledger.open({str(tmp_path / 'l.db')!r}); "
        "led.task_rowids(limit=10); led.stats(); led.communities(); "
        "before = 'ledger.service.tx' in sys.modules; "
        "heard = []; led.subscribe(heard.append); "
        "led.set_setting('due_soon_days', 5); "
        "from ledger.service import Changed; from ledger.service.tx import Changed as home; "
        "assert Changed is home and [type(c) for c in heard] == [Changed], heard; "
        "assert heard[0].settings == {'due_soon_days'}, heard; "
        "print(before)"
    )
    assert python_prints(code) == "False"
