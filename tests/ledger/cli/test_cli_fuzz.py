"""Bounded fuzzing of the command line's arguments with hostile values (control characters, bidi overrides,
formulas, numbers out of range, dates out of range, huge text): every run ends with an exit status and, when
refused, a sentence on stderr and the ledger byte for byte as it was; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.cli.main import main
from ledger.service import Ledger
from tests.ledger.exchange.exchange_helpers import dump

HOSTILE = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "\x00",
            "\x0b",
            "\x1b[2J",
            "\u202e",
            "\u2066",
            " ",
            '=HYPERLINK("x")',
            "+1",
            "@A1",
            "-1",
            "inf",
            "nan",
            "1e309",
            "-0",
            "1900-01-01",
            "9999-12-31",
            "2025-02-30",
            "2025年13月1日",
            "０",
            "x" * 5000,
            "{}",
            "[]",
            "null",
            '""',
            "1:zz",
            "0:" + "f" * 64,
        ]
    ),  # fmt: skip
)


def templates(ledger: Path, out: Path, task: str) -> list[list[str | object]]:
    actor = ["--actor", "张专班"]
    return [
        ["do", ledger, *actor, "update_progress", "--task", task, "--text", HOSTILE],
        ["do", ledger, *actor, "update_task", "--task", task, "--deadline", HOSTILE],
        ["do", ledger, *actor, "update_task", "--task", task, "--owner", HOSTILE],
        ["do", ledger, *actor, "add_indicator", "--task", task, "--name", HOSTILE, "--target", HOSTILE],
        [
            "do",
            ledger,
            "--actor",
            "王书记",
            "--role",
            "secretary",
            "submit",
            "--task",
            task,
            "--reason",
            HOSTILE,
        ],
        ["do", ledger, "--actor", HOSTILE, "add_community", "--name", HOSTILE],
        ["do", ledger, *actor, "set_setting", "--key", HOSTILE, "--value", HOSTILE],
        ["do", ledger, *actor, "add_category", "--title", HOSTILE],
        ["stats", ledger, "--today", HOSTILE],
        ["journal", ledger, out, "--from", HOSTILE],
        ["verify", ledger, "--anchor", HOSTILE],
        ["export", ledger, out, "--community", HOSTILE],
    ]


@pytest.fixture
def closed(filled: Ledger) -> tuple[Path, str]:
    task = filled.tasks_json()[0]["id"]
    filled.close()
    return filled.path, task


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_hostile_arguments_get_a_status_and_a_sentence(
    closed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    path, task = closed
    chosen = data.draw(st.sampled_from(templates(path, tmp_path / "出.xlsx", task)))
    argv = [data.draw(part) if isinstance(part, st.SearchStrategy) else str(part) for part in chosen]
    before = dump(path)
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse's own refusal of the arguments: status 2 and its usage line
        status = int(exit_.code or 0)
    said = capsys.readouterr()
    assert "Traceback" not in said.err
    if status != 0:
        assert (said.err + said.out).strip(), f"refused without a sentence: {argv!r}"
        assert dump(path) == before, f"a refusal changed the ledger: {argv!r}"
