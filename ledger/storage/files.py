"""Writing a file the user chose: to a hidden name beside it, then moved over it, so a failure leaves nothing half-written."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from ledger.core import LedgerError


class ExportCancelled(Exception):
    """The user cancelled an export; no file was written and the temporary file is gone."""


def write_error(out: Path, exc: OSError) -> LedgerError:
    """The sentence for a file that could not be written."""
    if isinstance(exc, PermissionError):
        detail = "没有写入权限，或同名文件正被其他程序（如 Excel、WPS）打开。请关闭该文件或换一个位置后再试。"
    else:
        detail = f"写入失败（{exc.strerror or exc}）。请检查磁盘空间或换一个位置后再试。"
    return LedgerError("bad_value", field="保存位置", value=str(out), detail=detail)


def check_folder(out: Path) -> None:
    """Refuse, with a sentence, a target whose folder does not exist (before any work is done)."""
    if not out.parent.is_dir():
        raise LedgerError(
            "bad_value",
            field="保存位置",
            value=str(out.parent),
            detail="这个文件夹不存在，请选择一个已有的文件夹。",
        )


def replace_atomically(out: Path, write: Callable[[Path], object]) -> None:
    """``write(tmp)`` to a hidden file beside ``out`` (the same file system, so ``os.replace`` is atomic, and the
    file gets the folder's usual permissions), then move it over ``out``. On any failure, a cancel raised inside
    ``write`` included, the hidden file is removed and ``out`` is as it was."""
    import uuid  # here, not at the top: the window's start-up imports this module and need not wait for it

    tmp = out.with_name(f".~{out.stem}-{uuid.uuid4().hex[:8]}{out.suffix}")
    try:
        try:
            write(tmp)
            os.replace(tmp, out)
        except OSError as exc:
            raise write_error(out, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
