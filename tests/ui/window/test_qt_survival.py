"""Guard against the PySide6 6.12.0 / CPython 3.11 none_dealloc abort (shared/MEASURED.md)."""

import subprocess
import sys

SCRIPT = """
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(300_000):
    label.setText("x")
print("survived")
"""


def test_many_void_qt_calls_do_not_abort_the_interpreter():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "survived" in done.stdout
