"""Community packages (下发包 / 上报包): issue, open, return, replace, status. The merge is in ``ledger.exchange.merge``.

A package IS a ledger file (same schema; ``Store``/``Ledger`` open it). It is created with ``Ledger.create`` and
ONE journal entry ``issue_package`` that inserts the community, its live tasks (same UUIDs), their problems and
categories, indicators, evidence rows, reviews and extensions, copies the master's settings and adds the setting
``package`` (package id, master ledger id, community, issue time, the master's journal position). Evidence bytes
are copied into ``blob`` directly (the blob table is not journalled; ``journal.verify`` hashes it). Everything a
secretary then does is an ordinary journal entry in the package, so the return carries a hash-chained log that
the master verifies and replays (``ledger.exchange.merge``).

On the master, issuing is journalled too (table ``package``), so ``package_status`` can say per community which
package went out last and which return was merged last.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ledger.core import LedgerError, Operator, Role
from ledger.service import Ledger
from ledger.storage import (
    QUERY_SECONDS,
    SCHEMA_VERSION,
    Change,
    Store,
    check_file_schema,
    guard,
    journal,
    lock_path,
    new_id,
    replace_atomically,
    stopped,
    write_error,
)

log = logging.getLogger(__name__)

PACKAGE_SETTING = "package"
RETURNED_SETTING = "returned"
ISSUE_COMMAND = "issue_package"
RETURN_COMMAND = "return_package"
# Journal commands of the package's own housekeeping: never replayed on the master.
HOUSEKEEPING = frozenset({"create_ledger", ISSUE_COMMAND, RETURN_COMMAND})
# Derived order keys the service recomputes (never journalled, so never copied).
DERIVED = {"community": ("rank",), "problem": ("rank",), "task": ("ord_problem", "ord_community")}


def _ymd(ledger_or_clock: Any) -> str:
    clock = getattr(ledger_or_clock, "clock", ledger_or_clock)
    return str(clock.today().strftime("%Y%m%d"))


def safe_file_part(name: str) -> str:
    """A community name usable in a file name on Windows and Linux."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "居民区"


def package_file_name(community: str, day: str) -> str:
    return f"{safe_file_part(community)}-下发包-{day}.db"


def return_file_name(community: str, day: str) -> str:
    return f"{safe_file_part(community)}-上报-{day}.db"


def _unique(path: Path) -> Path:
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


# ---- reading a package without writing to it --------------------------------------------------------------------
def open_read_only(path: Path) -> Store:
    """The file through a read-only connection (no lock, no WAL switch): a return is evidence, it stays as sent.

    A file with a live ``-wal`` beside it is read with its WAL; otherwise ``immutable`` (no -shm is created)."""
    path = Path(path)
    Store.check_file(path)
    wal = path.with_name(path.name + "-wal")
    mode = "ro" if wal.exists() and wal.stat().st_size > 0 else "ro&immutable=1"
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True)
    try:
        try:
            # Untrusted: no side effects from its schema, its schema ours, and every statement time-limited.
            check_file_schema(conn, path, SCHEMA_VERSION)
        except sqlite3.DatabaseError as exc:
            raise LedgerError("package_damaged", path=path, detail=str(exc)) from None
        guard(conn)
    except BaseException:
        conn.close()
        raise
    return Store(path, conn, None)


def package_setting(store: Store) -> dict[str, Any] | None:
    raw = store.one("SELECT value FROM setting WHERE key = ?", (PACKAGE_SETTING,))
    return None if raw is None else json.loads(raw)


def is_package(ledger: Ledger) -> bool:
    return ledger.setting(PACKAGE_SETTING) is not None


def require_master(ledger: Ledger) -> None:
    info = ledger.setting(PACKAGE_SETTING)
    if info is not None:
        raise LedgerError("package_is_package", path=ledger.path, community=info.get("community", ""))


@dataclass(frozen=True)
class PackageInfo:
    """What a package file says about itself, and what its journal holds since issue."""

    path: Path
    package_id: str
    master_ledger_id: str
    community_id: str
    community: str
    issued_at: str
    issued_by: str
    master_seq: int
    issue_seq: int
    last_seq: int
    work_seqs: tuple[int, ...]  # the secretary's entries since issue (housekeeping left out)
    returned_seq: int | None  # the journal position at the last 上报
    returned_at: str | None
    merged: dict[str, int] = field(default_factory=dict)  # package id -> last package seq merged at issue

    @property
    def unreturned(self) -> tuple[int, ...]:
        return tuple(s for s in self.work_seqs if self.returned_seq is None or s > self.returned_seq)


def read_info(store: Store) -> PackageInfo:
    """A ``PackageInfo`` from an open package store; ``package_not_package`` if it is none."""
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "setting" not in tables or "journal" not in tables:
        raise LedgerError("package_not_package", path=store.path, detail="缺少台账的数据表")
    app = store.one("SELECT value FROM setting WHERE key = 'app'")
    if app != '"zhenggai-ledger"':
        raise LedgerError("package_not_package", path=store.path, detail="不是本程序创建的文件")
    info = package_setting(store)
    if info is None:
        raise LedgerError("package_not_package", path=store.path, detail="这是一本台账，不是下发包或上报包")
    issue_seq = store.one("SELECT MIN(seq) FROM journal WHERE command = ?", (ISSUE_COMMAND,))
    if issue_seq is None:
        raise LedgerError("package_not_package", path=store.path, detail="没有下发记录")
    work = [
        int(r[0])
        for r in store.conn.execute(
            "SELECT seq FROM journal WHERE seq > ? AND command NOT IN (?, ?, ?) ORDER BY seq",
            (issue_seq, *sorted(HOUSEKEEPING)),
        )
    ]
    raw = store.one("SELECT value FROM setting WHERE key = ?", (RETURNED_SETTING,))
    returned = json.loads(raw) if raw else None
    return PackageInfo(
        store.path,
        str(info["package_id"]),
        str(info["master_ledger_id"]),
        str(info["community_id"]),
        str(info["community"]),
        str(info["issued_at"]),
        str(info.get("issued_by", "")),
        int(info["master_seq"]),
        int(issue_seq),
        journal.last_seq(store),
        tuple(work),
        None if returned is None else int(returned["seq"]),
        None if returned is None else str(returned["at"]),
        {str(k): int(v) for k, v in (info.get("merged") or {}).items()},
    )


def open_package_info(path: str | Path) -> PackageInfo:
    """Read a package's description without changing it (refused with a sentence when it is not one)."""
    path = Path(path)
    store = open_read_only(path)
    try:
        try:
            return read_info(store)
        except sqlite3.DatabaseError as exc:
            raise damaged(path, exc) from None
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            # What a hostile file's settings hold instead of ours (a number for a text, JSON that is no object).
            raise LedgerError("package_damaged", path=path, detail=f"内容不是本程序写的：{exc}") from None
    finally:
        store.conn.close()


def damaged(path: Path, exc: sqlite3.DatabaseError) -> LedgerError:
    """The sentence for a package that SQLite could not read: too slow (a statement stopped), or damaged."""
    if stopped(exc):
        return LedgerError("file_too_slow", path=path, seconds=f"{QUERY_SECONDS:g}")
    return LedgerError("package_damaged", path=path, detail=str(exc))


# ---- issuing (工作专班, on the master) ----------------------------------------------------------------------------
def _strip(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    drop = DERIVED.get(table, ())
    return [{k: v for k, v in r.items() if k not in drop} for r in rows] if drop else rows


def _snapshot(ledger: Ledger, community_id: str) -> dict[str, list[dict[str, Any]]]:
    s = ledger.store
    live = "SELECT id FROM task WHERE community_id = ? AND deleted_at IS NULL"
    out = {
        "community": s.rows("SELECT * FROM community WHERE id = ?", (community_id,)),
        "category": s.rows(
            "SELECT * FROM category WHERE id IN (SELECT p.category_id FROM problem p WHERE p.id IN "
            "(SELECT problem_id FROM task WHERE community_id = ? AND deleted_at IS NULL)) "
            "ORDER BY sort, rowid",
            (community_id,),
        ),
        "problem": s.rows(
            "SELECT * FROM problem WHERE id IN (SELECT problem_id FROM task WHERE community_id = ? "
            "AND deleted_at IS NULL) ORDER BY sort, rowid",
            (community_id,),
        ),
        "task": s.rows(
            "SELECT * FROM task WHERE community_id = ? AND deleted_at IS NULL ORDER BY rowid", (community_id,)
        ),
    }
    for table in ("indicator", "evidence", "review", "extension"):
        out[table] = s.rows(
            f"SELECT * FROM {table} WHERE task_id IN ({live}) ORDER BY rowid", (community_id,)
        )
    return {t: _strip(t, rows) for t, rows in out.items()}


INSERT_ORDER = ("category", "problem", "community", "task", "indicator", "evidence", "review", "extension")


def issue_package(ledger: Ledger, community: str, out: str | Path) -> Path:
    """下发: write the package of one community (by name or id) to ``out`` (a .db path, or a folder where it is
    named "{居民区}-下发包-YYYYMMDD.db"), record it on the master (journalled), and return its path."""
    require_master(ledger)
    cid = community if ledger.store.row("community", community) else ledger.community_id(community)
    com = ledger.store.row("community", cid)
    assert com is not None
    out = Path(out)
    day = _ymd(ledger)
    if out.suffix.lower() == ".db" and not out.is_dir():
        path = out
        if path.exists():
            raise LedgerError("exists", path=path)
    else:
        out.mkdir(parents=True, exist_ok=True)
        path = _unique(out / package_file_name(com["name"], day))
    master_seq = journal.last_seq(ledger.store)
    package_id = new_id()
    now = ledger.clock.now().isoformat(sep=" ")
    merged = {
        r[0]: int(r[1])
        for r in ledger.store.conn.execute(
            "SELECT m.package_id, MAX(m.package_seq) FROM merged_entry m JOIN package p ON p.id = m.package_id "
            "WHERE p.community_id = ? GROUP BY m.package_id",
            (cid,),
        )
    }
    info = {
        "package_id": package_id,
        "master_ledger_id": ledger.setting("ledger_id"),
        "community_id": cid,
        "community": com["name"],
        "issued_at": now,
        "issued_by": ledger.operator.name,
        "master_seq": master_seq,
        "org": ledger.org_name,
        "merged": merged,
    }
    tables = _snapshot(ledger, cid)
    settings = [
        (r["key"], json.loads(r["value"]))
        for r in ledger.store.rows(
            "SELECT key, value FROM setting WHERE key NOT IN ('app', ?, ?) ORDER BY key",
            (PACKAGE_SETTING, RETURNED_SETTING),
        )
    ]
    part = path.with_name(path.name + ".part")
    for leftover in (part, part.with_name(part.name + "-wal"), part.with_name(part.name + "-shm")):
        leftover.unlink(missing_ok=True)
    pkg = Ledger.create(part, org=ledger.org_name, clock=ledger.clock, operator=ledger.operator)
    try:
        args = {
            "package_id": package_id,
            "community": com["name"],
            "master_seq": master_seq,
            "tasks": len(tables["task"]),
        }
        with pkg.command(ISSUE_COMMAND, None, args) as tx:
            for key, value in settings:
                pkg.put_setting(tx, key, value)
            pkg.put_setting(tx, PACKAGE_SETTING, info)
            conn = pkg.store.conn
            for table in INSERT_ORDER:
                rows = tables[table]
                if table == "evidence":
                    _copy_blobs(ledger, conn, cid)
                if not rows:
                    continue
                cols = list(rows[0])
                conn.executemany(
                    f"INSERT INTO {table} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                    ([r[c] for c in cols] for r in rows),
                )
                tx.changes.extend(Change("insert", table, r["id"], row=r) for r in rows)
    except BaseException:
        pkg.close()
        part.unlink(missing_ok=True)
        raise
    pkg.close()
    lock_path(part).unlink(missing_ok=True)
    part.replace(path)
    try:
        with ledger.command(
            ISSUE_COMMAND,
            None,
            {"package_id": package_id, "community": com["name"], "file": path.name, "master_seq": master_seq},
        ) as tx:
            tx.insert(
                "package",
                {
                    "id": package_id,
                    "community_id": cid,
                    "issued_at": now,
                    "issued_by": ledger.operator.name,
                    "master_seq": master_seq,
                    "file_name": path.name,
                },
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _copy_blobs(ledger: Ledger, dest: sqlite3.Connection, community_id: str) -> None:
    cur = ledger.store.conn.execute(
        "SELECT b.sha256, b.data, b.size FROM blob b WHERE b.sha256 IN (SELECT e.sha256 FROM evidence e "
        "JOIN task t ON t.id = e.task_id WHERE t.community_id = ? AND t.deleted_at IS NULL)",
        (community_id,),
    )
    while True:
        batch = cur.fetchmany(20)
        if not batch:
            break
        dest.executemany("INSERT INTO blob (sha256, data, size) VALUES (?, ?, ?)", batch)


def issue_all(ledger: Ledger, out_dir: str | Path) -> list[Path]:
    """下发 one package per community (those with live tasks) into ``out_dir``."""
    require_master(ledger)
    out_dir = Path(out_dir)
    ids = [
        r[0]
        for r in ledger.store.conn.execute(
            "SELECT c.id FROM community c WHERE EXISTS (SELECT 1 FROM task t WHERE t.community_id = c.id "
            "AND t.deleted_at IS NULL) ORDER BY c.sort, c.rowid"
        )
    ]
    return [issue_package(ledger, cid, out_dir) for cid in ids]


# ---- 上报 (居民区书记, offline) -------------------------------------------------------------------------------------
def return_package(
    package_path: str | Path,
    out_dir: str | Path | None = None,
    *,
    clock: Any = None,
    operator: Operator | None = None,
) -> Path:
    """上报 from a package file that is not open (the command line): see ``return_ledger``."""
    led = Ledger.open(Path(package_path), clock=clock)
    try:
        return return_ledger(led, out_dir, operator=operator)
    finally:
        led.close()


def return_ledger(
    led: Ledger, out_dir: str | Path | None = None, *, operator: Operator | None = None
) -> Path:
    """上报: mark the open package as returned (journalled, as ``operator``: by default the community's
    secretary) and write a consistent copy (SQLite backup API) named "{居民区}-上报-YYYYMMDD.db" beside it (or in
    ``out_dir``); returns the copy's path. The package stays the secretary's working copy. A place that cannot
    take the copy is refused before the return is recorded: the package is then as it was."""
    info = read_info(led.store)
    if operator is None:
        secretary = led.store.one("SELECT secretary FROM community WHERE id = ?", (info.community_id,))
        operator = Operator(str(secretary or "居民区书记"), Role.SECRETARY)
    target = Path(out_dir) if out_dir is not None else led.path.parent
    out = target / return_file_name(info.community, _ymd(led))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(out, exc) from exc
    if out.resolve() == led.path.resolve():
        raise LedgerError("exists", path=out)
    seq = journal.last_seq(led.store)

    def write(tmp: Path) -> None:
        # A first copy proves the place takes the file (permissions, space) before the return is recorded; the
        # copy handed over is taken after, so that it carries the record.
        led.store.backup(tmp)
        with (
            led.acting_as(operator),
            led.command(RETURN_COMMAND, None, {"package_id": info.package_id, "seq": seq}) as tx,
        ):
            led.put_setting(
                tx,
                RETURNED_SETTING,
                {"at": led.clock.now().isoformat(sep=" "), "seq": seq, "by": operator.name},
            )
        led.store.backup(tmp)

    replace_atomically(out, write)
    log.info("returned package %s to %s", info.package_id, out)
    return out


# ---- a new package over a copy with unreturned work ---------------------------------------------------------------
@dataclass(frozen=True)
class ReplaceCheck:
    ok: bool
    sentence: str
    pending: int
    same: bool = False  # the same package: there is nothing to replace
    error: LedgerError | None = None  # why not, when not ok


def check_replace(old_package_path: str | Path, new_package_path: str | Path) -> ReplaceCheck:
    """May the secretary's copy ``old`` be replaced by the new package? Says plainly what to do first if not."""
    old = open_package_info(old_package_path)
    new = open_package_info(new_package_path)
    if old.community_id != new.community_id or old.master_ledger_id != new.master_ledger_id:
        err = LedgerError(
            "package_replace_mismatch",
            new=Path(new_package_path).name,
            new_community=new.community,
            old=Path(old_package_path).name,
            old_community=old.community,
        )
        return ReplaceCheck(False, err.message(), len(old.work_seqs), error=err)
    if old.package_id == new.package_id:
        return ReplaceCheck(True, "这是同一个下发包，无需替换。", 0, same=True)
    merged_through = new.merged.get(old.package_id, 0)
    not_merged = [s for s in old.work_seqs if s > merged_through]
    if not not_merged:
        return ReplaceCheck(
            True,
            f"旧的下发包中的修改已全部合并到主台账（{len(old.work_seqs)} 条），可以用新的下发包替换。",
            0,
        )
    unreturned = [s for s in not_merged if s in old.unreturned]
    store = open_read_only(Path(old_package_path))
    try:
        last_row = store.rows("SELECT at, actor, command FROM journal WHERE seq = ?", (not_merged[-1],))[0]
    finally:
        store.conn.close()
    last = f"{last_row['at']} {last_row['actor']} {last_row['command']}"
    if unreturned:
        err = LedgerError(
            "package_unreturned",
            old=Path(old_package_path).name,
            count=len(unreturned),
            last=last,
            state="还没有上报",
            todo="在旧包中点“上报”（或运行 python main.py return-package 旧包），把生成的上报文件交工作专班合并，"
            "等工作专班重新下发",
        )
    else:
        err = LedgerError(
            "package_unreturned",
            old=Path(old_package_path).name,
            count=len(not_merged),
            last=last,
            state="已经上报，但新包下发时工作专班还没有合并",
            todo="请工作专班先导入您的上报文件，再重新下发",
        )
    return ReplaceCheck(False, err.message(), len(not_merged), error=err)


def replace_package(old_package_path: str | Path, new_package_path: str | Path) -> Path:
    """Put the new package where the old copy was, keeping the old one beside it ("….旧包-时间.db"); refused with
    ``package_unreturned`` (nothing moved) while the old copy has work the master has not merged."""
    old, new = Path(old_package_path), Path(new_package_path)
    if old.resolve() == new.resolve():
        return old  # the same file: nothing to do
    check = check_replace(old, new)
    if check.error is not None:
        raise check.error
    if check.same:
        return old  # the same package again: the secretary's working copy stays as it is
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    keep = old.with_name(f"{old.stem}.旧包-{stamp}{old.suffix}")
    old.replace(keep)
    for suffix in ("-wal", "-shm"):
        side = old.with_name(old.name + suffix)
        if side.exists():
            side.replace(keep.with_name(keep.name + suffix))
    shutil.copyfile(new, old)
    return old


# ---- what the work team sees per community ------------------------------------------------------------------------
def package_status(ledger: Ledger) -> list[dict[str, Any]]:
    """Per community: the last package issued and the last return merged (with its counts), and open conflicts."""
    out = []
    for c in ledger.store.rows("SELECT id, name FROM community ORDER BY sort, rowid"):
        issued = ledger.store.rows(
            "SELECT * FROM package WHERE community_id = ? ORDER BY issued_at DESC, rowid DESC LIMIT 1",
            (c["id"],),
        )
        merged = ledger.store.rows(
            "SELECT m.*, p.file_name AS package_file FROM package_merge m JOIN package p ON p.id = m.package_id "
            "WHERE p.community_id = ? ORDER BY m.merged_at DESC, m.rowid DESC LIMIT 1",
            (c["id"],),
        )
        open_conflicts = int(
            ledger.store.one(
                "SELECT COUNT(*) FROM merge_conflict x JOIN package p ON p.id = x.package_id WHERE p.community_id = ? "
                "AND x.status = 'open'",
                (c["id"],),
            )
        )
        out.append(
            {
                "community_id": c["id"],
                "community": c["name"],
                "last_issued": None
                if not issued
                else {
                    "package_id": issued[0]["id"],
                    "at": issued[0]["issued_at"],
                    "by": issued[0]["issued_by"],
                    "file": issued[0]["file_name"],
                    "master_seq": issued[0]["master_seq"],
                },
                "last_merged": None
                if not merged
                else {
                    "package_id": merged[0]["package_id"],
                    "at": merged[0]["merged_at"],
                    "by": merged[0]["merged_by"],
                    "file": merged[0]["file_name"],
                    "applied": merged[0]["applied"],
                    "conflicts": merged[0]["conflicts"],
                    "refused": merged[0]["refused"],
                },
                "open_conflicts": open_conflicts,
            }
        )
    return out


def copy_installer(installer: str | Path, folder: str | Path) -> Path:
    """下发 with the program: copy the installer file (the .deb or the Windows setup .exe) into the packages' folder,
    so that one USB stick carries everything a secretary needs. A file of the same name and size already there is
    taken as the same installer and left as it is. Returns the copy's path; a missing installer is a sentence."""
    source = Path(installer)
    if not source.is_file():
        raise LedgerError("installer_missing", path=source)
    target = Path(folder) / source.name
    if target.exists() and (target.samefile(source) or target.stat().st_size == source.stat().st_size):
        return target
    replace_atomically(target, lambda tmp: shutil.copyfile(source, tmp))
    return target
