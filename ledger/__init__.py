"""The rectification ledger (整改台账): domain, storage and commands, with no Qt."""

from __future__ import annotations

import importlib
import sys
from typing import Any


def lazy_attribute(room: str, homes: dict[str, str], name: str) -> Any:
    """A room's face (its ``__init__``, PEP 562 ``__getattr__``): ``name`` from the module of ``room`` that
    ``homes`` names, imported on first use and kept on the face from then on; AttributeError for any other name."""
    home = homes.get(name)
    if home is None:
        raise AttributeError(f"module {room!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{room}.{home}"), name)
    setattr(sys.modules[room], name, value)  # asked once
    return value
