"""The ledger's lock file: while one window (or command) has a ledger open to write, a second one is refused.

A plain operating-system lock on a small file beside the ledger: ``fcntl.flock`` on Linux and macOS,
``msvcrt.locking`` on the file's first byte on Windows -- the same calls the ``filelock`` package makes, so a copy
of the program from before this module and a copy from after it still exclude each other. Written here because
importing ``filelock`` (its settings, its fork handling, ``platform``, ``decimal``) cost 15-40 ms of the window's
start-up, before the first paint, for two system calls. The lock goes with the process: a killed program leaves
no stale lock behind (the file may stay; it is empty and locks nothing by itself).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

# What a refused non-blocking lock raises: EWOULDBLOCK/EAGAIN from flock, EACCES/EDEADLOCK from msvcrt.locking.
_HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


class LockHeld(Exception):
    """Another process (or another open of the same ledger in this process) holds the lock."""


class LockFile:
    """An exclusive lock on ``path`` (created if need be), taken without waiting by :meth:`acquire`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now or raise :class:`LockHeld`; ``OSError`` when the lock file cannot be written (a
        read-only folder or medium)."""
        if self._fd is not None:
            return
        if sys.platform == "win32":
            self._fd = _acquire_windows(self.path)
        else:
            self._fd = _acquire_posix(self.path)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":
            import msvcrt

            with contextlib.suppress(OSError):
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
            os.close(fd)
            with contextlib.suppress(OSError):  # as filelock does on Windows; another copy may hold it by now
                self.path.unlink()
        else:
            os.close(fd)  # closing the only descriptor releases the flock; the file stays, as with filelock

    def __enter__(self) -> LockFile:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _acquire_posix(path: Path) -> int:
    import fcntl

    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _HELD:
                raise LockHeld(str(path)) from None
            raise
        # Locked a file that was deleted (or replaced) meanwhile: a lock on nothing. Try again on the new one.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if same:
            return fd
        os.close(fd)


def _acquire_windows(path: Path) -> int:
    import msvcrt

    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC)
    except PermissionError:
        if path.exists():  # being deleted by the copy that just released it, or held open: locked
            raise LockHeld(str(path)) from None
        raise
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
    except OSError as exc:
        os.close(fd)
        if exc.errno in _HELD:
            raise LockHeld(str(path)) from None
        raise
    return fd
