"""佐证材料: attach, deduplicate, refuse bad files with the ledger untouched, remove and release, the zip."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ledger import signoff
from ledger.core import Action, LedgerError, Operator, Role, Status
from ledger.service import Ledger
from ledger.storage import ExportCancelled, journal
from tests.helpers import refuse

SEC = Operator("王书记", Role.SECRETARY)
WT = Operator("张专班", Role.WORK_TEAM)
L1 = Operator("刘副书记", Role.LEADER)
L2 = Operator("陈书记", Role.LEADER)
TABLES = ("setting", "task", "review", "evidence", "blob", "extension", "recheck", "recheck_item")


def ids(led: Ledger) -> list[str]:
    return [t["id"] for t in led.tasks_json()]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def sign_off(led: Ledger, tid: str) -> None:
    """The whole chain: start, submit, 初审, 复核, 终审."""
    led.operator = SEC
    if led.task(tid).status in (Status.NOT_STARTED, Status.RETURNED, Status.REOPENED):
        led.act(tid, Action.START)
    led.act(tid, Action.SUBMIT, reason="已完成整改")
    for op in (WT, L1, L2):
        led.operator = op
        led.act(tid, Action.APPROVE, grade="好")
    led.operator = WT


# ---- attach ------------------------------------------------------------------------------------------------------
def test_attach_a_file_and_read_it_back(filled: Ledger, tmp_path: Path) -> None:
    tid = ids(filled)[0]
    photo = write(tmp_path / "整改前后对比.jpg", b"\xff\xd8\xff\xe0" + os.urandom(3000))
    before = journal.last_seq(filled.store)
    eid = signoff.attach_evidence(filled, tid, photo)
    assert signoff.evidence_bytes(filled, eid) == photo.read_bytes()
    (row,) = signoff.evidence(filled, tid)
    assert (row.id, row.task_id, row.file_name, row.mime, row.size) == (
        eid,
        tid,
        "整改前后对比.jpg",
        "image/jpeg",
        photo.stat().st_size,
    )
    assert row.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert (row.added_by, row.added_at, row.removed_at, row.available) == (
        "张专班",
        "2025-11-20 09:00:00",
        None,
        True,
    )
    (entry,) = journal.entries(filled.store, since_seq=before)
    assert (entry.command, entry.task_id) == ("attach_evidence", tid)
    inserted = [c for c in entry.changes if c.op == "insert"]
    assert [c.table for c in inserted] == ["evidence"]  # the bytes are not in the journal
    assert "data" not in (inserted[0].row or {})
    assert entry.args["sha256"] == row.sha256 and entry.args["new_blob"] is True
    assert journal.verify(filled.store) is None


@pytest.mark.parametrize(
    "name,mime",
    [
        ("会议纪要.docx", "wordprocessingml"),
        ("台账.xlsx", "spreadsheetml"),
        ("扫描件.PDF", "application/pdf"),
        ("签到表.png", "image/png"),
        ("说明.unknownext", "application/octet-stream"),
    ],
)
def test_attach_bytes_with_a_name_guesses_the_type(filled: Ledger, name: str, mime: str) -> None:
    eid = signoff.attach_evidence(filled, ids(filled)[0], data=b"content of " + name.encode(), file_name=name)
    row = signoff.evidence_row(filled, eid)
    assert mime in row.mime and row.file_name == name


def test_a_name_with_folders_keeps_only_the_file_name(filled: Ledger) -> None:
    eid = signoff.attach_evidence(filled, ids(filled)[0], data=b"x", file_name=r"C:\扫描\2025\签到表.pdf")
    assert signoff.evidence_row(filled, eid).file_name == "签到表.pdf"


def test_the_same_file_on_two_tasks_is_stored_once(filled: Ledger, tmp_path: Path) -> None:
    t0, t1 = ids(filled)[:2]
    doc = write(tmp_path / "通知.pdf", b"%PDF-1.7 " + os.urandom(500))
    e0 = signoff.attach_evidence(filled, t0, doc)
    e1 = signoff.attach_evidence(filled, t1, doc, file_name="转发通知.pdf")
    assert filled.store.one("SELECT COUNT(*) FROM blob") == 1
    assert signoff.evidence_row(filled, e0).sha256 == signoff.evidence_row(filled, e1).sha256
    assert signoff.evidence_bytes(filled, e1) == doc.read_bytes()
    assert journal.entries(filled.store)[-1].args["new_blob"] is False
    assert journal.verify(filled.store) is None


def test_the_same_file_twice_on_one_task_is_refused(filled: Ledger, tmp_path: Path) -> None:
    tid = ids(filled)[0]
    doc = write(tmp_path / "纪要.docx", b"PK" + os.urandom(100))
    signoff.attach_evidence(filled, tid, doc)
    msg = refuse(filled, "evidence_duplicate", signoff.attach_evidence, filled, tid, doc)
    assert "纪要.docx" in msg and "已经" in msg
    copy = write(tmp_path / "纪要-副本.docx", doc.read_bytes())
    refuse(filled, "evidence_duplicate", signoff.attach_evidence, filled, tid, copy)


def test_an_empty_file_is_refused(filled: Ledger, tmp_path: Path) -> None:
    tid = ids(filled)[0]
    empty = write(tmp_path / "空白扫描.pdf", b"")
    msg = refuse(filled, "evidence_empty", signoff.attach_evidence, filled, tid, empty)
    assert "空白扫描.pdf" in msg and "空的" in msg
    refuse(filled, "evidence_empty", signoff.attach_evidence, filled, tid, data=b"", file_name="a.jpg")


def test_a_file_over_the_size_limit_is_refused(filled: Ledger, tmp_path: Path) -> None:
    tid = ids(filled)[0]
    filled.set_setting("evidence_max_mb", 0.001)  # 1048 bytes
    big = write(tmp_path / "高清照片.jpg", os.urandom(5000))
    msg = refuse(filled, "evidence_too_big", signoff.attach_evidence, filled, tid, big)
    assert "高清照片.jpg" in msg and "4.9 KB" in msg and "1.0 KB" in msg and "上限" in msg
    refuse(
        filled,
        "evidence_too_big",
        signoff.attach_evidence,
        filled,
        tid,
        data=os.urandom(2000),
        file_name="b.png",
    )
    small = write(tmp_path / "小图.png", os.urandom(1000))
    signoff.attach_evidence(filled, tid, small)  # under the limit: fine


def test_the_default_limit_is_fifty_megabytes(filled: Ledger) -> None:
    from ledger.signoff import max_bytes

    assert max_bytes(filled) == 50 * 1024 * 1024
    filled.set_setting("evidence_max_mb", "很大")
    refuse(
        filled, "bad_setting", signoff.attach_evidence, filled, ids(filled)[0], data=b"x", file_name="a.txt"
    )


def test_a_missing_or_unreadable_path_is_refused(filled: Ledger, tmp_path: Path) -> None:
    tid = ids(filled)[0]
    msg = refuse(filled, "evidence_missing", signoff.attach_evidence, filled, tid, tmp_path / "不存在.jpg")
    assert "不存在.jpg" in msg and "找不到" in msg
    folder = tmp_path / "一个文件夹"
    folder.mkdir()
    msg = refuse(filled, "evidence_unreadable", signoff.attach_evidence, filled, tid, folder)
    assert "文件夹" in msg


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_is_refused(filled: Ledger, tmp_path: Path) -> None:
    locked = write(tmp_path / "锁定.pdf", b"secret")
    locked.chmod(0)
    try:
        msg = refuse(filled, "evidence_unreadable", signoff.attach_evidence, filled, ids(filled)[0], locked)
        assert "权限" in msg
    finally:
        locked.chmod(0o644)


def test_a_file_locked_by_another_program_is_refused(
    filled: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path / "正在编辑.docx", b"PK locked")
    real_open = Path.open

    def fake_open(self: Path, *args: Any, **kw: Any) -> Any:
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kw)

    monkeypatch.setattr(Path, "open", fake_open)
    msg = refuse(filled, "evidence_unreadable", signoff.attach_evidence, filled, ids(filled)[0], locked)
    assert "正在编辑.docx" in msg and "占用" in msg


def test_attach_needs_a_live_task_and_one_source(filled: Ledger, tmp_path: Path) -> None:
    tid = ids(filled)[0]
    refuse(
        filled, "no_such_task", signoff.attach_evidence, filled, "no-such-task", data=b"x", file_name="a.jpg"
    )
    refuse(filled, "bad_value", signoff.attach_evidence, filled, tid)
    refuse(filled, "empty_field", signoff.attach_evidence, filled, tid, data=b"x")
    filled.delete_task(tid)
    refuse(filled, "no_such_task", signoff.attach_evidence, filled, tid, data=b"x", file_name="a.jpg")


# ---- remove --------------------------------------------------------------------------------------------------------
def test_removal_is_journalled_and_bytes_stay_while_another_task_has_them(filled: Ledger) -> None:
    t0, t1 = ids(filled)[:2]
    data = b"%PDF " + os.urandom(200)
    e0 = signoff.attach_evidence(filled, t0, data=data, file_name="通知.pdf")
    e1 = signoff.attach_evidence(filled, t1, data=data, file_name="通知.pdf")
    before = journal.last_seq(filled.store)
    assert signoff.remove_evidence(filled, e0) is False
    (entry,) = journal.entries(filled.store, since_seq=before)
    assert entry.command == "remove_evidence" and entry.args["released_blob"] is False
    assert any(c.table == "evidence" and c.field == "removed_at" for c in entry.changes)
    assert signoff.evidence(filled, t0) == []
    assert [r.id for r in signoff.evidence(filled, t0, include_removed=True)] == [e0]
    assert signoff.evidence_bytes(filled, e1) == data
    assert signoff.evidence_bytes(filled, e0) == data  # still there: t1 has the same file
    assert journal.verify(filled.store) is None

    assert signoff.remove_evidence(filled, e1) is True
    assert journal.entries(filled.store)[-1].args["released_blob"] is True
    assert filled.store.one("SELECT length(data) FROM blob") == 0
    with pytest.raises(LedgerError) as info:
        signoff.evidence_bytes(filled, e1)
    assert info.value.code == "evidence_released"
    assert signoff.evidence_row(filled, e1).available is False
    assert journal.verify(filled.store) is None

    e2 = signoff.attach_evidence(
        filled, t0, data=data, file_name="通知（重新上传）.pdf"
    )  # the bytes come back
    assert signoff.evidence_bytes(filled, e2) == data and signoff.evidence_bytes(filled, e0) == data
    assert journal.verify(filled.store) is None


def test_remove_twice_or_unknown_is_refused(filled: Ledger) -> None:
    eid = signoff.attach_evidence(filled, ids(filled)[0], data=b"abc", file_name="a.jpg")
    signoff.remove_evidence(filled, eid)
    refuse(filled, "evidence_removed", signoff.remove_evidence, filled, eid)
    refuse(filled, "no_such_evidence", signoff.remove_evidence, filled, "no-such-evidence")


def test_a_signed_off_tasks_evidence_cannot_be_removed(filled: Ledger) -> None:
    tid = ids(filled)[0]
    eid = signoff.attach_evidence(filled, tid, data=b"photo", file_name="现场.jpg")
    sign_off(filled, tid)
    assert filled.task(tid).status == Status.CLOSED
    msg = refuse(filled, "evidence_locked", signoff.remove_evidence, filled, eid)
    assert "重启" in msg


def test_the_first_approval_checks_the_evidence_and_the_others_confirm(filled: Ledger) -> None:
    tid = ids(filled)[0]
    filled.operator = SEC
    filled.act(tid, Action.START)
    filled.act(tid, Action.SUBMIT, reason="已完成")
    filled.operator = WT
    with pytest.raises(LedgerError) as info:  # no evidence yet: 初审 refuses without an exception reason
        filled.act(tid, Action.APPROVE, grade="好")
    assert "初审" in info.value.message() and "佐证材料" in info.value.message()
    filled.operator = SEC
    signoff.attach_evidence(filled, tid, data=b"sign-in sheet", file_name="签到表.jpg")
    for op in (WT, L1):
        filled.operator = op
        filled.act(tid, Action.APPROVE, grade="好")
    filled.operator = L2
    assert filled.act(tid, Action.APPROVE, grade="好").status == Status.CLOSED
    assert journal.verify(filled.store) is None


def test_save_a_copy_to_a_file_or_a_folder(filled: Ledger, tmp_path: Path) -> None:
    data = os.urandom(1234)
    eid = signoff.attach_evidence(filled, ids(filled)[0], data=data, file_name="照片:1?.jpg")
    out = signoff.save_evidence_copy(filled, eid, tmp_path / "副本.jpg")
    assert out.read_bytes() == data
    folder = tmp_path / "另存"
    folder.mkdir()
    out2 = signoff.save_evidence_copy(filled, eid, folder)
    assert out2.parent == folder and out2.name == "照片1.jpg" and out2.read_bytes() == data
    assert sorted(p.name for p in folder.iterdir()) == ["照片1.jpg"]  # no temporary file left
    with pytest.raises(LedgerError) as info:
        signoff.save_evidence_copy(filled, eid, tmp_path / "没有这个文件夹" / "a.jpg")
    assert info.value.code == "bad_value" and "不存在" in info.value.message()


# ---- the zip ------------------------------------------------------------------------------------------------------
def _zip(path: Path) -> tuple[list[str], list[dict[str, str]], zipfile.ZipFile]:
    zf = zipfile.ZipFile(path)
    raw = zf.read("目录.csv")
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    return zf.namelist(), rows, zf


def test_zip_is_arranged_community_problem_task_with_a_contents_list(filled: Ledger, tmp_path: Path) -> None:
    tasks = {(t["community"], t["measure"]): t["id"] for t in filled.tasks_json()}
    a = tasks[("南郊别墅", "强化宣传培训")]
    b = tasks[("鑫峰苑", "强化宣传培训")]
    c = tasks[("南郊别墅", "开展专项整治")]
    shared = os.urandom(300)
    signoff.attach_evidence(filled, a, data=shared, file_name="培训签到表.jpg")
    signoff.attach_evidence(filled, a, data=b"minutes", file_name="会议纪要.docx")
    signoff.attach_evidence(filled, b, data=shared, file_name="培训签到表.jpg")
    signoff.attach_evidence(filled, c, data=b"photo 1", file_name="现场.jpg")
    signoff.attach_evidence(filled, c, data=b"photo 2", file_name="现场.jpg")  # same name, other file
    gone = signoff.attach_evidence(filled, c, data=b"removed", file_name="作废.jpg")
    signoff.remove_evidence(filled, gone)
    seen: list[tuple[int, int]] = []
    out = signoff.export_evidence_zip(
        filled, tmp_path / "佐证材料", progress=lambda d, t: seen.append((d, t))
    )
    assert out == tmp_path / "佐证材料.zip"
    names, rows, zf = _zip(out)
    assert names == [
        "南郊别墅/01 针对治理效能不足的问题/01 强化宣传培训/培训签到表.jpg",
        "南郊别墅/01 针对治理效能不足的问题/01 强化宣传培训/会议纪要.docx",
        "南郊别墅/02 针对安全隐患的问题/01 开展专项整治/现场.jpg",
        "南郊别墅/02 针对安全隐患的问题/01 开展专项整治/现场 (2).jpg",
        "鑫峰苑/01 针对治理效能不足的问题/01 强化宣传培训/培训签到表.jpg",
        "目录.csv",
    ]
    assert zf.read(names[0]) == shared and zf.read(names[3]) == b"photo 2"
    assert [r["压缩包内位置"] for r in rows] == names[:-1]
    first = rows[0]
    assert (first["居民区"], first["反馈问题"], first["整改措施"], first["文件名"]) == (
        "南郊别墅",
        "针对治理效能不足的问题",
        "强化宣传培训",
        "培训签到表.jpg",
    )
    assert first["大小（字节）"] == "300" and first["SHA-256"] == hashlib.sha256(shared).hexdigest()
    assert (first["添加人"], first["添加时间"]) == ("张专班", "2025-11-20 09:00:00")
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]


def test_zip_of_one_task_or_one_community(filled: Ledger, tmp_path: Path) -> None:
    tasks = {(t["community"], t["measure"]): t["id"] for t in filled.tasks_json()}
    a = tasks[("南郊别墅", "强化宣传培训")]
    b = tasks[("鑫峰苑", "强化宣传培训")]
    signoff.attach_evidence(filled, a, data=b"a", file_name="a.jpg")
    signoff.attach_evidence(filled, b, data=b"b", file_name="b.jpg")
    names, rows, _ = _zip(signoff.export_evidence_zip(filled, tmp_path / "一项.zip", task_id=b))
    assert names == ["鑫峰苑/01 针对治理效能不足的问题/01 强化宣传培训/b.jpg", "目录.csv"] and len(rows) == 1
    names, _, _ = _zip(signoff.export_evidence_zip(filled, tmp_path / "南郊.zip", community="南郊别墅"))
    assert names == ["南郊别墅/01 针对治理效能不足的问题/01 强化宣传培训/a.jpg", "目录.csv"]
    cid = filled.community_id("鑫峰苑")
    names, _, _ = _zip(signoff.export_evidence_zip(filled, tmp_path / "鑫峰.zip", community=cid))
    assert names[0].startswith("鑫峰苑/")
    with pytest.raises(LedgerError) as info:
        signoff.export_evidence_zip(filled, tmp_path / "x.zip", task_id=a, community="南郊别墅")
    assert info.value.code == "bad_value"


def test_zip_names_are_safe_on_windows(filled: Ledger, tmp_path: Path) -> None:
    prob = filled.problems()[0]["id"]
    com = filled.community_id("南郊别墅")
    long_measure = "建立<台账>:每周/每月|报送?*“制度”" + "并长期坚持" * 20
    tid = filled.add_task(prob, com, long_measure, owner="赵一")
    filled.add_task(prob, com, "CON", owner="赵一")
    signoff.attach_evidence(filled, tid, data=b"1", file_name="CON.jpg")
    signoff.attach_evidence(filled, tid, data=b"2", file_name="con.jpg")  # case-insensitive clash
    signoff.attach_evidence(filled, tid, data=b"3", file_name="报告  .pdf")
    names, rows, _ = _zip(signoff.export_evidence_zip(filled, tmp_path / "safe.zip", task_id=tid))
    folder = names[0].rsplit("/", 1)[0]
    task_dir = folder.split("/")[-1]
    assert not set('<>:"|?*\\') & set(folder)
    assert len(task_dir) <= 40 and task_dir.startswith("01 建立台账每周每月报送")
    assert [n.rsplit("/", 1)[1] for n in names[:-1]] == ["_CON.jpg", "_con (2).jpg", "报告.pdf"]
    assert rows[0]["文件名"] == "CON.jpg"


def test_safe_name_rules() -> None:
    assert signoff.safe_name('a<b>c:d"e/f\\g|h?i*j') == "abcdefghij"
    assert signoff.safe_name("  名称. ") == "名称"
    assert signoff.safe_name("???") == "未命名"
    assert (
        signoff.safe_name("aux") == "_aux" and signoff.safe_name("LPT1.txt", keep_suffix=True) == "_LPT1.txt"
    )
    assert signoff.safe_name("行1\n行2\t列") == "行1 行2 列"
    long = signoff.safe_name("很" * 100 + ".pdf", 10, keep_suffix=True)
    assert long == "很" * 10 + ".pdf"


def test_zip_with_no_evidence_says_so(filled: Ledger, tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as info:
        signoff.export_evidence_zip(filled, tmp_path / "空.zip", community="南郊别墅")
    assert info.value.code == "evidence_none" and "南郊别墅" in info.value.message()
    assert not (tmp_path / "空.zip").exists()


def test_cancelled_zip_leaves_nothing(filled: Ledger, tmp_path: Path) -> None:
    for i, tid in enumerate(ids(filled)):
        signoff.attach_evidence(filled, tid, data=f"file {i}".encode(), file_name=f"{i}.jpg")
    before = sorted(p.name for p in tmp_path.iterdir())
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(ExportCancelled):
        signoff.export_evidence_zip(filled, tmp_path / "全部.zip", cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    old = write(tmp_path / "全部.zip", b"an older export")
    with pytest.raises(ExportCancelled):
        signoff.export_evidence_zip(filled, old, cancel=lambda: True)
    assert old.read_bytes() == b"an older export"


# ---- verify catches edits behind the program's back -------------------------------------------------------------
def test_verify_catches_edited_evidence_and_blob_bytes(filled: Ledger) -> None:
    tid = ids(filled)[0]
    eid = signoff.attach_evidence(filled, tid, data=b"original bytes", file_name="原件.pdf")
    conn = filled.store.conn
    sha = hashlib.sha256(b"original bytes").hexdigest()
    conn.execute("UPDATE blob SET data = ? WHERE sha256 = ?", (b"forged bytes!!", sha))
    conn.commit()
    problem = journal.verify(filled.store)
    assert problem is not None and "blob" in problem.detail and "SHA-256" in problem.detail
    conn.execute("UPDATE blob SET data = ? WHERE sha256 = ?", (b"original bytes", sha))
    conn.commit()
    assert journal.verify(filled.store) is None
    conn.execute(
        "UPDATE blob SET data = X'' WHERE sha256 = ?", (sha,)
    )  # bytes wiped under a live evidence row
    conn.commit()
    problem = journal.verify(filled.store)
    assert problem is not None and eid in problem.detail
    conn.execute("UPDATE blob SET data = ? WHERE sha256 = ?", (b"original bytes", sha))
    conn.execute("UPDATE evidence SET file_name = '另一个.pdf' WHERE id = ?", (eid,))
    conn.commit()
    problem = journal.verify(filled.store)
    assert problem is not None and "evidence" in problem.detail and "file_name" in problem.detail
