"""`--json` on every command: the ones without a JSON of their own print what they printed and the journal entries
they wrote, in the convention of `do` (entry id, command, changes as fields and in words)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ledger.cli.test_main import TODAY, ok, refused


def test_issuing_a_package_with_json_names_its_entry_and_what_changed(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    ok("demo", path, "--today", TODAY)
    before = json.loads(ok("stats", path, "--json"))
    out = json.loads(
        ok(
            "issue-package",
            path,
            "--community",
            "南郊别墅",
            tmp_path / "包.db",
            "--actor",
            "张专班",
            "--json",
        )
    )
    assert out["command"] == "issue-package" and out["exit"] == 0
    assert out["printed"] and "已下发" in out["printed"][0]
    [entry] = out["entries"]
    assert (
        out["entry"] == entry["entry"] and entry["command"] == "issue_package" and entry["actor"] == "张专班"
    )
    assert {"what": "下发社区包", "before": "", "after": "包.db"} in entry["in_words"]
    assert out["summary"].endswith(f"〔日志 {entry['entry'][:8]}〕")
    assert json.loads(ok("stats", path, "--json")) == before  # the JSON changed nothing about the tasks


def test_a_command_that_writes_no_entry_says_so_in_json(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    ok("demo", path, "--today", TODAY)
    out = json.loads(ok("export", path, tmp_path / "台账.xlsx", "--json"))
    assert out["entries"] == [] and out["entry"] is None
    assert any("已导出整改台账" in line for line in out["printed"])
    assert (tmp_path / "台账.xlsx").is_file()


def test_a_new_ledger_with_json_lists_the_entries_that_made_it(tmp_path: Path) -> None:
    out = json.loads(ok("new", tmp_path / "空白.db", "--org", "梧桐街道", "--json", "--today", TODAY))
    assert out["entries"] and out["entries"][0]["command"] == "create_ledger"


def test_a_refusal_with_json_is_still_a_sentence_and_no_json(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    ok("demo", path, "--today", TODAY)
    ok("issue-package", path, "--community", "南郊别墅", tmp_path / "包1.db", "--actor", "张专班")
    done = refused("issue-package", path, "--community", "南郊别墅", tmp_path / "包2.db", "--json")
    assert "--replace" in done.stderr and done.stdout == ""
