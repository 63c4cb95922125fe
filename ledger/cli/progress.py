"""The command line's progress lines on stderr while an older ledger file is backed up and upgraded (stdout, and
with it --json, stays clean)."""

from __future__ import annotations

import sys
from typing import TextIO

from ledger.storage.upgrade import Stage

LONG = 2.0  # seconds a stage runs before a stderr that is no terminal (a log, a pipe) is told about it
EVERY = 10.0  # seconds between two lines on such a stderr


class StderrProgress:
    """An upgrade's progress on ``stream``: on a terminal one line per stage, rewritten in place as it goes (the
    reports come at most ten times a second); elsewhere a line only once a stage has run ``LONG`` seconds, then
    every ``EVERY`` seconds, and its last figure when it ends. "台账文件已升级。" closes what was shown."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty()) if callable(isatty) else False
        self.key: tuple[str, int] | None = None
        self.stage: Stage | None = None
        self.shown = False  # something was written about the current stage
        self.shown_any = False
        self.next_line = LONG
        self.width = 0  # of the line being rewritten on a terminal

    def __call__(self, stage: Stage) -> None:
        key = (stage.kind, stage.schema)
        if key != self.key:
            self._end_stage()
            self.key, self.next_line = key, LONG
        if stage.kind == "done":
            if self.shown_any:
                self._write(stage.sentence() + "\n")
            return
        self.stage = stage
        text = stage.sentence()
        if self.tty:
            self._write("\r" + text + " " * max(0, self.width - len(text)))
            self.width = len(text)
        elif stage.elapsed >= self.next_line:
            self._write(text + "\n")
            self.next_line = stage.elapsed + EVERY

    def _end_stage(self) -> None:
        if self.shown and self.stage is not None:
            if self.tty:
                self._write("\n")
            elif self.stage.fraction is not None:
                self._write(self.stage.sentence() + "\n")  # its last figure (100% when it finished)
        self.shown = False
        self.width = 0

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
        self.shown = self.shown_any = True
