"""A faster answer to PySide6's question "does this module use PySide6?", asked of every module imported after it.

PySide6's ``__feature__`` support (``shibokensupport.feature``) decides for each newly imported module whether
``from __feature__ import ...`` may switch it, by reading the module's source through ``inspect.getsource``:
``linecache`` opens the file, detects its encoding and splits it into lines. For the ~95 modules of the window
that costs 20-80 ms before the first paint (a window with no modules of its own pays nothing). The same answer
comes from searching the file's bytes for ``PySide6`` (the source is UTF-8, the name ASCII): ~5 ms. Modules
without a ``.py`` file still go to PySide6's own check. Nothing changes if a PySide6 version has no such function.
"""

from __future__ import annotations

import sys
from types import ModuleType


def speed_up_module_checks() -> None:
    import PySide6  # noqa: F401  (loads shibokensupport.feature)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "reads_bytes", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
