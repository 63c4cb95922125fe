"""佐证材料: files attached to tasks, kept inside the ledger by SHA-256, and the zip a superior receives.

How the bytes are kept (DESIGN "The data"; issue 3):

* ``blob`` (sha256 PRIMARY KEY, data, size) holds each distinct file once; ``evidence`` rows (journalled, without
  the bytes) say which task has which file under which name. The same file on two tasks shares one blob.
* The blob table is not journalled (the bytes would bloat the journal); ``journal.verify`` instead checks that
  every blob's bytes still hash to its key and that every live evidence row has its bytes.
* Removing an attachment sets ``evidence.removed_at`` (journalled). While another live evidence row refers to
  the same file its bytes stay; when the last one goes, the bytes are released: the blob row stays with empty
  ``data`` (a tombstone: ``evidence.sha256`` references ``blob`` and removed rows keep naming the file they
  had, so the row cannot be deleted), and the journal entry says ``released_blob: true``. Attaching the same
  file again later fills the tombstone in. SQLite reuses the freed pages; the file shrinks only on VACUUM.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
import mimetypes
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any

from ledger.core import LedgerError, Status
from ledger.storage import ExportCancelled, check_folder, new_id, replace_atomically

if TYPE_CHECKING:
    from ledger.service import Ledger

log = logging.getLogger(__name__)

MAX_MB_SETTING = "evidence_max_mb"
DEFAULT_MAX_MB = 50
CONTENTS_NAME = "目录.csv"
INDEX_NAME = (
    "目录.xlsx"  # the same list, print-ready; written by a caller that may build workbooks (ledger.office)
)
CONTENTS_COLUMNS = (
    "序号",
    "居民区",
    "问题类别",
    "反馈问题",
    "整改措施",
    "文件名",
    "压缩包内位置",
    "大小（字节）",
    "SHA-256",
    "添加人",
    "添加时间",
)
# Types mimetypes may not know on every machine (Windows reads its own registry).
EXTRA_MIME = {
    ".ofd": "application/ofd",
    ".et": "application/vnd.ms-excel",
    ".wps": "application/vnd.ms-works",
    ".heic": "image/heic",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Already compressed: stored in the zip as they are (deflating them costs time and saves nothing).
COMPRESSED = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".heic",
        ".webp",
        ".pdf",
        ".docx",
        ".xlsx",
        ".pptx",
        ".zip",
        ".rar",
        ".7z",
        ".mp4",
        ".mov",
        ".mp3",
        ".ofd",
    }
)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
# The rows of 目录.csv (CONTENTS_COLUMNS, one per file) → the bytes of 目录.xlsx
Index = Callable[[list[tuple[Any, ...]]], bytes]


@dataclass(frozen=True)
class EvidenceRow:
    """One attachment of one task. ``available``: its bytes are in the ledger (False once released)."""

    id: str
    task_id: str
    file_name: str
    mime: str
    size: int
    sha256: str
    added_by: str
    added_at: str
    removed_at: str | None
    available: bool

    @property
    def removed(self) -> bool:
        return self.removed_at is not None


def human_size(n: int) -> str:
    """A size as a person reads it: 812 字节, 3.4 KB, 51.2 MB."""
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def max_bytes(ledger: Ledger) -> int:
    """The size limit for one file, from the ledger setting ``evidence_max_mb`` (default 50 MB)."""
    value = ledger.setting(MAX_MB_SETTING, DEFAULT_MAX_MB)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise LedgerError(
            "bad_setting",
            key="佐证材料大小上限（evidence_max_mb）",
            detail=f"“{value}”不是大于 0 的兆字节数，请在设置中改正",
        )
    return int(value * 1024 * 1024)


def mime_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return mimetypes.guess_type(name)[0] or EXTRA_MIME.get(suffix) or "application/octet-stream"


def _read(path: Path, limit: int, name: str) -> bytes:
    """The file's bytes, or a LedgerError saying in a sentence why not (missing, a folder, locked, too big)."""
    try:
        if path.is_dir():
            raise LedgerError("evidence_unreadable", path=path, detail="这是一个文件夹，不是文件")
        size = path.stat().st_size
        if size > limit:
            raise LedgerError("evidence_too_big", name=name, size=human_size(size), limit=human_size(limit))
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise LedgerError("evidence_missing", path=path) from None
    except PermissionError:
        raise LedgerError(
            "evidence_unreadable", path=path, detail="没有读取权限，或文件正被其他程序占用"
        ) from None
    except OSError as exc:
        raise LedgerError("evidence_unreadable", path=path, detail=exc.strerror or str(exc)) from None
    if len(data) > limit:  # grew while we looked
        raise LedgerError(
            "evidence_too_big", name=name, size=f"超过 {human_size(limit)}", limit=human_size(limit)
        )
    return data


def attach_evidence(
    ledger: Ledger,
    task_id: str,
    path: str | Path | None = None,
    *,
    data: bytes | None = None,
    file_name: str | None = None,
) -> str:
    """Attach a file (from ``path``, or ``data`` named ``file_name``) to a task; returns the evidence id.

    Refused with a sentence, the ledger untouched: a missing, unreadable or empty file, one over the size limit,
    the same file already attached to this task. The same file on another task shares the stored bytes."""
    ledger.require_task(task_id)
    if (path is None) == (data is None):
        raise LedgerError(
            "bad_value", field="佐证材料", value="", detail="请选择一个文件（给出路径或文件内容之一）。"
        )
    limit = max_bytes(ledger)
    if path is not None:
        src = Path(path)
        name = PureWindowsPath(file_name.strip()).name if file_name and file_name.strip() else src.name
        content = _read(src, limit, name)
    else:
        name = PureWindowsPath((file_name or "").strip()).name
        if not name:
            raise LedgerError("empty_field", field="佐证材料的文件名")
        content = bytes(data or b"")
        if len(content) > limit:
            raise LedgerError(
                "evidence_too_big", name=name, size=human_size(len(content)), limit=human_size(limit)
            )
    if not content:
        raise LedgerError("evidence_empty", name=name)
    sha = hashlib.sha256(content).hexdigest()
    dup = ledger.store.rows(
        "SELECT file_name, added_by, added_at FROM evidence WHERE task_id = ? AND sha256 = ? "
        "AND removed_at IS NULL LIMIT 1",
        (task_id, sha),
    )
    if dup:
        raise LedgerError(
            "evidence_duplicate", name=dup[0]["file_name"], by=dup[0]["added_by"], at=dup[0]["added_at"]
        )
    stored = ledger.store.one("SELECT length(data) FROM blob WHERE sha256 = ?", (sha,))
    eid = new_id()
    now = ledger.clock.now().isoformat(sep=" ")
    args = {
        "task": task_id,
        "evidence": eid,
        "file_name": name,
        "sha256": sha,
        "size": len(content),
        "new_blob": not stored,
    }
    with ledger.command("attach_evidence", task_id, args) as tx:
        if stored is None:
            tx.conn.execute(
                "INSERT INTO blob (sha256, data, size) VALUES (?, ?, ?)", (sha, content, len(content))
            )
        elif not stored:  # released earlier: the bytes come back
            tx.conn.execute(
                "UPDATE blob SET data = ?, size = ? WHERE sha256 = ?", (content, len(content), sha)
            )
        tx.insert(
            "evidence",
            {
                "id": eid,
                "task_id": task_id,
                "sha256": sha,
                "file_name": name,
                "mime": mime_type(name),
                "size": len(content),
                "added_by": ledger.operator.name,
                "added_at": now,
                "removed_at": None,
            },
        )
        tx.update("task", task_id, updated_at=now)
    log.info("attached %s (%d bytes) to task %s", name, len(content), task_id)
    return eid


def _evidence_row(ledger: Ledger, evidence_id: str) -> dict[str, Any]:
    row = ledger.store.row("evidence", evidence_id)
    if row is None:
        raise LedgerError("no_such_evidence", id=evidence_id)
    return row


def remove_evidence(ledger: Ledger, evidence_id: str) -> bool:
    """Remove an attachment (journalled). Returns True when no live attachment uses the file any more and its
    bytes were released. A signed-off (已销号) task's evidence cannot be removed: reopen it first."""
    row = _evidence_row(ledger, evidence_id)
    if row["removed_at"] is not None:
        raise LedgerError("evidence_removed", name=row["file_name"], at=row["removed_at"])
    task = ledger.store.row("task", row["task_id"])
    live_task = task is not None and task["deleted_at"] is None
    if live_task and task is not None and task["status"] == Status.CLOSED.value:
        raise LedgerError("evidence_locked", name=row["file_name"])
    others = int(
        ledger.store.one(
            "SELECT COUNT(*) FROM evidence WHERE sha256 = ? AND removed_at IS NULL AND id <> ?",
            (row["sha256"], evidence_id),
        )
    )
    release = others == 0
    now = ledger.clock.now().isoformat(sep=" ")
    args = {
        "evidence": evidence_id,
        "task": row["task_id"],
        "file_name": row["file_name"],
        "sha256": row["sha256"],
        "released_blob": release,
    }
    with ledger.command("remove_evidence", row["task_id"], args) as tx:
        tx.update("evidence", evidence_id, removed_at=now)
        if live_task:
            tx.update("task", row["task_id"], updated_at=now)
        if release:
            tx.conn.execute("UPDATE blob SET data = X'' WHERE sha256 = ?", (row["sha256"],))
    return release


_SELECT = (
    "SELECT e.id, e.task_id, e.file_name, e.mime, e.size, e.sha256, e.added_by, e.added_at, e.removed_at, "
    "COALESCE(length(b.data), 0) > 0 FROM evidence e LEFT JOIN blob b ON b.sha256 = e.sha256 "
)


def _evidence_of(r: tuple[Any, ...]) -> EvidenceRow:
    return EvidenceRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]))


def evidence(ledger: Ledger, task_id: str, *, include_removed: bool = False) -> list[EvidenceRow]:
    """A task's attachments, oldest first; removed ones only with ``include_removed`` (the audit view)."""
    where = "WHERE e.task_id = ?" + ("" if include_removed else " AND e.removed_at IS NULL")
    cur = ledger.store.conn.execute(_SELECT + where + " ORDER BY e.added_at, e.rowid", (task_id,))
    return [_evidence_of(r) for r in cur.fetchall()]


def evidence_row(ledger: Ledger, evidence_id: str) -> EvidenceRow:
    r = ledger.store.conn.execute(_SELECT + "WHERE e.id = ?", (evidence_id,)).fetchone()
    if r is None:
        raise LedgerError("no_such_evidence", id=evidence_id)
    return _evidence_of(r)


def evidence_bytes(ledger: Ledger, evidence_id: str) -> bytes:
    """The file's bytes (also of a removed attachment while another task still has the same file)."""
    row = _evidence_row(ledger, evidence_id)
    data = ledger.store.one("SELECT data FROM blob WHERE sha256 = ?", (row["sha256"],))
    if not data:
        raise LedgerError("evidence_released", name=row["file_name"])
    return bytes(data)


def save_evidence_copy(ledger: Ledger, evidence_id: str, out_path: str | Path) -> Path:
    """Save a copy of one attachment; ``out_path`` may be a folder (the file keeps its name there)."""
    data = evidence_bytes(ledger, evidence_id)
    out = Path(out_path)
    if out.is_dir():
        out = out / safe_name(str(_evidence_row(ledger, evidence_id)["file_name"]), keep_suffix=True)
    check_folder(out)
    replace_atomically(out, lambda tmp: tmp.write_bytes(data))
    return out


# ---- the zip for superiors -------------------------------------------------------------------------------------
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)


def safe_name(text: str, limit: int = 60, *, keep_suffix: bool = False) -> str:
    """A file or folder name every Windows, Kylin and UOS desktop accepts: no forbidden characters, no
    reserved device name, no trailing dot or space, at most ``limit`` characters (the suffix kept)."""
    text = " ".join(_FORBIDDEN.sub("", " ".join(text.split())).split())
    stem, suffix = text, ""
    if keep_suffix:
        p = PureWindowsPath(text or "x")
        if p.suffix and len(p.suffix) <= 10 and p.stem:
            stem, suffix = text[: -len(p.suffix)], p.suffix
    stem = stem[:limit].strip(" .")
    if not stem:
        stem = "未命名"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem + suffix


class _Names:
    """Unique names within each folder, case-insensitively (Windows): "名称", "名称 (2)", …"""

    def __init__(self) -> None:
        self._taken: dict[str, set[str]] = {}
        self._given: dict[tuple[str, str], str] = {}

    def name(self, folder: str, key: str, wanted: str, *, keep_suffix: bool = False) -> str:
        if (folder, key) in self._given:
            return self._given[(folder, key)]
        taken = self._taken.setdefault(folder, set())
        candidate, n = wanted, 1
        stem, suffix = wanted, ""
        if keep_suffix and "." in wanted:
            stem, suffix = wanted[: wanted.rindex(".")], wanted[wanted.rindex(".") :]
        while candidate.lower() in taken:
            n += 1
            candidate = f"{stem} ({n}){suffix}"
        taken.add(candidate.lower())
        self._given[(folder, key)] = candidate
        return candidate


def _zip_time(stamp: str) -> tuple[int, int, int, int, int, int]:
    try:
        t = dt.datetime.fromisoformat(stamp)
    except ValueError:
        t = dt.datetime(1980, 1, 1)
    t = max(t, dt.datetime(1980, 1, 1))
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


def export_evidence_zip(
    ledger: Ledger,
    out_path: str | Path,
    *,
    task_id: str | None = None,
    community: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    index: Index | None = None,
) -> Path:
    """The live evidence of one task, one community (name or id) or the whole ledger as a zip arranged
    居民区/问题/任务/文件, with 目录.csv (UTF-8 with BOM, so Excel and WPS open it) listing every file.

    ``progress(done, total)`` after each file; when ``cancel()`` returns True the export stops, removes its
    temporary file and raises ``ExportCancelled``. The target is replaced only when complete. ``index``, when
    given, turns the listing's rows into 目录.xlsx, written beside 目录.csv (signoff builds no workbooks itself:
    ``ledger.office.evidence_index`` passes one)."""

    if task_id is not None and community is not None:
        raise LedgerError(
            "bad_value", field="导出范围", value="", detail="请只选一项任务或一个居民区，或者都不选导出全部。"
        )
    out = Path(out_path)
    if out.suffix == "":
        out = out.with_suffix(".zip")
    if out.is_dir():
        raise LedgerError(
            "bad_value", field="导出文件名", value=str(out), detail="这是一个文件夹，请输入文件名。"
        )
    check_folder(out)
    where, params, scope = "", [], "台账中"
    if task_id is not None:
        ledger.require_task(task_id)
        where, params, scope = " AND t.id = ?", [task_id], "这项任务"
    elif community is not None:
        cid = community if ledger.store.row("community", community) else ledger.community_id(community)
        name = ledger.store.one("SELECT name FROM community WHERE id = ?", (cid,))
        where, params, scope = " AND t.community_id = ?", [cid], f"居民区“{name}”"
    rows = ledger.store.rows(
        "SELECT e.id, e.file_name, e.size, e.sha256, e.added_by, e.added_at, t.id AS task_id, t.measure, "
        "c.id AS community_id, c.name AS community, cat.title AS category, p.id AS problem_id, p.title AS problem, "
        "p.rank AS problem_rank FROM evidence e JOIN task t ON t.id = e.task_id "
        "JOIN community c ON c.id = t.community_id JOIN problem p ON p.id = t.problem_id "
        "JOIN category cat ON cat.id = p.category_id "
        "WHERE e.removed_at IS NULL AND t.deleted_at IS NULL" + where + " "
        "ORDER BY c.sort, c.rowid, cat.sort, cat.rowid, p.sort, p.rowid, t.sort, t.rowid, e.added_at, e.rowid",
        params,
    )
    if not rows:
        raise LedgerError("evidence_none", scope=scope)
    total = len(rows)
    names = _Names()
    task_no: dict[tuple[str, str], int] = {}  # (problem folder, task) -> its number in that folder
    tasks_in: dict[str, int] = {}

    def write(tmp: Path) -> None:
        listing = io.StringIO()
        table = csv.writer(listing, lineterminator="\r\n")
        table.writerow(CONTENTS_COLUMNS)
        listed: list[tuple[Any, ...]] = []
        if progress is not None:
            progress(0, total)
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for done, r in enumerate(rows, start=1):
                if cancel is not None and cancel():
                    raise ExportCancelled()
                c_dir = names.name("", r["community_id"], safe_name(r["community"], 30))
                p_dir = names.name(
                    c_dir, r["problem_id"], safe_name(f"{r['problem_rank']:02d} {r['problem']}", 40)
                )
                folder = f"{c_dir}/{p_dir}"
                if (folder, r["task_id"]) not in task_no:
                    tasks_in[folder] = tasks_in.get(folder, 0) + 1
                    task_no[(folder, r["task_id"])] = tasks_in[folder]
                n = task_no[(folder, r["task_id"])]
                t_dir = names.name(folder, r["task_id"], safe_name(f"{n:02d} {r['measure']}", 40))
                folder = f"{folder}/{t_dir}"
                f_name = names.name(
                    folder, r["id"], safe_name(r["file_name"], 60, keep_suffix=True), keep_suffix=True
                )
                arcname = f"{folder}/{f_name}"
                data = ledger.store.one("SELECT data FROM blob WHERE sha256 = ?", (r["sha256"],))
                if not data:
                    raise LedgerError("evidence_released", name=r["file_name"])
                info = zipfile.ZipInfo(arcname, _zip_time(r["added_at"]))
                info.external_attr = 0o644 << 16
                stored = Path(f_name).suffix.lower() in COMPRESSED
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                zf.writestr(info, bytes(data))
                entry = (
                    done,
                    r["community"],
                    r["category"],
                    r["problem"],
                    r["measure"],
                    r["file_name"],
                    arcname,
                    r["size"],
                    r["sha256"],
                    r["added_by"],
                    r["added_at"],
                )
                table.writerow(entry)
                listed.append(entry)
                if progress is not None:
                    progress(done, total)
            if cancel is not None and cancel():
                raise ExportCancelled()
            info = zipfile.ZipInfo(CONTENTS_NAME, _zip_time(ledger.clock.now().isoformat(sep=" ")))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, listing.getvalue().encode("utf-8-sig"))
            if index is not None:
                info = zipfile.ZipInfo(INDEX_NAME, info.date_time)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_STORED  # an .xlsx is a zip already
                zf.writestr(info, index(listed))

    replace_atomically(out, write)
    log.info("exported %d evidence files to %s", total, out)
    return out
