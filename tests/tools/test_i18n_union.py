"""tools/i18n_union.py: two branches' catalogues become one without losing either side's work."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("i18n_union", ROOT / "tools" / "i18n_union.py")
assert _spec is not None and _spec.loader is not None
i18n_union = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(i18n_union)


def _ts(*messages: tuple[str, str]) -> bytes:
    body = "".join(
        f"<message><source>{src}</source><translation>{tr}</translation></message>" for src, tr in messages
    )
    return f'<TS version="2.1" language="zh_CN"><context><name>Panel</name>{body}</context></TS>'.encode()


def _read(path: Path) -> dict[str, str]:
    got = i18n_union.translations(path.read_bytes())
    return {src: tr for (_ctx, src, _c), tr in got.items()}


def test_a_reworded_translation_wins_over_the_side_that_kept_it(tmp_path: Path) -> None:
    base = _ts(("Evidence ({n})", "佐证材料（{n}）"))
    ours = _ts(("Evidence ({n})", "佐证材料（{n}）"), ("Overview", "总览"))
    theirs = _ts(("Evidence ({n})", "佐证（{n}）"))
    out = tmp_path / "zh_CN.ts"
    i18n_union.union(out, [ours, theirs], base)
    assert _read(out) == {"Evidence ({n})": "佐证（{n}）", "Overview": "总览"}


def test_without_a_base_the_first_finished_translation_stays(tmp_path: Path) -> None:
    ours = _ts(("Evidence ({n})", "佐证材料（{n}）"))
    theirs = _ts(("Evidence ({n})", "佐证（{n}）"), ("Close", "关闭"))
    out = tmp_path / "zh_CN.ts"
    i18n_union.union(out, [ours, theirs])
    assert _read(out) == {"Evidence ({n})": "佐证材料（{n}）", "Close": "关闭"}
