"""The cheating user of the issue, from the command line: a register, --actor checked against it, --role no longer
silently 工作专班, and signatures read from --password-file or LEDGER_PASSWORD."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.core import Action
from ledger.service import Ledger
from ledger.storage import journal
from tests.helpers import do_in_process

do = do_in_process


@pytest.fixture
def ledger_path(filled: Ledger) -> Path:
    path = filled.path
    filled.close()
    return path


def _register(capsys, path: Path) -> None:
    for name, role, community in (
        ("张专班", "工作专班", None),
        ("陈书记", "领导", None),
        ("刘副书记", "领导", None),
        ("王书记", "居民区书记", "南郊别墅"),
    ):
        extra = ["--community", community] if community else []
        code, text = do(
            capsys, path, "--actor", "张专班", "add_person", "--name", name, "--person-role", role, *extra
        )
        assert code == 0, text


def _task(path: Path, owner: str) -> str:
    led = Ledger.open(path, lock=False)
    try:
        return str(led.store.one("SELECT id FROM task WHERE owner = ?", (owner,)))
    finally:
        led.close()


def test_without_a_register_leaving_out_role_is_the_work_team_as_before(capsys, ledger_path: Path) -> None:
    code, _ = do(capsys, ledger_path, "--actor", "张三", "add_category", "--title", "关于新方面的整改")
    assert code == 0


def test_with_a_register_the_actor_must_be_in_it_and_the_role_is_the_registers(
    capsys, ledger_path: Path
) -> None:
    _register(capsys, ledger_path)
    before = ledger_path.read_bytes()
    code, text = do(capsys, ledger_path, "--actor", "张三", "add_category", "--title", "冒名添加")
    assert code == 1 and "“张三”不在本台账的人员名册中" in text
    # 王书记 leaves out --role: the register says secretary, so the work team's command is refused
    tid = _task(ledger_path, "赵一")
    code, text = do(
        capsys, ledger_path, "--actor", "王书记", "update_task", "--task", tid, "--deadline", "2026-06-30"
    )
    assert code == 1 and "需要工作专班身份" in text and "居民区书记" in text
    # claiming another role does not help
    code, text = do(
        capsys,
        ledger_path,
        "--actor",
        "王书记",
        "--role",
        "work_team",
        "update_task",
        "--task",
        tid,
        "--owner",
        "x",
    )
    assert code == 1 and "不在本台账的人员名册中" in text
    assert ledger_path.read_bytes() == before


def test_a_signature_needs_the_signers_password(
    capsys, ledger_path: Path, tmp_path: Path, monkeypatch
) -> None:
    _register(capsys, ledger_path)
    secret = tmp_path / "pw.txt"
    secret.write_text("陈书记的密码\n", encoding="utf-8")
    code, text = do(
        capsys, ledger_path, "--actor", "陈书记", "set_password", "--new-password-file", str(secret)
    )
    assert code == 0, text
    led = Ledger.open(ledger_path)
    led.operator = led.operator.of("王书记", "secretary")
    tid = _task(ledger_path, "赵一")
    led.act(tid, Action.START)
    led.act(tid, Action.SUBMIT, reason="完成")
    led.operator = led.operator.of("张专班", "work_team")
    led.act(tid, Action.APPROVE, grade="好", exception="材料为纸质存档")
    led.close()
    code, text = do(capsys, ledger_path, "--actor", "陈书记", "approve", "--task", tid)
    assert code == 1 and "需要“陈书记”输入本人的签字密码确认" in text
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("猜的密码", encoding="utf-8")
    code, text = do(
        capsys, ledger_path, "--actor", "陈书记", "approve", "--task", tid, "--password-file", str(wrong)
    )
    assert code == 1 and "签字密码不对" in text
    monkeypatch.setenv("LEDGER_PASSWORD", "陈书记的密码")
    code, text = do(capsys, ledger_path, "--actor", "陈书记", "approve", "--task", tid)
    assert code == 0, text
    led = Ledger.open(ledger_path, lock=False)
    try:
        last = journal.entries(led.store)[-1]
        assert last.command == "approve" and last.args.get("signed") is True
        from ledger.audit.history import history_rows
        from ledger.signoff import reviews

        assert "陈书记（已签字确认）" in {row[1] for row in history_rows([last])}
        assert reviews(led, tid)[-1].signed
        stored = led.setting("people_passwords")
        assert "陈书记的密码" not in str(stored) and stored["陈书记"]["kdf"] == "scrypt"
    finally:
        led.close()
